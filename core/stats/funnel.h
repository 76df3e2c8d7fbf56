#pragma once
// Funnel plots as PHEindicatormethods (calculate_funnel_limits / assign_funnel_significance)
// and the Fingertips technical guidance draw them: control limits at 95% (about 2 standard
// deviations) and 99.8% (about 3) around the overall average, as a function of the
// denominator, and each area's significance against them.
//   proportions  exact-style limits from the Wilson score inversion ("sigma adjustment");
//   ratios       observed against expected events (e.g. indirectly standardised ratios), with
//                Byars' limits for 10 or more events and exact Poisson limits below; the limit
//                lines are exact Poisson (the package's poisson_funnel).
//   rates        crude or directly standardised rates: the population behind each rate is
//                derived (events / rate), limits are exact Poisson in events, drawn per year.
#include <QString>
#include <vector>

namespace phm::core::stats {

enum class FunnelSignificance { NotSignificant, Low025, Low001, High025, High001, NotApplicable };
// "Low (0.001)", "Low (0.025)", "Not significant", "High (0.025)", "High (0.001)", and for DSRs
// from fewer than 10 events "Not applicable for events less than 10 for dsrs": the package's labels.
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

// The Poisson mean at which `observed` events lie in a tail of probability p: upperTail, the
// mean with P(X >= observed) = p (an upper limit line); else the mean with P(X <= observed) = p.
// Found as the package finds them (bisection to 1e-7), so limit lines match it to the digit: the
// exact gamma quantile differs by up to 1e-4 (relative) at one event.
double poissonFunnelMean(double observed, double p, bool upperTail);

// Ratio funnel (calculate_funnel_limits, statistic "ratio"): for 100 observed counts spanning
// the areas' expected counts, the expected counts at each limit and the limits as observed /
// expected (the package's "count" limits are these minus 1, its "isr" limits these times 100).
struct RatioFunnelPoint {
    double observed = 0;
    double lower95Expected = 0, upper95Expected = 0, lower998Expected = 0, upper998Expected = 0;
    double lower95 = 0, upper95 = 0, lower998 = 0, upper998 = 0;
};
std::vector<RatioFunnelPoint> ratioFunnel(const std::vector<double> &expected);

// Rate funnel (statistic "rate"): for 100 event counts, the one-year population at each limit
// and the limit as a rate times multiplier, around the events-weighted average rate. For a
// crude rate the denominators may be given (needed when an area has no events).
enum class RateType { Dsr, Crude };
struct RateFunnelPoint {
    double events = 0;
    double lower95Population = 0, upper95Population = 0, lower998Population = 0, upper998Population = 0;
    double lower95 = 0, upper95 = 0, lower998 = 0, upper998 = 0, baseline = 0;
};
std::vector<RateFunnelPoint> rateFunnel(const std::vector<double> &events, const std::vector<double> &rates,
                                        const std::vector<double> &denominators, RateType type, double multiplier, double yearsOfData);
// Each area's significance against the average rate (assign_funnel_significance, "rate").
std::vector<FunnelSignificance> rateSignificance(const std::vector<double> &events, const std::vector<double> &rates,
                                                 const std::vector<double> &denominators, RateType type, double multiplier);

// Significance of x of n against the average proportion of all areas.
FunnelSignificance proportionSignificance(double x, double n, double average);
// Significance of observed against expected events (a ratio of 1 is the average).
FunnelSignificance ratioSignificance(double observed, double expected);

}  // namespace phm::core::stats
