#pragma once
// Counting an indicator into groups of people (areas, IMD deciles, ethnic groups, ...): the
// rule engine selects the denominator and numerator (clause results are cached for the life of
// the tallier, numerators are evaluated only among their denominator), event measures are
// summed by a sequential scan, and each group gets its people, events, sum of squares and
// ESP2013 age-band counts, from which any indicator type's value and interval follow.
#include "base/result.h"
#include "governance/disclosure.h"
#include "indicators/indicators.h"
#include "rules/ruleengine.h"
#include "stats/statistics.h"
#include "store/project.h"

#include <QHash>
#include <array>
#include <vector>

namespace phm::core {

struct IndicatorValue {
    double numerator = 0, denominator = 0;  // events (or people) and people; for a mean, the total and people
    stats::Interval ci;
};

// Memory a caller may keep between computations (a view that recomputes, a benchmark that
// repeats): per-person buffers are reused instead of allocated, which on a laptop saves the page
// faults of tens of megabytes. It holds no results.
struct ProfileWorkspace {
    std::vector<double> values;
    std::vector<int> groupOf, bandOf;
    int32_t bandDate = kNoDate;  // the index date bandOf was computed for
    int groupKey = -1;           // what groupOf holds (set by the caller; -1: unknown)
};

// Sums over the people of one group: enough for every indicator type.
struct Tally {
    double people = 0, events = 0, squares = 0;                        // squares: of per-person values (means)
    std::array<double, 19> bandPeople{}, bandEvents{}, bandSquares{};  // ESP2013 bands (DSRs); squares: of per-person events
    void add(const Tally &o);
};

IndicatorValue indicatorValue(const IndicatorDefinition &d, const Tally &t, double confidence);

// The tally as published: people, events and every age band's counts through the policy's keyed
// rounding (core/governance/disclosure), cost sums and squares to three significant figures. Nothing is
// suppressed here: the output boundary (core/governance/publish) suppresses with the counts it shows.
Tally protectedTally(const IndicatorDefinition &d, const Tally &t, const disclosure::Policy &policy);

// The value and interval an output may show: computed from protectedTally, so never more precise
// than the rounded counts beside it (a value to full precision and its rounded denominator give
// the exact numerator back). The numerator and denominator are the exact ones, which the output
// boundary rounds the same way (the rounding depends only on the count) or suppresses. With no
// policy, or one switched off, the exact value.
IndicatorValue governedValue(const IndicatorDefinition &d, const Tally &t, double confidence, const disclosure::Policy *policy);
// The same for a share in percent (x of total people).
IndicatorValue governedShare(double x, double total, double confidence, const disclosure::Policy *policy);

class IndicatorTallier {
public:
    // groupOf: each person's group in [0, groups), or -1 to leave the person out; the workspace's
    // groupOf is used when `groupOf` is empty (filled by the caller).
    IndicatorTallier(const Project &project, const rules::CodeLists &lists, int32_t indexDate, int groups, ProfileWorkspace &workspace);
    std::vector<int> &groupOf() { return mW.groupOf; }
    Result<std::vector<Tally>> tally(const IndicatorDefinition &d);

private:
    Result<const rules::Selection *> select(const QString &rule, int32_t date, const rules::Selection *within, const QString &withinKey);
    const Project &mP;
    const rules::CodeLists &mLists;
    int32_t mDay;
    int mGroups;
    ProfileWorkspace &mW;
    rules::MemoryEngine mEngine;
    QHash<QString, rules::Selection> mSelections;
    QHash<QPair<QString, int32_t>, std::vector<Tally>> mDenominators;
};

}  // namespace phm::core
