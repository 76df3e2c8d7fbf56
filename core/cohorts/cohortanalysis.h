#pragma once
// What analysts ask of cohorts once they exist: members of a saved cohort (for in_cohort),
// overlap of 2-4 cohorts (every intersection region) and the breakdown by area.
#include "cohorts/cohortstore.h"
#include "geo/areas.h"
#include "rules/ruleengine.h"

namespace phm::core {

namespace rules {
class CodeLists;
}

// Resolves in_cohort("name") by evaluating the saved cohort's current rule in `cohorts` (a snapshot:
// no database is read), recursively; a cohort that refers to itself, directly or not, is an error
// rather than a hang. One resolver serves one evaluation (it remembers the cohorts it evaluated):
// each thread builds its own.
rules::CohortResolver makeCohortResolver(const Project &project, const rules::CodeLists &lists, CohortRules cohorts,
                                         int32_t indexDate = kNoDate);

struct OverlapRegion {
    unsigned members = 0;  // bit k set: in cohort k (and not in the cohorts whose bits are clear)
    int64_t count = 0;
};
// Every non-empty combination of 2 to 4 cohorts, with the number of people in exactly those.
Result<std::vector<OverlapRegion>> overlap(const std::vector<rules::Selection> &cohorts);
// The same for saved cohorts by name (bit k of a region: names[k]), each at its current version.
Result<std::vector<OverlapRegion>> overlapOfSaved(const Project &project, const rules::CodeLists &lists, const CohortRules &cohorts,
                                                  const QStringList &names);

struct AreaCount {
    Area area;
    QString name;
    int64_t count = 0;       // cohort members registered with (or living in) the area
    int64_t population = 0;  // registered population at the extract end
};
std::vector<AreaCount> breakdown(const AreaIndex &areas, const rules::Selection &cohort, Area::Kind kind);
// Everyone in the project who belongs to the area (registered there, or living there for an LSOA).
rules::Selection areaMembers(const AreaIndex &areas, const Area &area);

}  // namespace phm::core

namespace phm::core {

// One evaluation of rule text, as the cohort builder shows it: either a located error (with the
// caret rendering) or the count and attrition, with the time taken.
struct RuleRun {
    bool ok = false;
    QString error;  // ParseError::format or an evaluation error
    int errorLine = 0, errorColumn = 0;
    int64_t count = 0, population = 0;
    std::vector<rules::Attrition> attrition;
    std::shared_ptr<const rules::Selection> people;  // the cohort, when ok
    double ms = 0;
};
// Evaluated at `indexDate` (kNoDate: the extract end) among `within` (everyone when null), whose
// size is then the run's population; in_cohort runs the rules of `cohorts`.
RuleRun runRuleText(const Project &project, const rules::CodeLists &lists, const CohortRules &cohorts, const QString &text,
                    int32_t indexDate = kNoDate, const rules::Selection *within = nullptr);

}  // namespace phm::core
