#pragma once
// Evaluation as an operation (`phm evaluate`, the Evaluation view): did a programme change an
// outcome? Difference-in-differences on a matched comparison group (core/evaluation/matching,
// did), or an interrupted time series for a whole area (its). The JSON keys are the CLI's public
// interface (docs/evaluation.md).
#include "base/feedback.h"
#include "base/result.h"
#include "evaluation/customoutcome.h"
#include "evaluation/did.h"
#include "evaluation/its.h"
#include "evaluation/matching.h"
#include "evaluation/outcomes.h"
#include "evaluation/programmes.h"
#include "session/session.h"

#include <QJsonObject>
#include <memory>
#include <optional>

namespace phm::core::ops {

enum class EvaluationMethod { Did, Its };

struct EvaluateRequest {
    QString programme;
    evaluation::Outcome outcome = evaluation::Outcome::EmergencyAdmissions;
    QString customOutcome;  // Outcome::Custom: its event query, e.g. count(apc, emergency, @acs_chronic)
    EvaluationMethod method = EvaluationMethod::Did;
    evaluation::MatchOptions match;
    int preMonths = 12, postMonths = 12;  // multiples of 3 (the event study is by quarter), 3 to 36
    int replicates = 500;
    double confidence = 0.95;
    // Interrupted time series: the area (a code or name at any level), the start date (default:
    // the programme's first enrolment) and an optional comparison area.
    QString area, comparison;
    int32_t start = kNoDate;
    evaluation::ItsErrors itsErrors = evaluation::ItsErrors::PraisWinsten;
};

struct NaiveEstimate {
    double estimate = 0, relative = 0;
};

struct EvaluateRun {
    EvaluateRequest request;
    std::shared_ptr<const evaluation::CustomOutcome> custom;  // Outcome::Custom: the events counted
    QString programmeSource;
    int64_t enrolled = 0, evaluable = 0, excludedWindow = 0;
    int64_t excludedLeft = 0;  // died or left their practice in the enrolment month
    // Difference-in-differences
    evaluation::Matching matching;
    int64_t controls = 0;  // distinct control people
    evaluation::DidResult did;
    double costPerUnit = 0;
    double costPre = 0, unitsPre = 0;  // the enrolled's cost and outcome units before the index date (cost per unit = their ratio)
    // Relative month, the enrolled's units and months at risk, their controls' (weighted 1/k).
    std::vector<std::array<double, 5>> monthly;
    NaiveEstimate beforeAfter, unmatched;  // why matching matters
    // Interrupted time series
    evaluation::ItsFit its;
    QString areaName, areaCode, comparisonName;
    int64_t areaPopulation = 0, comparisonPopulation = 0;
    int32_t startDate = kNoDate;
    // Month from the start, the area's units and person-months, the comparison area's.
    std::vector<std::array<double, 5>> series;
    double ms = 0;
};

Result<EvaluateRun> runEvaluation(const Session &session, const EvaluateRequest &request, Feedback &feedback);
// programme, outcome, method, match, treated, controls, enrolled, unmatched, excluded_window,
// balance[{covariate, smd_before, smd_after, ...}], effect{estimate, lower, upper, relative,
// relative_lower, relative_upper}, per_1000_per_year, cost_per_month, pre_trend[{period,
// estimate, lower, upper}], event_study, monthly, naive, summary, ...
QJsonObject evaluationJson(const EvaluateRun &run);
// The outcome as the JSON names it: a built-in outcome's key, or a custom outcome's query; and
// back into the request (the query is checked when the evaluation runs).
QString outcomeKey(const EvaluateRequest &request);
// The time series' errors as the JSON and the command line name them (prais_winsten, newey_west;
// the command line's hyphens are taken too).
QString itsErrorsKey(evaluation::ItsErrors errors);
std::optional<evaluation::ItsErrors> itsErrorsNamed(const QString &key);
Status outcomeFrom(const QString &key, EvaluateRequest &request);
// The `summary` sentence of an evaluation's JSON, written from its figures (the published ones
// when it leaves: evaluationFields rewrites it after publishing).
QString evaluationSentence(const QJsonObject &evaluation);
const disclosure::OutputFields &evaluationFields();
// programmes[{name, source, enrolled, first, last}]
Result<QJsonObject> programmesJson(const Session &session);
const disclosure::OutputFields &programmesFields();

}  // namespace phm::core::ops
