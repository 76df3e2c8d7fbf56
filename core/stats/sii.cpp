#include "stats/sii.h"

#include "stats/statistics.h"

#include <QStringList>
#include <algorithm>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/normal_distribution.hpp>
#include <cmath>

namespace phm::core::stats {

namespace {

double forward(SiiValueType t, double v) {
    if (t == SiiValueType::Rate) return std::log(v);
    if (t == SiiValueType::Proportion) return std::log(v / (1 - v));
    return v;
}

double back(SiiValueType t, double v) {
    if (t == SiiValueType::Rate) return std::exp(v);
    if (t == SiiValueType::Proportion) return std::exp(v) / (1 + std::exp(v));
    return v;
}

// Weighted least squares of y on rank b with weights a (sum 1), written as the linear map
// (intercept, slope) = sum_q (i_q, s_q) * y_q so the simulation is one pass per repetition.
struct LinearFit {
    std::vector<double> interceptWeights, slopeWeights;
    double intercept(const std::vector<double> &y) const {
        double s = 0;
        for (size_t q = 0; q < y.size(); ++q) s += interceptWeights[q] * y[q];
        return s;
    }
    double slope(const std::vector<double> &y) const {
        double s = 0;
        for (size_t q = 0; q < y.size(); ++q) s += slopeWeights[q] * y[q];
        return s;
    }
};

LinearFit fitFor(const std::vector<double> &a, const std::vector<double> &b) {
    double meanB = 0;
    for (size_t q = 0; q < a.size(); ++q) meanB += a[q] * b[q];
    double sxx = 0;
    for (size_t q = 0; q < a.size(); ++q) sxx += a[q] * (b[q] - meanB) * (b[q] - meanB);
    LinearFit f;
    for (size_t q = 0; q < a.size(); ++q) {
        const double s = a[q] * (b[q] - meanB) / sxx;  // slope = sum a (b - mean b) y / sxx
        f.slopeWeights.push_back(s);
        f.interceptWeights.push_back(a[q] - meanB * s);  // intercept = mean y - slope * mean b
    }
    return f;
}

// R's round(): halves to even, as the package picks the simulated percentiles.
size_t position(double reps, double p) { return size_t(std::max(1.0, std::nearbyint(reps * p))); }

}  // namespace

Result<SiiResult> sii(std::vector<SiiQuantile> qs, const SiiOptions &o) {
    auto error = [](const QString &message) { return Error{ErrorCode::BadSiiInput, message, {}}; };
    if (qs.size() < 5 || qs.size() > 100)
        return error(QStringLiteral("number of quantiles must be between 5 and 100 (got %1)").arg(qs.size()));
    if (o.repetitions < 1) return error(QStringLiteral("number of repetitions must be greater than 0"));
    std::sort(qs.begin(), qs.end(), [](const SiiQuantile &x, const SiiQuantile &y) { return x.quantile < y.quantile; });
    const double z95 = zValue(0.95);  // the package derives standard errors from 95% limits
    double total = 0;
    for (const SiiQuantile &q : qs) {
        if (!(q.population > 0)) return error(QStringLiteral("quantile %1 has a zero, negative or missing population").arg(q.quantile));
        if (std::isnan(q.value)) return error(QStringLiteral("quantile %1 has no value").arg(q.quantile));
        if (o.valueType == SiiValueType::Proportion && (q.value < 0 || q.value > 1))
            return error(QStringLiteral("quantile %1: proportions must be between 0 and 1 (got %2)").arg(q.quantile).arg(q.value));
        if (std::isnan(q.se) && (std::isnan(q.lowerCl) || std::isnan(q.upperCl)))
            return error(QStringLiteral("quantile %1 needs a standard error or both 95% confidence limits").arg(q.quantile));
        if (q.se < 0) return error(QStringLiteral("quantile %1 has a negative standard error").arg(q.quantile));
        total += q.population;
    }
    const size_t n = qs.size();
    // Rates and proportions are simulated on the log or logit scale (their intervals are not
    // symmetric), so a given standard error is on that scale, and one derived from the 95%
    // limits is taken from the transformed limits. With `transform` the regression is fitted on
    // that scale too and its ends back-transformed; without, each simulated value is
    // back-transformed and the regression fitted on the reporting scale.
    const bool transformed = o.transform && o.valueType != SiiValueType::Normal;
    std::vector<double> a(n), b(n), mean(n), se(n);
    double cumulative = 0;
    for (size_t q = 0; q < n; ++q) {
        a[q] = qs[q].population / total;
        b[q] = cumulative + a[q] / 2;
        cumulative += a[q];
        mean[q] = forward(o.valueType, qs[q].value);
        se[q] = !std::isnan(qs[q].se) ? qs[q].se : (forward(o.valueType, qs[q].upperCl) - forward(o.valueType, qs[q].lowerCl)) / z95 / 2;
    }
    const LinearFit fit = fitFor(a, b);
    // Ends of the fitted line on the reporting scale, (value at rank 0, value at rank 1), for
    // values y on the simulation scale.
    std::vector<double> reporting(n);
    auto ends = [&](const std::vector<double> &y) {
        if (transformed) {
            const double i = fit.intercept(y), s = fit.slope(y);
            return std::pair{back(o.valueType, i), back(o.valueType, i + s)};
        }
        for (size_t q = 0; q < n; ++q) reporting[q] = back(o.valueType, y[q]);
        const double i = fit.intercept(reporting), s = fit.slope(reporting);
        return std::pair{i, i + s};
    };
    auto riiOf = [&](double y0, double y1) { return o.multiplier < 0 ? y0 / y1 : y1 / y0; };

    SiiResult r;
    const auto [y0, y1] = ends(mean);
    r.sii = (y1 - y0) * o.multiplier;
    r.rii = riiOf(y0, y1);
    r.intercept = y0;

    boost::random::mt19937_64 rng(o.seed);
    std::vector<double> siis(size_t(o.repetitions)), riis(size_t(o.repetitions)), draw(n);
    for (int k = 0; k < o.repetitions; ++k) {
        for (size_t q = 0; q < n; ++q) draw[q] = boost::random::normal_distribution<double>(mean[q], se[q])(rng);
        const auto [s0, s1] = ends(draw);
        siis[size_t(k)] = (s1 - s0) * o.multiplier;
        riis[size_t(k)] = riiOf(s0, s1);
    }
    const double upperP = o.confidence + (1 - o.confidence) / 2;
    const size_t lo = std::min(position(o.repetitions, 1 - upperP), siis.size()) - 1;
    const size_t hi = std::min(position(o.repetitions, upperP), siis.size()) - 1;
    auto pick = [](std::vector<double> &v, size_t i) {
        std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(i), v.end());
        return v[i];
    };
    r.siiLower = pick(siis, lo);
    r.siiUpper = pick(siis, hi);
    r.riiLower = pick(riis, lo);
    r.riiUpper = pick(riis, hi);
    return r;
}

}  // namespace phm::core::stats
