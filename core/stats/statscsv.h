#pragma once
// `phm stats`: the indicator statistics (statistics.h, sii.h, funnel.h) over an analyst's own
// aggregate table. Columns follow PHEindicatormethods' arguments (x, n; ageband, x, n, stdpop;
// quantile, population, value, se or lowercl/uppercl; value for means), optionally renamed with
// a mapping. Rows are grouped by the --by columns; bad input is an error naming the file, line
// and column. docs/stats.md is the user's reference.
#include "base/result.h"
#include "stats/sii.h"

#include <QJsonArray>
#include <QMap>
#include <QStringList>

namespace phm::core::stats {

struct StatsRequest {
    QString kind;   // proportion | rate | mean | dsr | sii | funnel
    QString input;  // CSV file
    QStringList by;
    QMap<QString, QString> columns;  // role -> column name in the file (default: the role's own name)
    double confidence = 0.95;
    double multiplier = NAN;  // NaN: the kind's default (1, 100000, 1, 100000, 1, 100)
    SiiOptions sii;           // valueType, transform, rii and repetitions/seed for `sii`
    bool rii = false;
    QString funnel = QStringLiteral("proportion");  // funnel statistic: proportion | ratio | rate
    QString rateType = QStringLiteral("dsr");       // rate funnels: dsr | crude (x events, `rate`, optional n)
    double years = 1;                               // rate funnels: years of data the rates cover
    bool limits = false;                            // funnel: the 100-point control limit lines instead of the rows
};

QStringList statsKinds();
double defaultMultiplier(const QString &kind);

struct StatsOutput {
    QStringList columns;  // in order: the group's columns, then value, lowercl, uppercl, then the kind's own keys
    QJsonArray rows;      // one object per group (or per row where the kind works row by row)
};
// The --by columns (or, row by row, the row's other columns) plus value, lowercl, uppercl and
// the kind's own keys.
Result<StatsOutput> computeStats(const StatsRequest &request);

}  // namespace phm::core::stats
