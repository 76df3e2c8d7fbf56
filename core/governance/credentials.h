#pragma once
// Credentials of privileged users. The environment names a login (core/governance/users currentLogin) but
// proves nothing: an admin or a clinician acts as one only after giving their passphrase, checked
// against an Argon2id verifier kept in the project (schema 6, table `credential`). Each privileged
// user also has two key pairs: X25519, to which the key store seals the key of the practice a
// clinician may open (core/governance/keystore), and Ed25519, for signing. Their secret halves are sealed
// (XChaCha20-Poly1305) under a key derived from the passphrase by Argon2id, so the project file
// holds nothing that opens a key store or signs without a passphrase.
//
// Passphrases are set by an admin (a new clinician's first, or a reset) and changed by their
// owner; a new project's first admin sets their own once, after the import, while no admin has
// one. Every change is an audit entry naming who set whose, never the passphrase.
#include "base/result.h"
#include "governance/users.h"

#include <QByteArray>
#include <QString>
#include <memory>
#include <vector>

namespace phm::core {

class ProjectDb;

constexpr int kMinPassphraseLength = 12;

// Bytes in locked memory (sodium_malloc), wiped and freed on destruction.
class SecretBytes {
public:
    explicit SecretBytes(size_t size = 0);
    ~SecretBytes();
    SecretBytes(const SecretBytes &) = delete;
    SecretBytes &operator=(const SecretBytes &) = delete;
    unsigned char *data() { return mData; }
    const unsigned char *data() const { return mData; }
    size_t size() const { return mSize; }

private:
    unsigned char *mData = nullptr;
    size_t mSize = 0;
};

// A proven user with their secret keys open (for the key store and signing).
struct UnlockedCredential {
    User user;  // proven
    QByteArray boxPublic, signPublic;
    SecretBytes boxSecret{32}, signSecret{64};
};

struct PublicKeys {
    QString login;
    QByteArray box, sign;
};

bool hasCredential(ProjectDb &db, const QString &login);
// True when at least one admin of the project has set a passphrase.
bool adminCredentialExists(ProjectDb &db);

// Proves who the login is: their passphrase against the stored verifier. The user comes back with
// proven = true; a wrong passphrase, a login without a credential or an unlisted login is an
// error that says how to set one. The path overload is for logging in, before a session is open.
Result<User> authenticate(ProjectDb &db, const QString &login, const QByteArray &passphrase);
Result<User> authenticate(const QString &projectPath, const QString &login, const QByteArray &passphrase);
// The same proof, with the user's secret keys opened.
Result<std::unique_ptr<UnlockedCredential>> unlockCredential(ProjectDb &db, const QString &login, const QByteArray &passphrase);

// Sets `login`'s passphrase (new key pairs when they had none, the same key pairs resealed when
// they had: a clinician keeps the practice keys sealed to them). Allowed to a proven admin for
// anyone listed as admin or clinician, to a proven owner for their own, and to an admin of the
// project for their own first passphrase while no admin has one. At least kMinPassphraseLength
// characters. In one transaction with its audit entry ("set-passphrase").
Status setPassphrase(ProjectDb &db, const User &actor, const QString &login, const QByteArray &passphrase,
                     const UnlockedCredential *own = nullptr);
Status setPassphrase(const QString &projectPath, const User &actor, const QString &login, const QByteArray &passphrase,
                     const UnlockedCredential *own = nullptr);

Result<std::vector<PublicKeys>> publicKeys(ProjectDb &db);

}  // namespace phm::core
