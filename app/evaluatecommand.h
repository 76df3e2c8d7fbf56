#pragma once
#include <QStringList>

// `phm programmes list --project P [--json]`: the programmes in the project (imported from
// programmes.csv or frozen from a cohort) with the people enrolled and the enrolment dates.
int runProgrammesCommand(const QStringList &args);
// `phm evaluate --project P --programme NAME [--outcome emergency_admissions|ae|bed_days|outpatients|
// ambulance|cost] [--method did|its] [--match psm|cem] [--ratio K] [--caliper SD] [--same-pcn]
// [--pre-months 12] [--post-months 12] [--replicates 500] [--seed N] [--area CODE [--start DATE]
// [--comparison CODE]] [--json]`: did the programme change the outcome (core/operations/evaluateop.h).
// With --save NAME the published result is kept in the project (`saved_id` in the JSON).
int runEvaluateCommand(const QStringList &args);
// `phm programmes freeze --project P --name NAME --cohort COHORT --index-date DATE [--area LEVEL:CODE]`:
// the saved cohort's members at that date become a programme enrolled on it (runProgrammesCommand).
// `phm evaluations list --project P [--json]`: the saved evaluations with their settings and results.
int runEvaluationsCommand(const QStringList &args);
