#pragma once
// Interrupted time series for a whole area: segmented regression of a monthly rate,
//   y_t = b0 + b1 t + b2 D_t + b3 (t - t0) D_t + e_t,   D_t = 1 from the start month t0,
// fitted by least squares with Newey-West (Bartlett kernel) standard errors, which allow for
// autocorrelated and heteroscedastic errors. With a comparison area the series is the difference
// between the two areas' rates (a controlled ITS). docs/evaluation.md gives the formulas.
#include "base/result.h"

#include <vector>

namespace phm::core::evaluation {

struct ItsFit {
    std::vector<double> beta;  // b0, b1, b2, b3
    std::vector<double> se;    // Newey-West standard errors
    int lag = 0;               // Newey-West lag used
    double levelChange = 0, slopeChange = 0;
    // The mean effect over the post months (b2 + b3 (t - t0) averaged) with its interval, and the
    // counterfactual mean over those months (b0 + b1 t) it is relative to.
    double meanEffect = 0, meanEffectLower = 0, meanEffectUpper = 0, counterfactual = 0;
};

// `y`: the monthly series; `start`: index of the first month of the intervention (at least 3
// months before it and 3 after are needed). lag < 0: floor(4 (T/100)^(2/9)), at least 1.
Result<ItsFit> segmentedRegression(const std::vector<double> &y, int start, int lag = -1, double confidence = 0.95);

}  // namespace phm::core::evaluation
