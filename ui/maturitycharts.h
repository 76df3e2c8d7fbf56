#pragma once
// The maturity charts in the workbench: a ChartCanvas widget paints one of the report library's
// maturity painters (report/maturitypainter, the same code that draws them in the PDF packs) and
// reports clicks; stageTitle names a PHM cycle stage for the dialogs.
#include "maturity/phmcycle.h"
#include "report/maturitypainter.h"

#include <QWidget>
#include <functional>

namespace phm::ui {

// The painters the maturity dock draws with, by their names in ui/.
using report::ComparisonRow;
using report::drawComparison;
using report::drawHeatmap;
using report::drawRadar;
using report::drawTimeline;
using report::heatmapCellAt;
using report::HeatmapRow;

// A PHM cycle stage for people: "Review the data", "Choose an opportunity", ... (translated).
QString stageTitle(core::cycle::Stage stage);

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
