// `phm stats` (statscsv.h): reads the analyst's table, checks the columns the statistic needs,
// groups the rows and hands them to the row builder of the statistic (statsrows.h).
#include "stats/statscsv.h"

#include "stats/statsrows.h"

#include <cmath>

namespace phm::core::stats {

QStringList statsKinds() {
    return {QStringLiteral("proportion"), QStringLiteral("rate"), QStringLiteral("mean"),
            QStringLiteral("dsr"),        QStringLiteral("sii"),  QStringLiteral("funnel")};
}

std::optional<StatsKind> statsKind(const QString &name) {
    const qsizetype i = statsKinds().indexOf(name);
    if (i < 0) return std::nullopt;
    return StatsKind(i);  // statsKinds() lists the kinds in the enum's order
}

double defaultMultiplier(const QString &kind) {
    if (kind == QLatin1String("rate") || kind == QLatin1String("dsr")) return 100000;
    if (kind == QLatin1String("funnel")) return 100;
    return 1;
}

namespace {

// Result keys in the order a person reads them, per kind.
QStringList resultColumns(StatsKind kind, bool rii, bool ratio) {
    const QStringList interval = {QStringLiteral("value"), QStringLiteral("lowercl"), QStringLiteral("uppercl")};
    switch (kind) {
        case StatsKind::Proportion:
        case StatsKind::Rate:
            return QStringList{QStringLiteral("numerator"), QStringLiteral("denominator")} + interval +
                   QStringList{QStringLiteral("confidence"), QStringLiteral("method")};
        case StatsKind::Mean:
            return QStringList{QStringLiteral("count"), QStringLiteral("sum"), QStringLiteral("sd")} + interval +
                   QStringList{QStringLiteral("confidence")};
        case StatsKind::Dsr:
            return QStringList{QStringLiteral("total_count"), QStringLiteral("total_pop")} + interval +
                   QStringList{QStringLiteral("confidence"), QStringLiteral("note")};
        case StatsKind::Sii: {
            QStringList c = interval + QStringList{QStringLiteral("confidence"), QStringLiteral("sii"), QStringLiteral("sii_lower"),
                                                   QStringLiteral("sii_upper")};
            if (rii) c << QStringLiteral("rii") << QStringLiteral("rii_lower") << QStringLiteral("rii_upper");
            return c << QStringLiteral("intercept") << QStringLiteral("quantiles");
        }
        case StatsKind::Funnel:
            break;
    }
    QStringList c = QStringList{QStringLiteral("numerator"), QStringLiteral("denominator")} + interval;
    if (ratio) return c << QStringLiteral("confidence") << QStringLiteral("baseline") << QStringLiteral("significance");
    return c << QStringLiteral("lower_998") << QStringLiteral("upper_998") << QStringLiteral("baseline") << QStringLiteral("significance");
}

// The columns a kind cannot do without.
QStringList requiredRoles(StatsKind kind, const QString &funnel) {
    switch (kind) {
        case StatsKind::Funnel:
            if (funnel == QLatin1String("rate")) return {QStringLiteral("x"), QStringLiteral("rate")};
            [[fallthrough]];
        case StatsKind::Proportion:
        case StatsKind::Rate:
            return {QStringLiteral("x"), QStringLiteral("n")};
        case StatsKind::Mean:
            return {QStringLiteral("value")};
        case StatsKind::Dsr:
            return {QStringLiteral("ageband"), QStringLiteral("x"), QStringLiteral("n")};
        case StatsKind::Sii:
            break;
    }
    return {QStringLiteral("quantile"), QStringLiteral("population")};
}

// The rows grouped for the kind: by --by, or row by row for proportions, rates and funnels;
// funnels compare rows, and their --by names the label columns.
Result<std::vector<Group>> groupsFor(StatsKind kind, const StatsRequest &rq, const Table &t, const Cells &cells, const QStringList &roles) {
    QStringList roleColumns;
    for (const QString &r :
         roles + QStringList{QStringLiteral("stdpop"), QStringLiteral("value"), QStringLiteral("se"), QStringLiteral("lowercl"),
                             QStringLiteral("uppercl"), QStringLiteral("n"), QStringLiteral("eventfreq")})
        roleColumns << cells.name(r);
    roleColumns += resultColumns(kind, rq.rii, rq.funnel != QLatin1String("proportion"));
    const bool funnel = kind == StatsKind::Funnel;
    const bool perRow = kind == StatsKind::Proportion || kind == StatsKind::Rate || funnel;
    auto groups = groupRows(t, funnel ? QStringList() : rq.by, perRow, roleColumns);
    if (!groups) return groups.error();
    if (funnel && !rq.by.isEmpty())
        for (Group &g : groups.value()) {
            QJsonObject keys;
            for (const QString &b : rq.by) keys.insert(b, g.keys.value(b));
            g.keys = keys;
        }
    return groups;
}

// The result rows; `header` receives the input table's columns.
Result<QJsonArray> computeRows(const StatsRequest &rq, QStringList &header) {
    const std::optional<StatsKind> kind = statsKind(rq.kind);
    if (!kind)
        return Error{ErrorCode::BadKind,
                     QStringLiteral("unknown statistic `%1` (one of %2)").arg(rq.kind, statsKinds().join(QStringLiteral(", "))),
                     {}};
    auto level = confidenceLevel(rq.confidence);
    if (!level) return level.error();
    const bool rateFunnel = *kind == StatsKind::Funnel && rq.funnel == QLatin1String("rate");
    const double multiplier = !std::isnan(rq.multiplier) ? rq.multiplier : rateFunnel ? 100000 : defaultMultiplier(rq.kind);
    auto table = readTable(rq.input);
    if (!table) return table.error();
    const Table &t = table.value();
    header = t.header;
    const Cells cells(t, rq.columns);
    const QStringList roles = requiredRoles(*kind, rq.funnel);
    if (auto s = cells.require(roles); !s) return s.error();
    auto groups = groupsFor(*kind, rq, t, cells, roles);
    if (!groups) return groups.error();
    const StatsInput in{rq, cells, groups.value(), level.value(), multiplier};
    switch (*kind) {
        case StatsKind::Proportion:
            return proportionRows(in, true);
        case StatsKind::Rate:
            return proportionRows(in, false);
        case StatsKind::Mean:
            return meanRows(in);
        case StatsKind::Dsr:
            return dsrRows(in);
        case StatsKind::Sii:
            return siiRows(in);
        case StatsKind::Funnel:
            break;
    }
    return funnelRows(in);
}

}  // namespace

Result<StatsOutput> computeStats(const StatsRequest &rq) {
    QStringList header;
    auto rows = computeRows(rq, header);
    if (!rows) return rows.error();
    StatsOutput out;
    if (rq.kind == QLatin1String("funnel") && rq.limits) {
        out.columns = limitColumns(rq.funnel);
        out.rows = rows.value();
        return out;
    }
    const QStringList results = resultColumns(*statsKind(rq.kind), rq.rii, rq.funnel != QLatin1String("proportion"));
    // Group columns in the file's order, as they appear in the first row.
    if (!rows.value().isEmpty())
        for (const QString &c : header)
            if (rows.value().first().toObject().contains(c) && !results.contains(c)) out.columns << c;
    out.columns += results;
    out.rows = rows.value();
    return out;
}

}  // namespace phm::core::stats
