#pragma once
// An indicator over time: its value for every area of a level (and the ICS) at a series of
// index dates, e.g. quarter ends. A date is only used when every dataset the indicator reads
// has data back to the start of the indicator's windows there, so an early point is never an
// undercount (activity data usually cover two years, GP records decades).
#include "base/feedback.h"
#include "geo/areas.h"
#include "indicators/indicatortally.h"

#include <vector>

namespace phm::core {

// The earliest index date the indicator's datasets cover (kNoDate when a rule does not parse,
// kNoDate + 1 when it reads no dated events, so any date is covered).
int32_t earliestCoveredDate(const Project &project, const IndicatorDefinition &indicator);

// Index dates `monthsApart` apart ending at the extract end, oldest first, at most `points`,
// none before earliestCoveredDate.
std::vector<int32_t> trendDates(const Project &project, const IndicatorDefinition &indicator, int points = 8, int monthsApart = 3);

struct TrendPoint {
    int32_t date = kNoDate;
    std::vector<IndicatorValue> byArea;  // per area of the level
    IndicatorValue ics;
};

struct Trend {
    Area::Kind level = Area::Ics;
    std::vector<TrendPoint> points;  // oldest first
    double ms = 0;
};

// Reports progress per date and stops (with a "canceled" error) when asked.
Result<Trend> computeTrend(const AreaIndex &areas, const rules::CodeLists &lists, const IndicatorDefinition &indicator, Area::Kind level,
                           const std::vector<int32_t> &dates, Feedback *feedback = nullptr, ProfileWorkspace *workspace = nullptr,
                           const disclosure::Policy *governed = nullptr);

}  // namespace phm::core
