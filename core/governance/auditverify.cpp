// audit::verify and audit::verifyProject: what `phm audit verify` and Governance > Audit log run.
// Whatever cannot be read is an error ("cannot verify"), never an empty, intact log.
#include "governance/audit.h"
#include "governance/auditjournal.h"
#include "governance/auditsignature.h"
#include "store/projectdb.h"

#include <sqlite3.h>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <algorithm>

namespace phm::core::audit {

namespace {
const QString kGenesis(64, QLatin1Char('0'));
const QString kHeadKey = QStringLiteral("audit.head");
constexpr int64_t kApplicationId = 0x50484D57;  // "PHMW"

Error cannot(const QString &path, const QString &why) { return Error{ErrorCode::CannotVerify, why, path}; }

QString compact(const QJsonObject &o) { return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)); }

struct Walk {
    Verification v;
    std::vector<QString> hashes;    // hashes[i] is entry i + 1's
    std::vector<Entry> signatures;  // "audit-signed" entries
    bool headMissing = false, imported = false;
};

void bad(Verification &v, qint64 which, const QString &problem) {
    v.ok = false;
    v.firstBad = which;
    v.problem = problem;
}

// The chain and the head, inside the caller's read transaction.
Result<Walk> walk(ProjectDb &db) {
    Walk w;
    Verification &v = w.v;
    {
        Statement table(db, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'"));
        if (!table.step()) return cannot(db.path(), QStringLiteral("cannot read %1: %2").arg(db.path(), db.lastError()));
        if (table.columnInt(0) == 0)
            return cannot(
                db.path(),
                QStringLiteral("%1 has no audit log (no audit_log table; schema version %2)").arg(db.path()).arg(db.schemaVersion()));
    }
    Statement st(db, QStringLiteral("SELECT seq, at, user, role, action, detail, prev_hash, hash FROM audit_log ORDER BY rowid"));
    QString previous = kGenesis;
    qint64 position = 0;
    while (v.ok && st.step()) {
        ++position;
        const QString storedDetail = st.columnText(5);
        Entry e{st.columnInt(0),  st.columnText(1), st.columnText(2),
                st.columnText(3), st.columnText(4), QJsonDocument::fromJson(storedDetail.toUtf8()).object(),
                st.columnText(6), st.columnText(7)};
        if (e.seq != position)
            bad(v, position,
                QStringLiteral("entry %1 is out of place: found entry number %2 where entry %1 should be (an entry was removed "
                               "or the entries were reordered)")
                    .arg(position)
                    .arg(e.seq));
        else if (e.prevHash != previous)
            bad(v, e.seq,
                QStringLiteral("entry %1 does not follow entry %2: its link to the previous entry does not match (an entry before "
                               "it was removed, changed or moved)")
                    .arg(e.seq)
                    .arg(e.seq - 1));
        else if (compact(e.detail) != storedDetail || entryHash(e) != e.hash)
            bad(v, e.seq, QStringLiteral("entry %1 was changed after it was written: its content does not match its hash").arg(e.seq));
        previous = e.hash;
        w.hashes.push_back(e.hash);
        if (e.action == QLatin1String("audit-signed")) w.signatures.push_back(e);
        v.entries = position;
    }
    if (!st.ok()) return cannot(db.path(), QStringLiteral("cannot read the audit log of %1: %2").arg(db.path(), db.lastError()));
    v.headSeq = position;
    v.headHash = position ? previous : QString();
    {
        Statement imported(db, QStringLiteral("SELECT count(*) FROM meta WHERE key IN ('import_report', 'extract_end')"));
        w.imported = imported.step() && imported.columnInt(0) > 0;
    }
    if (!v.ok) return w;
    const QString head = db.meta(kHeadKey);
    w.headMissing = head.isEmpty();
    if (position == 0 || w.headMissing) return w;
    if (head != QStringLiteral("%1 %2").arg(position).arg(previous)) {
        const qint64 recorded = head.section(QLatin1Char(' '), 0, 0).toLongLong();
        if (recorded > position)
            bad(v, position + 1,
                QStringLiteral("entry %1 is missing: the log ends at entry %2 but entry %3 was written (entries were removed "
                               "from the end)")
                    .arg(position + 1)
                    .arg(position)
                    .arg(recorded));
        else
            bad(v, position,
                QStringLiteral("entry %1 is not the newest entry the project recorded (the log or its head was altered)").arg(position));
    }
    return w;
}

// What is left to say once the chain and the anchors hold: a log that is empty or headless.
Result<Verification> finish(const QString &path, const Walk &w) {
    if (!w.v.ok) return w.v;
    if (w.v.entries == 0) {
        if (!w.imported)
            return cannot(path, QStringLiteral("%1 has no entries in its audit log, and was never imported: nothing to verify").arg(path));
        Verification v = w.v;
        bad(v, 1,
            QStringLiteral("entry 1 is missing: the audit log is empty, but every imported project has at least its import entry (the "
                           "log was emptied)"));
        return v;
    }
    if (w.headMissing)
        return cannot(path, QStringLiteral("%1 has no record of its newest audit entry (the meta head %2 is missing), so removed entries "
                                           "could not be seen")
                                .arg(path, kHeadKey));
    return w.v;
}

// The project's entries against the journal's lines, then against a head from elsewhere.
void checkAnchors(Walk &w, const Journal &journal, const VerifyOptions &options) {
    Verification &v = w.v;
    auto hashOf = [&](qint64 seq) { return seq >= 1 && seq <= qint64(w.hashes.size()) ? w.hashes[size_t(seq - 1)] : QString(); };
    if (v.ok && journal.found) {
        if (journal.brokenLine) {
            const qint64 which = journal.brokenSeq ? journal.brokenSeq : std::max<qint64>(1, v.entries);
            bad(v, which, QStringLiteral("entry %1 cannot be checked against its journal: %2").arg(which).arg(journal.problem));
        }
        for (size_t i = 0; v.ok && i < journal.lines.size(); ++i) {
            const JournalLine &l = journal.lines[i];
            if (l.seq > v.entries)
                bad(v, l.seq,
                    QStringLiteral("entry %1 is missing: the audit journal recorded it (written %2) but the log ends at entry %3 (entries "
                                   "were removed, or the project was replaced by an older copy)")
                        .arg(l.seq)
                        .arg(l.at)
                        .arg(v.entries));
            else if (hashOf(l.seq) != l.hash)
                bad(v, l.seq,
                    QStringLiteral("entry %1 is not the entry the audit journal recorded (written %2): the log was rewritten from this "
                                   "entry on")
                        .arg(l.seq)
                        .arg(l.at));
        }
        v.anchored = v.ok && !journal.lines.empty();
        v.anchoredSeq = journal.lines.empty() ? 0 : journal.lines.back().seq;
    }
    if (v.ok && options.headSeq > 0) {
        v.headChecked = true;
        if (options.headSeq > v.entries)
            bad(v, options.headSeq,
                QStringLiteral("entry %1 is missing: the head you gave names it, but the log ends at entry %2")
                    .arg(options.headSeq)
                    .arg(v.entries));
        else if (hashOf(options.headSeq).compare(options.headHash, Qt::CaseInsensitive) != 0)
            bad(v, options.headSeq,
                QStringLiteral("entry %1 does not match the head you gave: the log was rewritten at or before this entry")
                    .arg(options.headSeq));
    }
}

// Every admin signature must verify against the chain; with a trusted key, one of them must be its.
void checkSignatures(Walk &w, const VerifyOptions &options) {
    Verification &v = w.v;
    for (const Entry &sig : w.signatures) {
        if (!v.ok) return;
        if (const QString problem = checkSignature(sig, w.hashes); !problem.isEmpty()) {
            bad(v, sig.detail.value(QStringLiteral("signed_seq")).toInteger(sig.seq), problem);
            return;
        }
        const QString fingerprint = keyFingerprint(signatureKey(sig));
        if (!v.signers.contains(fingerprint)) v.signers << fingerprint;
        const bool trusted = options.trust.size() >= 8 && fingerprint.startsWith(options.trust, Qt::CaseInsensitive);
        if (options.trust.isEmpty() || trusted)
            v.signedSeq = std::max(v.signedSeq, sig.detail.value(QStringLiteral("signed_seq")).toInteger());
    }
    if (v.ok && !options.trust.isEmpty()) {
        v.trustChecked = true;
        if (v.signedSeq == 0)
            bad(v, 1,
                QStringLiteral("no entry is signed by the trusted key %1: the signatures were removed, or the log was rewritten and "
                               "signed by another key")
                    .arg(options.trust));
    }
}

// A readable SQLite file of ours, or why not.
Status checkFile(const QString &path) {
    const QFileInfo info(path);
    if (!info.exists()) return cannot(path, QStringLiteral("no file at %1").arg(path));
    if (info.isDir()) return cannot(path, QStringLiteral("%1 is a folder, not a project").arg(path));
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return cannot(path, QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
    if (f.read(16) != QByteArray("SQLite format 3", 16))
        return cannot(path, QStringLiteral("%1 is not a PHM Workbench project (not an SQLite database)").arg(path));
    return Ok{};
}
}  // namespace

Result<Verification> verify(ProjectDb &db) {
    if (auto s = db.exec(QStringLiteral("BEGIN")); !s) return cannot(db.path(), s.error().message);
    auto w = walk(db);
    db.exec(QStringLiteral("COMMIT"));
    if (!w) return w.error();
    checkSignatures(w.value(), {});
    return finish(db.path(), w.value());
}

Result<Verification> verifyProject(const QString &path, const VerifyOptions &options) {
    if (auto s = checkFile(path); !s) return s.error();
    // The journal first: an append commits to the project before it writes its line, so a project
    // read after the journal holds at least every entry the journal has.
    auto journal = readJournal(path);
    if (!journal) return cannot(path, journal.error().message);
    auto opened = ProjectDb::open(path, false);
    if (!opened) return cannot(path, opened.error().message);
    ProjectDb &db = *opened.value();
    sqlite3_busy_timeout(db.handle(), 3000);  // a commit in progress, not a writer that holds the file
    if (auto s = db.exec(QStringLiteral("BEGIN")); !s) return cannot(path, s.error().message);
    struct EndRead {
        ProjectDb &reading;
        ~EndRead() { reading.exec(QStringLiteral("COMMIT")); }
    } endRead{db};
    {
        Statement id(db, QStringLiteral("PRAGMA application_id"));
        if (!id.step()) {
            const bool locked = sqlite3_errcode(db.handle()) == SQLITE_BUSY || sqlite3_errcode(db.handle()) == SQLITE_LOCKED;
            return cannot(path, locked ? QStringLiteral("%1 is locked by another process (database is locked); try again when it is "
                                                        "done")
                                             .arg(path)
                                       : QStringLiteral("cannot read %1: %2").arg(path, db.lastError()));
        }
        if (id.columnInt(0) != kApplicationId) {
            Statement keys(db, QStringLiteral("SELECT count(*) FROM meta WHERE key IN ('import_report', 'extract_end')"));
            if (!keys.step() || keys.columnInt(0) != 2) return cannot(path, QStringLiteral("%1 is not a PHM Workbench project").arg(path));
        }
    }
    auto w = walk(db);
    if (!w) return w.error();
    Walk &walked = w.value();
    walked.v.journal = journalPath(path);
    checkAnchors(walked, journal.value(), options);
    checkSignatures(walked, options);
    return finish(path, walked);
}

}  // namespace phm::core::audit
