#include "governance/credentials.h"

#include "governance/audit.h"
#include "store/projectdb.h"

#include <sodium.h>
#include <QDateTime>
#include <QJsonObject>
#include <cstring>

namespace phm::core {

namespace {
// The key that seals a user's secret keys: Argon2id over the passphrase (2 passes, 64 MiB).
constexpr unsigned long long kSealOps = 2;
constexpr size_t kSealMem = size_t(64) << 20;
constexpr size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr size_t kSecrets = crypto_box_SECRETKEYBYTES + crypto_sign_SECRETKEYBYTES;

bool ready() {
    static const bool ok = sodium_init() >= 0;
    return ok;
}

Error refused(ErrorCode code, const QString &message, const QString &login) { return Error{code, message, login}; }

Error dbError(ProjectDb &db, const QString &what) {
    return Error{ErrorCode::SqlError, QStringLiteral("%1: %2").arg(what, db.lastError()), db.path()};
}

QByteArray blob(const Statement &st, int i) {
    const void *p = st.columnBlob(i);
    return p ? QByteArray(static_cast<const char *>(p), st.columnBytes(i)) : QByteArray();
}

struct Stored {
    QByteArray verifier, salt, boxPublic, signPublic, sealed;
};

Result<std::optional<Stored>> stored(ProjectDb &db, const QString &login) {
    if (db.schemaVersion() < 6) return std::optional<Stored>();
    Statement st(db, QStringLiteral("SELECT verifier, salt, box_public, sign_public, sealed_secrets FROM credential WHERE login = ?"));
    st.bindText(1, login);
    if (!st.step()) {
        if (!st.ok()) return dbError(db, QStringLiteral("cannot read the credentials"));
        return std::optional<Stored>();
    }
    return std::optional<Stored>(Stored{st.columnText(0).toLatin1(), blob(st, 1), blob(st, 2), blob(st, 3), blob(st, 4)});
}

bool deriveSealKey(SecretBytes &key, const QByteArray &passphrase, const QByteArray &salt) {
    return salt.size() == crypto_pwhash_SALTBYTES &&
           crypto_pwhash(key.data(), key.size(), passphrase.constData(), size_t(passphrase.size()),
                         reinterpret_cast<const unsigned char *>(salt.constData()), kSealOps, kSealMem, crypto_pwhash_ALG_ARGON2ID13) == 0;
}

QString noCredentialHelp(ProjectDb &db, const QString &login) {
    return adminCredentialExists(db)
               ? QStringLiteral("%1 has no passphrase in this project: an admin sets one with `phm users passphrase --name %1`").arg(login)
               : QStringLiteral(
                     "no admin of this project has set a passphrase yet: the project's admin sets theirs first with "
                     "`phm users passphrase --project %1 --name LOGIN`")
                     .arg(db.path());
}
}  // namespace

SecretBytes::SecretBytes(size_t size) : mSize(size) {
    if (size > 0 && ready()) mData = static_cast<unsigned char *>(sodium_malloc(size));
    if (!mData) mSize = 0;
}

SecretBytes::~SecretBytes() {
    if (mData) sodium_free(mData);  // wipes before freeing
}

bool hasCredential(ProjectDb &db, const QString &login) {
    auto s = stored(db, login);
    return s && s.value().has_value();
}

bool adminCredentialExists(ProjectDb &db) {
    if (db.schemaVersion() < 6) return false;
    Statement st(db, QStringLiteral("SELECT 1 FROM credential c JOIN app_user u ON u.name = c.login WHERE u.role = 'admin'"));
    return st.step();
}

Result<std::unique_ptr<UnlockedCredential>> unlockCredential(ProjectDb &db, const QString &login, const QByteArray &passphrase) {
    if (!ready()) return refused(ErrorCode::NoSodium, QStringLiteral("libsodium could not be initialised"), login);
    auto user = findUser(db, login);
    if (!user) return user.error();
    if (!user.value().listed || user.value().role == Role::Analyst)
        return refused(ErrorCode::NotPrivileged,
                       QStringLiteral("%1 is not an admin or clinician of this project: there is nothing to prove").arg(login), login);
    auto s = stored(db, login);
    if (!s) return s.error();
    if (!s.value()) return refused(ErrorCode::NoCredential, noCredentialHelp(db, login), login);
    const Stored &c = *s.value();
    QByteArray verifier = c.verifier;
    verifier.append('\0');
    if (passphrase.isEmpty() ||
        crypto_pwhash_str_verify(verifier.constData(), passphrase.constData(), static_cast<unsigned long long>(passphrase.size())) != 0)
        return refused(ErrorCode::WrongPassphrase, QStringLiteral("the passphrase of %1 is not right").arg(login), login);
    auto out = std::make_unique<UnlockedCredential>();
    SecretBytes key(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
    SecretBytes plain(kSecrets);
    unsigned long long plainBytes = 0;
    const QByteArray ad = login.toUtf8();
    if (!key.data() || !plain.data() || !deriveSealKey(key, passphrase, c.salt) ||
        c.sealed.size() != qsizetype(kNonce + kSecrets + crypto_aead_xchacha20poly1305_ietf_ABYTES) ||
        crypto_aead_xchacha20poly1305_ietf_decrypt(
            plain.data(), &plainBytes, nullptr, reinterpret_cast<const unsigned char *>(c.sealed.constData()) + kNonce,
            size_t(c.sealed.size()) - kNonce, reinterpret_cast<const unsigned char *>(ad.constData()), size_t(ad.size()),
            reinterpret_cast<const unsigned char *>(c.sealed.constData()), key.data()) != 0 ||
        plainBytes != kSecrets)
        return refused(ErrorCode::DamagedCredential,
                       QStringLiteral("the sealed keys of %1 do not open with the passphrase: the credential is damaged; an admin can "
                                      "set a new passphrase")
                           .arg(login),
                       login);
    std::memcpy(out->boxSecret.data(), plain.data(), crypto_box_SECRETKEYBYTES);
    std::memcpy(out->signSecret.data(), plain.data() + crypto_box_SECRETKEYBYTES, crypto_sign_SECRETKEYBYTES);
    out->boxPublic = c.boxPublic;
    out->signPublic = c.signPublic;
    out->user = user.value();
    out->user.proven = true;
    return out;
}

Result<User> authenticate(ProjectDb &db, const QString &login, const QByteArray &passphrase) {
    auto unlocked = unlockCredential(db, login, passphrase);
    if (!unlocked) return unlocked.error();
    return unlocked.value()->user;
}

Result<User> authenticate(const QString &projectPath, const QString &login, const QByteArray &passphrase) {
    auto opened = ProjectDb::open(projectPath, false);
    if (!opened) return opened.error();
    return authenticate(*opened.value(), login, passphrase);
}

Status setPassphrase(ProjectDb &db, const User &actor, const QString &login, const QByteArray &passphrase, const UnlockedCredential *own) {
    if (!ready()) return refused(ErrorCode::NoSodium, QStringLiteral("libsodium could not be initialised"), login);
    if (auto s = db.migrate(); !s) return s;
    auto target = findUser(db, login);
    if (!target) return target.error();
    if (!target.value().listed || target.value().role == Role::Analyst)
        return refused(ErrorCode::NotPrivileged,
                       QStringLiteral("only admins and clinicians have passphrases; %1 is not one in this project").arg(login), login);
    if (passphrase.size() < kMinPassphraseLength)
        return refused(ErrorCode::WeakPassphrase, QStringLiteral("a passphrase has at least %1 characters").arg(kMinPassphraseLength),
                       login);
    const bool firstAdmin = !adminCredentialExists(db) && target.value().role == Role::Admin && actor.name == login;
    const bool byAdmin = actor.proven && actor.listed && actor.role == Role::Admin;
    const bool byOwner = actor.proven && actor.name == login && own;
    if (!firstAdmin && !byAdmin && !byOwner)
        return refused(ErrorCode::NotPermitted,
                       actor.name == login
                           ? QStringLiteral("to change your passphrase, give your current one (--passphrase-file FILE)")
                           : QStringLiteral("only an admin, proven by their passphrase, can set %1's passphrase").arg(login),
                       login);
    // Keys: the owner keeps theirs (resealed); anyone else's reset makes new ones.
    QByteArray boxPublic(crypto_box_PUBLICKEYBYTES, '\0'), signPublic(crypto_sign_PUBLICKEYBYTES, '\0');
    SecretBytes secrets(kSecrets);
    if (!secrets.data()) return refused(ErrorCode::NoMemory, QStringLiteral("cannot lock memory for keys"), login);
    if (own && own->user.name == login) {
        boxPublic = own->boxPublic;
        signPublic = own->signPublic;
        std::memcpy(secrets.data(), own->boxSecret.data(), crypto_box_SECRETKEYBYTES);
        std::memcpy(secrets.data() + crypto_box_SECRETKEYBYTES, own->signSecret.data(), crypto_sign_SECRETKEYBYTES);
    } else {
        crypto_box_keypair(reinterpret_cast<unsigned char *>(boxPublic.data()), secrets.data());
        crypto_sign_keypair(reinterpret_cast<unsigned char *>(signPublic.data()), secrets.data() + crypto_box_SECRETKEYBYTES);
    }
    char verifier[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(verifier, passphrase.constData(), static_cast<unsigned long long>(passphrase.size()),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return refused(ErrorCode::NoMemory, QStringLiteral("not enough memory to hash the passphrase"), login);
    QByteArray salt(crypto_pwhash_SALTBYTES, '\0');
    randombytes_buf(salt.data(), size_t(salt.size()));
    SecretBytes key(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
    if (!key.data() || !deriveSealKey(key, passphrase, salt))
        return refused(ErrorCode::NoMemory, QStringLiteral("not enough memory to derive the sealing key"), login);
    QByteArray sealed(qsizetype(kNonce + kSecrets + crypto_aead_xchacha20poly1305_ietf_ABYTES), '\0');
    auto *out = reinterpret_cast<unsigned char *>(sealed.data());
    randombytes_buf(out, kNonce);
    const QByteArray ad = login.toUtf8();
    unsigned long long sealedBytes = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(out + kNonce, &sealedBytes, secrets.data(), kSecrets,
                                               reinterpret_cast<const unsigned char *>(ad.constData()), size_t(ad.size()), nullptr, out,
                                               key.data());
    const User &by = firstAdmin ? target.value() : actor;
    const bool newKeys = !(own && own->user.name == login);
    audit::Entry e{
        0,
        {},
        by.name,
        roleName(by.role),
        QStringLiteral("set-passphrase"),
        QJsonObject{{QStringLiteral("user"), login}, {QStringLiteral("new_keys"), newKeys}, {QStringLiteral("first_admin"), firstAdmin}},
        {},
        {}};
    // The credential and its audit entry in one transaction, under the project's write lock.
    return audit::writeWithEntry(db, e, [&]() -> Status {
        Statement st(db, QStringLiteral("INSERT OR REPLACE INTO credential(login, verifier, salt, box_public, sign_public, "
                                        "sealed_secrets, set_at, set_by) VALUES (?,?,?,?,?,?,?,?)"));
        st.bindText(1, login);
        st.bindText(2, QString::fromLatin1(verifier));
        st.bindBlob(3, salt.constData(), size_t(salt.size()));
        st.bindBlob(4, boxPublic.constData(), size_t(boxPublic.size()));
        st.bindBlob(5, signPublic.constData(), size_t(signPublic.size()));
        st.bindBlob(6, sealed.constData(), size_t(sealed.size()));
        st.bindText(7, QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
        st.bindText(8, by.name);
        if (!st.stepDone()) return dbError(db, QStringLiteral("cannot save the credential"));
        return Ok{};
    });
}

Status setPassphrase(const QString &projectPath, const User &actor, const QString &login, const QByteArray &passphrase,
                     const UnlockedCredential *own) {
    auto opened = ProjectDb::open(projectPath, true);
    if (!opened) return opened.error();
    return setPassphrase(*opened.value(), actor, login, passphrase, own);
}

Result<std::vector<PublicKeys>> publicKeys(ProjectDb &db) {
    std::vector<PublicKeys> out;
    if (db.schemaVersion() < 6) return out;
    Statement st(db, QStringLiteral("SELECT login, box_public, sign_public FROM credential ORDER BY login"));
    while (st.step()) out.push_back({st.columnText(0), blob(st, 1), blob(st, 2)});
    if (!st.ok()) return dbError(db, QStringLiteral("cannot read the credentials"));
    return out;
}

}  // namespace phm::core
