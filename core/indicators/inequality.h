#pragma once
// Inequalities in an indicator: its value for each group of people by national IMD decile or
// quintile of their neighbourhood, ethnic group, sex, age band or rurality, with intervals, and
// for the deprivation gradients the slope and relative index of inequality (sii.h) with
// simulated intervals. Deciles and quintiles run from 1 = most deprived, so a positive SII means
// the value rises towards the least deprived.
#include "indicators/indicatortally.h"
#include "stats/sii.h"

#include <optional>

namespace phm::core {

enum class InequalityDimension { ImdDecile, ImdQuintile, EthnicGroup, Sex, AgeBand, Rurality };
QStringList inequalityDimensionNames();  // imd_decile, imd_quintile, ethnicity, sex, ageband, rurality
std::optional<InequalityDimension> inequalityDimension(const QString &name);
QString inequalityDimensionKey(InequalityDimension d);  // the name inequalityDimension reads

struct InequalityGroup {
    QString label;
    IndicatorValue value;
};

struct InequalityOptions {
    int32_t indexDate = kNoDate;
    double confidence = 0.95;
    int repetitions = 100000;  // SII simulation
    uint64_t seed = 1;
    // Set for an output that leaves the workbench: every value is computed from the counts as the
    // policy publishes them (governedValue). Not owned.
    const disclosure::Policy *governed = nullptr;
};

struct InequalityResult {
    std::vector<InequalityGroup> groups;
    IndicatorValue overall;
    std::optional<stats::SiiResult> sii;  // deprivation dimensions, when every group has an interval
    QString siiNote;                      // why there is no SII, if there is none
};

// scope: only these people (e.g. one place); null for everyone.
Result<InequalityResult> computeInequality(const Project &project, const rules::CodeLists &lists, const IndicatorDefinition &indicator,
                                           InequalityDimension dimension, const rules::Selection *scope = nullptr,
                                           const InequalityOptions &options = {}, ProfileWorkspace *workspace = nullptr);

}  // namespace phm::core
