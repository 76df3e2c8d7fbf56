#pragma once
// The rows behind core/maturity/maturitystore: frameworks, assessments, PHM cycles and their
// stages read and written on an open connection, shared by the store and its exchange file
// (export and import). Internal to core/maturity.
#include "maturity/maturity.h"
#include "maturity/phmcycle.h"
#include "store/projectdb.h"
#include "store/projectlock.h"

#include <QJsonValue>

namespace phm::core::maturity::rows {

// "<what>: <SQLite's message>", or the project's locked or damaged error when that is the cause.
inline Error dbError(ProjectDb &db, const QString &what) { return db.failure(what); }
QString now();
QString compact(const QJsonValue &v);

// Takes the project's write lock for `db` (opened for writing), upgrades it to the current schema
// and runs `work()` (on `db`) inside BEGIN IMMEDIATE; the transaction commits only if `work` succeeds.
template <class T, class F>
Result<T> inTransaction(ProjectDb &db, F work) {
    auto lock = lockForWriting(db, QStringLiteral("maturity"));  // waits for an import to finish
    if (!lock) return lock.error();
    if (auto s = db.migrate(); !s) return s.error();
    if (auto s = db.exec(QStringLiteral("BEGIN IMMEDIATE")); !s) return s.error();
    Result<T> r = work();
    if (!r) {
        db.exec(QStringLiteral("ROLLBACK"));
        return r;
    }
    if (auto s = db.exec(QStringLiteral("COMMIT")); !s) return s.error();
    return r;
}

Result<std::vector<AssessableArea>> readAreas(ProjectDb &db);
Result<std::vector<Framework>> readFrameworks(ProjectDb &db);
// Stored assessments were checked when written; their areas are not checked again (a re-import may
// have changed the geography, and history is kept).
Result<std::vector<Assessment>> readAssessments(ProjectDb &db, const std::vector<Framework> &frameworks);
Result<std::vector<cycle::Cycle>> readCycles(ProjectDb &db);
// The capabilities and levels stored assessments use that `f` would no longer have.
Status compatible(const Framework &f, const std::vector<Assessment> &stored);
Status writeFramework(ProjectDb &db, const Framework &f, const QString &author);
Result<Assessment> writeAssessment(ProjectDb &db, Assessment a, const Framework &f, const QString &author);
Result<qint64> writeCycle(ProjectDb &db, const QString &pcn, const QString &title, const QString &author);
Status writeStage(ProjectDb &db, qint64 cycleId, cycle::StageRecord &s, const QString &author);
// The names of the project's saved cohorts (none when they cannot be read).
QStringList savedCohortNames(ProjectDb &db);

}  // namespace phm::core::maturity::rows
