#pragma once
// Shared by both rule engines: the fields that read per-person values worked out above the rules
// (rules/personvalues.h): risk_score (a number), risk_tier and segment('template') (labels). A
// person without a value matches no comparison of a number; for a label, = and in need the
// label and != and not in take everyone without it, as for the other text fields.
#include "base/result.h"
#include "rules/personvalues.h"
#include "rules/ruleast.h"

#include <optional>

namespace phm::core::rules {

struct ValueField {
    QString kind, argument;  // personValues' kind ("risk", "segment") and argument
    bool number = false;     // risk_score: the value; otherwise the label
};
std::optional<ValueField> valueField(const Expr &e);

// The values of the field at the index date, or an error located at the rule node.
Result<std::shared_ptr<const PersonValues>> valuesFor(const Project &project, const CodeLists &lists, const ValueField &field,
                                                      const Expr &e, int32_t indexDate);
// Per label, whether the comparison accepts it (before any inversion), or a located error naming
// a label the values do not have, with the nearest one.
Result<std::vector<uint8_t>> acceptedLabels(const PersonValues &values, const Expr &e);
// `!=` and `not in`: people without an accepted label match.
bool invertsLabels(const Expr &e);

}  // namespace phm::core::rules
