#pragma once
// Funnel plots as PHEindicatormethods (calculate_funnel_limits / assign_funnel_significance)
// and the Fingertips technical guidance draw them: control limits at 95% (about 2 standard
// deviations) and 99.8% (about 3) around the overall average, as a function of the
// denominator, and each area's significance against them.
//   proportions  exact-style limits from the Wilson score inversion ("sigma adjustment");
//   ratios       observed against expected events (e.g. indirectly standardised ratios), with
//                Byars' limits for 10 or more events and exact Poisson limits below.
#include <QString>
#include <vector>

namespace phm::core::stats {

enum class FunnelSignificance { NotSignificant, Low025, Low001, High025, High001 };
// "Low (0.001)", "Low (0.025)", "Not significant", "High (0.025)", "High (0.001)": the package's labels.
QString funnelLabel(FunnelSignificance s);

// Proportion control limit at probability p (0.975 for the 95% limits, 0.999 for 99.8%) for
// a denominator, around the average proportion; times multiplier. low: the lower limit.
double proportionLimit(double p, double denominator, double average, bool low, double multiplier);

struct FunnelPoint {
    double denominator = 0;
    double lower95 = 0, upper95 = 0, lower998 = 0, upper998 = 0, baseline = 0;
};
// The 100-point limit lines the package draws for proportions: denominators from 1 (or a round
// number below the smallest when all are within a factor 2) to a round number above the
// largest, spaced geometrically; limits clipped to 0..multiplier.
std::vector<FunnelPoint> proportionFunnel(const std::vector<double> &numerators, const std::vector<double> &denominators,
                                          double multiplier = 100);

// Significance of x of n against the average proportion of all areas.
FunnelSignificance proportionSignificance(double x, double n, double average);
// Significance of observed against expected events (a ratio of 1 is the average).
FunnelSignificance ratioSignificance(double observed, double expected);

}  // namespace phm::core::stats
