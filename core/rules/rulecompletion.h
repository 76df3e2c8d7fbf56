#pragma once
// What the rule editors offer while the user types.
#include <QStringList>

namespace phm::core::rules {

class CodeLists;

// Person fields, the functions over each event dataset, filter keywords, time windows, in_cohort
// and every `@code list` of `lists`, without repeats.
QStringList completionWords(const CodeLists &lists);

}  // namespace phm::core::rules
