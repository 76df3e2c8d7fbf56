#include "evaluation/matching.h"

#include "evaluation/outcomes.h"
#include "rules/personmeasures.h"
#include "stats/logisticregression.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <map>
#include <numeric>
#include <optional>
#include <random>

namespace phm::core::evaluation {

const QStringList &covariateKeys() {
    static const QStringList keys = {QStringLiteral("age"),
                                     QStringLiteral("female"),
                                     QStringLiteral("imd_quintile"),
                                     QStringLiteral("efi_deficits"),
                                     QStringLiteral("ltc_count"),
                                     QStringLiteral("emergency_admissions_12m"),
                                     QStringLiteral("ae_attendances_12m"),
                                     QStringLiteral("cost_12m"),
                                     QStringLiteral("risk_score")};
    return keys;
}

double standardisedDifference(double meanA, double varA, double meanB, double varB) {
    const double pooled = std::sqrt((varA + varB) / 2);
    return pooled > 0 ? (meanA - meanB) / pooled : 0.0;
}

namespace {
constexpr int kCovariates = 9;  // the last, the risk score, only when asked for
constexpr int kFeatures = 10;   // the last, the logit of the risk score, only when asked for
using Covariates = std::array<double, kCovariates>;

// Everything measured for one covariate date (the day before an enrolment month starts).
struct DateGroup {
    int32_t date = 0;
    std::vector<size_t> enrolled;  // indexes into the enrolled list
    std::shared_ptr<const GpMeasures> gp;
    std::shared_ptr<const ActivityMeasures> activity;
    std::vector<int32_t> candidates;
    std::vector<float> risk;              // per person, when matching on the risk score (NaN: not scored)
    std::array<double, 9> riskDeciles{};  // cut points of the candidates' scores, for CEM
    std::vector<uint8_t> segment;         // per person, when matching on a segmentation
};

Covariates covariates(const Project &project, const DateGroup &g, int32_t p) {
    const PersonTable &t = project.persons;
    const int decile = project.geography.lsoas[t.lsoa[size_t(p)]].imdDecile;
    return {double(t.ageAt(p, g.date)),
            t.sex[size_t(p)] == 1 ? 1.0 : 0.0,
            decile > 0 ? double((decile + 1) / 2) : 3.0,
            double(g.gp->efiDeficits[size_t(p)]),
            double(std::popcount(g.gp->conditions[size_t(p)])),
            double(g.activity->emergencyAdmissions[size_t(p)]),
            double(g.activity->aeAttendances[size_t(p)]),
            double(g.activity->healthCost[size_t(p)]),
            g.risk.empty() || std::isnan(g.risk[size_t(p)]) ? 0.0 : 100.0 * g.risk[size_t(p)]};
}

std::array<double, kFeatures> features(const Covariates &c) {
    const double risk = std::clamp(c[8] / 100, 1e-4, 1 - 1e-4);
    return {c[0] / 10,
            c[0] * c[0] / 1000,
            c[1],
            c[2],
            c[3] / 5,
            c[4],
            std::min(c[5], 5.0),
            std::min(c[6], 5.0),
            std::log1p(c[7]) / 5,
            std::log(risk / (1 - risk))};
}
int featureCount(const MatchOptions &o) { return o.riskScore ? kFeatures : kFeatures - 1; }

// A stratum for coarsened exact matching: age in 10-year bands, sex, IMD quintile, eFI category,
// long-term conditions 0-4+, emergency admissions and A&E attendances 0, 1, 2+.
uint64_t stratum(const Covariates &c, const DateGroup &g) {
    const int efiCategory = c[3] <= 4 ? 0 : c[3] <= 9 ? 1 : c[3] <= 13 ? 2 : 3;  // fit, mild, moderate, severe (Clegg)
    const uint64_t parts[] = {uint64_t(std::min(9, int(c[0]) / 10)),
                              uint64_t(c[1]),
                              uint64_t(c[2]),
                              uint64_t(efiCategory),
                              uint64_t(std::min(4.0, c[4])),
                              uint64_t(std::min(2.0, c[5])),
                              uint64_t(std::min(2.0, c[6]))};
    uint64_t key = 0;
    for (uint64_t v : parts) key = key * 16 + v;
    if (!g.risk.empty())
        key = key * 16 + uint64_t(std::upper_bound(g.riskDeciles.begin(), g.riskDeciles.end(), c[8]) - g.riskDeciles.begin());
    return key;
}

// Running sums for a covariate's mean and variance, optionally weighted.
struct Moments {
    double w = 0, sum = 0, squares = 0;
    void add(double x, double weight = 1) { w += weight, sum += weight * x, squares += weight * x * x; }
    double mean() const { return w > 0 ? sum / w : 0; }
    double variance() const { return w > 0 ? std::max(0.0, squares / w - mean() * mean()) : 0; }
};

// Nearest unused neighbour in a sorted array: union-find "next free to the left / right".
class FreeSlots {
public:
    explicit FreeSlots(size_t n) : mRight(n + 1), mLeft(n + 1) {
        std::iota(mRight.begin(), mRight.end(), size_t(0));  // mRight[n] is the sentinel
        std::iota(mLeft.begin(), mLeft.end(), size_t(0));    // slot i is mLeft[i + 1]; 0 is the sentinel
    }
    size_t right(size_t i) { return find(mRight, i); }            // n if none
    long left(size_t i) { return long(find(mLeft, i + 1)) - 1; }  // -1 if none
    void take(size_t i) { mRight[i] = i + 1, mLeft[i + 1] = i; }

private:
    static size_t find(std::vector<size_t> &parent, size_t i) {
        size_t root = i;
        while (parent[root] != root) root = parent[root];
        while (parent[i] != root) {
            const size_t next = parent[i];
            parent[i] = root;
            i = next;
        }
        return root;
    }
    std::vector<size_t> mRight, mLeft;
};

// Where a control may come from: the same band of emergency admissions in the year before (0, 1,
// 2 or more: exact, as they drive both referral and what follows; regression to the mean after an
// admission is the largest bias in evaluations of case management), and with --same-pcn the same PCN.
int bucketOf(const Project &project, const MatchOptions &o, const DateGroup &g, int32_t p, const Covariates &c) {
    const int efiCategory = c[3] <= 4 ? 0 : c[3] <= 9 ? 1 : c[3] <= 13 ? 2 : 3;
    const int band = (int(std::min(2.0, c[5])) * 4 + efiCategory) * 5 + int(std::min(4.0, c[4]));
    const int segment = g.segment.empty() ? 0 : g.segment[size_t(p)];
    const int pcn = o.samePcn ? project.geography.practices[project.persons.practice[size_t(p)]].pcn : 0;
    return (pcn * 256 + segment) * 60 + band;
}
}  // namespace

namespace {
// The logit of the propensity score for each candidate and enrolled person, from a logistic model
// fitted on everyone enrolled and a random sample of candidates (the sample shifts the intercept
// only, which matching on the logit within a caliper in its own SD does not see).
struct Propensity {
    LogisticFit fit;
    double sd = 0;
    double logit(const Covariates &c) const {
        const auto f = features(c);
        double x = fit.beta[0];
        for (Eigen::Index k = 0; k + 1 < fit.beta.size(); ++k) x += fit.beta[k + 1] * f[size_t(k)];
        return x;
    }
};

Result<Propensity> fitPropensity(const Project &project, const std::vector<DateGroup> &groups, const std::vector<Enrolled> &enrolled,
                                 const MatchOptions &o, std::mt19937_64 &rng) {
    constexpr size_t kSamplePerGroup = 40000;
    std::vector<std::pair<Covariates, double>> rows;
    for (const DateGroup &g : groups) {
        for (size_t e : g.enrolled) rows.push_back({covariates(project, g, enrolled[e].person), 1.0});
        const size_t n = g.candidates.size(), take = std::min(n, kSamplePerGroup);
        for (size_t k = 0; k < take; ++k) {
            const size_t pick = n > kSamplePerGroup ? size_t(rng() % n) : k;
            rows.push_back({covariates(project, g, g.candidates[pick]), 0.0});
        }
    }
    const int n = featureCount(o);
    Eigen::MatrixXd X(Eigen::Index(rows.size()), n);
    Eigen::VectorXd y(Eigen::Index(rows.size()));
    for (size_t r = 0; r < rows.size(); ++r) {
        const auto f = features(rows[r].first);
        for (int k = 0; k < n; ++k) X(Eigen::Index(r), k) = f[size_t(k)];
        y(Eigen::Index(r)) = rows[r].second;
    }
    auto fit = fitLogistic(X, y, 1e-3);
    if (!fit) return fit.error();
    Propensity p{fit.value(), 0};
    Moments m;
    for (const auto &row : rows) m.add(p.logit(row.first));
    p.sd = std::sqrt(m.variance());
    return p;
}

// Greedy nearest-neighbour matching on the logit, within the caliper, without replacement: k
// rounds, each enrolled person (in a random order) taking the nearest free control per round.
void matchPsm(const Project &project, const DateGroup &g, const std::vector<Enrolled> &enrolled, const Propensity &ps,
              const MatchOptions &o, std::mt19937_64 &rng, std::vector<MatchedSet> &sets) {
    std::map<int, std::vector<std::pair<double, int32_t>>> buckets;
    for (int32_t c : g.candidates) {
        const Covariates v = covariates(project, g, c);
        buckets[bucketOf(project, o, g, c, v)].push_back({ps.logit(v), c});
    }
    std::map<int, FreeSlots> free;
    for (auto &[b, list] : buckets) {
        std::sort(list.begin(), list.end());
        free.emplace(b, FreeSlots(list.size()));
    }
    std::vector<size_t> order = g.enrolled;
    std::shuffle(order.begin(), order.end(), rng);
    std::vector<double> logits(order.size());
    std::vector<int> bucket(order.size());
    const size_t first = sets.size();
    for (size_t i = 0; i < order.size(); ++i) {
        const Enrolled &e = enrolled[order[i]];
        const Covariates v = covariates(project, g, e.person);
        logits[i] = ps.logit(v);
        bucket[i] = bucketOf(project, o, g, e.person, v);
        sets.push_back({e.person, e.index, {}});
    }
    const double caliper = o.caliper * ps.sd;
    for (int round = 0; round < o.ratio; ++round)
        for (size_t i = 0; i < order.size(); ++i) {
            const auto it = buckets.find(bucket[i]);
            if (it == buckets.end()) continue;
            const auto &list = it->second;
            FreeSlots &open = free.at(it->first);
            const auto at = size_t(std::lower_bound(list.begin(), list.end(), std::pair{logits[i], INT32_MIN}) - list.begin());
            const size_t r = open.right(std::min(at, list.size()));
            const long l = at == 0 ? -1 : open.left(at - 1);
            double best = caliper;
            long chosen = -1;
            if (r < list.size() && std::abs(list[r].first - logits[i]) <= best)
                best = std::abs(list[r].first - logits[i]), chosen = long(r);
            if (l >= 0 && std::abs(list[size_t(l)].first - logits[i]) <= best) chosen = l;
            if (chosen < 0) continue;
            open.take(size_t(chosen));
            sets[first + i].controls.push_back(list[size_t(chosen)].second);
        }
}

// Coarsened exact matching: k controls drawn at random from the enrolled person's stratum.
void matchCem(const Project &project, const DateGroup &g, const std::vector<Enrolled> &enrolled, const MatchOptions &o,
              std::mt19937_64 &rng, std::vector<MatchedSet> &sets) {
    std::map<std::pair<int, uint64_t>, std::vector<int32_t>> strata;
    for (int32_t c : g.candidates) {
        const Covariates v = covariates(project, g, c);
        strata[{bucketOf(project, o, g, c, v), stratum(v, g)}].push_back(c);
    }
    for (auto &[key, list] : strata) std::shuffle(list.begin(), list.end(), rng);
    std::vector<size_t> order = g.enrolled;
    std::shuffle(order.begin(), order.end(), rng);
    for (size_t e : order) {
        const Enrolled &who = enrolled[e];
        MatchedSet set{who.person, who.index, {}};
        const Covariates v = covariates(project, g, who.person);
        auto it = strata.find({bucketOf(project, o, g, who.person, v), stratum(v, g)});
        for (int k = 0; it != strata.end() && k < o.ratio && !it->second.empty(); ++k) {
            set.controls.push_back(it->second.back());
            it->second.pop_back();
        }
        sets.push_back(std::move(set));
    }
}

// What the balance table compares for one person: the covariates (the risk score when matched
// on), then 0/1 for each segment when matched on a segmentation.
std::vector<double> balanceValues(const Project &project, const DateGroup &g, int32_t p, const MatchOptions &o, size_t segments) {
    const Covariates c = covariates(project, g, p);
    std::vector<double> v(c.begin(), c.begin() + (o.riskScore ? kCovariates : kCovariates - 1));
    // Segment 0 is "not registered": nobody compared is in it.
    for (size_t s = 0; s < segments; ++s) v.push_back(!g.segment.empty() && g.segment[size_t(p)] == s + 1 ? 1.0 : 0.0);
    return v;
}

std::vector<BalanceRow> balanceTable(const Project &project, const std::vector<DateGroup> &groups, const std::vector<MatchedSet> &sets,
                                     const std::map<int32_t, size_t> &groupOfDate, const MatchOptions &o, const QStringList &segments) {
    QStringList keys = covariateKeys().mid(0, o.riskScore ? kCovariates : kCovariates - 1);
    for (const QString &name : segments) keys << QStringLiteral("segment: %1").arg(name);
    const auto n = size_t(keys.size());
    std::vector<Moments> treated(n), before(n), after(n), allTreated(n);
    auto add = [&](std::vector<Moments> &m, const std::vector<double> &v, double weight) {
        for (size_t k = 0; k < n; ++k) m[k].add(v[k], weight);
    };
    for (const DateGroup &g : groups)
        for (int32_t c : g.candidates) add(before, balanceValues(project, g, c, o, size_t(segments.size())), 1.0);
    for (const MatchedSet &s : sets) {
        const DateGroup &g = groups[groupOfDate.at(monthStart(s.index) - 1)];
        const std::vector<double> t = balanceValues(project, g, s.treated, o, size_t(segments.size()));
        add(allTreated, t, 1.0);  // every enrolled person, matched or not, for the "before" comparison
        if (s.controls.empty()) continue;
        add(treated, t, 1.0);
        for (int32_t c : s.controls) add(after, balanceValues(project, g, c, o, size_t(segments.size())), 1.0 / double(s.controls.size()));
    }
    std::vector<BalanceRow> rows;
    for (size_t k = 0; k < n; ++k) {
        const Moments &t = allTreated[k], &b = before[k], &mt = treated[k], &a = after[k];
        // The same denominator before and after, so the two compare: the SD of the candidates, a
        // large group (the enrolled's own SD, pooled in, would give back how many of a few had a
        // 0/1 covariate once the candidates' mean is known).
        const double pooled = std::sqrt(b.variance());
        rows.push_back({keys[qsizetype(k)], t.mean(), b.mean(), a.mean(), pooled > 0 ? (t.mean() - b.mean()) / pooled : 0.0,
                        pooled > 0 ? (mt.mean() - a.mean()) / pooled : 0.0, t.w, t.sum, b.w, b.sum, mt.w, mt.sum, a.sum, pooled});
    }
    return rows;
}
// The risk score and the segment of everyone on each covariate date, when asked for, from the
// caller's measure; CEM's risk deciles from the candidates' scores.
Status measureRiskAndSegments(const Project &project, const MatchOptions &o, const MeasureAt &measure, std::vector<DateGroup> &groups,
                              QStringList &segmentNames) {
    if (!o.riskScore && o.segmentation.isEmpty()) return Ok{};
    if (!measure) return Error{ErrorCode::BadOption, QStringLiteral("matching on the risk score or a segment needs their measures"), {}};
    for (DateGroup &g : groups) {
        auto measured = measure(g.date);
        if (!measured) return measured.error();
        DateMeasures &m = measured.value();
        const auto n = size_t(project.persons.count);
        if ((o.riskScore && m.risk.size() != n) || (!o.segmentation.isEmpty() && m.segment.size() != n))
            return Error{ErrorCode::BadOption, QStringLiteral("the risk scores or segments measured do not cover everyone"), {}};
        if (o.riskScore) {
            g.risk = std::move(m.risk);
            std::vector<double> scores;
            for (int32_t c : g.candidates)
                if (size_t(c) < g.risk.size() && !std::isnan(g.risk[size_t(c)])) scores.push_back(100.0 * g.risk[size_t(c)]);
            std::sort(scores.begin(), scores.end());
            for (size_t d = 0; d < g.riskDeciles.size() && !scores.empty(); ++d)
                g.riskDeciles[d] = scores[std::min(scores.size() - 1, (d + 1) * scores.size() / 10)];
        }
        if (!o.segmentation.isEmpty()) {
            g.segment = std::move(m.segment);
            if (segmentNames.isEmpty()) segmentNames = m.segmentNames;
        }
    }
    return Ok{};
}
}  // namespace

Result<Matching> matchControls(const Project &project, const rules::CodeLists &lists, const std::vector<Enrolled> &enrolled,
                               const boost::dynamic_bitset<uint64_t> &excluded, const MatchOptions &options, Feedback &feedback,
                               const MeasureAt &measure) {
    if (options.ratio < 1 || options.ratio > 10)
        return Error{ErrorCode::BadOption, QStringLiteral("the matching ratio must be 1 to 10 controls per enrolled person"), {}};
    if (!(options.caliper > 0) || options.caliper > 5)
        return Error{ErrorCode::BadOption, QStringLiteral("the caliper must be above 0 and at most 5 standard deviations"), {}};
    std::map<int32_t, size_t> groupOfDate;
    std::vector<DateGroup> groups;
    for (size_t e = 0; e < enrolled.size(); ++e) {
        const int32_t date = monthStart(enrolled[e].index) - 1;
        auto [it, added] = groupOfDate.emplace(date, groups.size());
        if (added) groups.push_back(DateGroup{date, {}, {}, {}, {}, {}, {}, {}});
        groups[it->second].enrolled.push_back(e);
    }
    Matching out;
    for (DateGroup &g : groups) {
        if (feedback.isCanceled()) return Error{ErrorCode::Canceled, QStringLiteral("Cancelled."), {}};
        auto gp = gpMeasures(project, lists, g.date);
        if (!gp) return gp.error();
        g.gp = gp.value();
        g.activity = activityMeasures(project, g.date);
        // Registered on the covariate date and still at the end of the enrolment month, as every
        // evaluated enrolled person is (evaluateop): a control cannot die or leave between the
        // day it is matched on and its enrolled person's index date.
        const int32_t monthEnd = addMonths(g.date + 1, 1) - 1;
        for (int32_t p = 0; p < project.persons.count; ++p)
            if (!excluded.test(size_t(p)) && project.persons.isRegistered(p, g.date) && project.persons.isRegistered(p, monthEnd))
                g.candidates.push_back(p);
        out.candidates += int64_t(g.candidates.size());
    }
    QStringList segments;
    if (auto s = measureRiskAndSegments(project, options, measure, groups, segments); !s) return s.error();
    feedback.setProgress(30);
    std::mt19937_64 rng(options.seed);
    std::optional<Propensity> ps;
    if (options.method == MatchMethod::Psm) {
        auto fitted = fitPropensity(project, groups, enrolled, options, rng);
        if (!fitted) return fitted.error();
        ps = fitted.value();
    }
    for (const DateGroup &g : groups) {
        if (feedback.isCanceled()) return Error{ErrorCode::Canceled, QStringLiteral("Cancelled."), {}};
        if (ps)
            matchPsm(project, g, enrolled, *ps, options, rng, out.sets);
        else
            matchCem(project, g, enrolled, options, rng, out.sets);
    }
    feedback.setProgress(60);
    out.balance = balanceTable(project, groups, out.sets, groupOfDate, options, segments);
    std::vector<MatchedSet> matched;
    for (MatchedSet &s : out.sets)
        if (s.controls.empty())
            ++out.unmatched;
        else
            matched.push_back(std::move(s));
    out.sets = std::move(matched);
    return out;
}

}  // namespace phm::core::evaluation
