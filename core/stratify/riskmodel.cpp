#include "stratify/riskmodel.h"

#include "base/parallel.h"
#include "rules/efi.h"
#include "rules/multimorbidity.h"
#include "rules/personmeasures.h"
#include "rules/rulecatalogue.h"
#include "rules/ruleengine.h"

#include <QElapsedTimer>
#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <numeric>
#include <optional>
#include <thread>

namespace phm::core {

namespace {
// One row per person: features are written person by person, so row-major keeps each write on
// one cache line.
using FeatureMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

QStringList featureNames() {
    return {QStringLiteral("age/10"),
            QStringLiteral("(age/10)^2"),
            QStringLiteral("female"),
            QStringLiteral("deprivation"),
            QStringLiteral("long-term conditions"),
            QStringLiteral("eFI"),
            QStringLiteral("heart failure"),
            QStringLiteral("COPD"),
            QStringLiteral("diabetes"),
            QStringLiteral("CKD"),
            QStringLiteral("cancer"),
            QStringLiteral("dementia"),
            QStringLiteral("emergency admissions, 12 months"),
            QStringLiteral("A&E attendances, 12 months"),
            QStringLiteral("log cost, 12 months"),
            QStringLiteral("care home"),
            QStringLiteral("housebound")};
}

constexpr int kFeatures = 17;

// The features of any person as at `day`, from data up to that day only.
class FeatureSource {
public:
    static Result<FeatureSource> at(const Project &p, const rules::CodeLists &lists, int32_t day) {
        auto gp = gpMeasures(p, lists, day);
        if (!gp) return gp.error();
        FeatureSource f(p, std::move(gp.value()), activityMeasures(p, day));
        int y;
        unsigned m, d;
        civilFromDays(day, y, m, d);
        f.mDayYm = y * 12 + int(m) - 1;
        // Condition bits of the six conditions that are features of their own.
        const std::array<const char *, 6> named{"heart_failure", "copd", "diabetes", "ckd", "cancer", "dementia"};
        for (size_t k = 0; k < named.size(); ++k) f.mBits[k] = int(longTermConditions().indexOf(QLatin1String(named[k])));
        return f;
    }
    // Writes person i's kFeatures values, in featureNames() order.
    void row(int32_t i, double *x) const {
        const size_t s = size_t(i);
        const uint32_t conditions = mGp->conditions[s];
        auto has = [&](int k) { return double((conditions >> mBits[size_t(k)]) & 1u); };
        const double age = std::clamp((mDayYm - mP.persons.birthYm[s]) / 12, 0, 110) / 10.0;
        const int decile = mP.geography.lsoas[mP.persons.lsoa[s]].imdDecile;
        const double values[kFeatures] = {age,
                                          age * age,
                                          mP.persons.sex[s] == 1 ? 1.0 : 0.0,
                                          (5.5 - decile) / 4.5,
                                          double(std::popcount(conditions)),
                                          efiScore(mGp->efiDeficits[s]),
                                          has(0),
                                          has(1),
                                          has(2),
                                          has(3),
                                          has(4),
                                          has(5),
                                          std::min(double(mActivity->emergencyAdmissions[s]), 5.0),
                                          std::min(double(mActivity->aeAttendances[s]), 10.0),
                                          std::log1p(double(mActivity->healthCost[s]) / 1000.0),
                                          mP.persons.flags[2].test(s) ? 1.0 : 0.0,
                                          mP.persons.flags[1].test(s) ? 1.0 : 0.0};
        std::copy(values, values + kFeatures, x);
    }

private:
    FeatureSource(const Project &p, std::shared_ptr<const GpMeasures> gp, std::shared_ptr<const ActivityMeasures> activity)
        : mP(p), mGp(std::move(gp)), mActivity(std::move(activity)) {}
    const Project &mP;
    std::shared_ptr<const GpMeasures> mGp;
    std::shared_ptr<const ActivityMeasures> mActivity;
    int mDayYm = 0;
    std::array<int, 6> mBits{};
};

// The feature matrix of everyone as at `day` (for training: one row per person).
Result<FeatureMatrix> features(const Project &p, const rules::CodeLists &lists, int32_t day) {
    auto source = FeatureSource::at(p, lists, day);
    if (!source) return source.error();
    FeatureMatrix X(p.persons.count, kFeatures);
    parallelFor(p.persons.count, [&](int32_t from, int32_t to) {
        for (int32_t i = from; i < to; ++i) source.value().row(i, X.row(i).data());
    });
    return X;
}

// Deterministic 30% test split by person index (a multiplicative hash, so it does not follow
// file order).
bool isTest(int32_t i) { return (uint32_t(i) * 2654435761u) % 100u < 30u; }
}  // namespace

Result<RiskModelResult> trainRiskModel(const Project &p, const rules::CodeLists &lists, const RiskOptions &options) {
    RiskModelResult out;
    out.features = featureNames();
    QElapsedTimer timer;
    timer.start();
    const int32_t t2 = p.extractEnd;
    const int32_t t1 = rules::windowStart(rules::Window{rules::Window::Months, 12}, t2);
    auto X1 = features(p, lists, t1);
    if (!X1) return X1.error();
    // Outcome: an emergency admission after t1, up to t2.
    const EventTable &apc = p.eventTable(Dataset::Apc);
    std::vector<int32_t> train, test;
    std::vector<uint8_t> outcome(size_t(p.persons.count), 0);
    for (int32_t i = 0; i < p.persons.count; ++i) {
        if (!p.persons.isRegistered(i, t1)) continue;
        for (uint32_t r = apc.offsets[size_t(i)]; r < apc.offsets[size_t(i) + 1] && apc.date[r] <= t2; ++r)
            if (apc.date[r] > t1 && apc.attr1[r] >= 4 && apc.attr1[r] <= 13) outcome[size_t(i)] = 1;
        (isTest(i) ? test : train).push_back(i);
    }
    if (train.size() < 50 || test.size() < 20)
        return Error{
            ErrorCode::TooFewPeople, QStringLiteral("too few people registered a year before the extract end to train a model"), {}};
    // Standardise on the training people so the penalty treats features alike.
    const Eigen::Index k = X1.value().cols();
    Eigen::VectorXd mean = Eigen::VectorXd::Zero(k), sd = Eigen::VectorXd::Ones(k);
    for (int32_t i : train) mean += X1.value().row(i).transpose();
    mean /= double(train.size());
    Eigen::VectorXd var = Eigen::VectorXd::Zero(k);
    for (int32_t i : train) var += (X1.value().row(i).transpose() - mean).cwiseAbs2();
    for (Eigen::Index j = 0; j < k; ++j) sd(j) = std::max(1e-9, std::sqrt(var(j) / double(train.size())));
    auto standardise = [&](const FeatureMatrix &X, const std::vector<int32_t> &rows) {
        Eigen::MatrixXd Z(Eigen::Index(rows.size()), k);
        for (size_t r = 0; r < rows.size(); ++r)
            Z.row(Eigen::Index(r)) = ((X.row(rows[r]).transpose() - mean).cwiseQuotient(sd)).transpose();
        return Z;
    };
    Eigen::VectorXd y(Eigen::Index(train.size()));
    for (size_t r = 0; r < train.size(); ++r) y(Eigen::Index(r)) = outcome[size_t(train[r])];
    auto fit = fitLogistic(standardise(X1.value(), train), y, options.lambda);
    if (!fit) return fit.error();
    out.intercept = fit.value().beta(0);
    for (Eigen::Index j = 1; j < fit.value().beta.size(); ++j) out.coefficients.push_back(fit.value().beta(j));
    out.trainPeople = int64_t(train.size());
    out.testPeople = int64_t(test.size());

    // Standardisation folded into the coefficients, so raw features score directly:
    // eta = b0 + sum_j b_j (x_j - mean_j) / sd_j = (b0 - sum_j b_j mean_j / sd_j) + sum_j (b_j / sd_j) x_j
    const Eigen::VectorXd slopes = fit.value().beta.tail(k).cwiseQuotient(sd);
    const double offset = fit.value().beta(0) - slopes.dot(mean);
    out.rawOffset = offset;
    out.rawSlopes.assign(slopes.data(), slopes.data() + slopes.size());
    auto score = [&](const FeatureMatrix &X, int32_t i) { return 1.0 / (1.0 + std::exp(-(offset + X.row(i).dot(slopes)))); };

    // Quality on the held-out people.
    std::vector<double> scores;
    scores.reserve(test.size());
    for (int32_t i : test) scores.push_back(score(X1.value(), i));
    std::vector<uint8_t> labels;
    for (int32_t i : test) labels.push_back(outcome[size_t(i)]);
    out.auroc = auroc(scores, labels);
    out.calibration = calibration(scores, labels, 10);
    out.outcomeRate = double(std::count(labels.begin(), labels.end(), 1)) / double(labels.size());
    std::vector<size_t> order(scores.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return scores[a] > scores[b]; });
    const size_t flagged = std::max<size_t>(1, size_t(std::llround(double(scores.size()) * options.highPercent / 100.0)));
    int64_t truePositives = 0, positives = 0;
    for (size_t r = 0; r < order.size(); ++r) {
        positives += labels[order[r]];
        if (r < flagged) truePositives += labels[order[r]];
    }
    out.testOutcomes = positives;
    out.highTestPeople = int64_t(flagged);
    out.highTestOutcomes = truePositives;
    out.ppvAtHigh = double(truePositives) / double(flagged);
    out.sensitivityAtHigh = positives ? double(truePositives) / double(positives) : 0.0;

