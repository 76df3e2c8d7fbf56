#pragma once
// Saved cohorts for tests that reach the project file by path (testutil.h's onProject).
#include "cohorts/cohortstore.h"
#include "testutil.h"

namespace phm::test {

// A project's saved cohorts for a test: each call on a connection of its own, written as a
// session's cohort writes are (core/cohorts/cohortstore takes an open connection).
struct Cohorts {
    QString path;
    core::Result<std::vector<core::SavedCohort>> list() const {
        return onProject(path, [](core::ProjectDb &db) { return core::savedCohorts(db); });
    }
    core::Result<core::SavedCohort> find(const QString &name) const {
        return onProject(path, [&](core::ProjectDb &db) { return core::findSavedCohort(db, name); });
    }
    core::Result<core::CohortVersion> save(const QString &name, const QString &rule, const QString &author, const QString &note,
                                           qint64 count) const {
        return onProject(
            path, [&](core::ProjectDb &db) { return core::saveCohort(db, name, rule, author, note, count); }, true);
    }
    core::Status remove(const QString &name) const {
        return onProject(
            path, [&](core::ProjectDb &db) { return core::removeCohort(db, name); }, true);
    }
};
// What in_cohort runs, read now from the file (ops::cohortRules does the same on its connection).
inline core::CohortRules cohortRules(const QString &path) { return core::cohortRules(Cohorts{path}.list()); }

}  // namespace phm::test
