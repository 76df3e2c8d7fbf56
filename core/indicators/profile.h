#pragma once
// Area profiles: every indicator (indicators.h) for every area of one level of the geography,
// with its interval (statistics.h), the parent's and the ICS's value as comparators, and the
// Fingertips significance test (is the comparator outside the area's 95% interval?) read
// through the indicator's polarity. People are evaluated once per indicator with the rule
// engine and counted into all areas in one pass; parents and the ICS are sums of the same
// counts, so comparators use exactly the people of their areas.
#include "geo/areas.h"
#include "governance/disclosure.h"
#include "indicators/indicators.h"
#include "indicators/indicatortally.h"
#include "stats/statistics.h"

#include <vector>

namespace phm::core {

namespace rules {
class CodeLists;
}

enum class Significance { NotCompared, Similar, Better, Worse, Higher, Lower };
QString significanceName(Significance s);  // "better", "similar", "worse", "higher", "lower", "not compared"

// Fingertips: higher/lower when the comparator lies outside the interval, read as
// better/worse for indicators with a polarity.
Significance compareWith(const stats::Interval &area, double comparator, Polarity polarity);

struct ProfileRow {
    Area area;
    QString areaName, areaCode;
    int indicator = 0;  // index into the definitions
    IndicatorValue value;
    Area parent;
    double parentValue = NAN, icsValue = NAN;
    Significance vsParent = Significance::NotCompared, vsIcs = Significance::NotCompared;
    // With ProfileOptions::alsoPublished: the value as an output may show it (from the protected
    // counts) and its significance against the ICS's published value; else the same as value.
    IndicatorValue published;
    double publishedIcsValue = NAN;
    Significance publishedVsIcs = Significance::NotCompared;
};

struct ProfileOptions {
    int32_t indexDate = kNoDate;  // default: the extract end
    double confidence = 0.95;
    // Set for an output that leaves the workbench: every value is computed from the counts as the
    // policy publishes them (governedValue). Not owned.
    const disclosure::Policy *governed = nullptr;
    // Set for a view that shows exact values but can export them (a map image): each row also
    // gets its published value (ProfileRow::published). Not owned.
    const disclosure::Policy *alsoPublished = nullptr;
};

struct Profile {
    std::vector<ProfileRow> rows;                               // area-major, then indicator order
    std::vector<IndicatorValue> ics;                            // per indicator
    std::vector<std::vector<IndicatorValue>> byArea, byParent;  // [indicator][area index]
    double ms = 0;
};

// Every area of `level` (for LSOAs, the ICS's own) against every indicator.
Result<Profile> computeProfile(const AreaIndex &areas, const rules::CodeLists &lists, const std::vector<IndicatorDefinition> &indicators,
                               Area::Kind level, const ProfileOptions &options = {}, ProfileWorkspace *workspace = nullptr);

// The rule for the people behind an area's value, for drill-down into the cohort builder: the
// denominator, the numerator (or, for an events measure, at least one event) and the area, e.g.
// `registered and age >= 17 and has(gp, @diabetes) and pcn = 'U83511'`.
QString drillDownRule(const AreaIndex &areas, const IndicatorDefinition &indicator, const Area &area);

// The spread of an indicator over the areas of a profile (a spine chart's scale): lowest, 25th
// and 75th percentiles and highest of the areas' values (areas without a value left out).
struct PeerRange {
    double min = NAN, q25 = NAN, q75 = NAN, max = NAN;
    int areas = 0;
};
PeerRange peerRange(const Profile &profile, int indicator);

// A funnel plot of one indicator over a profile's areas: each area at its denominator (for rates
// the population behind the rate, events / rate, as PHEindicatormethods derives it), `self`
// marked, and the 95% and 99.8% limits around the areas' average (core/stats/funnel). Areas whose value
// comes from a count the policy suppresses are left out (pass a disabled policy to keep all).
struct FunnelPlot {
    QString indicator;
    struct Point {
        double x = 0, y = 0;
        bool self = false;
    };
    std::vector<Point> points;  // peers whose values are shown (none derived from a small count)
    struct Limit {
        double x = 0, lower95 = NAN, upper95 = NAN, lower998 = NAN, upper998 = NAN;
    };
    std::vector<Limit> limits;
    double baseline = NAN;
    QString xLabel;
};

FunnelPlot funnelPlot(const Profile &profile, int indicator, const IndicatorDefinition &d, int self, const disclosure::Policy &policy);

}  // namespace phm::core
