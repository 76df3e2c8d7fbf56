#include "stats/funnel.h"

#include "stats/statistics.h"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>

namespace phm::core::stats {

QString funnelLabel(FunnelSignificance s) {
    switch (s) {
        case FunnelSignificance::Low001:
            return QStringLiteral("Low (0.001)");
        case FunnelSignificance::Low025:
            return QStringLiteral("Low (0.025)");
        case FunnelSignificance::High025:
            return QStringLiteral("High (0.025)");
        case FunnelSignificance::High001:
            return QStringLiteral("High (0.001)");
        case FunnelSignificance::NotApplicable:
            return QStringLiteral("Not applicable for events less than 10 for dsrs");
        case FunnelSignificance::NotSignificant:
            break;
    }
    return QStringLiteral("Not significant");
}

double proportionLimit(double p, double n, double average, bool low, double multiplier) {
    // The Wilson score interval solved for the observed proportion at which the average would
    // sit on the interval's edge (Fingertips technical guidance, funnel plots for proportions).
    const double z = boost::math::quantile(boost::math::normal(), p), z2 = z * z;
    const double first = average * (n / z2 + 1);
    const double root = std::sqrt(std::pow(-8 * average * (n / z2 + 1), 2) -
                                  64 * (1 / z2 + 1 / n) * average * (n * (average * (n / z2 + 2) - 1) + z2 * (average - 1)));
    const double last = 1 / z2 + 1 / n;
    const double limit = (low ? first - root / 8 : first + root / 8) / last;
    return limit / n * multiplier;
}

namespace {
// The package rounds the axis ends to tidy numbers: down to the leading digit at 95% of the
// smallest denominator, up to two leading digits at 105% of the largest.
double roundDown(double x) {
    const double v = std::floor(x * 0.95);
    if (v <= 0) return 0;
    const double scale = std::pow(10.0, std::floor(std::log10(v)));
    return std::floor(x * 0.95 / scale) * scale;
}
double roundUp(double x) {
    const double v = std::ceil(x * 1.05);
    if (v <= 0) return 0;
    const double digits = std::floor(std::log10(v)) + 1;
    const double scale = std::pow(10.0, digits - 2);
    return std::ceil(x * 1.05 / scale) * scale;
}
}  // namespace

namespace {
// The package's 100 axis points: from max(1, min) to max, each step the geometric share of what
// is left, rounded (half to even, as R), and at least one more than the last. `lastPower` is
// 100 for proportions and rates, 101 for ratios (the package offsets its exponent there).
std::vector<double> funnelAxis(double axisMin, double axisMax, int lastPower) {
    std::vector<double> axis{std::max(1.0, axisMin)};
    for (int j = 2; j <= 100; ++j) {
        const double prev = axis.back();
        axis.push_back(std::max(std::nearbyint(std::pow(axisMax / prev, 1.0 / (lastPower + 1 - j)) * prev), prev + 1));
    }
    return axis;
}
}  // namespace

double poissonFunnelMean(double observed, double p, bool upperTail) {
    // The package's search (Fingertips' Excel macro): bisection on v in (0, 1) with the mean
    // (1 + observed) v / (1 - v), until the step is below 1e-7. The tail probabilities are
    // P(X >= observed) = P(Gamma(observed) <= mean) and P(X <= observed) = P(Gamma(observed + 1) > mean).
    if (upperTail && observed <= 0) return 0.0;
    double v = 0.5, dv = 0.5;
    while (dv > 1e-7) {
        dv /= 2;
        const double mean = (1 + observed) * v / (1 - v);
        if (upperTail)
            v += boost::math::gamma_p(observed, mean) > p ? -dv : dv;
        else
            v += boost::math::gamma_q(observed + 1, mean) < p ? -dv : dv;
    }
    return (1 + observed) * v / (1 - v);
}

std::vector<RatioFunnelPoint> ratioFunnel(const std::vector<double> &expected) {
    std::vector<RatioFunnelPoint> out;
    if (expected.empty()) return out;
    const auto [minIt, maxIt] = std::minmax_element(expected.begin(), expected.end());
    const double axisMin = *maxIt > 2 * *minIt ? 0 : roundDown(*minIt);
    for (double o : funnelAxis(axisMin, roundUp(*maxIt), 101)) {
        RatioFunnelPoint p;
        p.observed = o;
        p.lower95Expected = poissonFunnelMean(o, 0.025, false);
        p.upper95Expected = poissonFunnelMean(o, 0.025, true);
        p.lower998Expected = poissonFunnelMean(o, 0.001, false);
        p.upper998Expected = poissonFunnelMean(o, 0.001, true);
        p.lower95 = o / p.lower95Expected;
        p.upper95 = o / p.upper95Expected;
        p.lower998 = o / p.lower998Expected;
        p.upper998 = o / p.upper998Expected;
        out.push_back(p);
    }
    return out;
}

namespace {
// Each area's denominator as the package derives it for rates: the population behind a DSR is
// events / rate (none for no events); a crude rate's is the denominator when given.
std::vector<double> derivedDenominators(const std::vector<double> &events, const std::vector<double> &rates,
                                        const std::vector<double> &denominators, RateType type, double multiplier, bool forSignificance) {
    std::vector<double> out(events.size(), NAN);
    for (size_t i = 0; i < events.size(); ++i) {
        const bool given = i < denominators.size() && !std::isnan(denominators[i]);
        if (type == RateType::Dsr)
            out[i] = events[i] == 0 ? NAN : multiplier * events[i] / rates[i];
        else if (forSignificance)
            out[i] = events[i] == 0 && given ? denominators[i] : multiplier * events[i] / rates[i];
        else
            out[i] = given ? denominators[i] : multiplier * events[i] / rates[i];
    }
    return out;
}
double sumOf(const std::vector<double> &v) {
    double s = 0;
    for (double x : v)
        if (!std::isnan(x)) s += x;
    return s;
}
}  // namespace

std::vector<RateFunnelPoint> rateFunnel(const std::vector<double> &events, const std::vector<double> &rates,
                                        const std::vector<double> &denominators, RateType type, double multiplier, double years) {
    std::vector<RateFunnelPoint> out;
    const std::vector<double> n = derivedDenominators(events, rates, denominators, type, multiplier, false);
    double lo = INFINITY, hi = -INFINITY;
    for (double d : n)
        if (!std::isnan(d)) {
            lo = std::min(lo, d);
            hi = std::max(hi, d);
        }
    if (std::isinf(lo)) return out;
    const double average = sumOf(events) / sumOf(n);
    // The axis in events: the population range (per year, tidied) times the average rate.
    const double axisMin = std::floor((hi > 2 * lo ? 0 : roundDown(lo / years) * years) * average);
    const double axisMax = std::ceil(roundUp(hi / years) * years * average);
    for (double e : funnelAxis(axisMin, axisMax, 100)) {
        RateFunnelPoint p;
        p.events = e;
        p.lower95Population = poissonFunnelMean(e, 0.025, false) / average;
        p.upper95Population = poissonFunnelMean(e, 0.025, true) / average;
        p.lower998Population = poissonFunnelMean(e, 0.001, false) / average;
        p.upper998Population = poissonFunnelMean(e, 0.001, true) / average;
        p.lower95 = e / p.lower95Population * multiplier;
        p.upper95 = e / p.upper95Population * multiplier;
        p.lower998 = e / p.lower998Population * multiplier;
        p.upper998 = e / p.upper998Population * multiplier;
        for (double *pop : {&p.lower95Population, &p.upper95Population, &p.lower998Population, &p.upper998Population}) *pop /= years;
        p.baseline = average * multiplier;
        out.push_back(p);
    }
    return out;
}

std::vector<FunnelSignificance> rateSignificance(const std::vector<double> &events, const std::vector<double> &rates,
                                                 const std::vector<double> &denominators, RateType type, double multiplier) {
    const std::vector<double> n = derivedDenominators(events, rates, denominators, type, multiplier, true);
    const double average = sumOf(events) / sumOf(n);
    std::vector<FunnelSignificance> out;
    for (size_t i = 0; i < events.size(); ++i) {
        if (type == RateType::Dsr && events[i] < 10)
            out.push_back(FunnelSignificance::NotApplicable);
        else
            out.push_back(ratioSignificance(events[i], average * n[i]));
    }
    return out;
}

std::vector<FunnelPoint> proportionFunnel(const std::vector<double> &x, const std::vector<double> &n, double multiplier) {
    std::vector<FunnelPoint> out;
    if (n.empty()) return out;
    double sx = 0, sn = 0;
    for (size_t i = 0; i < n.size(); ++i) {
        sx += x[i];
        sn += n[i];
    }
    const double average = sx / sn;
    const auto [minIt, maxIt] = std::minmax_element(n.begin(), n.end());
    const double axisMin = *maxIt > 2 * *minIt ? 0 : roundDown(*minIt), axisMax = roundUp(*maxIt);
    for (double denominator : funnelAxis(axisMin, axisMax, 100)) {
        FunnelPoint p;
        p.denominator = denominator;
        p.lower95 = std::max(0.0, proportionLimit(0.975, denominator, average, true, multiplier));
        p.upper95 = std::min(multiplier, proportionLimit(0.975, denominator, average, false, multiplier));
        p.lower998 = std::max(0.0, proportionLimit(0.999, denominator, average, true, multiplier));
        p.upper998 = std::min(multiplier, proportionLimit(0.999, denominator, average, false, multiplier));
        p.baseline = average * multiplier;
        out.push_back(p);
    }
    return out;
}

FunnelSignificance proportionSignificance(double x, double n, double average) {
    const double value = x / n;
    if (value < proportionLimit(0.999, n, average, true, 1)) return FunnelSignificance::Low001;
    if (value < proportionLimit(0.975, n, average, true, 1)) return FunnelSignificance::Low025;
    if (value > proportionLimit(0.999, n, average, false, 1)) return FunnelSignificance::High001;
    if (value > proportionLimit(0.975, n, average, false, 1)) return FunnelSignificance::High025;
    return FunnelSignificance::NotSignificant;
}

FunnelSignificance ratioSignificance(double observed, double expected) {
    // The observed count's own interval (Byars, or exact below 10 events) against the expected.
    auto lower = [&](double confidence) { return observed <= 0 ? 0.0 : countLower(observed, confidence); };
    auto upper = [&](double confidence) { return countUpper(observed, confidence); };
    if (lower(0.998) > expected) return FunnelSignificance::High001;
    if (lower(0.95) > expected) return FunnelSignificance::High025;
    if (upper(0.998) < expected) return FunnelSignificance::Low001;
    if (upper(0.95) < expected) return FunnelSignificance::Low025;
    return FunnelSignificance::NotSignificant;
}

}  // namespace phm::core::stats
