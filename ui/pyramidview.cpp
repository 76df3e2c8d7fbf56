#include "pyramidview.h"
#include "report/palette.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QCategoryAxis>
#include <QHorizontalStackedBarSeries>
#include <QLegendMarker>
#include <QLocale>
#include <cmath>

namespace phm::ui {

PyramidView::PyramidView(QWidget *parent) : QChartView(parent), mChart(new QChart) {
    setChart(mChart);
    setRenderHint(QPainter::Antialiasing);
    mChart->legend()->setAlignment(Qt::AlignBottom);
    mChart->setAnimationOptions(QChart::NoAnimation);
    clear();
}

void PyramidView::clear() {
    mChart->removeAllSeries();
    for (QAbstractAxis *a : mChart->axes()) {
        mChart->removeAxis(a);
        delete a;
    }
    mChart->setTitle(tr("Open a project to see its population"));
    mShownTotal = 0;
}

void PyramidView::setPyramid(const core::Pyramid &pyramid, const QString &title) {
    clear();
    auto *men = new QBarSet(tr("Men"));
    auto *women = new QBarSet(tr("Women"));
    men->setColor(report::kNhsBlue);      // NHS blue
    women->setColor(report::kAquaGreen);  // NHS aqua green
    men->setBorderColor(Qt::white);
    women->setBorderColor(Qt::white);
    QStringList bands;
    int64_t peak = 1;
    for (int b = 0; b < core::kPyramidBands; ++b) {
        *men << -double(pyramid.male[size_t(b)]);
        *women << double(pyramid.female[size_t(b)]);
        peak = std::max({peak, pyramid.male[size_t(b)], pyramid.female[size_t(b)]});
        bands << core::Pyramid::bandLabel(b);
    }
    auto *series = new QHorizontalStackedBarSeries;
    series->append(men);
    series->append(women);
    series->setBarWidth(0.92);
    mChart->addSeries(series);

    auto *ages = new QBarCategoryAxis;
    ages->append(bands);
    ages->setTitleText(tr("Age band"));
    ages->setTruncateLabels(false);
    mChart->addAxis(ages, Qt::AlignLeft);
    series->attachAxis(ages);

    // Symmetric axis with unsigned labels: a category axis lets the left side read as counts.
    const double step = std::pow(10.0, std::floor(std::log10(double(peak)))) *
                        (double(peak) / std::pow(10.0, std::floor(std::log10(double(peak)))) > 5 ? 2 : 1);
    const double limit = std::ceil(double(peak) / step) * step;
    auto *counts = new QCategoryAxis;
    counts->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    // Category labels must be unique, so the women's side carries an invisible suffix.
    for (double v = -limit; v <= limit + step / 2; v += step)
        counts->append(QLocale().toString(std::llround(std::abs(v))) + (v > 0 ? QStringLiteral("\u200B") : QString()), v);
    counts->setRange(-limit, limit);
    counts->setTitleText(tr("People registered"));
    mChart->addAxis(counts, Qt::AlignBottom);
    series->attachAxis(counts);

    mChart->setTitle(tr("%1: %2 people registered").arg(title, QLocale().toString(qlonglong(pyramid.total()))));
    mShownTotal = pyramid.total();
}

}  // namespace phm::ui
