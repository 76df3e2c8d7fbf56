#include "riskmodel.h"

#include "efi.h"
#include "multimorbidity.h"
#include "rulecatalogue.h"
#include "ruleengine.h"

#include <QElapsedTimer>
#include <algorithm>
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

// Features of every person as at `day`, from data up to that day only.
Result<FeatureMatrix> features(const Project &p, const rules::CodeLists &lists, int32_t day) {
    const int32_t n = p.persons.count;
    // The two passes over the GP history are independent: one on each core. Code lists are
    // loaded first, on this thread (CodeLists caches without locking).
    for (const QString &name : longTermConditions() + efiCodeListNames() + QStringList{efiMedicationList()})
        if (auto codes = lists.codes(name); !codes) return codes.error();
    std::optional<Result<std::vector<uint8_t>>> efiResult;
    std::thread efiThread([&] { efiResult = computeEfiDeficits(p, lists, day); });
    auto conditionBits = computeConditionBits(p, lists, day);
    efiThread.join();
    if (!conditionBits) return conditionBits.error();
    auto &efi = *efiResult;
    if (!efi) return efi.error();
    const int32_t yearStart = rules::windowStart(rules::Window{rules::Window::Months, 12}, day);
    int y;
    unsigned m, d;
    civilFromDays(day, y, m, d);
    const int dayYm = y * 12 + int(m) - 1;
    FeatureMatrix X(n, featureNames().size());
    const EventTable &apc = p.eventTable(Dataset::Apc), &ae = p.eventTable(Dataset::Ae);
    // Each person's row is independent: two halves on the two cores.
    auto fill = [&](int32_t from, int32_t to) {
        for (int32_t i = from; i < to; ++i) {
            const uint32_t conditions = conditionBits.value()[size_t(i)];
            double emergencies = 0, attendances = 0, cost = 0;
            for (uint32_t r = apc.offsets[size_t(i)]; r < apc.offsets[size_t(i) + 1] && apc.date[r] <= day; ++r)
                if (apc.date[r] > yearStart && apc.attr1[r] >= 4 && apc.attr1[r] <= 13) ++emergencies;
            for (uint32_t r = ae.offsets[size_t(i)]; r < ae.offsets[size_t(i) + 1] && ae.date[r] <= day; ++r)
                if (ae.date[r] > yearStart) ++attendances;
            for (int e = 0; e < kEventDatasetCount; ++e) {
                const EventTable &t = p.events[size_t(e)];
                if (Dataset(e + kFirstEventDataset) == Dataset::Gp || Dataset(e + kFirstEventDataset) == Dataset::Asc) continue;
                for (uint32_t r = t.offsets[size_t(i)]; r < t.offsets[size_t(i) + 1] && t.date[r] <= day; ++r)
                    if (t.date[r] > yearStart && !std::isnan(t.cost[r])) cost += t.cost[r];
            }
            const double age = std::clamp((dayYm - p.persons.birthYm[size_t(i)]) / 12, 0, 110) / 10.0;
            const int decile = p.geography.lsoas[p.persons.lsoa[size_t(i)]].imdDecile;
            auto has = [&](const char *name) { return double((conditions >> longTermConditions().indexOf(QLatin1String(name))) & 1u); };
            X.row(i) << age, age * age, p.persons.sex[size_t(i)] == 1 ? 1.0 : 0.0, (5.5 - decile) / 4.5, double(std::popcount(conditions)),
                efiScore(efi.value()[size_t(i)]), has("heart_failure"), has("copd"), has("diabetes"), has("ckd"), has("cancer"),
                has("dementia"), std::min(emergencies, 5.0), std::min(attendances, 10.0), std::log1p(cost / 1000.0),
                p.persons.flags[2].test(size_t(i)) ? 1.0 : 0.0, p.persons.flags[1].test(size_t(i)) ? 1.0 : 0.0;
        }
    };
    std::thread second([&] { fill(n / 2, n); });
    fill(0, n / 2);
    second.join();
    return X;
}

// Deterministic 30% test split by person index (a multiplicative hash, so it does not follow
// file order).
bool isTest(int32_t i) { return (uint32_t(i) * 2654435761u) % 100u < 30u; }
}  // namespace

Result<RiskModelResult> buildRiskModel(const Project &p, const rules::CodeLists &lists, const RiskOptions &options) {
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
        return Error{QStringLiteral("too_few_people"),
                     QStringLiteral("too few people registered a year before the extract end to train a model"),
                     {}};
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
    out.ppvAtHigh = double(truePositives) / double(flagged);
    out.sensitivityAtHigh = positives ? double(truePositives) / double(positives) : 0.0;

    out.trainMs = timer.nsecsElapsed() / 1e6;
    timer.restart();
    // Apply to everyone registered at the extract end: risk over the next 12 months.
    auto X2 = features(p, lists, t2);
    if (!X2) return X2.error();
    std::vector<int32_t> scored;
    for (int32_t i = 0; i < p.persons.count; ++i)
        if (p.persons.isRegistered(i, t2)) scored.push_back(i);
    std::vector<double> now(scored.size());
    for (size_t r = 0; r < scored.size(); ++r) now[r] = score(X2.value(), scored[r]);
    out.score.assign(size_t(p.persons.count), NAN);
    out.tier.assign(size_t(p.persons.count), RiskTier::NotScored);
    const size_t highN = size_t(std::llround(double(scored.size()) * options.highPercent / 100.0));
    const size_t risingN =
        std::min(scored.size(), size_t(std::llround(double(scored.size()) * (options.highPercent + options.risingPercent) / 100.0)));
    // Only the top (high + rising) need ordering: a partial sort, ties broken by person order.
    std::vector<size_t> rank(scored.size());
    std::iota(rank.begin(), rank.end(), size_t(0));
    std::partial_sort(rank.begin(), rank.begin() + std::ptrdiff_t(risingN), rank.end(),
                      [&](size_t a, size_t b) { return now[a] != now[b] ? now[a] > now[b] : a < b; });
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
        (high ? out.highCut : out.risingCut) = now[j];
    }
    out.scoreMs = timer.nsecsElapsed() / 1e6;
    return out;
}

}  // namespace phm::core
