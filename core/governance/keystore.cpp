#include "governance/keystore.h"

#include "base/csvreader.h"
#include "base/filesystem.h"
#include "base/safefile.h"
#include "store/project.h"
#include "synth/synthcontext.h"

#include <sodium.h>
#include <sqlite3.h>
#include <QFile>
#include <array>
#include <cstring>

namespace phm::core {

namespace {
constexpr char kMagic[8] = {'P', 'H', 'M', 'K', 'E', 'Y', 'S', '1'};
constexpr size_t kSalt = crypto_pwhash_SALTBYTES;
constexpr size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr size_t kHeader = sizeof(kMagic) + 4 + 4 + kSalt + kNonce;
// Argon2id cost: 3 passes over 128 MiB (about half a second here); stored in each file, so it
// can be raised later without breaking older stores.
constexpr uint32_t kOps = 3, kMemKiB = 128 * 1024;

const char *kColumns[] = {"person_id", "nhs_number", "given_name", "family_name", "date_of_birth"};

Error storeError(ErrorCode code, const QString &message, const QString &path) { return Error{code, message, path}; }

void putU32(unsigned char *p, uint32_t v) {
    for (int i = 0; i < 4; ++i) p[i] = static_cast<unsigned char>(v >> (8 * i));
}
uint32_t getU32(const unsigned char *p) {
    uint32_t v = 0;
    for (int i = 3; i >= 0; --i) v = (v << 8) | p[i];
    return v;
}

bool sodiumReady() {
    static const bool ready = sodium_init() >= 0;
    return ready;
}

// The key from the passphrase, in locked memory the caller frees with sodium_free.
unsigned char *deriveKey(const QByteArray &passphrase, const unsigned char *salt, uint32_t ops, uint32_t memKiB) {
    auto *key = static_cast<unsigned char *>(sodium_malloc(crypto_aead_xchacha20poly1305_ietf_KEYBYTES));
    if (!key) return nullptr;
    if (crypto_pwhash(key, crypto_aead_xchacha20poly1305_ietf_KEYBYTES, passphrase.constData(), size_t(passphrase.size()), salt, ops,
                      size_t(memKiB) * 1024, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        sodium_free(key);
        return nullptr;
    }
    return key;
}

Status execOn(sqlite3 *db, const char *sql, const QString &path) {
    char *msg = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &msg) == SQLITE_OK) return Ok{};
    const QString text = QString::fromUtf8(msg ? msg : "unknown error");
    sqlite3_free(msg);
    return storeError(ErrorCode::KeystoreError, QStringLiteral("key store %1: %2").arg(path, text), path);
}

void bindText(sqlite3_stmt *st, int i, const QString &v) {
    const QByteArray b = v.toUtf8();
    sqlite3_bind_text(st, i, b.constData(), int(b.size()), SQLITE_TRANSIENT);
}

QString columnText(sqlite3_stmt *st, int i) {
    return QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, i)), sqlite3_column_bytes(st, i));
}

// A process holding identities writes no core file if it crashes.
void forbidCoreDumps() { fs::forbidCoreDumps(); }
}  // namespace

IdentityImage::~IdentityImage() {
    if (data) {
        sodium_memzero(data, size);
        sqlite3_free(data);
    }
}

Result<std::unique_ptr<IdentityImage>> buildIdentityImage(const std::vector<Identity> &identities, const QString &path) {
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return storeError(ErrorCode::KeystoreError, QStringLiteral("cannot build the key store in memory"), path);
    }
    std::unique_ptr<sqlite3, int (*)(sqlite3 *)> guard(db, sqlite3_close);
    if (auto s = execOn(db,
                        "PRAGMA temp_store = MEMORY; CREATE TABLE identity(person_id TEXT PRIMARY KEY, nhs_number TEXT, given_name TEXT, "
                        "family_name TEXT, date_of_birth TEXT) WITHOUT ROWID; BEGIN",
                        path);
        !s)
        return s.error();
    sqlite3_stmt *st = nullptr;
    sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO identity VALUES (?,?,?,?,?)", -1, &st, nullptr);
    for (const Identity &i : identities) {
        bindText(st, 1, i.personId);
        bindText(st, 2, i.nhsNumber);
        bindText(st, 3, i.givenName);
        bindText(st, 4, i.familyName);
        bindText(st, 5, i.dateOfBirth);
        const int rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE) {
            sqlite3_finalize(st);
            return storeError(ErrorCode::KeystoreError, QStringLiteral("cannot build the key store in memory"), path);
        }
    }
    sqlite3_finalize(st);
    if (auto s = execOn(db, "COMMIT", path); !s) return s.error();
    auto image = std::make_unique<IdentityImage>();
    sqlite3_int64 bytes = 0;
    image->data = sqlite3_serialize(db, "main", &bytes, 0);
    image->size = size_t(bytes);
    if (!image->data) return storeError(ErrorCode::KeystoreError, QStringLiteral("cannot serialise the key store"), path);
    return image;
}

