#include "cohortstore.h"

#include "projectdb.h"
#include "projectlock.h"

namespace phm::core {

namespace {
Error dbError(ProjectDb &db, const QString &what) {
    return Error{QStringLiteral("sql_error"), QStringLiteral("%1: %2").arg(what, db.lastError()), db.path()};
}
}  // namespace

Result<std::vector<SavedCohort>> CohortStore::list() const {
    auto db = ProjectDb::open(mPath, false);
    if (!db) return db.error();
    std::vector<SavedCohort> out;
    if (db.value()->schemaVersion() < 2) return out;  // an older project has none yet
    Statement st(*db.value(), QStringLiteral("SELECT c.name, v.version, v.rule, v.author, v.saved_at, v.note, v.count FROM cohort c "
                                             "JOIN cohort_version v ON v.cohort_id = c.id ORDER BY c.name, v.version"));
    while (st.step()) {
        const QString name = st.columnText(0);
        if (out.empty() || out.back().name != name) out.push_back(SavedCohort{name, {}});
        out.back().history.push_back(CohortVersion{int(st.columnInt(1)), st.columnText(2), st.columnText(3), st.columnText(5),
                                                   QDateTime::fromString(st.columnText(4), Qt::ISODate), st.columnInt(6)});
    }
    if (!st.ok()) return dbError(*db.value(), QStringLiteral("cannot read cohorts"));
    return out;
}

Result<SavedCohort> CohortStore::find(const QString &name) const {
    auto all = list();
    if (!all) return all.error();
    for (SavedCohort &c : all.value())
        if (c.name == name) return c;
    return Error{QStringLiteral("unknown_cohort"), QStringLiteral("no saved cohort called \"%1\"").arg(name), name};
}

Result<CohortVersion> CohortStore::save(const QString &name, const QString &rule, const QString &author, const QString &note,
                                        qint64 count) {
    if (name.trimmed().isEmpty()) return Error{QStringLiteral("bad_name"), QStringLiteral("a cohort needs a name"), {}};
    auto lock = ProjectLock::acquire(mPath, QStringLiteral("cohorts"));  // waits for an import to finish
    if (!lock) return lock.error();
    auto opened = ProjectDb::open(mPath, true);
    if (!opened) return opened.error();
    ProjectDb &db = *opened.value();
    if (auto s = db.migrate(); !s) return s.error();
    if (auto s = db.exec(QStringLiteral("BEGIN IMMEDIATE")); !s) return s.error();
    auto rollback = [&](const QString &what) {
        const Error e = dbError(db, what);
        db.exec(QStringLiteral("ROLLBACK"));
        return e;
    };
    Statement insertCohort(db, QStringLiteral("INSERT OR IGNORE INTO cohort(name) VALUES (?)"));
    insertCohort.bindText(1, name);
    if (!insertCohort.stepDone()) return rollback(QStringLiteral("cannot save cohort"));
    Statement next(
        db, QStringLiteral("SELECT c.id, COALESCE(max(v.version), 0) + 1 FROM cohort c LEFT JOIN cohort_version v ON v.cohort_id = c.id "
                           "WHERE c.name = ? GROUP BY c.id"));
    next.bindText(1, name);
    if (!next.step()) return rollback(QStringLiteral("cannot save cohort"));
    const int64_t id = next.columnInt(0);
    CohortVersion v{int(next.columnInt(1)), rule, author, note, QDateTime::currentDateTimeUtc(), count};
    next.reset();
    Statement insert(
        db, QStringLiteral("INSERT INTO cohort_version(cohort_id, version, rule, author, saved_at, note, count) VALUES (?,?,?,?,?,?,?)"));
    insert.bind(1, id);
    insert.bind(2, int64_t(v.version));
    insert.bindText(3, rule);
    insert.bindText(4, author);
    insert.bindText(5, v.savedAt.toString(Qt::ISODate));
    insert.bindText(6, note);
    insert.bind(7, int64_t(count));
    if (!insert.stepDone()) return rollback(QStringLiteral("cannot save cohort"));
    if (auto s = db.exec(QStringLiteral("COMMIT")); !s) return s.error();
    return v;
}

Status CohortStore::remove(const QString &name) {
    auto lock = ProjectLock::acquire(mPath, QStringLiteral("cohorts"));  // waits for an import to finish
    if (!lock) return lock.error();
    auto opened = ProjectDb::open(mPath, true);
    if (!opened) return opened.error();
    ProjectDb &db = *opened.value();
    if (db.schemaVersion() < 2)
        return Error{QStringLiteral("unknown_cohort"), QStringLiteral("no saved cohort called \"%1\"").arg(name), name};
    if (auto s = db.exec(QStringLiteral("BEGIN IMMEDIATE")); !s) return s;
    Statement del(db, QStringLiteral("DELETE FROM cohort_version WHERE cohort_id = (SELECT id FROM cohort WHERE name = ?)"));
    del.bindText(1, name);
    Statement delCohort(db, QStringLiteral("DELETE FROM cohort WHERE name = ?"));
    delCohort.bindText(1, name);
    if (!del.stepDone() || !delCohort.stepDone()) {
        const Error e = dbError(db, QStringLiteral("cannot delete cohort"));
        db.exec(QStringLiteral("ROLLBACK"));
        return e;
    }
    return db.exec(QStringLiteral("COMMIT"));
}

}  // namespace phm::core
