#pragma once
// The audit log: every re-identification, every export and every change of users is one entry in
// the project file. The log is append-only (SQLite triggers refuse UPDATE and DELETE) and
// hash-chained: each entry stores the SHA-256 of its own content together with the hash of the
// entry before it, and the project's meta table keeps the hash and number of the newest entry.
// An entry changed, removed or moved by any means (even with the triggers dropped) breaks the
// chain at that entry, and verify() names it. Entries never carry identifiers: actions are
// described by counts, cohort names, area codes and file names only.
#include "result.h"

#include <QJsonObject>
#include <QString>
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
};

// The hash an entry must carry: SHA-256 over its sequence number, time, user, role, action,
// detail (compact JSON) and the previous entry's hash.
QString entryHash(const Entry &entry);

// Appends an entry inside the caller's transaction (the caller has BEGIN IMMEDIATE'd the
// project, so no other writer can interleave). Fills in seq, at, prevHash and hash.
Status appendInTransaction(ProjectDb &db, Entry &entry);
// Opens the project for writing, appends one entry in its own transaction and closes it.
Status record(const QString &projectPath, const QString &user, const QString &role, const QString &action, const QJsonObject &detail);

// Every entry, oldest first.
Result<std::vector<Entry>> entries(ProjectDb &db);

struct Verification {
    bool ok = true;
    qint64 entries = 0;
    qint64 firstBad = 0;  // sequence number (or position) of the first entry that fails; 0 when ok
    QString problem;      // one sentence naming the entry and what is wrong with it
};
// Walks the chain from the first entry: sequence numbers must run 1, 2, 3, ...; each entry's
// prevHash must be the hash of the entry before it and its hash must match its content; the
// newest entry must be the one recorded in the meta table (so removing the last entries shows).
Result<Verification> verify(ProjectDb &db);

}  // namespace phm::core::audit