bool validNhsNumber(const QString &number) {
    if (number.size() != 10) return false;
    int sum = 0;
    for (int i = 0; i < 10; ++i)
        if (!number.at(i).isDigit()) return false;
    for (int i = 0; i < 9; ++i) sum += number.at(i).digitValue() * (10 - i);
    int check = 11 - sum % 11;
    if (check == 11) check = 0;
    return check != 10 && check == number.at(9).digitValue();
}

Result<std::vector<Identity>> readIdentitiesCsv(const QString &path) {
    CsvReader reader(path);
    if (auto s = reader.open(); !s) return s.error();
    std::vector<Identity> out;
    std::array<int, 5> at{-1, -1, -1, -1, -1};
    bool header = true;
    for (;;) {
        const auto step = reader.next();
        if (step == CsvReader::Step::End) break;
        if (step == CsvReader::Step::Error) return reader.error();
        const auto &f = reader.fields();
        auto located = [&](int column, const QString &what) {
            return storeError(ErrorCode::BadIdentity,
                              QStringLiteral("%1, line %2, column %3: %4").arg(path).arg(reader.line()).arg(column).arg(what), path);
        };
        if (reader.isMalformed()) return located(1, QString::fromStdString(reader.malformedReason()));
        if (header) {
            for (size_t c = 0; c < f.size(); ++c)
                for (size_t k = 0; k < at.size(); ++k)
                    if (f[c] == kColumns[k]) at[k] = int(c);
            for (size_t k = 0; k < at.size(); ++k)
                if (at[k] < 0) return located(1, QStringLiteral("the header has no %1 column").arg(QLatin1String(kColumns[k])));
            header = false;
            continue;
        }
        Identity id;
        QString *fields[] = {&id.personId, &id.nhsNumber, &id.givenName, &id.familyName, &id.dateOfBirth};
        for (size_t k = 0; k < at.size(); ++k) {
            if (size_t(at[k]) >= f.size())
                return located(int(f.size()) + 1, QStringLiteral("the row has no %1").arg(QLatin1String(kColumns[k])));
            *fields[k] = QString::fromUtf8(f[size_t(at[k])].data(), qsizetype(f[size_t(at[k])].size()));
        }
        if (id.personId.isEmpty()) return located(at[0] + 1, QStringLiteral("person_id is empty"));
        if (!id.nhsNumber.isEmpty() && !validNhsNumber(id.nhsNumber))
            return located(at[1] + 1,
                           QStringLiteral("\"nhs_number\" is not a valid NHS number (ten digits with a modulus 11 check digit)"));
        if (!id.dateOfBirth.isEmpty() && !QDate::fromString(id.dateOfBirth, Qt::ISODate).isValid())
            return located(at[4] + 1, QStringLiteral("date_of_birth is not a date (YYYY-MM-DD)"));
        out.push_back(std::move(id));
    }
    if (header) return storeError(ErrorCode::BadIdentity, QStringLiteral("%1 is empty").arg(path), path);
    return out;
}

