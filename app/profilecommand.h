#pragma once
#include <QStringList>

// `phm profile --project P --level ics|alliance|place|pcn|practice|lsoa [--indicators IDS]
// [--indicator-file F] [--date YYYY-MM-DD] [--format csv|json]`: one row per area x indicator.
int runProfileCommand(const QStringList &args);
// `phm inequality --project P --indicator ID --by imd_decile|imd_quintile|ethnicity|sex|ageband|rurality
// [--where RULE] [--json]`: the value per group with intervals, and SII/RII for deprivation.
int runInequalityCommand(const QStringList &args);
// `phm trend --project P --indicator ID [--level place] [--points 8] [--months 3]`: JSON with
// the indicator per area and for the ICS at each index date the data cover.
int runTrendCommand(const QStringList &args);
