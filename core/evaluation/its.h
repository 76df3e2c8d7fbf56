#pragma once
// Interrupted time series for a whole area: segmented regression of a monthly rate,
//   y_t = b0 + b1 t + b2 D_t + b3 (t - t0) D_t + e_t,   D_t = 1 from the start month t0,
// with errors that allow for autocorrelation: Prais-Winsten (AR(1) errors, feasible GLS iterated
// to convergence, t intervals; the default) or least squares with Newey-West (Bartlett kernel)
// standard errors. Simulated series of 2-4 years showed Newey-West 95% intervals covering the
// truth only 82-84% of the time and Prais-Winsten 91-94% (docs/evaluation.md), so Prais-Winsten
// is the default. With a comparison area the series is the difference between the two areas'
// rates (a controlled ITS).
#include "base/result.h"

#include <vector>

namespace phm::core::evaluation {

enum class ItsErrors { PraisWinsten, NeweyWest };

struct ItsFit {
    ItsErrors errors = ItsErrors::PraisWinsten;
    std::vector<double> beta;         // b0, b1, b2, b3 (of the chosen fit)
    std::vector<double> se;           // their standard errors (of the chosen fit)
    std::vector<double> neweyWestSe;  // least squares' Newey-West standard errors, always
    int lag = 0;                      // Newey-West lag
    double rho = 0;                   // Prais-Winsten: the AR(1) coefficient of the errors
    double levelChange = 0, slopeChange = 0;
    // The mean effect over the post months (b2 + b3 (t - t0) averaged) with its interval, and the
    // counterfactual mean over those months (b0 + b1 t) it is relative to.
    double meanEffect = 0, meanEffectLower = 0, meanEffectUpper = 0, counterfactual = 0;
};

// `y`: the monthly series; `start`: index of the first month of the intervention (at least 3
// months before it and 3 after are needed). lag < 0: floor(4 (T/100)^(2/9)), at least 1.
Result<ItsFit> segmentedRegression(const std::vector<double> &y, int start, int lag = -1, double confidence = 0.95,
                                   ItsErrors errors = ItsErrors::PraisWinsten);

}  // namespace phm::core::evaluation
