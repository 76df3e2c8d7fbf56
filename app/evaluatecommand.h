#pragma once
#include <QStringList>

// `phm programmes list --project P [--json]`: the programmes in the project (imported from
// programmes.csv or frozen from a cohort) with the people enrolled and the enrolment dates.
int runProgrammesCommand(const QStringList &args);
// `phm evaluate --project P --programme NAME [--outcome emergency_admissions|ae|bed_days|outpatients|
// ambulance|cost] [--method did|its] [--match psm|cem] [--ratio K] [--caliper SD] [--same-pcn]
// [--pre-months 12] [--post-months 12] [--replicates 500] [--seed N] [--area CODE [--start DATE]
// [--comparison CODE]] [--json]`: did the programme change the outcome (core/operations/evaluateop.h).
int runEvaluateCommand(const QStringList &args);
