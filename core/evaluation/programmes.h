#pragma once
// Programmes an evaluation asks about: enrolments imported from programmes.csv (the
// `programmes` table) and programmes frozen from a saved cohort at an index date (schema 7:
// `programme` and `programme_member`, members by pseudonym so a re-import keeps them).
#include "base/result.h"
#include "store/project.h"
#include "store/tablecheck.h"

#include <QString>
#include <vector>

namespace phm::core {
class ProjectDb;
}

namespace phm::core::evaluation {

struct ProgrammeSummary {
    QString name;
    QString source;                           // "programmes.csv", or "cohort NAME version N"
    int64_t enrolled = 0;                     // people (a person enrolled twice counts once)
    int32_t first = kNoDate, last = kNoDate;  // first and last enrolment date
};

struct Programme {
    QString name, source;
    // One entry per person, by person: their first enrolment (and its end, kNoDate if none).
    std::vector<int32_t> people, enrolled, ended;
};

Result<std::vector<ProgrammeSummary>> listProgrammes(ProjectDb &db, const Project &project);
// The programme's enrolments, checked against the loaded project (a pid or date the file holds
// outside it is an error that names the row, never an index out of range).
Result<Programme> loadProgramme(ProjectDb &db, const Project &project, const QString &name);

}  // namespace phm::core::evaluation
