#pragma once
// Indicator statistics as OHID Fingertips and the PHEindicatormethods R package compute them
// (package 2.1.0; docs/stats.md gives each formula with a worked example):
//   proportions  Wilson score interval;
//   rates        Byars' approximation for 10 or more events, exact Poisson (chi-squared) below;
//   means        Student's t;
//   DSRs         direct standardisation (ESP2013 by default) with Dobson's interval.
// Checked against the package's own test fixtures (tests/core/tst_statistics.cpp).
#include "base/result.h"

#include <QString>
#include <cmath>
#include <vector>

namespace phm::core::stats {

struct Interval {
    double value = NAN, lower = NAN, upper = NAN;
};

// Confidence as a share (0.95) or a percentage (95): the share, or an error outside 0.9-1 / 90-100
// (the package's range).
Result<double> confidenceLevel(double confidence);
// Two-sided normal critical value: qnorm(confidence + (1 - confidence) / 2).
double zValue(double confidence);
// Two-sided Student's t critical value with `df` degrees of freedom: qt(confidence + (1 - confidence) / 2, df).
double tValue(double confidence, double df);

double wilsonLower(double x, double n, double confidence);
double wilsonUpper(double x, double n, double confidence);
double byarsLower(double x, double confidence);  // NaN where the approximation goes negative
double byarsUpper(double x, double confidence);
double exactPoissonLower(double x, double confidence);  // qchisq(alpha/2, 2x) / 2
double exactPoissonUpper(double x, double confidence);  // qchisq(1 - alpha/2, 2x + 2) / 2

// Limits of an observed count as the package takes them: exact Poisson below 10 events, Byars
// from 10 (rates, ratio funnels).
double countLower(double x, double confidence);
double countUpper(double x, double confidence);

// x of n as a proportion times multiplier, Wilson interval. NaN when x or n is missing.
Interval proportion(double x, double n, double confidence = 0.95, double multiplier = 1);
// x events in n (person-years) as a rate times multiplier: Byars for x >= 10, exact below.
Interval rate(double x, double n, double confidence = 0.95, double multiplier = 100000);
inline bool rateIsExact(double x) { return x < 10; }

struct MeanResult {
    double sum = 0, count = 0, sd = NAN;
    Interval ci;
};
// Mean with a Student's t interval (n - 1 degrees of freedom).
MeanResult mean(const std::vector<double> &values, double confidence = 0.95);
// The same from the count, sum and sum of squares (for large groups aggregated in one pass).
MeanResult meanFromMoments(double count, double sum, double sumOfSquares, double confidence = 0.95);

struct DsrResult {
    double totalCount = 0, totalPopulation = 0;
    Interval ci;  // NaN when the total count is below 10 (not reliable, as the package)
};
// Directly standardised rate over standardisation strata (age bands): events x, population n
// and the standard population weight of each stratum. Dobson's method: the Byars limits of
// the total count, scaled by sqrt(var(DSR) / total count).
DsrResult dsr(const std::vector<double> &x, const std::vector<double> &n, const std::vector<double> &standard, double confidence = 0.95,
              double multiplier = 100000);

// DSR for non-independent events (PHEindicatormethods calculate_dsr, independent_events =
// FALSE): a person may have several events, so the variance is built from each person's events,
// sum over bands of (standard / n)^2 x sum of squared events per person, instead of from the
// event counts. `squares[b]` is the sum over the band's people of their events squared (for
// frequency tables, sum of f^2 x people with f events). The value is unchanged; the interval
// is wider when events cluster in people.
DsrResult dsrNonIndependent(const std::vector<double> &x, const std::vector<double> &squares, const std::vector<double> &n,
                            const std::vector<double> &standard, double confidence = 0.95, double multiplier = 100000);

// The European Standard Population 2013: 19 five-year bands 0-4 ... 85-89, 90+.
const std::vector<double> &esp2013();
// Band index (0..18) of an age band label: "0-4", "00-04", "5-9", "90+", "90-94"... or the lower
// age alone ("0", "5", "90"); -1 when the label is not one of the 19 bands.
int esp2013Band(const QString &label);

}  // namespace phm::core::stats
