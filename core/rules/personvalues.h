#pragma once
// Per-person values that layers above the rules work out (the risk model, a segmentation) and
// rules read as fields: risk_score, risk_tier and segment('template'). The session installs
// where they come from when it opens a project (stratify/personscores); each is computed once per
// kind, argument, index date and code lists and kept in the project's cache.
#include "base/result.h"
#include "store/project.h"

#include <QStringList>
#include <functional>
#include <memory>
#include <vector>

namespace phm::core {

namespace rules {
class CodeLists;
}

struct PersonValues {
    static constexpr uint8_t kNoLabel = 255;
    std::vector<float> value;    // per person (NaN: none), for a number
    std::vector<uint8_t> label;  // per person, an index into labels (kNoLabel: none)
    QStringList labels;
};

// kind "risk" (argument empty): value the score, label the tier (labels low, rising, high);
// kind "segment" (argument a template's id or name): label the segment.
using PersonValuesSource = std::function<Result<std::shared_ptr<const PersonValues>>(
    const Project &, const rules::CodeLists &, const QString &kind, const QString &argument, int32_t indexDate)>;

// Where the project's values come from (a project without a cache or a source has none).
void setPersonValuesSource(const Project &project, PersonValuesSource source);
Result<std::shared_ptr<const PersonValues>> personValues(const Project &project, const rules::CodeLists &lists, const QString &kind,
                                                         const QString &argument, int32_t indexDate);

}  // namespace phm::core
