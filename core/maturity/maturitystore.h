#pragma once
// Maturity frameworks, assessments and PHM cycles in the project file (schema 5). Assessments and
// cycle stages are append-only (SQLite triggers refuse UPDATE and DELETE): a new assessment is a
// new record, so history is never lost. Frameworks are the shipped ones overlaid by the project's
// own (same name: the project's). Every write is one transaction; a refused import changes
// nothing.
//
// Exchange file (phm maturity export/import):
//   {"frameworks": [framework, ...], "assessments": [assessment, ...], "cycles": [cycle, ...]}
// with the shapes of core/maturity/maturityframework, core/maturity/maturity and core/maturity/phmcycle.
#include "maturity/maturity.h"
#include "maturity/phmcycle.h"

namespace phm::core {
class ProjectDb;
}

namespace phm::core::maturity {

// Reads go through an open connection (a session's, Session::read); writes through one opened for
// writing (ProjectDb::open(path, true), as the session's writes do), each taking the project's
// write lock (core/store/projectlock) for its transaction.

// The ICS, its places and its PCNs.
Result<std::vector<AssessableArea>> assessableAreas(ProjectDb &db);

Result<std::vector<Framework>> frameworks(ProjectDb &db);
// Adds or replaces the project's framework of that name. Refused when a stored assessment would
// lose a capability or level it uses.
Status saveFramework(ProjectDb &db, const Framework &framework, const QString &author);

Result<std::vector<Assessment>> assessments(ProjectDb &db);  // oldest first
// Checks and appends one assessment; returns it with its id and when it was stored.
Result<Assessment> addAssessment(ProjectDb &db, Assessment assessment, const QString &author);

Result<std::vector<cycle::Cycle>> cycles(ProjectDb &db);
Result<cycle::Cycle> startCycle(ProjectDb &db, const QString &pcn, const QString &title, const QString &author);
Result<cycle::Cycle> recordStage(ProjectDb &db, qint64 cycleId, cycle::StageRecord stage, const QString &author);

// Everything the maturity dock shows, read through one open connection (a session's).
struct Records {
    std::vector<Framework> frameworks;
    std::vector<Assessment> assessments;  // oldest first
    std::vector<AssessableArea> areas;
    std::vector<cycle::Cycle> cycles;
};
Result<Records> records(ProjectDb &db);

Result<QJsonObject> exportAll(ProjectDb &db);

struct ImportReport {
    int frameworksSaved = 0, frameworksUnchanged = 0;
    int assessmentsAdded = 0, assessmentsSkipped = 0;  // skipped: the project already holds the same
    int cyclesAdded = 0, stagesAdded = 0, stagesSkipped = 0;
    QJsonObject toJson() const;
};
// All or nothing: every framework, assessment and cycle is checked first (errors name the file,
// the JSON path and, for a syntax error, the line and column), then written in one transaction.
Result<ImportReport> importAll(ProjectDb &db, const QByteArray &json, const QString &source, const QString &author);

}  // namespace phm::core::maturity
