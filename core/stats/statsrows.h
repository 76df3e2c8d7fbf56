#pragma once
// One row builder per statistic of `phm stats` (statscsv.h): each turns the grouped table into
// result rows for its kind. Internal to core/stats; statscsv.cpp reads the table, groups it and
// calls the builder of the requested kind.
#include "stats/statscsv.h"
#include "stats/statstable.h"

#include <QJsonArray>
#include <optional>

namespace phm::core::stats {

enum class StatsKind { Proportion, Rate, Mean, Dsr, Sii, Funnel };
std::optional<StatsKind> statsKind(const QString &name);

// What every builder reads: the request, the table's typed cells, its groups, and the
// confidence and multiplier in force.
struct StatsInput {
    const StatsRequest &request;
    const Cells &cells;
    const std::vector<Group> &groups;
    double confidence;
    double multiplier;
};

// proportion (Wilson) and rate (Byars, exact below 10 events) of the x and n summed per group.
Result<QJsonArray> proportionRows(const StatsInput &in, bool isProportion);
Result<QJsonArray> meanRows(const StatsInput &in);
// Directly standardised rates: ESP2013 bands or a stdpop column, eventfreq for non-independent events.
Result<QJsonArray> dsrRows(const StatsInput &in);
Result<QJsonArray> siiRows(const StatsInput &in);
// Funnels (statsfunnelrows.cpp): every row against the average of all rows, or the limit lines.
Result<QJsonArray> funnelRows(const StatsInput &in);

// The limit lines of a funnel, named as the package names them.
QStringList limitColumns(const QString &funnel);

}  // namespace phm::core::stats
