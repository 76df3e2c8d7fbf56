// The maturity chart widget and the cycle stage names of ui/maturitycharts.h.
#include "maturitycharts.h"

#include <QCoreApplication>
#include <QMouseEvent>
#include <QPainter>

namespace phm::ui {

QString stageTitle(core::cycle::Stage stage) {
    static const char *const titles[] = {QT_TRANSLATE_NOOP("phm::ui::MaturityCharts", "Review the data"),
                                         QT_TRANSLATE_NOOP("phm::ui::MaturityCharts", "Choose an opportunity"),
                                         QT_TRANSLATE_NOOP("phm::ui::MaturityCharts", "Design an intervention"),
                                         QT_TRANSLATE_NOOP("phm::ui::MaturityCharts", "Implement"),
                                         QT_TRANSLATE_NOOP("phm::ui::MaturityCharts", "Evaluate the impact")};
    return QCoreApplication::translate("phm::ui::MaturityCharts", titles[int(stage)]);
}

void ChartCanvas::paintEvent(QPaintEvent *) {
    QPainter p(this);
    p.fillRect(rect(), Qt::white);
    if (mPaint) mPaint(p, QRectF(rect()).adjusted(6, 6, -6, -6));
}

void ChartCanvas::mouseReleaseEvent(QMouseEvent *event) { emit clicked(event->position()); }

}  // namespace phm::ui
