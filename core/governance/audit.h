#pragma once
// The audit log: every re-identification, every export and every change of users is one entry in
// the project file. The log is append-only (SQLite triggers refuse UPDATE and DELETE) and
// hash-chained: each entry stores the SHA-256 of its own content together with the hash of the
// entry before it, and the project's meta table keeps the hash and number of the newest entry.
// An entry changed, removed or moved by any means (even with the triggers dropped) breaks the
// chain at that entry, and verify() names it. Entries never carry identifiers: actions are
// described by counts, cohort names, area codes and file names only.
#include "base/result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <functional>
#include <vector>

namespace phm::core {
class ProjectDb;
}

namespace phm::core::audit {

struct Entry {
    qint64 seq = 0;  // 1, 2, 3, ... in order of writing
    QString at;      // UTC, ISO 8601 with milliseconds
    QString user, role, action;
    QJsonObject detail;
    QString prevHash, hash;  // hex SHA-256; the first entry's prevHash is 64 zeros
    // Not stored. False only for a detail the program makes entirely from key material (the
    // head signatures): random base64 can look like a postcode or a date, and redacting it
    // would break the signature it carries.
    bool redact = true;
};

// The hash an entry must carry: SHA-256 over its sequence number, time, user, role, action,
// detail (compact JSON) and the previous entry's hash.
QString entryHash(const Entry &entry);

// Appends an entry inside the caller's transaction (the caller has BEGIN IMMEDIATE'd the
// project, so no other writer can interleave, and holds the project's write lock: see
// core/store/projectlock; refused otherwise). Fills in seq, at, prevHash and hash. Every string in the
// detail passes the identifier check (core/governance/identifiers) first, unless entry.redact is
// false: what fails is stored redacted and the detail gets "redacted": true. The caller journals the entry after its commit
// (audit::journalAppend), as writeWithEntry does.
Status appendInTransaction(ProjectDb &db, Entry &entry);
// The write path for everything that appends an entry: takes the project's write lock (waiting
// for an import to finish), reopens `db` (the file may have been replaced meanwhile), runs
// `change` and the append in one transaction, commits, and journals the entry.
Status writeWithEntry(ProjectDb &db, Entry &entry, const std::function<Status()> &change = {});
// Opens the project for writing and appends one entry through writeWithEntry.
Status record(const QString &projectPath, const QString &user, const QString &role, const QString &action, const QJsonObject &detail);

// The detail with every string checked for identifiers (redacted, and "redacted": true, if any).
QJsonObject redactedDetail(const QJsonObject &detail, const QStringList &knownNames = {});

// Every entry, oldest first.
Result<std::vector<Entry>> entries(ProjectDb &db);

struct Verification {
    bool ok = true;
    qint64 entries = 0;
    qint64 firstBad = 0;  // sequence number (or position) of the first entry that fails; 0 when ok
    QString problem;      // one sentence naming the entry and what is wrong with it
    // Set by verifyProject: whether the log was checked against its journal, and up to which entry.
    bool anchored = false;
    QString journal;  // the journal's path
    qint64 anchoredSeq = 0;
    qint64 headSeq = 0;  // the newest entry: seq and hash
    QString headHash;
    bool headChecked = false;  // a head given with VerifyOptions was checked
    // Admins' signatures of the head (core/governance/auditsignature): the newest entry a valid signature
    // covers (by the trusted key when VerifyOptions::trust is set) and the signers' fingerprints.
    qint64 signedSeq = 0;
    QStringList signers;
    bool trustChecked = false;
};
// Walks the chain from the first entry: sequence numbers must run 1, 2, 3, ...; each entry's
// prevHash must be the hash of the entry before it and its hash must match its content; the
// newest entry must be the one recorded in the meta table (so removing the last entries shows);
// an imported project with no entry has lost its log. An error (not a Verification) when the log
// cannot be read at all: no audit_log table, no head recorded, no entries in a project that was
// never imported, or the file is locked or unreadable. Reads in one transaction.
Result<Verification> verify(ProjectDb &db);

struct VerifyOptions {
    qint64 headSeq = 0;  // a head written down elsewhere (`phm audit head`): entry headSeq must have headHash
    QString headHash;
    // A signing key's fingerprint (or its first 8 or more digits) the auditor trusts: the log must
    // carry a valid signature by it, or verify fails.
    QString trust;
};
// The whole check `phm audit verify` runs on a file: it must be a readable project of ours with an
// audit log; the chain is verified, then checked against the journal beside it (when there is
// one: otherwise anchored is false) and against options' head. An error means "cannot verify"
// and says why; a Verification that is not ok names the first bad entry. A path: it checks the file itself and its journal.
Result<Verification> verifyProject(const QString &projectPath, const VerifyOptions &options = {});

}  // namespace phm::core::audit