std::vector<Identity> syntheticIdentities(const Project &project) {
    static const char *given[] = {"Alex",  "Amira", "Ben",  "Chloe", "Dev",  "Ewa",   "Farah", "George", "Hana", "Isaac",
                                  "Jade",  "Kofi",  "Lena", "Mo",    "Nia",  "Omar",  "Priya", "Quinn",  "Rosa", "Sam",
                                  "Tariq", "Uma",   "Vik",  "Wren",  "Xena", "Yusuf", "Zara",  "Ade",    "Bryn", "Cora"};
    static const char *family[] = {"Ashdown", "Brookfield", "Carrow", "Denholm", "Elstow",  "Fenwick", "Garside",
                                   "Hollin",  "Ibbot",      "Jessop", "Kersey",  "Lydd",    "Marram",  "Nettle",
                                   "Orwin",   "Penrose",    "Quarry", "Rendle",  "Stainer", "Thorne",  "Upwood",
                                   "Vellan",  "Wickham",    "Yarrow", "Zennor",  "Abbey",   "Bramley", "Coppice"};
    std::vector<Identity> out;
    out.reserve(size_t(project.persons.count));
    // Numbers 999 000 000C upwards, skipping the ones whose check digit would be 10.
    qint64 next = 0;
    for (int32_t p = 0; p < project.persons.count; ++p) {
        const auto id = project.persons.id(p);
        uint64_t seed = 0;
        crypto_generichash(reinterpret_cast<unsigned char *>(&seed), sizeof seed, reinterpret_cast<const unsigned char *>(id.data()),
                           id.size(), nullptr, 0);
        synth::Rng rng(seed);
        Identity person;
        person.personId = QString::fromUtf8(id.data(), qsizetype(id.size()));
        for (; next < 1000000 && person.nhsNumber.isEmpty(); ++next) {
            const QString body = QStringLiteral("999%1").arg(next, 6, 10, QLatin1Char('0'));
            for (int c = 0; c <= 9 && person.nhsNumber.isEmpty(); ++c)
                if (validNhsNumber(body + QString::number(c))) person.nhsNumber = body + QString::number(c);
        }
        person.givenName = QString::fromLatin1(given[rng.uniformInt(0, int(std::size(given)) - 1)]);
        person.familyName = QString::fromLatin1(family[rng.uniformInt(0, int(std::size(family)) - 1)]);
        const int32_t ym = project.persons.birthYm[size_t(p)];
        person.dateOfBirth = QDate(ym / 12, ym % 12 + 1, rng.uniformInt(1, 28)).toString(Qt::ISODate);
        out.push_back(std::move(person));
    }
    return out;
}

QString defaultKeyStorePath(const QString &projectPath) { return projectPath + QStringLiteral(".keys"); }

Status KeyStore::create(const QString &path, const QByteArray &passphrase, const std::vector<Identity> &identities) {
    auto sealed = seal(passphrase, identities, path);
    if (!sealed) return sealed.error();
    OutputGuard replace;
    replace.force = true;  // creating a store here means replacing any old one; the CLI asks first
    return writeFileSafely(path, sealed.value(), replace);
}

Result<QByteArray> KeyStore::seal(const QByteArray &passphrase, const std::vector<Identity> &identities, const QString &path) {
    if (!sodiumReady()) return storeError(ErrorCode::NoCrypto, QStringLiteral("libsodium could not start"), path);
    if (passphrase.isEmpty()) return storeError(ErrorCode::NoPassphrase, QStringLiteral("a key store needs a passphrase"), path);
    forbidCoreDumps();
    auto built = buildIdentityImage(identities, path);
    if (!built) return built.error();
    unsigned char *image = built.value()->data;
    const sqlite3_int64 bytes = sqlite3_int64(built.value()->size);
    QByteArray file(qsizetype(kHeader) + qsizetype(bytes) + qsizetype(crypto_aead_xchacha20poly1305_ietf_ABYTES), Qt::Uninitialized);
    auto *h = reinterpret_cast<unsigned char *>(file.data());
    std::memcpy(h, kMagic, sizeof kMagic);
    putU32(h + 8, kOps);
    putU32(h + 12, kMemKiB);
    unsigned char *salt = h + 16, *nonce = h + 16 + kSalt;
    randombytes_buf(salt, kSalt);
    randombytes_buf(nonce, kNonce);
    unsigned char *key = deriveKey(passphrase, salt, kOps, kMemKiB);
    if (!key) return storeError(ErrorCode::NoMemory, QStringLiteral("not enough memory to derive the key store's key"), path);
    unsigned long long written = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(h + kHeader, &written, image, size_t(bytes), h, kHeader, nullptr, nonce, key);
    sodium_free(key);
    file.truncate(qsizetype(kHeader + written));
    return file;
}

