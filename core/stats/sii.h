#pragma once
// Slope and relative index of inequality (SII, RII) as PHEindicatormethods::phe_sii computes
// them (Low & Low 2004): quantiles (e.g. IMD deciles, ordered from most to least deprived) are
// placed at the midpoint of their share of the cumulative population, and the indicator is
// regressed on that rank by weighted least squares (weights = population shares). SII is the
// fitted difference between rank 1 and rank 0 (times the multiplier), RII their ratio (inverted
// for a negative multiplier). Confidence intervals come from a Monte Carlo simulation of each
// quantile's value from its standard error; seeded, so results repeat exactly.
#include "base/result.h"

#include <QString>
#include <cstdint>
#include <vector>

namespace phm::core::stats {

enum class SiiValueType { Normal = 0, Rate = 1, Proportion = 2 };

struct SiiQuantile {
    double quantile = 0;    // order key (1 = first, e.g. most deprived)
    double population = 0;  // > 0
    double value = NAN;     // indicator value (for proportions it may come from x / population)
    double se = NAN;        // standard error; when NaN, derived from the 95% limits below
    double lowerCl = NAN, upperCl = NAN;
};

struct SiiOptions {
    SiiValueType valueType = SiiValueType::Normal;
    // Regress on log (rates) or logit (proportions) values and back-transform the fitted ends;
    // otherwise the values are used as they are (the package's `transform` argument).
    bool transform = false;
    double multiplier = 1;
    int repetitions = 100000;
    double confidence = 0.95;
    uint64_t seed = 1;
};

struct SiiResult {
    double sii = NAN, siiLower = NAN, siiUpper = NAN;
    double rii = NAN, riiLower = NAN, riiUpper = NAN;
    double intercept = NAN;  // fitted value at rank 0 (back-transformed when transformed)
};

// Errors name what is wrong: fewer than 5 or more than 100 quantiles, a population <= 0, a
// missing or negative standard error (and no limits), proportions outside 0-1.
Result<SiiResult> sii(std::vector<SiiQuantile> quantiles, const SiiOptions &options);

}  // namespace phm::core::stats
