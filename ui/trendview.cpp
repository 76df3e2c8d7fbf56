#include "trendview.h"
#include "report/palette.h"

#include "backgroundjob.h"
#include "barchart.h"
#include "operations/profileops.h"
#include "projectcontroller.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QDateTime>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QValueAxis>

namespace phm::ui {

TrendView::TrendView(ProjectController *controller, QWidget *parent) : QChartView(parent), mController(controller) {
    setRenderHint(QPainter::Antialiasing);
    chart()->legend()->setAlignment(Qt::AlignBottom);
    connect(controller, &ProjectController::projectOpened, this, &TrendView::clear);
}

QString TrendView::key() const {
    return mIndicator && mArea ? QStringLiteral("%1/%2").arg(mIndicator->id).arg(int(mArea->kind)) : QString();
}

const core::Trend *TrendView::trend() const {
    const auto it = mTrends.constFind(key());
    return it == mTrends.constEnd() ? nullptr : it->get();
}

void TrendView::clear() {
    mTrends.clear();
    mWorkspace = std::make_shared<core::ProfileWorkspace>();
}

void TrendView::setSelection(const core::IndicatorDefinition &indicator, const core::Area &area) {
    mIndicator = indicator;
    mArea = area;
    if (isVisible()) compute();
}

void TrendView::showEvent(QShowEvent *event) {
    QChartView::showEvent(event);
    compute();
}

void TrendView::compute() {
    if (!mIndicator || !mArea) return;
    if (trend()) return draw();
    const auto project = mController->project();
    const auto areas = mController->areas();
    if (!project || !areas) return;
    clearChart(chart());
    chart()->setTitle(tr("Computing %1 at each quarter end…").arg(mIndicator->name.toHtmlEscaped()));
    // The workspace is reused by the job's requests, which never run at the same time.
    mJob->start(
        [session = mController->session(), indicator = *mIndicator, level = mArea->kind,
         w = mWorkspace](core::Feedback &fb) -> core::Result<core::Trend> {
            core::ops::TrendRequest request{indicator, level};
            request.workspace = w.get();
            auto run = core::ops::runTrend(*session, request, fb);
            if (!run) return run.error();
            return std::move(run.value().trend);
        },
        [this, k = key()](core::Trend trend) {
            mTrends.insert(k, std::make_shared<const core::Trend>(std::move(trend)));
            if (k == key()) draw();
        },
        [this](const core::Error &error) { chart()->setTitle(error.message.toHtmlEscaped()); });
}

void TrendView::draw() {
    const core::Trend *t = trend();
    const auto areas = mController->areas();
    clearChart(chart());
    if (!t || !areas || t->points.empty()) {
        chart()->setTitle(tr("No index date has a full window of data for this indicator."));
        emit updated();
        return;
    }
    auto ms = [](int32_t day) { return double(QDateTime(QDate(1970, 1, 1).addDays(day), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch()); };
    auto *upper = new QLineSeries, *lower = new QLineSeries, *value = new QLineSeries, *ics = new QLineSeries;
    double lo = INFINITY, hi = -INFINITY;
    // The area against the ICS at each date.
    for (const core::TrendPoint &p : t->points) {
        const core::IndicatorValue &v = mArea->kind == core::Area::Ics ? p.ics : p.byArea[size_t(mArea->index)];
        if (std::isnan(v.ci.value)) continue;
        const double x = ms(p.date);
        value->append(x, v.ci.value);
        upper->append(x, std::isnan(v.ci.upper) ? v.ci.value : v.ci.upper);
        lower->append(x, std::isnan(v.ci.lower) ? v.ci.value : v.ci.lower);
        ics->append(x, p.ics.ci.value);
        for (double y : {v.ci.value, upper->points().back().y(), lower->points().back().y(), p.ics.ci.value}) {
            lo = std::min(lo, y);
            hi = std::max(hi, y);
        }
    }
    auto *band = new QAreaSeries(upper, lower);
    band->setName(tr("95% interval"));
    QColor translucent = report::kNhsBlue;
    translucent.setAlpha(50);
    band->setColor(translucent);
    band->setBorderColor(Qt::transparent);
    value->setName(areas->name(*mArea));
    value->setPen(QPen(report::kNhsBlue, 2.5));
    value->setPointsVisible(true);
    ics->setName(tr("ICS"));
    ics->setPen(QPen(Qt::black, 1.5, Qt::DashLine));
    chart()->addSeries(band);
    if (mArea->kind != core::Area::Ics)
        chart()->addSeries(ics);
    else
        delete ics;
    chart()->addSeries(value);
    // Ticks and labels on the quarter ends the points are at (every other one when there are many),
    // not at even spacings in time that fall between them.
    auto *ax = new QCategoryAxis;
    ax->setObjectName(QStringLiteral("quarterAxis"));
    ax->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    ax->setStartValue(ms(t->points.front().date));
    ax->setRange(ms(t->points.front().date), ms(t->points.back().date));
    const size_t step = t->points.size() > 8 ? 2 : 1;
    for (size_t i = 0; i < t->points.size(); i += step) {
        const QDate quarterEnd = QDate(1970, 1, 1).addDays(t->points[i].date);
        ax->append(QLocale().toString(quarterEnd, QStringLiteral("MMM yyyy")), ms(t->points[i].date));
    }
    auto *ay = new QValueAxis;
    const double pad = (hi - lo) * 0.1 + 1e-9;
    ay->setRange(std::max(0.0, lo - pad), hi + pad);
    ay->applyNiceNumbers();
    ay->setTitleText(mIndicator->multiplier == 100 && mIndicator->type == core::IndicatorType::Proportion
                         ? tr("%")
                         : tr("per %1").arg(QLocale().toString(mIndicator->multiplier, 'f', 0)));
    chart()->addAxis(ax, Qt::AlignBottom);
    chart()->addAxis(ay, Qt::AlignLeft);
    for (QAbstractSeries *s : chart()->series()) {
        s->attachAxis(ax);
        s->attachAxis(ay);
    }
    chart()->setTitle(tr("%1<br><small>quarter ends %2 to %3; %4 ms</small>")
                          .arg(mIndicator->name.toHtmlEscaped())
                          .arg(QLocale().toString(QDate(1970, 1, 1).addDays(t->points.front().date), QStringLiteral("MMM yyyy")))
                          .arg(QLocale().toString(QDate(1970, 1, 1).addDays(t->points.back().date), QStringLiteral("MMM yyyy")))
                          .arg(QLocale().toString(t->ms, 'f', 0)));
    emit updated();
}

}  // namespace phm::ui