Result<std::unique_ptr<KeyStore>> KeyStore::open(const QString &path, const QByteArray &passphrase) {
    if (!sodiumReady()) return storeError(ErrorCode::NoCrypto, QStringLiteral("libsodium could not start"), path);
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return storeError(ErrorCode::NoKeystore, QStringLiteral("cannot open the key store %1: %2").arg(path, f.errorString()), path);
    const QByteArray file = f.readAll();
    const auto *h = reinterpret_cast<const unsigned char *>(file.constData());
    if (size_t(file.size()) < kHeader + crypto_aead_xchacha20poly1305_ietf_ABYTES || std::memcmp(h, kMagic, sizeof kMagic) != 0)
        return storeError(ErrorCode::NotKeystore, QStringLiteral("%1 is not a PHM Workbench key store").arg(path), path);
    const uint32_t ops = getU32(h + 8), memKiB = getU32(h + 12);
    if (ops < crypto_pwhash_OPSLIMIT_MIN || ops > 64 || memKiB < 8 || memKiB > 4u * 1024 * 1024)
        return storeError(ErrorCode::NotKeystore, QStringLiteral("%1 has an implausible key derivation setting").arg(path), path);
    forbidCoreDumps();
    std::unique_ptr<KeyStore> store(new KeyStore);
    store->mPlainBytes = size_t(file.size()) - kHeader - crypto_aead_xchacha20poly1305_ietf_ABYTES;
    store->mPlain = static_cast<unsigned char *>(sodium_malloc(std::max<size_t>(store->mPlainBytes, 1)));
    unsigned char *key = deriveKey(passphrase, h + 16, ops, memKiB);
    if (!store->mPlain || !key) {
        if (key) sodium_free(key);
        return storeError(ErrorCode::NoMemory, QStringLiteral("not enough memory to open the key store"), path);
    }
    unsigned long long plainBytes = 0;
    const int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(store->mPlain, &plainBytes, nullptr, h + kHeader,
                                                              size_t(file.size()) - kHeader, h, kHeader, h + 16 + kSalt, key);
    sodium_free(key);
    if (rc != 0)
        return storeError(ErrorCode::WrongPassphrase,
                          QStringLiteral("the passphrase does not open the key store %1 (or the file was altered)").arg(path), path);
    if (sqlite3_open_v2(":memory:", &store->mDb, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK ||
        sqlite3_deserialize(store->mDb, "main", store->mPlain, sqlite3_int64(plainBytes), sqlite3_int64(store->mPlainBytes),
                            SQLITE_DESERIALIZE_READONLY) != SQLITE_OK)
        return storeError(ErrorCode::NotKeystore, QStringLiteral("the key store %1 holds no readable database").arg(path), path);
    sqlite3_stmt *st = nullptr;
    if (sqlite3_prepare_v2(store->mDb, "SELECT count(*) FROM identity", -1, &st, nullptr) != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        return storeError(ErrorCode::NotKeystore, QStringLiteral("the key store %1 has no identity table").arg(path), path);
    }
    store->mSize = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return store;
}

KeyStore::~KeyStore() {
    for (Part &p : mParts) {
        if (p.db) sqlite3_close(p.db);
        if (p.plain) sodium_free(p.plain);
    }
    if (mDb) sqlite3_close(mDb);
    if (mPlain) sodium_free(mPlain);  // zeroes the memory before releasing it
}

Result<std::vector<Identity>> KeyStore::lookup(const std::vector<QString> &personIds) const {
    if (!mParts.empty()) {  // per practice: each opened practice in turn
        std::vector<Identity> out;
        for (const Part &part : mParts) {
            sqlite3_stmt *st = nullptr;
            if (sqlite3_prepare_v2(part.db, "SELECT nhs_number, given_name, family_name, date_of_birth FROM identity WHERE person_id = ?",
                                   -1, &st, nullptr) != SQLITE_OK)
                return storeError(ErrorCode::KeystoreError, QStringLiteral("cannot read the key store"), {});
            for (const QString &id : personIds) {
                bindText(st, 1, id);
                if (sqlite3_step(st) == SQLITE_ROW)
                    out.push_back(Identity{id, columnText(st, 0), columnText(st, 1), columnText(st, 2), columnText(st, 3), part.practice});
                sqlite3_reset(st);
            }
            sqlite3_finalize(st);
        }
        return out;
    }
    sqlite3_stmt *st = nullptr;
    if (sqlite3_prepare_v2(mDb, "SELECT nhs_number, given_name, family_name, date_of_birth FROM identity WHERE person_id = ?", -1, &st,
                           nullptr) != SQLITE_OK)
        return storeError(ErrorCode::KeystoreError, QStringLiteral("cannot read the key store"), {});
    std::vector<Identity> out;
    for (const QString &id : personIds) {
        bindText(st, 1, id);
        if (sqlite3_step(st) == SQLITE_ROW)
            out.push_back(Identity{id, columnText(st, 0), columnText(st, 1), columnText(st, 2), columnText(st, 3), {}});
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return out;
}

}  // namespace phm::core
