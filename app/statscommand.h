#pragma once
#include <QStringList>

// `phm stats proportion|rate|mean|dsr|sii|funnel --input F.csv [--by COLS] [--confidence 0.95]
// [--multiplier M] [--map role=column,...] [--json]`; for sii also --value-type 0|1|2,
// --transform, --rii, --repetitions N, --seed S; for funnel --statistic proportion|ratio.
int runStatsCommand(const QStringList &args);
