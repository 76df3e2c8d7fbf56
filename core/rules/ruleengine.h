#pragma once
// In-memory rule engine: evaluates a parsed rule over the columnar project, in the style of a
// vectorised database. Each node narrows a candidate bitset (an `and` only looks at people
// still selected), literals are turned into dictionary indexes once, and event criteria scan
// each candidate's contiguous slice of the per-person event index. The person range is split
// across threads.
#include "base/parallel.h"
#include "base/result.h"
#include "rules/ruleast.h"
#include "store/project.h"

#include <QHash>
#include <algorithm>
#include <boost/dynamic_bitset.hpp>
#include <functional>

namespace phm::core::rules {

class CodeLists;
using Selection = boost::dynamic_bitset<uint64_t>;

struct Attrition {
    QString clause;
    int64_t count = 0;
};

struct EvaluationResult {
    Selection people;
    std::vector<Attrition> attrition;  // after each top-level `and` clause, in order
    int64_t count() const { return int64_t(people.count()); }
};

// Returns the members of a saved cohort by name (for in_cohort), or an error.
using CohortResolver = std::function<Result<Selection>(const QString &name)>;

// Start of a window: events count when start < date <= indexDate (kNoDate = no lower bound).
int32_t windowStart(const Window &w, int32_t indexDate);

// Weeks a social care service running from `date` to `end` (kNoDate: still running) is active
// in the window (windowStart, indexDate]; 0 when it is not active in it.
inline double weeksActive(int32_t date, int32_t end, int32_t windowStart, int32_t indexDate) {
    const int32_t last = end == kNoDate ? indexDate : std::min(end, indexDate);
    const int32_t first = std::max(date, windowStart == kNoDate ? date : windowStart + 1);
    return last < first ? 0.0 : (last - first + 1) / 7.0;
}

class MemoryEngine {
public:
    MemoryEngine(const Project &project, const CodeLists &lists, int threads = parallelParts());
    void setCohortResolver(CohortResolver resolver) { mCohorts = std::move(resolver); }
    // indexDate: kNoDate = the extract end. within: only these people are considered (the
    // result is a subset; criteria are not evaluated for anyone else).
    Result<EvaluationResult> evaluate(const Expr &rule, int32_t indexDate = kNoDate, const Selection *within = nullptr);
    // Per person (for the people selected; NaN elsewhere): the number of matching events
    // (count), their cost in pounds (cost), the latest value (latest, NaN if none) or 0/1 (has).
    Result<std::vector<double>> measure(const EventQuery &query, const Selection &people, int32_t indexDate = kNoDate);
    // The same into a caller's buffer (resized to everyone), so repeated measures reuse memory.
    Status measureInto(const EventQuery &query, const Selection &people, std::vector<double> &out, int32_t indexDate = kNoDate);
    // Each event matching the query's datasets, code lists and filters, whatever its date (the
    // window is not used), for the people selected: f(person, date, cost), cost NaN when
    // unknown; dataset by dataset, each in person then date order. Social care services run over
    // weeks rather than happening on a day: an error for `asc` (and `all`, which holds it).
    Status forEachEvent(const EventQuery &query, const Selection &people, const std::function<void(int32_t, int32_t, float)> &f);

private:
    struct Compiled;
    struct EventSource;
    Result<std::vector<EventSource>> eventSources(const EventQuery &q) const;
    Result<Selection> eval(const Expr &e, const Selection &candidates, int32_t indexDate);
    Result<Selection> evalField(const Expr &e, const Selection &candidates, int32_t indexDate);
    Result<Selection> evalEvent(const Expr &e, const Selection &candidates, int32_t indexDate);
    // Runs f(first, last, out) over slices of the person range on the worker threads.
    Selection parallel(const Selection &candidates, const std::function<void(int32_t, int32_t, Selection &)> &f) const;
    Result<std::vector<uint8_t>> codeMask(const EventTable &t, const QString &dataset, const QStringList &lists) const;

    const Project &mProject;
    const CodeLists &mLists;
    int mThreads;
    CohortResolver mCohorts;
};

}  // namespace phm::core::rules
