#pragma once
// Saved cohorts: named rules in the project file, each save a new version with its author, time
// and count (the definition history). Writes are single SQLite transactions, so a failed or
// killed save leaves the project as it was. Opening an older project for writing upgrades its
// schema first (ProjectDb::migrate).
#include "base/result.h"

#include <QDateTime>
#include <QString>
#include <map>
#include <optional>
#include <vector>

namespace phm::core {

struct CohortVersion {
    int version = 0;
    QString rule, author, note;
    QDateTime savedAt;
    qint64 count = -1;
};

struct SavedCohort {
    QString name;
    std::vector<CohortVersion> history;  // oldest first
    QString description;                 // what the cohort is for (kept in meta as cohort.description.<name>)
    const CohortVersion &current() const { return history.back(); }
};

class ProjectDb;

// Reads go through an open connection (a session's, Session::read); writes through one opened for
// writing (the session's writes), each taking the project's write lock (lockForWriting) for its
// transaction.

// Every saved cohort with its versions.
Result<std::vector<SavedCohort>> savedCohorts(ProjectDb &db);
Result<SavedCohort> findSavedCohort(ProjectDb &db, const QString &name);
// The cohort called `name` among `saved` (what savedCohorts read), or the unknown-cohort error.
Result<SavedCohort> findSavedCohort(const std::vector<SavedCohort> &saved, const QString &name);
// Adds a version (creating the cohort on first save) and returns it.
Result<CohortVersion> saveCohort(ProjectDb &db, const QString &name, const QString &rule, const QString &author, const QString &note,
                                 qint64 count);
Status removeCohort(ProjectDb &db, const QString &name);
// A new name for a cohort, its versions and description kept. Refused when the new name is taken,
// when another cohort's rule uses it through in_cohort (that rule would stop running) or when
// identities were revealed from it (the audit log names it).
Status renameCohort(ProjectDb &db, const QString &name, const QString &newName);
// What the cohort is for, shown in the cohort library; empty removes it.
Status setCohortDescription(ProjectDb &db, const QString &name, const QString &description);

// What in_cohort runs: the saved cohorts' current rules by name, read once (Session::cohortRules),
// so a rule's evaluation reads no database and may run on any thread. When the cohorts could not
// be read, that error is kept and is what an in_cohort lookup answers (a rule without in_cohort
// still runs).
struct CohortRules {
    std::map<QString, QString> current;  // name -> the rule of its latest version
    std::optional<Error> unreadable;
};
CohortRules cohortRules(const Result<std::vector<SavedCohort>> &saved);

}  // namespace phm::core
