#include "indicators/profile.h"

#include "indicators/indicatortally.h"
#include "stats/funnel.h"

#include <QElapsedTimer>
#include <QHash>
#include <algorithm>

namespace phm::core {

QString significanceName(Significance s) {
    switch (s) {
        case Significance::Similar:
            return QStringLiteral("similar");
        case Significance::Better:
            return QStringLiteral("better");
        case Significance::Worse:
            return QStringLiteral("worse");
        case Significance::Higher:
            return QStringLiteral("higher");
        case Significance::Lower:
            return QStringLiteral("lower");
        case Significance::NotCompared:
            break;
    }
    return QStringLiteral("not compared");
}

Significance compareWith(const stats::Interval &a, double comparator, Polarity polarity) {
    if (std::isnan(a.lower) || std::isnan(a.upper) || std::isnan(comparator)) return Significance::NotCompared;
    const bool higher = a.lower > comparator, lower = a.upper < comparator;
    if (!higher && !lower) return Significance::Similar;
    if (polarity == Polarity::NoJudgement) return higher ? Significance::Higher : Significance::Lower;
    return higher == (polarity == Polarity::HigherIsBetter) ? Significance::Better : Significance::Worse;
}

Result<Profile> computeProfile(const AreaIndex &areas, const rules::CodeLists &lists, const std::vector<IndicatorDefinition> &indicators,
                               Area::Kind level, const ProfileOptions &options, ProfileWorkspace *workspace) {
    ProfileWorkspace local;
    ProfileWorkspace &w = workspace ? *workspace : local;
    QElapsedTimer timer;
    timer.start();
    const Project &p = areas.project();
    const int32_t day = options.indexDate == kNoDate ? p.extractEnd : options.indexDate;
    const int32_t n = p.persons.count;
    const int areaCount = areas.areaCount(level);
    IndicatorTallier tallier(p, lists, day, areaCount, w);
    if (w.groupKey != int(level)) {
        for (int32_t i = 0; i < n; ++i) tallier.groupOf()[size_t(i)] = areas.areaOf(level, i);
        w.groupKey = int(level);
    }
    std::vector<Area> parents(static_cast<size_t>(areaCount));
    int parentCount = 1;
    for (int a = 0; a < areaCount; ++a) {
        parents[size_t(a)] = areas.parentOf(Area{level, a});
        parentCount = std::max(parentCount, parents[size_t(a)].index + 1);
    }
    const Area::Kind parentKind = parents.empty() ? Area::Ics : parents.front().kind;
    if (parentKind != Area::Ics) parentCount = areas.areaCount(parentKind);

    Profile out;
    std::vector<std::vector<IndicatorValue>> published(indicators.size());
    std::vector<IndicatorValue> publishedIcs;
    out.byArea.resize(indicators.size());
    out.byParent.resize(indicators.size());
    for (size_t k = 0; k < indicators.size(); ++k) {
        const IndicatorDefinition &d = indicators[k];
        auto tallies = tallier.tally(d);
        if (!tallies) return tallies.error();
        // Parents and the ICS are sums of the same counts.
        Tally ics;
        std::vector<Tally> parentTallies(static_cast<size_t>(parentCount));
        for (int a = 0; a < areaCount; ++a) {
            ics.add(tallies.value()[size_t(a)]);
            parentTallies[size_t(parents[size_t(a)].index)].add(tallies.value()[size_t(a)]);
        }
        out.ics.push_back(governedValue(d, ics, options.confidence, options.governed));
        for (int a = 0; a < areaCount; ++a)
            out.byArea[k].push_back(governedValue(d, tallies.value()[size_t(a)], options.confidence, options.governed));
        for (int a = 0; a < parentCount; ++a)
            out.byParent[k].push_back(governedValue(d, parentTallies[size_t(a)], options.confidence, options.governed));
        if (options.alsoPublished) {
            const disclosure::Policy *policy = options.governed ? options.governed : options.alsoPublished;
            publishedIcs.push_back(governedValue(d, ics, options.confidence, policy));
            for (int a = 0; a < areaCount; ++a)
                published[k].push_back(governedValue(d, tallies.value()[size_t(a)], options.confidence, policy));
        }
    }
    for (int a = 0; a < areaCount; ++a) {
        const Area area{level, a};
        if (level == Area::Lsoa && !p.geography.lsoas[size_t(a)].inIcs) continue;  // the ICS's own neighbourhoods
        for (size_t k = 0; k < indicators.size(); ++k) {
            ProfileRow row;
            row.area = area;
            row.areaName = areas.name(area);
            row.areaCode = areas.code(area);
            row.indicator = int(k);
            row.value = out.byArea[k][size_t(a)];
            row.parent = parents[size_t(a)];
            row.parentValue = out.byParent[k][size_t(row.parent.index)].ci.value;
            row.icsValue = out.ics[k].ci.value;
            row.vsParent = compareWith(row.value.ci, row.parentValue, indicators[k].polarity);
            row.vsIcs = compareWith(row.value.ci, row.icsValue, indicators[k].polarity);
            row.published = options.alsoPublished ? published[k][size_t(a)] : row.value;
            row.publishedIcsValue = options.alsoPublished ? publishedIcs[k].ci.value : row.icsValue;
            row.publishedVsIcs = compareWith(row.published.ci, row.publishedIcsValue, indicators[k].polarity);
            out.rows.push_back(row);
        }
    }
    out.ms = timer.nsecsElapsed() / 1e6;
    return out;
}

QString drillDownRule(const AreaIndex &areas, const IndicatorDefinition &d, const Area &area) {
    QStringList clauses;
    auto wrap = [](const QString &rule) {
        return rule.contains(QLatin1String(" or "), Qt::CaseInsensitive) ? QStringLiteral("(%1)").arg(rule) : rule;
    };
    clauses << wrap(d.denominator);
    if (!d.numerator.isEmpty())
        clauses << wrap(d.numerator);
    else if (!d.events.isEmpty())
        clauses << QStringLiteral("%1 >= %2").arg(d.events, d.type == IndicatorType::Mean ? QStringLiteral("0.01") : QStringLiteral("1"));
    const QString code = areas.code(area);
    switch (area.kind) {
        case Area::Ics:
            break;
        case Area::Alliance:
            clauses << QStringLiteral("care_alliance = '%1'").arg(code);
            break;
        case Area::Place:
            clauses << QStringLiteral("place = '%1'").arg(code);
            break;
        case Area::Pcn:
            clauses << QStringLiteral("pcn = '%1'").arg(code);
            break;
        case Area::Practice:
            clauses << QStringLiteral("practice = '%1'").arg(code);
            break;
        case Area::Lsoa:
            clauses << QStringLiteral("lsoa = '%1'").arg(code);
            break;
    }
    return clauses.join(QStringLiteral("\nand "));
}

PeerRange peerRange(const Profile &profile, int indicator) {
    std::vector<double> values;
    for (const ProfileRow &r : profile.rows)
        if (r.indicator == indicator && !std::isnan(r.value.ci.value)) values.push_back(r.value.ci.value);
    PeerRange out;
    out.areas = int(values.size());
    if (values.empty()) return out;
    std::sort(values.begin(), values.end());
    // Percentiles by linear interpolation between order statistics (R's default, type 7).
    auto at = [&](double q) {
        const double h = (double(values.size()) - 1) * q;
        const size_t lo = size_t(std::floor(h)), hi = std::min(values.size() - 1, lo + 1);
        return values[lo] + (h - double(lo)) * (values[hi] - values[lo]);
    };
    out.min = values.front();
    out.q25 = at(0.25);
    out.q75 = at(0.75);
    out.max = values.back();
    return out;
}

FunnelPlot funnelPlot(const Profile &profile, int indicator, const IndicatorDefinition &d, int self, const disclosure::Policy &policy) {
    FunnelPlot f;
    f.indicator = d.name;
    const bool proportion = d.type == IndicatorType::Proportion;
    f.xLabel = proportion ? QStringLiteral("Denominator (people)") : QStringLiteral("Population behind the rate (events / rate)");
    std::vector<double> x, n, rates, given;
    for (const ProfileRow &r : profile.rows) {
        if (r.indicator != indicator || std::isnan(r.value.ci.value) || r.value.denominator <= 0) continue;
        if (disclosure::isSmall(r.value.numerator, policy) || disclosure::isSmall(r.value.denominator, policy)) continue;
        const double population =
            proportion || r.value.numerator == 0 ? r.value.denominator : d.multiplier * r.value.numerator / r.value.ci.value;
        x.push_back(r.value.numerator);
        n.push_back(population);
        rates.push_back(r.value.ci.value);
        given.push_back(r.value.numerator == 0 ? r.value.denominator : NAN);
        f.points.push_back({population, r.value.ci.value, r.area.index == self});
    }
    if (n.empty()) return f;
    if (proportion) {
        for (const stats::FunnelPoint &p : stats::proportionFunnel(x, n, d.multiplier)) {
            f.limits.push_back({p.denominator, p.lower95, p.upper95, p.lower998, p.upper998});
            f.baseline = p.baseline;
        }
    } else {
        const auto type = d.type == IndicatorType::Dsr ? stats::RateType::Dsr : stats::RateType::Crude;
        for (const stats::RateFunnelPoint &p : stats::rateFunnel(x, rates, given, type, d.multiplier, 1)) {
            f.limits.push_back({p.lower95Population, p.lower95, NAN, NAN, NAN});
            f.limits.push_back({p.upper95Population, NAN, p.upper95, NAN, NAN});
            f.limits.push_back({p.lower998Population, NAN, NAN, p.lower998, NAN});
            f.limits.push_back({p.upper998Population, NAN, NAN, NAN, p.upper998});
            f.baseline = p.baseline;
        }
    }
    return f;
}

}  // namespace phm::core
