#pragma once
// Long-term conditions per person (16 conditions, each a code list "ever recorded" up to the
// index date), their count and their commonest combinations. Shared by the rule engines
// (ltc_count), the risk model and `phm multimorbidity`.
#include "base/result.h"
#include "rules/ruleengine.h"
#include "store/project.h"

#include <QStringList>
#include <vector>

namespace phm::core {

const QStringList &longTermConditions();  // code list names, bit order
// Condition bits per person at an index date (bit k: condition k recorded): gpMeasures() in
// personmeasures.h.

struct ConditionCombination {
    uint32_t conditions = 0;
    int64_t count = 0;
    QStringList names() const;
};

struct MultimorbidityProfile {
    int64_t people = 0;
    std::vector<int64_t> byCount;                    // [k] = people with exactly k conditions (last = that many or more)
    std::vector<ConditionCombination> combinations;  // people with 2+ conditions, commonest exact combinations first
};
MultimorbidityProfile multimorbidity(const std::vector<uint32_t> &bits, const rules::Selection &people, int maxCount = 5, int top = 20);

}  // namespace phm::core
