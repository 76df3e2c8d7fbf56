#pragma once
#include <QStringList>

// `phm cohort`: evaluate a rule (count, attrition, timing), optionally save it, break it down by
// area or write its pseudonymised ids. `phm cohorts`: list, history, delete, overlap.
int runCohortCommand(const QStringList &args);
int runCohortsCommand(const QStringList &args);
// `phm segment --project P [--template ID|FILE] [--json]`
int runSegmentCommand(const QStringList &args);
