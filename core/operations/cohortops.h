#pragma once
// Cohort analyses as operations: a request, run on a session, a result and its JSON (the layout
// `phm cohort --json` and `phm cohorts --json` print) with the fields that say what is a count.
// The CLI parses arguments into the request; the workbench's cohort builder runs the same
// operation. Nothing here publishes: the caller passes the JSON through Session::publish.
#include "base/feedback.h"
#include "base/result.h"
#include "cohorts/cohortanalysis.h"
#include "cohorts/cohortbase.h"
#include "governance/publish.h"
#include "rules/ruleast.h"
#include "session/session.h"

#include <QJsonObject>
#include <QStringList>
#include <memory>
#include <optional>

namespace phm::core::ops {

struct CohortRequest {
    QString rule;
    std::shared_ptr<const rules::Expr> parsed;  // set by parseCohortRule
    bool sqlEngine = false;                     // evaluate through SQLite (rules/rulesql) rather than in memory
    std::optional<Area::Kind> by;               // break the cohort down by these areas
    int repeat = 1;                             // evaluate this many times; the median time is reported
    // Counted in this base, at its index date. Everyone in the extract is `phm cohort`'s default
    // (what scripts have always had); the cohort builder and `--base registered` count the
    // registered and alive.
    CohortBase base = CohortBase::everyoneInExtract();
};
// The rule parsed against the code lists, so a typo is reported before a project is opened.
Result<CohortRequest> parseCohortRule(const QString &rule, const rules::CodeLists &lists);
// practice, pcn, place, care_alliance or lsoa.
std::optional<Area::Kind> breakdownKind(const QString &name);
// An area as the CLI's --area takes it: LEVEL:CODE or LEVEL:NAME (pcn:U12345, place:Luton).
Result<Area> areaFromSpec(const AreaIndex &areas, const QString &spec);

struct CohortRun {
    rules::EvaluationResult evaluation;
    std::vector<AreaCount> breakdown;  // when the request asked for one
    bool byArea = false;
    bool sqlEngine = false;
    double ms = 0;  // median of the runs
    int runs = 0;
    int32_t persons = 0;
    int64_t baseCount = 0;
    QJsonObject base;  // baseJson
};
Result<CohortRun> runCohort(const Session &session, const CohortRequest &request, Feedback &feedback);
// count, attrition [{clause, count}], ms, engine, persons, runs, base {kind, index_date, level, area,
// area_code, count}, and breakdown [{area, count, population}].
QJsonObject cohortJson(const CohortRun &run);

// The cohort builder's run of rule text as typed, in `base`: a located error (line and column,
// for the editor's underline) or the count, attrition and members, with the time taken; the
// run's population is the base's.
Result<RuleRun> runCohortText(const Session &session, const QString &text, const CohortBase &base, Feedback &feedback);

// The members' pseudonymised ids as CSV (a person_id column), for `phm cohort --ids`; the ids come
// from the extract, so each is written as a CSV text cell.
QByteArray memberIdsCsv(const Project &project, const rules::Selection &people);

// Saved cohorts: every version of each ({cohorts: [{name, versions: [...]}]}).
Result<QJsonObject> savedCohortsJson(const Session &session);
// The saved cohorts' current rules, read now on the session's connection: what in_cohort runs
// (makeCohortResolver, runRuleText, overlapOfSaved), read once per run.
CohortRules cohortRules(const Session &session);
// Overlap of 2 to 4 saved cohorts ({regions: [{cohorts, count}]}).
Result<QJsonObject> cohortOverlapJson(const Session &session, const QStringList &names);

// The counts of these outputs: attrition steps are nested subsets, not parts of a line; a saved
// cohort's versions neither.
const disclosure::OutputFields &cohortFields();

}  // namespace phm::core::ops
