#pragma once
// The maturity charts, drawn with QPainter so the same code paints the workbench and the PDF
// packs: a heatmap of areas by capabilities coloured by level, a radar of current against target
// for one area, a timeline of each capability's level over the area's assessments, and a PCN
// comparison (mean current and target level per PCN). No statistics: the data come from
// core/maturity/maturity as they are.
#include "maturity/maturity.h"
#include "maturity/phmcycle.h"

#include <QPainter>
#include <QWidget>
#include <functional>

namespace phm::ui {

// A PHM cycle stage for people: "Review the data", "Choose an opportunity", ... (translated).
QString stageTitle(core::cycle::Stage stage);

// Colours of the levels, lowest first (light to dark blue), and grey for "not assessed".
QColor levelColour(int level, int levels);

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

// A widget that paints one of the charts; `paint` receives the widget's rectangle.
class ChartCanvas : public QWidget {
    Q_OBJECT
public:
    explicit ChartCanvas(QWidget *parent = nullptr) : QWidget(parent) {}
    void setPainter(std::function<void(QPainter &, const QRectF &)> paint) {
        mPaint = std::move(paint);
        update();
    }

signals:
    void clicked(const QPointF &pos);

protected:
    void paintEvent(QPaintEvent *) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    std::function<void(QPainter &, const QRectF &)> mPaint;
};

}  // namespace phm::ui
