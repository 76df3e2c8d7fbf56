#pragma once
// Risk stratification as operations: the emergency-admission model with its tiers and
// calibration (`phm risk`, the risk panel), multimorbidity counts and combinations (`phm
// multimorbidity`), and the whole refresh an analyst waits for — eFI, segments and risk scores
// for everyone (`phm stratify`).
#include "base/feedback.h"
#include "base/result.h"
#include "governance/publish.h"
#include "rules/multimorbidity.h"
#include "session/session.h"
#include "stratify/riskmodel.h"
#include "stratify/segmentation.h"

#include <QJsonArray>
#include <QJsonObject>
#include <map>

namespace phm::core::ops {

struct RiskRun {
    RiskModelResult model;
    double ms = 0;
};
Result<RiskRun> runRiskModel(const Session &session, const RiskOptions &options, Feedback &feedback);
// auroc, tiers [{name, count, min_score}], calibration [{n, events, predicted, observed}],
// ppv_high, sensitivity_high, outcome_rate, the counts behind them, intercept, coefficients, times.
QJsonObject riskJson(const RiskRun &run);
// high, rising and low: count and the lowest score in the tier.
QJsonArray riskTiersJson(const RiskModelResult &model);

struct MultimorbidityRequest {
    QString where = QStringLiteral("registered");
    int top = 20;
};
Result<MultimorbidityProfile> runMultimorbidity(const Session &session, const MultimorbidityRequest &request, Feedback &feedback);
// people, by_count [{conditions, count}], combinations [{conditions, count}].
QJsonObject multimorbidityJson(const MultimorbidityProfile &profile);

struct StratifyRun {
    RiskModelResult model;
    SegmentationResult segments;
    std::map<QString, qint64> efiCategories;  // registered people at the extract end by eFI category
    double efiMs = 0, segmentMs = 0, ms = 0;
};
// The model is trained first (on data a year back); what is timed is what an analyst waits for on
// every refresh: eFI, segments and risk scores for everyone at the extract end.
Result<StratifyRun> runStratify(const Session &session, const QString &templateId, Feedback &feedback);
QJsonObject stratifyJson(const Session &session, const StratifyRun &run);

// The counts of these outputs; rates are recomputed from the published counts; the model's own
// statistics to three significant figures.
const disclosure::OutputFields &stratifyFields();

}  // namespace phm::core::ops
