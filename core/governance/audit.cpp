#include "governance/audit.h"

#include "governance/auditjournal.h"
#include "governance/identifiers.h"
#include "store/projectdb.h"
#include "store/projectlock.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace phm::core::audit {

namespace {
const QString kGenesis(64, QLatin1Char('0'));
const QString kHeadKey = QStringLiteral("audit.head");  // "<seq> <hash>" of the newest entry

// "<what>: <SQLite's message>", or the project's locked or damaged error when that is the cause.
Error dbError(ProjectDb &db, const QString &what) { return db.failure(what); }

QString compact(const QJsonObject &o) { return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)); }

QJsonValue redactValue(const QJsonValue &v, const QStringList &names, bool &changed) {
    if (v.isString()) {
        const QString r = redactIdentifiers(v.toString(), names);
        changed = changed || r != v.toString();
        return r;
    }
    if (v.isArray()) {
        QJsonArray a;
        for (const QJsonValue &x : v.toArray()) a.append(redactValue(x, names, changed));
        return a;
    }
    if (v.isObject()) {
        QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) it.value() = redactValue(it.value(), names, changed);
        return o;
    }
    return v;
}
}  // namespace

QJsonObject redactedDetail(const QJsonObject &detail, const QStringList &knownNames) {
    bool changed = false;
    QJsonObject out = redactValue(detail, knownNames, changed).toObject();
    if (changed) out.insert(QStringLiteral("redacted"), true);
    return out;
}

QString entryHash(const Entry &e) {
    const QChar sep(0x1f);  // unit separator: cannot be typed into a field by accident
    const QString content =
        QString::number(e.seq) + sep + e.at + sep + e.user + sep + e.role + sep + e.action + sep + compact(e.detail) + sep + e.prevHash;
    return QString::fromLatin1(QCryptographicHash::hash(content.toUtf8(), QCryptographicHash::Sha256).toHex());
}

Status appendInTransaction(ProjectDb &db, Entry &e) {
    if (!db.isWriteLocked())
        return Error{
            ErrorCode::NotLocked,
            QStringLiteral("internal error: an audit entry for %1 was about to be written without the project's write lock").arg(db.path()),
            db.path()};
    if (e.redact) e.detail = redactedDetail(e.detail);
    Statement last(db, QStringLiteral("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"));
    e.seq = 1;
    e.prevHash = kGenesis;
    if (last.step()) {
        e.seq = last.columnInt(0) + 1;
        e.prevHash = last.columnText(1);
    } else if (!last.ok()) {
        return dbError(db, QStringLiteral("cannot read the audit log"));
    }
    e.at = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    e.hash = entryHash(e);
    Statement insert(
        db, QStringLiteral("INSERT INTO audit_log(seq, at, user, role, action, detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?)"));
    insert.bind(1, int64_t(e.seq));
    insert.bindText(2, e.at);
    insert.bindText(3, e.user);
    insert.bindText(4, e.role);
    insert.bindText(5, e.action);
    insert.bindText(6, compact(e.detail));
    insert.bindText(7, e.prevHash);
    insert.bindText(8, e.hash);
    if (!insert.stepDone()) return dbError(db, QStringLiteral("cannot write the audit log"));
    return db.setMeta(kHeadKey, QStringLiteral("%1 %2").arg(e.seq).arg(e.hash));
}

Status writeWithEntry(ProjectDb &db, Entry &e, const std::function<Status()> &change) {
    auto lock = ProjectLock::acquire(db.path(), QStringLiteral("audit"));
    if (!lock) return lock.error();
    // While this waited, an import may have renamed a new file over the project: write into that.
    if (auto s = db.reopen(); !s) return s;
    db.setWriteLocked(true);
    struct Unlocked {
        ProjectDb &locked;
        ~Unlocked() { locked.setWriteLocked(false); }
    } unlocked{db};
    if (auto s = db.migrate(); !s) return s;
    if (auto s = db.exec(QStringLiteral("BEGIN IMMEDIATE")); !s) return s;
    Status s = change ? change() : Status(Ok{});
    if (s) s = appendInTransaction(db, e);
    if (s) s = db.exec(QStringLiteral("COMMIT"));
    if (!s) {
        db.exec(QStringLiteral("ROLLBACK"));
        return s;
    }
    if (auto j = journalAppend(db.path(), {JournalLine{e.seq, e.hash, e.at}}); !j)
        return Error{j.error().code,
                     QStringLiteral("entry %1 was written to the audit log, but not to its journal: %2").arg(e.seq).arg(j.error().message),
                     j.error().context};
    return Ok{};
}

Status record(const QString &projectPath, const QString &user, const QString &role, const QString &action, const QJsonObject &detail) {
    auto opened = ProjectDb::open(projectPath, true);
    if (!opened) return opened.error();
    Entry e{0, {}, user, role, action, detail, {}, {}};
    return writeWithEntry(*opened.value(), e);
}

Result<std::vector<Entry>> entries(ProjectDb &db) {
    std::vector<Entry> out;
    if (db.schemaVersion() < 3) return out;
    Statement st(db, QStringLiteral("SELECT seq, at, user, role, action, detail, prev_hash, hash FROM audit_log ORDER BY rowid"));
    while (st.step())
        out.push_back(Entry{st.columnInt(0), st.columnText(1), st.columnText(2), st.columnText(3), st.columnText(4),
                            QJsonDocument::fromJson(st.columnText(5).toUtf8()).object(), st.columnText(6), st.columnText(7)});
    if (!st.ok()) return dbError(db, QStringLiteral("cannot read the audit log"));
    return out;
}

}  // namespace phm::core::audit
