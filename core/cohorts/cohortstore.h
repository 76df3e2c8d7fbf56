#pragma once
// Saved cohorts: named rules in the project file, each save a new version with its author, time
// and count (the definition history). Writes are single SQLite transactions, so a failed or
// killed save leaves the project as it was. Opening an older project for writing upgrades its
// schema first (ProjectDb::migrate).
#include "base/result.h"

#include <QDateTime>
#include <QString>
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
// Every saved cohort with its versions, read through an open connection (a session's).
Result<std::vector<SavedCohort>> savedCohorts(ProjectDb &db);

class CohortStore {
public:
    explicit CohortStore(QString projectPath) : mPath(std::move(projectPath)) {}
    Result<std::vector<SavedCohort>> list() const;
    Result<SavedCohort> find(const QString &name) const;
    // Adds a version (creating the cohort on first save) and returns it.
    Result<CohortVersion> save(const QString &name, const QString &rule, const QString &author, const QString &note, qint64 count);
    Status remove(const QString &name);
    // A new name for a cohort, its versions and description kept (cohortedits.cpp). Refused when
    // the new name is taken, when another cohort's rule uses it through in_cohort (that rule
    // would stop running) or when identities were revealed from it (the audit log names it).
    Status rename(const QString &name, const QString &newName);
    // What the cohort is for, shown in the cohort library; empty removes it.
    Status setDescription(const QString &name, const QString &description);

private:
    QString mPath;
};

}  // namespace phm::core
