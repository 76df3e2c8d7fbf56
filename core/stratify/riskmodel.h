#pragma once
// Emergency admission risk: a logistic regression trained on the first year of the extract to
// predict the second (features at extract end - 12 months, outcome = any emergency admission
// in the following 12 months), evaluated on a held-out 30% of people, then applied to
// everyone registered at the extract end to predict the next 12 months. Predictors follow the
// usual PHM models (King's Fund Combined Predictive Model, QAdmissions): age, sex, deprivation,
// long-term conditions, frailty and prior use and cost.
#include "base/result.h"
#include "rules/ruleengine.h"
#include "stats/logisticregression.h"
#include "store/project.h"

#include <QStringList>

namespace phm::core {

namespace rules {
class CodeLists;
}

struct RiskOptions {
    double highPercent = 5;     // top 5% of scores: high risk
    double risingPercent = 15;  // the next 15%: rising risk
    double lambda = 1.0;        // L2 penalty on standardised slopes
};

enum class RiskTier : uint8_t { NotScored, Low, Rising, High };

struct RiskModelResult {
    QStringList features;
    std::vector<double> coefficients;  // per standardised feature, after the intercept
    double intercept = 0;
    // The same model on the raw (unstandardised) features, as used for scoring.
    std::vector<double> rawSlopes;
    double rawOffset = 0;
    int64_t trainPeople = 0, testPeople = 0;
    double outcomeRate = 0;                       // share of test people with an emergency admission in year 2
    double auroc = 0;                             // on the test people
    std::vector<CalibrationBin> calibration;      // test people, by decile of predicted risk
    double ppvAtHigh = 0, sensitivityAtHigh = 0;  // test people flagged high risk
    // The counts behind the rates, so an output can publish the rates from the published counts.
    int64_t testOutcomes = 0, highTestPeople = 0, highTestOutcomes = 0;
    std::vector<float> score;    // per person: predicted risk for the next 12 months (NaN if not registered)
    std::vector<RiskTier> tier;  // per person
    int64_t high = 0, rising = 0, low = 0;
    double highCut = 0, risingCut = 0;  // lowest score in the high and rising tiers
    double trainMs = 0, scoreMs = 0;    // fitting and evaluating; features and scores for everyone now
};

// Fits the model and measures it on the held-out people (no scores for the population yet).
Result<RiskModelResult> trainRiskModel(const Project &project, const rules::CodeLists &lists, const RiskOptions &options = {});
// Scores everyone registered at the index date (default: the extract end) with a trained model:
// fills score, tier, the tier counts and cuts, and scoreMs.
Status scoreRiskModel(RiskModelResult &model, const Project &project, const rules::CodeLists &lists, const RiskOptions &options = {},
                      int32_t indexDate = kNoDate);
// Both.
Result<RiskModelResult> buildRiskModel(const Project &project, const rules::CodeLists &lists, const RiskOptions &options = {});

// Risk of a group of people (e.g. an area's registered population) under a scored model.
struct RiskSummary {
    int64_t high = 0, rising = 0, low = 0, notScored = 0;
    double expectedAdmissions = 0;  // sum of the people's risks: people expected to have an emergency admission
};
RiskSummary summariseRisk(const RiskModelResult &model, const rules::Selection &people);

}  // namespace phm::core