    out.trainMs = timer.nsecsElapsed() / 1e6;
    return out;
}

Status scoreRiskModel(RiskModelResult &out, const Project &p, const rules::CodeLists &lists, const RiskOptions &options,
                      int32_t indexDate) {
    QElapsedTimer timer;
    timer.start();
    const int32_t t2 = indexDate == kNoDate ? p.extractEnd : indexDate;
    // Apply to everyone registered at the index date: risk over the next 12 months. Each
    // person's features are built and scored on the spot; no matrix of everyone is needed.
    if (out.rawSlopes.size() != size_t(kFeatures))
        return Error{ErrorCode::BadModel,
                     QStringLiteral("the risk model has %1 coefficients for %2 features").arg(out.rawSlopes.size()).arg(kFeatures),
                     {}};
    auto source = FeatureSource::at(p, lists, t2);
    if (!source) return source.error();
    out.high = out.rising = out.low = 0;
    out.highCut = out.risingCut = 0;
    std::vector<int32_t> scored;
    for (int32_t i = 0; i < p.persons.count; ++i)
        if (p.persons.isRegistered(i, t2)) scored.push_back(i);
    std::vector<double> now(scored.size());
    parallelFor(int32_t(scored.size()), [&](int32_t from, int32_t to) {
        double x[kFeatures];
        for (int32_t r = from; r < to; ++r) {
            source.value().row(scored[size_t(r)], x);
            double eta = out.rawOffset;
            for (int j = 0; j < kFeatures; ++j) eta += out.rawSlopes[size_t(j)] * x[j];
            now[size_t(r)] = 1.0 / (1.0 + std::exp(-eta));
        }
    });
    out.score.assign(size_t(p.persons.count), NAN);
    out.tier.assign(size_t(p.persons.count), RiskTier::NotScored);
    const size_t highN = size_t(std::llround(double(scored.size()) * options.highPercent / 100.0));
    const size_t risingN =
        std::min(scored.size(), size_t(std::llround(double(scored.size()) * (options.highPercent + options.risingPercent) / 100.0)));
    // Tiers need only the two cut points: select the top (high + rising), then the top high
    // within it (linear time), ties broken by person order.
    std::vector<size_t> rank(scored.size());
    std::iota(rank.begin(), rank.end(), size_t(0));
    auto higher = [&](size_t a, size_t b) { return now[a] != now[b] ? now[a] > now[b] : a < b; };
    if (risingN < rank.size()) std::nth_element(rank.begin(), rank.begin() + std::ptrdiff_t(risingN), rank.end(), higher);
    if (highN < risingN)
        std::nth_element(rank.begin(), rank.begin() + std::ptrdiff_t(highN), rank.begin() + std::ptrdiff_t(risingN), higher);
    for (size_t r = 0; r < scored.size(); ++r) {
        out.score[size_t(scored[r])] = float(now[r]);
        out.tier[size_t(scored[r])] = RiskTier::Low;
    }
    out.low = int64_t(scored.size() - risingN);
    for (size_t r = 0; r < risingN; ++r) {
        const size_t j = rank[r];
        const bool high = r < highN;
        out.tier[size_t(scored[j])] = high ? RiskTier::High : RiskTier::Rising;
        (high ? out.high : out.rising)++;
    }
    // The lowest score in each tier.
    auto lowest = [&](size_t from, size_t to) {
        double m = INFINITY;
        for (size_t r = from; r < to; ++r) m = std::min(m, now[rank[r]]);
        return std::isfinite(m) ? m : 0.0;
    };
    out.highCut = lowest(0, highN);
    out.risingCut = lowest(highN, risingN);
    out.scoreMs = timer.nsecsElapsed() / 1e6;
    return Ok{};
}

Result<RiskModelResult> buildRiskModel(const Project &p, const rules::CodeLists &lists, const RiskOptions &options) {
    auto model = trainRiskModel(p, lists, options);
    if (!model) return model;
    if (auto scored = scoreRiskModel(model.value(), p, lists, options); !scored) return scored.error();
    return model;
}

RiskSummary summariseRisk(const RiskModelResult &model, const rules::Selection &people) {
    RiskSummary out;
    for (size_t i = people.find_first(); i != rules::Selection::npos; i = people.find_next(i)) {
        switch (i < model.tier.size() ? model.tier[i] : RiskTier::NotScored) {
            case RiskTier::High:
                ++out.high;
                break;
            case RiskTier::Rising:
                ++out.rising;
                break;
            case RiskTier::Low:
                ++out.low;
                break;
            case RiskTier::NotScored:
                ++out.notScored;
                continue;
        }
        out.expectedAdmissions += double(model.score[i]);
    }
    return out;
}

}  // namespace phm::core
