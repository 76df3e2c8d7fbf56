#pragma once
// Admins' signatures of the audit log's head: what makes the chain depend on a secret the project
// file does not hold. An admin, proven by their passphrase, signs the newest entry's number and
// hash with their Ed25519 key (core/governance/credentials: its secret half is sealed under the passphrase);
// the signature is itself an audit entry ("audit-signed": the signed entry, its hash, the public
// key and the signature), chained after it. Whoever rewrites an entry at or before a signed one
// cannot make the signature verify again without that admin's passphrase; whoever deletes the
// signatures and recomputes the chain is caught by `phm audit verify --trust FINGERPRINT`, which
// requires a valid signature by the key the auditor wrote down (printed by `phm users passphrase`
// and `phm audit sign`).
#include "base/result.h"
#include "governance/audit.h"

#include <QByteArray>
#include <QString>

namespace phm::core {
struct UnlockedCredential;
}

namespace phm::core::audit {

// 32 hex digits naming an Ed25519 public key (BLAKE2b-128 of it).
QString keyFingerprint(const QByteArray &signPublic);

// The message an admin signs for entry `seq` with hash `hash`.
QByteArray headMessage(qint64 seq, const QString &hash);

struct Signed {
    qint64 seq = 0;
    QString hash, fingerprint;
};
// Signs the project's newest entry as `admin` (a proven admin) and records the signature entry.
Result<Signed> signHead(const QString &projectPath, const UnlockedCredential &admin);

// The public key an "audit-signed" entry names.
QByteArray signatureKey(const Entry &signature);

// Checks one "audit-signed" entry against the chain's hashes (hashes[i] is entry i + 1's): the
// signed entry exists with that hash and the signature verifies with the key it names. Empty when
// it holds; otherwise why not.
QString checkSignature(const Entry &signature, const std::vector<QString> &hashes);

}  // namespace phm::core::audit
