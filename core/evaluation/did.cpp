#include "evaluation/did.h"

#include "base/parallel.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace phm::core::evaluation {

namespace {
// A set reduced to the sums the estimator needs: units and months at risk of each arm in each
// period (0 = before, 1 = after) and each quarter.
struct SetSums {
    double t[2][2] = {}, c[2][2] = {};  // [period][units, at risk]
    std::vector<double> tq, cq;         // quarter q: [2q] units, [2q + 1] months at risk
};

SetSums reduce(const SetMonths &s, int pre, int quarters) {
    SetSums out;
    out.tq.assign(size_t(2 * quarters), 0.0);
    out.cq.assign(size_t(2 * quarters), 0.0);
    for (size_t m = 0; m < s.treatedUnits.size(); ++m) {
        const int period = int(m) >= pre ? 1 : 0;
        out.t[period][0] += s.treatedUnits[m], out.t[period][1] += s.treatedAtRisk[m];
        out.c[period][0] += s.controlUnits[m], out.c[period][1] += s.controlAtRisk[m];
        const size_t q = m / 3;
        if (q >= size_t(quarters)) continue;
        out.tq[2 * q] += s.treatedUnits[m], out.tq[2 * q + 1] += s.treatedAtRisk[m];
        out.cq[2 * q] += s.controlUnits[m], out.cq[2 * q + 1] += s.controlAtRisk[m];
    }
    return out;
}

double ratio(double a, double b) { return b > 0 ? a / b : 0.0; }

// The estimates from totals over a (re)sample of sets.
struct Estimates {
    double tPre = 0, tPost = 0, cPre = 0, cPost = 0, effect = 0, counterfactual = 0, relative = 0;
    std::vector<double> quarter;  // event-study effects
};

Estimates estimate(const SetSums &total, int quarters, int reference) {
    Estimates e;
    e.tPre = ratio(total.t[0][0], total.t[0][1]), e.tPost = ratio(total.t[1][0], total.t[1][1]);
    e.cPre = ratio(total.c[0][0], total.c[0][1]), e.cPost = ratio(total.c[1][0], total.c[1][1]);
    e.effect = (e.tPost - e.tPre) - (e.cPost - e.cPre);
    e.counterfactual = e.tPre + (e.cPost - e.cPre);
    e.relative = e.counterfactual > 0 ? e.effect / e.counterfactual : 0.0;
    auto rate = [](const std::vector<double> &v, int q) { return ratio(v[size_t(2 * q)], v[size_t(2 * q + 1)]); };
    for (int q = 0; q < quarters; ++q)
        e.quarter.push_back((rate(total.tq, q) - rate(total.tq, reference)) - (rate(total.cq, q) - rate(total.cq, reference)));
    return e;
}

void accumulate(SetSums &into, const SetSums &s) {
    for (int p = 0; p < 2; ++p)
        for (int k = 0; k < 2; ++k) into.t[p][k] += s.t[p][k], into.c[p][k] += s.c[p][k];
    for (size_t i = 0; i < into.tq.size(); ++i) into.tq[i] += s.tq[i], into.cq[i] += s.cq[i];
}

Interval percentile(std::vector<double> draws, double estimate, double confidence) {
    if (draws.empty()) return {estimate, estimate, estimate};
    std::sort(draws.begin(), draws.end());
    const double alpha = (1 - confidence) / 2;
    auto at = [&](double q) {  // linear interpolation between order statistics (R type 7)
        const double h = q * double(draws.size() - 1);
        const size_t lo = size_t(std::floor(h));
        const size_t hi = std::min(draws.size() - 1, lo + 1);
        return draws[lo] + (h - double(lo)) * (draws[hi] - draws[lo]);
    };
    return {estimate, at(alpha), at(1 - alpha)};
}
}  // namespace

DidResult differenceInDifferences(const std::vector<SetMonths> &sets, int pre, int post, int replicates, uint64_t seed, double confidence) {
    const int quarters = (pre + post) / 3;
    const int reference = pre / 3 - 1;  // the quarter just before the index date
    std::vector<SetSums> sums;
    sums.reserve(sets.size());
    SetSums total;
    total.tq.assign(size_t(2 * quarters), 0.0), total.cq.assign(size_t(2 * quarters), 0.0);
    for (const SetMonths &s : sets) {
        sums.push_back(reduce(s, pre, quarters));
        accumulate(total, sums.back());
    }
    const Estimates point = estimate(total, quarters, reference);
    // Replicates in two fixed halves, each with its own seeded stream: the result does not depend
    // on the number of cores.
    std::vector<Estimates> draws(sums.empty() ? 0 : size_t(std::max(0, replicates)));
    const int32_t n = int32_t(sums.size());
    parallelRanges(int32_t(draws.size()), 2, [&](int part, int32_t from, int32_t to) {
        std::mt19937_64 rng(seed + 0x9E3779B97F4A7C15ULL * uint64_t(part + 1));
        for (int32_t r = from; r < to; ++r) {
            SetSums resample;
            resample.tq.assign(size_t(2 * quarters), 0.0), resample.cq.assign(size_t(2 * quarters), 0.0);
            for (int32_t k = 0; k < n; ++k) accumulate(resample, sums[size_t(rng() % uint64_t(n))]);
            draws[size_t(r)] = estimate(resample, quarters, reference);
        }
    });
    auto collect = [&](auto field) {
        std::vector<double> v;
        for (const Estimates &e : draws) v.push_back(field(e));
        return v;
    };
    DidResult out;
    out.treatedPre = point.tPre, out.treatedPost = point.tPost, out.controlPre = point.cPre, out.controlPost = point.cPost;
    out.counterfactual = point.counterfactual;
    out.effect = percentile(collect([](const Estimates &e) { return e.effect; }), point.effect, confidence);
    out.relative = percentile(collect([](const Estimates &e) { return e.relative; }), point.relative, confidence);
    for (int q = 0; q < quarters; ++q)
        out.eventStudy.push_back({q - pre / 3, percentile(collect([q](const Estimates &e) { return e.quarter[size_t(q)]; }),
                                                          point.quarter[size_t(q)], confidence)});
    out.treatedMonthsPost = total.t[1][1];
    out.replicates = int(draws.size());
    return out;
}

}  // namespace phm::core::evaluation
