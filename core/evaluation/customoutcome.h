#pragma once
// A custom outcome for an evaluation: an event query of the rule language, counted month by
// month around each person's index date like the built-in outcomes (core/evaluation/outcomes):
// `count(apc, emergency, @acs_chronic)` counts emergency admissions for ambulatory-care-sensitive
// conditions, `cost(op, first)` sums the cost of first outpatient appointments. Its window is
// the evaluation's months, so the query has none of its own.
#include "base/result.h"
#include "store/project.h"

#include <QString>
#include <vector>

namespace phm::core::rules {
class CodeLists;
}

namespace phm::core::evaluation {

struct CustomOutcome {
    QString text;       // as the analyst wrote it (trimmed)
    bool cost = false;  // cost(...) sums pounds; count(...) counts events
    // Person p's matching events are rows offsets[p] .. offsets[p + 1] - 1, in date order.
    std::vector<uint32_t> offsets;
    std::vector<int32_t> date;
    std::vector<float> eventCost;  // NaN when unknown
};

constexpr int kMaxCustomOutcomeText = 500;

// Whether `text` looks like a custom outcome rather than a built-in outcome's key.
bool isCustomOutcomeText(const QString &text);

// Parses and checks `text` (a located error: not a count or cost, a window given, an unknown
// code list or filter, social care), then gathers everyone's matching events.
Result<CustomOutcome> customOutcome(const Project &project, const rules::CodeLists &lists, const QString &text);

}  // namespace phm::core::evaluation
