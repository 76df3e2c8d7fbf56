#include "governance/auditsignature.h"

#include "governance/credentials.h"
#include "store/projectdb.h"

#include <sodium.h>
#include <QJsonObject>

namespace phm::core::audit {

QString keyFingerprint(const QByteArray &signPublic) {
    unsigned char out[16];
    crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char *>(signPublic.constData()), size_t(signPublic.size()), nullptr,
                       0);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(out), sizeof out).toHex());
}

QByteArray signatureKey(const Entry &signature) {
    return QByteArray::fromBase64(signature.detail.value(QStringLiteral("key")).toString().toLatin1());
}

QByteArray headMessage(qint64 seq, const QString &hash) {
    return QByteArrayLiteral("PHM Workbench audit head\n") + QByteArray::number(seq) + '\n' + hash.toLatin1();
}

Result<Signed> signHead(const QString &projectPath, const UnlockedCredential &admin) {
    if (auto s = requireRole(admin.user, Role::Admin, QStringLiteral("sign the audit log")); !s) return s.error();
    if (sodium_init() < 0) return Error{ErrorCode::NoCrypto, QStringLiteral("libsodium could not start"), projectPath};
    auto opened = ProjectDb::open(projectPath, true);
    if (!opened) return opened.error();
    ProjectDb &db = *opened.value();
    Signed out;
    QByteArray signature(crypto_sign_BYTES, '\0');
    // The head is read and signed inside the same locked transaction that appends the signature.
    Entry e{0, {}, admin.user.name, roleName(admin.user.role), QStringLiteral("audit-signed"), {}, {}, {}};
    e.redact = false;  // nothing in it but numbers and key material the program made
    Status s = writeWithEntry(db, e, [&]() -> Status {
        const QString head = db.meta(QStringLiteral("audit.head"));
        out.seq = head.section(QLatin1Char(' '), 0, 0).toLongLong();
        out.hash = head.section(QLatin1Char(' '), 1, 1);
        if (out.seq < 1 || out.hash.size() != 64)
            return Error{ErrorCode::NoHead, QStringLiteral("%1 has no audit head to sign").arg(projectPath), projectPath};
        const QByteArray message = headMessage(out.seq, out.hash);
        crypto_sign_detached(reinterpret_cast<unsigned char *>(signature.data()), nullptr,
                             reinterpret_cast<const unsigned char *>(message.constData()), size_t(message.size()), admin.signSecret.data());
        out.fingerprint = keyFingerprint(admin.signPublic);
        e.detail = QJsonObject{{QStringLiteral("signed_seq"), out.seq},
                               {QStringLiteral("signed_hash"), QString::fromLatin1(QByteArray::fromHex(out.hash.toLatin1()).toBase64())},
                               {QStringLiteral("key"), QString::fromLatin1(admin.signPublic.toBase64())},
                               {QStringLiteral("signature"), QString::fromLatin1(signature.toBase64())}};
        return Ok{};
    });
    if (!s) return s.error();
    return out;
}

QString checkSignature(const Entry &signature, const std::vector<QString> &hashes) {
    const qint64 seq = signature.detail.value(QStringLiteral("signed_seq")).toInteger();
    const QString hash =
        QString::fromLatin1(QByteArray::fromBase64(signature.detail.value(QStringLiteral("signed_hash")).toString().toLatin1()).toHex());
    const QByteArray key = signatureKey(signature);
    const QByteArray sig = QByteArray::fromBase64(signature.detail.value(QStringLiteral("signature")).toString().toLatin1());
    if (seq < 1 || seq >= signature.seq || seq > qint64(hashes.size()))
        return QStringLiteral("entry %1 signs entry %2, which is not before it").arg(signature.seq).arg(seq);
    if (hashes[size_t(seq - 1)] != hash)
        return QStringLiteral("entry %1 was signed by %2 but has changed since (the log was rewritten at or before it)")
            .arg(seq)
            .arg(signature.user);
    if (key.size() != crypto_sign_PUBLICKEYBYTES || sig.size() != crypto_sign_BYTES)
        return QStringLiteral("entry %1 holds a malformed signature").arg(signature.seq);
    const QByteArray message = headMessage(seq, hash);
    if (sodium_init() < 0 ||
        crypto_sign_verify_detached(reinterpret_cast<const unsigned char *>(sig.constData()),
                                    reinterpret_cast<const unsigned char *>(message.constData()), size_t(message.size()),
                                    reinterpret_cast<const unsigned char *>(key.constData())) != 0)
        return QStringLiteral("the signature in entry %1 does not verify (it was forged or altered)").arg(signature.seq);
    return {};
}

}  // namespace phm::core::audit
