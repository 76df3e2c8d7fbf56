#pragma once
// Round axis ticks: a step of 1, 2, 2.5 or 5 times a power of ten, and the range widened to whole
// steps, so an axis reads 0, 5, 10, 15 rather than 3.5, 6.3, 9.0, 11.8.
#include <vector>

namespace phm::report {

struct Ticks {
    double lo = 0, hi = 1, step = 1;
    int decimals = 0;  // enough to show the step exactly
    std::vector<double> values() const;
};

// About `wanted` ticks (at least 2) covering [lo, hi].
Ticks niceTicks(double lo, double hi, int wanted = 5);

}  // namespace phm::report
