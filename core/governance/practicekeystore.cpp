// The per-practice key store (keystore.h). File: "PHMKEYS2", the directory's length (uint32 LE),
// the directory (compact JSON: per practice its code, the offset, length and nonce of its sealed
// image, and the practice key sealed to each recipient), then the sealed images. Every image is
// authenticated with the file's magic and its practice code as associated data, so an image moved
// to another practice's entry does not open. Everything read from the file is bounds-checked.
#include "base/filesystem.h"
#include "governance/credentials.h"
#include "governance/keystore.h"
#include "store/project.h"

#include <sodium.h>
#include <sqlite3.h>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <cstring>

namespace phm::core {

namespace {
constexpr char kMagic2[8] = {'P', 'H', 'M', 'K', 'E', 'Y', 'S', '2'};
constexpr size_t kKey = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;
constexpr size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;

Error keysError(ErrorCode code, const QString &message, const QString &path) { return Error{code, message, path}; }

QByteArray associated(const QString &practice) { return QByteArray(kMagic2, sizeof kMagic2) + practice.toUtf8(); }

QString b64(const QByteArray &b) { return QString::fromLatin1(b.toBase64()); }
QByteArray unb64(const QJsonValue &v) { return QByteArray::fromBase64(v.toString().toLatin1()); }

// The file: magic, the directory's length, the directory, the sealed images.
QByteArray assemble(const QJsonObject &directory, const QByteArray &images) {
    const QByteArray dir = QJsonDocument(directory).toJson(QJsonDocument::Compact);
    QByteArray file(kMagic2, sizeof kMagic2);
    const auto n = uint32_t(dir.size());
    for (int i = 0; i < 4; ++i) file.append(char((n >> (8 * i)) & 0xFF));
    return file + dir + images;
}

struct StoreFile {
    QByteArray bytes;
    QJsonObject directory;
    qsizetype imagesAt = 0;  // where the sealed images begin
};

// Reads and checks a per-practice store's framing and directory (bounds-checked: the file is
// hostile input).
Result<StoreFile> readStoreFile(const QString &path) {
    if (sodium_init() < 0) return keysError(ErrorCode::NoCrypto, QStringLiteral("libsodium could not start"), path);
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return keysError(ErrorCode::NoKeystore, QStringLiteral("cannot open the key store %1: %2").arg(path, f.errorString()), path);
    StoreFile out;
    out.bytes = f.readAll();
    const QByteArray &file = out.bytes;
    if (file.startsWith("PHMKEYS1"))
        return keysError(ErrorCode::OldKeystore,
                         QStringLiteral("%1 is a key store from before practice keys (one passphrase for everyone): an admin makes it "
                                        "again with `phm keys create --force`")
                             .arg(path),
                         path);
    if (file.size() < 12 || std::memcmp(file.constData(), kMagic2, sizeof kMagic2) != 0)
        return keysError(ErrorCode::NotKeystore, QStringLiteral("%1 is not a PHM Workbench key store").arg(path), path);
    uint32_t dirBytes = 0;
    for (int i = 3; i >= 0; --i) dirBytes = (dirBytes << 8) | uint8_t(file[8 + i]);
    if (qsizetype(dirBytes) > file.size() - 12)
        return keysError(ErrorCode::DamagedKeystore, QStringLiteral("%1 is damaged: its directory runs past the end").arg(path), path);
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(file.mid(12, qsizetype(dirBytes)), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return keysError(ErrorCode::DamagedKeystore, QStringLiteral("%1 is damaged: its directory does not read").arg(path), path);
    out.directory = doc.object();
    out.imagesAt = 12 + qsizetype(dirBytes);
    return out;
}

// The practice key sealed in `entry` to `who`, opened into `key`; false when none is sealed to
// them or it does not open with their key.
bool openPracticeKey(SecretBytes &key, const QJsonObject &entry, const UnlockedCredential &who, bool &sealedToThem) {
    QByteArray wrapped;
    for (const QJsonValue &w : entry.value(QStringLiteral("wraps")).toArray())
        if (w[QStringLiteral("login")].toString() == who.user.name) wrapped = unb64(w[QStringLiteral("key")]);
    sealedToThem = !wrapped.isEmpty();
    return key.data() && wrapped.size() == qsizetype(kKey + crypto_box_SEALBYTES) &&
           crypto_box_seal_open(key.data(), reinterpret_cast<const unsigned char *>(wrapped.constData()), size_t(wrapped.size()),
                                reinterpret_cast<const unsigned char *>(who.boxPublic.constData()), who.boxSecret.data()) == 0;
}
}  // namespace

std::vector<Identity> assignPractices(const Project &project, std::vector<Identity> identities) {
    QHash<QString, QString> practiceOf;
    for (int32_t p = 0; p < project.persons.count; ++p) {
        if (!project.persons.isRegistered(p, project.extractEnd)) continue;
        const auto code = size_t(project.persons.practice[size_t(p)]);
        if (code >= project.geography.practices.size()) continue;
        const auto id = project.persons.id(p);
        practiceOf.insert(QString::fromUtf8(id.data(), qsizetype(id.size())), project.geography.practices[code].code);
    }
    std::vector<Identity> out;
    for (Identity &i : identities) {
        i.practice = practiceOf.value(i.personId);
        if (!i.practice.isEmpty()) out.push_back(std::move(i));
    }
    return out;
}

Result<QByteArray> KeyStore::sealByPractice(const std::vector<Identity> &identities, const std::vector<KeyRecipient> &recipients,
                                            const QString &path) {
    if (sodium_init() < 0) return keysError(ErrorCode::NoCrypto, QStringLiteral("libsodium could not start"), path);
    fs::forbidCoreDumps();
    QMap<QString, std::vector<Identity>> byPractice;
    for (const Identity &i : identities)
        if (!i.practice.isEmpty()) byPractice[i.practice].push_back(i);
    QJsonArray directory;
    QByteArray images;
    for (auto it = byPractice.begin(); it != byPractice.end(); ++it) {
        auto image = buildIdentityImage(it.value(), path);
        if (!image) return image.error();
        SecretBytes key(kKey);
        if (!key.data()) return keysError(ErrorCode::NoMemory, QStringLiteral("cannot lock memory for a practice key"), path);
        crypto_aead_xchacha20poly1305_ietf_keygen(key.data());
        QByteArray nonce(kNonce, '\0');
        randombytes_buf(nonce.data(), kNonce);
        QByteArray sealed(qsizetype(image.value()->size + kTag), Qt::Uninitialized);
        unsigned long long sealedBytes = 0;
        const QByteArray ad = associated(it.key());
        crypto_aead_xchacha20poly1305_ietf_encrypt(reinterpret_cast<unsigned char *>(sealed.data()), &sealedBytes, image.value()->data,
                                                   image.value()->size, reinterpret_cast<const unsigned char *>(ad.constData()),
                                                   size_t(ad.size()), nullptr, reinterpret_cast<const unsigned char *>(nonce.constData()),
                                                   key.data());
        QJsonArray wraps;
        for (const KeyRecipient &r : recipients) {
            if (!r.practice.isEmpty() && r.practice != it.key()) continue;
            if (r.boxPublic.size() != crypto_box_PUBLICKEYBYTES) continue;
            QByteArray wrapped(qsizetype(kKey + crypto_box_SEALBYTES), '\0');
            crypto_box_seal(reinterpret_cast<unsigned char *>(wrapped.data()), key.data(), kKey,
                            reinterpret_cast<const unsigned char *>(r.boxPublic.constData()));
            wraps.append(QJsonObject{{QStringLiteral("login"), r.login}, {QStringLiteral("key"), b64(wrapped)}});
        }
        directory.append(QJsonObject{{QStringLiteral("practice"), it.key()},
                                     {QStringLiteral("offset"), qint64(images.size())},
                                     {QStringLiteral("length"), qint64(sealedBytes)},
                                     {QStringLiteral("identities"), qint64(it.value().size())},
                                     {QStringLiteral("nonce"), b64(nonce)},
                                     {QStringLiteral("wraps"), wraps}});
        images.append(sealed.constData(), qsizetype(sealedBytes));
    }
    return assemble(QJsonObject{{QStringLiteral("practices"), directory}}, images);
}

Result<QByteArray> KeyStore::grant(const QString &path, const UnlockedCredential &admin, const KeyRecipient &recipient) {
    // A clinician can open their practice's key too, but only an admin may pass it on.
    if (auto s = requireRole(admin.user, Role::Admin, QStringLiteral("grant a practice key")); !s) return s.error();
    if (sodium_init() < 0) return keysError(ErrorCode::NoCrypto, QStringLiteral("libsodium could not start"), path);
    if (recipient.practice.isEmpty() || recipient.boxPublic.size() != crypto_box_PUBLICKEYBYTES)
        return keysError(ErrorCode::BadRecipient,
                         QStringLiteral("%1 has no practice or no key to seal to (set their passphrase first)").arg(recipient.login), path);
    auto read = readStoreFile(path);
    if (!read) return read.error();
    QJsonObject dir = read.value().directory;
    QJsonArray practices = dir.value(QStringLiteral("practices")).toArray();
    bool found = false;
    for (qsizetype p = 0; p < practices.size(); ++p) {
        QJsonObject e = practices[p].toObject();
        if (e.value(QStringLiteral("practice")).toString() != recipient.practice) continue;
        QJsonArray wraps;
        for (const QJsonValue &w : e.value(QStringLiteral("wraps")).toArray())
            if (w[QStringLiteral("login")].toString() != recipient.login) wraps.append(w);  // a grant replaces an old wrap
        SecretBytes key(kKey);
        bool sealedToAdmin = false;
        if (!openPracticeKey(key, e, admin, sealedToAdmin))
            return keysError(
                ErrorCode::NoPracticeKey,
                QStringLiteral("%1 holds no key of practice %2 that %3 can open").arg(path, recipient.practice, admin.user.name), path);
        QByteArray sealed(qsizetype(kKey + crypto_box_SEALBYTES), '\0');
        crypto_box_seal(reinterpret_cast<unsigned char *>(sealed.data()), key.data(), kKey,
                        reinterpret_cast<const unsigned char *>(recipient.boxPublic.constData()));
        wraps.append(QJsonObject{{QStringLiteral("login"), recipient.login}, {QStringLiteral("key"), b64(sealed)}});
        e.insert(QStringLiteral("wraps"), wraps);
        practices[p] = e;
        found = true;
    }
    if (!found)
        return keysError(ErrorCode::UnknownPractice, QStringLiteral("%1 has no identities of practice %2").arg(path, recipient.practice),
                         path);
    dir.insert(QStringLiteral("practices"), practices);
    return assemble(dir, read.value().bytes.mid(read.value().imagesAt));  // the sealed images as they were
}

Result<std::unique_ptr<KeyStore>> KeyStore::open(const QString &path, const UnlockedCredential &who) {
    auto read = readStoreFile(path);
    if (!read) return read.error();
    const QByteArray &file = read.value().bytes;
    const QJsonObject &directory = read.value().directory;
    const qsizetype imagesAt = read.value().imagesAt;
    std::unique_ptr<KeyStore> store(new KeyStore);
    fs::forbidCoreDumps();
    for (const QJsonValue &entry : directory.value(QStringLiteral("practices")).toArray()) {
        const QJsonObject e = entry.toObject();
        const QString practice = e.value(QStringLiteral("practice")).toString();
        SecretBytes key(kKey);
        bool sealedToThem = false;
        const bool keyOpened = openPracticeKey(key, e, who, sealedToThem);
        if (!sealedToThem) continue;  // not sealed to this user
        if (!keyOpened)
            return keysError(ErrorCode::WrongKey,
                             QStringLiteral("the key of practice %1 in %2 does not open with %3's credential (a passphrase reset makes new "
                                            "keys: an admin makes the key store again)")
                                 .arg(practice, path, who.user.name),
                             path);
        const qint64 offset = e.value(QStringLiteral("offset")).toInteger(-1), length = e.value(QStringLiteral("length")).toInteger(-1);
        const QByteArray nonce = unb64(e.value(QStringLiteral("nonce")));
        if (offset < 0 || length < qint64(kTag) || offset > file.size() - imagesAt || length > file.size() - imagesAt - offset ||
            nonce.size() != qsizetype(kNonce))
            return keysError(ErrorCode::DamagedKeystore, QStringLiteral("%1 is damaged at practice %2").arg(path, practice), path);
        Part part;
        part.practice = practice;
        const size_t plainBytes = size_t(length) - kTag;
        part.plain = static_cast<unsigned char *>(sodium_malloc(std::max<size_t>(plainBytes, 1)));
        if (!part.plain) return keysError(ErrorCode::NoMemory, QStringLiteral("not enough memory to open the key store"), path);
        store->mParts.push_back(part);
        unsigned long long opened = 0;
        const QByteArray ad = associated(practice);
        if (crypto_aead_xchacha20poly1305_ietf_decrypt(
                part.plain, &opened, nullptr, reinterpret_cast<const unsigned char *>(file.constData()) + imagesAt + offset, size_t(length),
                reinterpret_cast<const unsigned char *>(ad.constData()), size_t(ad.size()),
                reinterpret_cast<const unsigned char *>(nonce.constData()), key.data()) != 0)
            return keysError(ErrorCode::DamagedKeystore,
                             QStringLiteral("practice %1's identities in %2 were altered (they do not authenticate)").arg(practice, path),
                             path);
        sqlite3 *db = nullptr;
        if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK ||
            sqlite3_deserialize(db, "main", part.plain, sqlite3_int64(opened), sqlite3_int64(std::max<size_t>(plainBytes, 1)),
                                SQLITE_DESERIALIZE_READONLY) != SQLITE_OK) {
            sqlite3_close(db);
            return keysError(ErrorCode::DamagedKeystore, QStringLiteral("practice %1 in %2 holds no database").arg(practice, path), path);
        }
        store->mParts.back().db = db;
        store->mPractices << practice;
        store->mSize += e.value(QStringLiteral("identities")).toInteger();
    }
    if (store->mParts.empty())
        return keysError(ErrorCode::NoPracticeKey,
                         QStringLiteral("%1 holds no practice key for %2: an admin seals it to them with `phm keys grant --name %2`")
                             .arg(path, who.user.name),
                         path);
    return store;
}

}  // namespace phm::core
