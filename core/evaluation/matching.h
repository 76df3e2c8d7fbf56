#pragma once
// A comparison group for an evaluation: people never enrolled in the programme, matched to each
// enrolled person on what drives enrolment and outcomes, measured at the start of the enrolment
// month (so nothing after enrolment leaks in). Propensity-score matching (a logistic model,
// greedy nearest neighbour on the logit within a caliper, 1:k without replacement) or coarsened
// exact matching (the same strata of banded covariates, k random controls per enrolled person).
// Controls take their enrolled person's index date. docs/evaluation.md gives the details.
#include "base/feedback.h"
#include "base/result.h"
#include "store/project.h"

#include <QStringList>
#include <boost/dynamic_bitset.hpp>
#include <functional>
#include <vector>

namespace phm::core::rules {
class CodeLists;
}

namespace phm::core::evaluation {

enum class MatchMethod { Psm, Cem };

struct MatchOptions {
    MatchMethod method = MatchMethod::Psm;
    int ratio = 1;         // controls per enrolled person (1:k)
    double caliper = 0.2;  // PSM: in standard deviations of the logit of the propensity score
    bool samePcn = false;  // controls only from the enrolled person's PCN
    uint64_t seed = 2026;  // order of matching and CEM draws: the same seed gives the same sample
    // Also matched on, when asked: the emergency admission risk score on the covariate date (the
    // project's risk model, core/stratify/riskmodel: a term of the propensity model, a decile of
    // the CEM strata, a row of the balance table), and the segment of a bundled segmentation
    // template on that date (exact, in both methods; a row of the balance table per segment).
    bool riskScore = false;
    QString segmentation;  // a bundled template id (segmentationTemplateIds), or empty
};

// The matching covariates, in the balance table's order (risk_score last, when asked for; then
// one row per segment, "segment: NAME", when matching on a segmentation).
const QStringList &covariateKeys();

struct Enrolled {
    int32_t person = 0;
    int32_t index = 0;  // enrolment date: the index date of the person and of their controls
};

struct MatchedSet {
    int32_t treated = 0, index = 0;
    std::vector<int32_t> controls;  // 1..k
};

struct BalanceRow {
    QString covariate;
    double treatedMean = 0, controlBefore = 0, controlAfter = 0;
    double smdBefore = 0, smdAfter = 0;  // standardised mean differences; |SMD| < 0.1 is the usual rule
    // What the means are made of, so an output can publish them from protected counts: people
    // (or person-months) and the covariate's total, for everyone enrolled, every candidate, the
    // matched enrolled and their controls (weighted 1/k); and the SD the SMDs are in.
    double enrolledPeople = 0, enrolledTotal = 0, candidates = 0, candidateTotal = 0;
    double matchedPeople = 0, matchedTreatedTotal = 0, matchedControlTotal = 0, pooledSd = 0;
};

struct Matching {
    std::vector<MatchedSet> sets;
    int64_t unmatched = 0;   // enrolled people with no control (outside the caliper, an empty stratum)
    int64_t candidates = 0;  // person-months of eligible controls considered
    std::vector<BalanceRow> balance;
};

// Covariates measured by a caller that can reach them (the risk model and segmentations are in
// stratify/, beside this layer): for one covariate date, per person the risk score (NaN: not
// scored) when options.riskScore, and the segment (0 = not registered) with the segments' names
// when options.segmentation is set.
struct DateMeasures {
    std::vector<float> risk;
    std::vector<uint8_t> segment;
    QStringList segmentNames;
};
using MeasureAt = std::function<Result<DateMeasures>(int32_t date)>;

// `excluded`: everyone ever enrolled in the programme (never a control). `measure` is needed
// when the options ask for the risk score or a segmentation.
Result<Matching> matchControls(const Project &project, const rules::CodeLists &lists, const std::vector<Enrolled> &enrolled,
                               const boost::dynamic_bitset<uint64_t> &excluded, const MatchOptions &options, Feedback &feedback,
                               const MeasureAt &measure = {});

// (mean of a - mean of b) / sqrt((var a + var b) / 2) from sums: the standardised mean difference.
double standardisedDifference(double meanA, double varA, double meanB, double varB);

}  // namespace phm::core::evaluation
