#pragma once
// Class breaks for choropleth maps: where the colour steps fall over a set of values.
// - Quantile: equal numbers of areas per class (deciles with 10 classes); edges are the
//   type-7 sample quantiles (R's default, linear interpolation between order statistics).
// - EqualInterval: classes of equal width from the lowest to the highest value.
// - NaturalBreaks: Fisher's (1958) exact optimal grouping, the "Jenks" method of GIS packages:
//   the partition of the sorted values that minimises the within-class sum of squares.
// Edges are returned lowest first, one more than the number of classes; tied edges (many equal
// values) are merged, so there may be fewer classes than asked for.
#include <QString>
#include <vector>

namespace phm::core {

enum class BreakMethod { Quantile, EqualInterval, NaturalBreaks };
QString breakMethodName(BreakMethod m);  // "quantile", "equal", "natural"

// Values that are NaN are left out. Fewer than two distinct values give a single class.
std::vector<double> classBreaks(std::vector<double> values, BreakMethod method, int classes);

// The class of a value: 0 for [e0, e1], k for (ek, ek+1]; -1 for NaN or a value outside the edges.
int classOf(double value, const std::vector<double> &edges);

}  // namespace phm::core
