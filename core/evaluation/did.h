#pragma once
// Difference-in-differences on a matched sample, with a cluster bootstrap by matched set (each
// enrolled person with their controls: resampling sets keeps a person's months together, so the
// interval allows for the correlation within people). docs/evaluation.md gives the formulas.
#include <cstdint>
#include <vector>

namespace phm::core::evaluation {

// One matched set's outcome by month relative to the index date (month -pre first): the enrolled
// person's units and months at risk, and the mean over the set's controls.
struct SetMonths {
    std::vector<double> treatedUnits, treatedAtRisk, controlUnits, controlAtRisk;
    double treatedCost = 0, treatedUnitsPre = 0;  // for the cost of one unit (pre-period)
};

struct Interval {
    double estimate = 0, lower = 0, upper = 0;
};

struct PeriodEffect {
    int period = 0;   // quarter relative to the index date: -4 .. -1 before, 0 .. 3 after (12/12 months)
    Interval effect;  // per person-month, against the reference quarter -1
};

struct DidResult {
    // Rates per person-month at risk, enrolled and controls, before and after the index date.
    double treatedPre = 0, treatedPost = 0, controlPre = 0, controlPost = 0;
    Interval effect;            // (treatedPost - treatedPre) - (controlPost - controlPre)
    double counterfactual = 0;  // treatedPre + (controlPost - controlPre): the enrolled had nothing changed
    Interval relative;          // effect / counterfactual
    std::vector<PeriodEffect> eventStudy;
    double treatedMonthsPost = 0;  // person-months at risk of the enrolled after the index date
    int replicates = 0;
};

// `pre` and `post` months; the bootstrap draws `replicates` resamples of the sets (seeded) and
// takes the percentile interval at `confidence`.
DidResult differenceInDifferences(const std::vector<SetMonths> &sets, int pre, int post, int replicates, uint64_t seed,
                                  double confidence = 0.95);

}  // namespace phm::core::evaluation
