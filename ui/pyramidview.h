#pragma once
// Population pyramid (Qt Charts): men to the left, women to the right, five-year age bands.
#include "geo/areas.h"

#include <QChartView>

class QBarSet;
class QBarCategoryAxis;
class QCategoryAxis;
class QHorizontalStackedBarSeries;

namespace phm::ui {

class PyramidView : public QChartView {
    Q_OBJECT
public:
    explicit PyramidView(QWidget *parent = nullptr);
    void setPyramid(const core::Pyramid &pyramid, const QString &title);
    void clear();
    // For tests: the counts currently drawn.
    int64_t shownTotal() const { return mShownTotal; }

private:
    QChart *mChart;
    int64_t mShownTotal = 0;
};

}  // namespace phm::ui
