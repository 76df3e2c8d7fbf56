#pragma once
// The maturity charts, painted with QPainter on any device so the same code draws the workbench's
// maturity dock (ui/maturitycharts: a thin widget over these) and the PDF packs: a heatmap of
// areas by capabilities coloured by level, a radar of current against target for one area, a
// timeline of each capability's level over the area's assessments, and a PCN comparison (mean
// current and target level per PCN). No statistics: the data come from core/maturity/maturity as
// they are. Level colours: report/palette.
#include "maturity/maturity.h"

#include <QPainter>
#include <utility>
#include <vector>

namespace phm::report {

struct HeatmapRow {
    QString label;
    std::vector<int> levels;  // per capability; -1: not assessed
};
void drawHeatmap(QPainter &p, const QRectF &box, const core::maturity::Framework &f, const std::vector<HeatmapRow> &rows);
// The row and capability under a point of the heatmap drawn in `box` (or {-1, -1}).
std::pair<int, int> heatmapCellAt(const QRectF &box, const core::maturity::Framework &f, int rows, const QPointF &pos);

void drawRadar(QPainter &p, const QRectF &box, const core::maturity::Framework &f, const core::maturity::Assessment &a);

// The area's assessments in date order.
void drawTimeline(QPainter &p, const QRectF &box, const core::maturity::Framework &f,
                  const std::vector<core::maturity::Assessment> &history);

struct ComparisonRow {
    QString label;
    double current = -1, target = -1;  // mean level index over rated capabilities; -1: none
};
void drawComparison(QPainter &p, const QRectF &box, const core::maturity::Framework &f, const std::vector<ComparisonRow> &rows);

}  // namespace phm::report
