#include "audit.h"

#include "projectdb.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>

namespace phm::core::audit {

namespace {
const QString kGenesis(64, QLatin1Char('0'));
const QString kHeadKey = QStringLiteral("audit.head");  // "<seq> <hash>" of the newest entry

// "<what>: <SQLite's message>", or the project's locked or damaged error when that is the cause.
Error dbError(ProjectDb &db, const QString &what) { return db.failure(what); }

QString compact(const QJsonObject &o) { return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)); }
}  // namespace

QString entryHash(const Entry &e) {
    const QChar sep(0x1f);  // unit separator: cannot be typed into a field by accident
    const QString content =
        QString::number(e.seq) + sep + e.at + sep + e.user + sep + e.role + sep + e.action + sep + compact(e.detail) + sep + e.prevHash;
    return QString::fromLatin1(QCryptographicHash::hash(content.toUtf8(), QCryptographicHash::Sha256).toHex());
}

Status appendInTransaction(ProjectDb &db, Entry &e) {
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

Status record(const QString &projectPath, const QString &user, const QString &role, const QString &action, const QJsonObject &detail) {
    auto opened = ProjectDb::open(projectPath, true);
    if (!opened) return opened.error();
    ProjectDb &db = *opened.value();
    if (auto s = db.migrate(); !s) return s;
    if (auto s = db.exec(QStringLiteral("BEGIN IMMEDIATE")); !s) return s;
    Entry e{0, {}, user, role, action, detail, {}, {}};
    if (auto s = appendInTransaction(db, e); !s) {
        db.exec(QStringLiteral("ROLLBACK"));
        return s;
    }
    return db.exec(QStringLiteral("COMMIT"));
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

Result<Verification> verify(ProjectDb &db) {
    // Read in storage order with the stored detail text, so a reordering or an edit that changes
    // only the JSON's spelling is seen as it is on disk.
    Verification v;
    if (db.schemaVersion() < 3) return v;
    Statement st(db, QStringLiteral("SELECT seq, at, user, role, action, detail, prev_hash, hash FROM audit_log ORDER BY rowid"));
    QString previous = kGenesis;
    qint64 position = 0;
    auto bad = [&](qint64 which, const QString &problem) {
        v.ok = false;
        v.firstBad = which;
        v.problem = problem;
    };
    while (v.ok && st.step()) {
        ++position;
        const QString storedDetail = st.columnText(5);
        Entry e{st.columnInt(0),  st.columnText(1), st.columnText(2),
                st.columnText(3), st.columnText(4), QJsonDocument::fromJson(storedDetail.toUtf8()).object(),
                st.columnText(6), st.columnText(7)};
        if (e.seq != position)
            bad(position, QStringLiteral("entry %1 is out of place: found entry number %2 where entry %1 should be (an entry was removed "
                                         "or the entries were reordered)")
                              .arg(position)
                              .arg(e.seq));
        else if (e.prevHash != previous)
            bad(e.seq, QStringLiteral("entry %1 does not follow entry %2: its link to the previous entry does not match (an entry before "
                                      "it was removed, changed or moved)")
                           .arg(e.seq)
                           .arg(e.seq - 1));
        else if (compact(e.detail) != storedDetail || entryHash(e) != e.hash)
            bad(e.seq, QStringLiteral("entry %1 was changed after it was written: its content does not match its hash").arg(e.seq));
        previous = e.hash;
        v.entries = position;
    }
    if (!st.ok()) return dbError(db, QStringLiteral("cannot read the audit log"));
    if (!v.ok) return v;
    const QString head = db.meta(kHeadKey);
    const QString expected = position == 0 ? QString() : QStringLiteral("%1 %2").arg(position).arg(previous);
    if (head != expected) {
        const qint64 recorded = head.section(QLatin1Char(' '), 0, 0).toLongLong();
        if (recorded > position)
            bad(position + 1, QStringLiteral("entry %1 is missing: the log ends at entry %2 but entry %3 was written (entries were removed "
                                             "from the end)")
                                  .arg(position + 1)
                                  .arg(position)
                                  .arg(recorded));
        else
            bad(position,
                QStringLiteral("entry %1 is not the newest entry the project recorded (the log or its head was altered)").arg(position));
    }
    return v;
}

}  // namespace phm::core::audit
