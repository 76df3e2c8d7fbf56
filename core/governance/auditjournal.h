#pragma once
// The audit journal: the head of a project's audit log anchored outside the project file, in
// `<project>.audit` beside it (owner-only, append-only by convention). Every audit append writes
// one line after its SQLite commit has succeeded, and syncs it:
//
//     <seq> <entry hash> <time> <line hash>
//
// where the line hash is SHA-256 over the previous line's hash (64 zeros for the first line) and
// this line's seq, entry hash and time, so the journal is itself a chain. `phm audit verify`
// checks the project's log against it (audit::verifyProject): an entry whose hash differs from
// the journal's, or that the journal has and the project lacks, is found even when the whole
// chain and the head in the project were recomputed. It defends against someone who edits or
// replaces the project file without the journal; someone with the same login can rewrite both
// (that is what admins' signatures of the head address, docs/governance.md).
#include "base/result.h"

#include <QString>
#include <vector>

namespace phm::core::audit {

QString journalPath(const QString &projectPath);  // <project>.audit

struct JournalLine {
    qint64 seq = 0;
    QString hash, at;
};

// Appends one line per entry, chained to the journal's last line, and syncs the file (created
// 0600 if missing). The caller holds the project's write lock.
Status journalAppend(const QString &projectPath, const std::vector<JournalLine> &lines);

struct Journal {
    bool found = false;
    std::vector<JournalLine> lines;
    qint64 brokenLine = 0;  // 1-based line number of the first line that fails; 0 when intact
    qint64 brokenSeq = 0;   // the entry that line names (0 if it cannot be read)
    QString problem;
};
// Reads and checks the journal. No journal is not an error (found = false); one that exists but
// cannot be read is.
Result<Journal> readJournal(const QString &projectPath);

}  // namespace phm::core::audit
