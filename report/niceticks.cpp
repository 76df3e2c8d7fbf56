#include "report/niceticks.h"

#include <algorithm>
#include <cmath>

namespace phm::report {

std::vector<double> Ticks::values() const {
    std::vector<double> out;
    const int n = int(std::lround((hi - lo) / step));
    for (int i = 0; i <= n; ++i) out.push_back(lo + step * i);
    return out;
}

Ticks niceTicks(double lo, double hi, int wanted) {
    Ticks t;
    if (!std::isfinite(lo) || !std::isfinite(hi)) return t;
    if (hi < lo) std::swap(lo, hi);
    if (hi - lo < 1e-12) hi = lo + (lo == 0 ? 1 : std::abs(lo) * 0.1);
    const double raw = (hi - lo) / std::max(1, wanted - 1);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double r = raw / magnitude;
    const double nice = r <= 1 ? 1 : r <= 2 ? 2 : r <= 2.5 ? 2.5 : r <= 5 ? 5 : 10;
    t.step = nice * magnitude;
    t.lo = std::floor(lo / t.step + 1e-9) * t.step;
    t.hi = std::ceil(hi / t.step - 1e-9) * t.step;
    t.decimals = std::max(0, int(-std::floor(std::log10(t.step) + 1e-9)) + (nice == 2.5 ? 1 : 0));
    return t;
}

}  // namespace phm::report
