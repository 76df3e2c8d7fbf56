#pragma once
// Per-person measures at an index date that several analyses need: eFI deficits and long-term
// condition bits (one pass over the GP history), and activity and cost in the 12 months to the
// date (one pass over the other datasets). Segmentation, the risk model and the rule engine
// (efi, efi_category, ltc_count) share them: each is computed once per index date and code
// lists, on both cores, and kept in the project's cache (the last few dates).
#include "base/result.h"
#include "store/project.h"

#include <memory>
#include <vector>

namespace phm::core {

namespace rules {
class CodeLists;
}

struct GpMeasures {
    int32_t indexDate = kNoDate;
    std::vector<uint8_t> efiDeficits;  // 0..36 (Clegg 2016), see efi.h
    std::vector<uint32_t> conditions;  // bit k: longTermConditions()[k] recorded up to the date
};

struct ActivityMeasures {
    int32_t indexDate = kNoDate;
    // In the 12 months to the index date, (date - 12 months, date].
    std::vector<uint16_t> emergencyAdmissions, aeAttendances;
    std::vector<float> healthCost;      // GBP: every dataset with costs except GP and social care
    std::vector<float> socialCareCost;  // GBP: weekly social care cost for the weeks in the window
};

Result<std::shared_ptr<const GpMeasures>> gpMeasures(const Project &project, const rules::CodeLists &lists, int32_t indexDate);
std::shared_ptr<const ActivityMeasures> activityMeasures(const Project &project, int32_t indexDate);

// The cache a project carries (Project::derived); thread-safe.
std::shared_ptr<DerivedCache> makeDerivedCache();

}  // namespace phm::core
