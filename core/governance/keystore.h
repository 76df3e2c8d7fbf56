#pragma once
// The identity key store: NHS number, name and date of birth for each pseudonymised person id,
// in a file of its own beside the project (never inside it) and encrypted. The project and every
// feature but re-identification work without it; it is opened only to reveal identities, with
// its passphrase, and held in memory only while open.
//
// Why libsodium and not SQLCipher: Debian 12's SQLCipher is 3.4.1 (2016, SQLite 3.15) and
// exports the same sqlite3_* symbols as the system SQLite that the project file uses,
// so both cannot live in one process; switching the whole workbench to it would trade a current
// SQLite for a 2016 one. Instead the key store is an ordinary SQLite database image sealed as a
// whole with libsodium: Argon2id derives the key from the passphrase (memory-hard, salted), and
// XChaCha20-Poly1305 encrypts and authenticates it (a wrong passphrase or an altered byte is
// refused, never half-read). It is decrypted into locked memory and opened there with
// sqlite3_deserialize: plaintext never touches the disk, not even as a temporary file. While a
// key store is open the process is marked not dumpable, so a crash writes no core file with
// identities in it.
//
// File layout: "PHMKEYS1", Argon2id operations (uint32 LE), memory in KiB (uint32 LE), salt (16),
// nonce (24), then the ciphertext; the header is the associated data.
#include "base/result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

struct sqlite3;

namespace phm::core {

struct Project;
struct UnlockedCredential;

struct Identity {
    QString personId;                                       // the pseudonymised id used by the project
    QString nhsNumber, givenName, familyName, dateOfBirth;  // date of birth as YYYY-MM-DD
    QString practice;                                       // in a per-practice store: the practice whose key seals the identity
};

// Who a per-practice key store seals practice keys to: a clinician for their practice, or an
// admin (practice empty) for every practice, for recovery and for granting a new clinician.
struct KeyRecipient {
    QString login;
    QByteArray boxPublic;  // X25519 (core/governance/credentials)
    QString practice;
};

// The NHS number check digit (modulus 11): ten digits whose last is the check digit.
bool validNhsNumber(const QString &number);

// Identities from a CSV with the columns person_id, nhs_number, given_name, family_name,
// date_of_birth. A malformed row is an error naming the file, line and column; nothing is kept.
Result<std::vector<Identity>> readIdentitiesCsv(const QString &path);

// Synthetic identities for every person of a project (for the demo and the tests; never real):
// NHS numbers in the 999 range, which is never issued, names from short invented lists, dates of
// birth in each person's month of birth. The same project gives the same identities.
std::vector<Identity> syntheticIdentities(const Project &project);

// The key store beside a project: "<project>.keys".
QString defaultKeyStorePath(const QString &projectPath);

class KeyStore {
public:
    // Seals the identities into a new key store (written to a temporary file of ciphertext and
    // renamed over `path` only when complete). Refuses an empty passphrase.
    static Status create(const QString &path, const QByteArray &passphrase, const std::vector<Identity> &identities);
    // The sealed file's bytes, for a caller that writes them itself (`phm keys create` keeps the
    // old store until the new one is written and audited). `path` only names the store in errors.
    static Result<QByteArray> seal(const QByteArray &passphrase, const std::vector<Identity> &identities, const QString &path = {});
    static Result<std::unique_ptr<KeyStore>> open(const QString &path, const QByteArray &passphrase);

    // Per-practice key store ("PHMKEYS2", docs/governance.md): each practice's identities are an
    // SQLite image encrypted (XChaCha20-Poly1305) under a random key of that practice; the key is
    // sealed (X25519 sealed box) to each recipient of the practice. Holding one clinician's
    // passphrase opens one practice; the file alone opens nothing. Which practice a person is in
    // is fixed here, when the store is made, not by a later extract.
    static Result<QByteArray> sealByPractice(const std::vector<Identity> &identities, const std::vector<KeyRecipient> &recipients,
                                             const QString &path = {});
    // The same store with the practice key of `recipient.practice` also sealed to `recipient` (a
    // clinician added, or whose passphrase was reset, after the store was made): opened with the
    // admin's own sealed copy of that key, so nothing else is re-encrypted. The file's bytes, for
    // the caller to write safely.
    static Result<QByteArray> grant(const QString &path, const UnlockedCredential &admin, const KeyRecipient &recipient);
    // Opens the practices sealed to this user: a clinician's own practice; an admin's every one.
    static Result<std::unique_ptr<KeyStore>> open(const QString &path, const UnlockedCredential &who);
    QStringList practices() const { return mPractices; }
    ~KeyStore();
    KeyStore(const KeyStore &) = delete;
    KeyStore &operator=(const KeyStore &) = delete;

    qint64 size() const { return mSize; }
    // The identities of these people, in the order asked; a person the store lacks is skipped.
    Result<std::vector<Identity>> lookup(const std::vector<QString> &personIds) const;

private:
    KeyStore() = default;
    sqlite3 *mDb = nullptr;
    unsigned char *mPlain = nullptr;  // locked memory holding the database image
    size_t mPlainBytes = 0;
    qint64 mSize = 0;
    // A per-practice store: one opened image per practice.
    struct Part {
        QString practice;
        sqlite3 *db = nullptr;
        unsigned char *plain = nullptr;
    };
    std::vector<Part> mParts;
    QStringList mPractices;
};

// An SQLite image of identities (table identity), wiped when destroyed.
struct IdentityImage {
    unsigned char *data = nullptr;
    size_t size = 0;
    IdentityImage() = default;
    IdentityImage(const IdentityImage &) = delete;
    IdentityImage &operator=(const IdentityImage &) = delete;
    ~IdentityImage();
};
Result<std::unique_ptr<IdentityImage>> buildIdentityImage(const std::vector<Identity> &identities, const QString &path);

// The identities of a project's people grouped by the practice each is registered with at the
// extract end (people without one go nowhere: nobody may reveal them).
std::vector<Identity> assignPractices(const Project &project, std::vector<Identity> identities);

}  // namespace phm::core
