#pragma once
// The charts of a pack page, drawn with QPainter in layout units (report/packpage): the population
// pyramid, labelled bars with intervals, spine charts, funnel plots and the neighbourhood map.
// Values arrive already through disclosure control (NaN: suppressed, drawn as such).
#include "report/packpage.h"

namespace phm::report::pack {

// Population pyramid: men left, women right, 19 five-year bands, suppressed bands hatched.
void pyramid(Writer &w, const core::PackData &pack, const QRectF &box);
// Labelled horizontal bars (percent or count), optionally with interval limits.
void bars(Writer &w, const QRectF &box, const std::vector<core::PackRow> &rows, const std::vector<std::pair<double, double>> &limits,
          bool percent, const QColor &colour);
// A spine: the peers' range and interquartile band, the ICS line, the area as a coloured dot.
void spine(QPainter &p, const QRectF &r, const core::PackIndicator &pi);
// One sentence on the slope index of inequality.
QString siiSentence(const core::PackData &pack);
void funnel(Writer &w, const QRectF &outer, const core::FunnelPlot &f);
void map(Writer &w, const QRectF &box, const core::PackMap &m);

}  // namespace phm::report::pack
