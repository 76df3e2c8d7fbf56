#include "chartscroller.h"

#include <QChartView>
#include <QFont>

namespace phm::ui {

ChartScroller::ChartScroller(QChartView *view, QWidget *parent) : QScrollArea(parent), mView(view) {
    setWidget(view);
    setWidgetResizable(true);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setFrameShape(QFrame::NoFrame);
}

void ChartScroller::fitRows(int rows, int rowHeight) {
    constexpr int kTitleAndAxis = 120;
    mView->setMinimumHeight(std::max(0, rows) * rowHeight + kTitleAndAxis);
}

QFont readableFont(QFont base, double scale) {
    constexpr double kFloorPt = 8.0;
    const double pt = base.pointSizeF() > 0 ? base.pointSizeF() * scale : kFloorPt;
    base.setPointSizeF(std::max(kFloorPt, pt));
    return base;
}

QString shortLabel(const QString &label, int maxChars) {
    if (label.size() <= maxChars) return label;
    const int tail = std::max(4, maxChars / 3);
    const int head = std::max(1, maxChars - tail - 1);
    return label.left(head) + QChar(0x2026) + label.right(tail);
}

}  // namespace phm::ui
