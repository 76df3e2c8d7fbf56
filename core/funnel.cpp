#include "funnel.h"

#include "statistics.h"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
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
    double denominator = std::max(1.0, axisMin);
    for (int j = 1; j <= 100; ++j) {
        if (j > 1) denominator = std::max(std::nearbyint(std::pow(axisMax / denominator, 1.0 / (101 - j)) * denominator), denominator + 1);
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
