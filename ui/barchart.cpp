#include "barchart.h"
#include "report/palette.h"

#include "chartscroller.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QHorizontalBarSeries>
#include <QLineSeries>
#include <QValueAxis>
#include <algorithm>

namespace phm::ui {

namespace {

constexpr const char *kBarExtra = "phmBarExtra";  // a bar's pen: its width over the row's bar width

double barPenWidth(int plotHeight, int rows) { return std::clamp(0.7 * std::max(40, plotHeight) / std::max(1, rows), 2.0, 18.0); }

}  // namespace

void clearChart(QChart *chart) {
    chart->removeAllSeries();
    for (QAbstractAxis *a : chart->axes()) {
        chart->removeAxis(a);
        delete a;
    }
}

void showHorizontalBars(QChart *chart, const QString &title, const QStringList &labels, const std::vector<double> &values,
                        const BarChartStyle &style) {
    clearChart(chart);
    auto *set = new QBarSet(QString());
    set->setColor(style.colour);
    QStringList categories;
    // Horizontal bars run bottom-up: add in reverse so the first label reads at the top. Labels
    // are rich text to the chart: escape so "<= 3" is shown, not taken for a tag.
    for (qsizetype i = labels.size() - 1; i >= 0; --i) {
        *set << (size_t(i) < values.size() ? values[size_t(i)] : 0.0);
        categories << shortLabel(labels[i], 32).toHtmlEscaped();
    }
    auto *series = new QHorizontalBarSeries;
    series->append(set);
    chart->addSeries(series);
    auto *names = new QBarCategoryAxis;
    names->append(categories);
    names->setTruncateLabels(false);
    names->setLabelsFont(readableFont(names->labelsFont(), style.labelScale));
    chart->addAxis(names, Qt::AlignLeft);
    series->attachAxis(names);
    auto *counts = new QValueAxis;
    counts->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(counts, Qt::AlignBottom);
    series->attachAxis(counts);
    const double top = values.empty() ? 1.0 : *std::max_element(values.begin(), values.end());
    counts->setRange(0, std::max(1.0, top));
    counts->applyNiceNumbers();
    chart->setTitle(title.toHtmlEscaped());
}

std::vector<QLineSeries *> showIntervalBars(QChartView *view, const QString &title, const std::vector<IntervalBar> &bars, double reference,
                                            bool labelEveryRow) {
    QChart *chart = view->chart();
    clearChart(chart);
    std::vector<QLineSeries *> out;
    auto *axisY = new QCategoryAxis;
    auto *axisX = new QValueAxis;
    double lo = std::isnan(reference) ? INFINITY : reference, hi = std::isnan(reference) ? -INFINITY : reference;
    const int n = int(bars.size());
    // Pen widths are pixels: 70% of a row's share of the plot's height, kept so when the chart is
    // laid out or resized (a chart drawn while hidden has no real height yet).
    const double width = barPenWidth(view->height() - 120, n);
    auto line = [&](double x0, double x1, double y, const QPen &pen, double extra = -1) {
        auto *s = new QLineSeries;
        if (extra >= 0) s->setProperty(kBarExtra, extra);
        s->append(x0, y);
        s->append(x1, y);
        s->setPen(pen);
        chart->addSeries(s);
        return s;
    };
    for (int k = 0; k < n; ++k) {
        const IntervalBar &b = bars[size_t(k)];
        const double y = n - 1 - k;  // first at the top
        // A row without a value (e.g. a group too small for a DSR) keeps its place, with no bar.
        const double value = std::isnan(b.value) ? 0.0 : b.value;
        if (b.highlighted) line(0, value, y, QPen(Qt::black, width + 3, Qt::SolidLine, Qt::FlatCap), 3);
        out.push_back(
            line(0, value, y, QPen(std::isnan(b.value) ? QColor(Qt::transparent) : b.colour, width, Qt::SolidLine, Qt::FlatCap), 0));
        if (!std::isnan(b.lower) && !std::isnan(b.upper)) line(b.lower, b.upper, y, QPen(report::kText, 1.4));
        for (double v : {b.value, b.lower, b.upper})
            if (!std::isnan(v)) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
    }
    // Category labels must be added bottom-up (increasing end values).
    for (int y = 0; y < n; ++y) {
        const IntervalBar &b = bars[size_t(n - 1 - y)];
        if (labelEveryRow) {
            // Category labels must differ: two shortened names that agree get the row number.
            QString label = ((b.highlighted ? QStringLiteral("▶ ") : QString()) + shortLabel(b.label)).toHtmlEscaped();
            if (axisY->categoriesLabels().contains(label)) label += QStringLiteral(" (%1)").arg(n - y);
            axisY->append(label, y + 0.5);
        } else if (b.highlighted) {
            if (y > 0) axisY->append(QStringLiteral(" "), y - 0.5);
            axisY->append((QStringLiteral("▶ ") + shortLabel(b.label)).toHtmlEscaped(), y + 0.5);
        }
    }
    if (!std::isnan(reference) && n > 0) {  // vertical and dashed, from the bottom row to the top
        auto *ref = new QLineSeries;
        ref->append(reference, -0.5);
        ref->append(reference, n - 0.5);
        ref->setPen(QPen(Qt::black, 1.5, Qt::DashLine));
        chart->addSeries(ref);
    }
    if (axisY->count() == 0) axisY->append(QStringLiteral(" "), n - 0.5);
    axisY->setStartValue(-0.5);
    axisY->setRange(-0.5, n - 0.5);
    axisY->setLabelsPosition(QCategoryAxis::AxisLabelsPositionCenter);
    axisY->setGridLineVisible(false);
    axisY->setLabelsFont(readableFont(axisY->labelsFont(), 0.85));
    axisY->setTruncateLabels(false);  // the callers give each row room for its name
    const double pad = std::isinf(lo) ? 1 : (hi - lo) * 0.05 + 1e-9;
    axisX->setRange(std::isinf(lo) || lo >= 0 ? 0.0 : lo - pad, std::isinf(hi) ? 1 : hi + pad);  // bars start at zero
    axisX->applyNiceNumbers();
    chart->addAxis(axisX, Qt::AlignBottom);
    chart->addAxis(axisY, Qt::AlignLeft);
    for (QAbstractSeries *s : chart->series()) {
        s->attachAxis(axisX);
        s->attachAxis(axisY);
    }
    chart->setTitle(title);
    // One sizer per chart: the previous drawing's goes with it.
    delete chart->findChild<QObject *>(QStringLiteral("intervalBarSizer"), Qt::FindDirectChildrenOnly);
    auto *sizer = new QObject(chart);
    sizer->setObjectName(QStringLiteral("intervalBarSizer"));
    QObject::connect(chart, &QChart::plotAreaChanged, sizer, [chart, n](const QRectF &plot) {
        const double w = barPenWidth(int(plot.height()), n);
        for (QAbstractSeries *s : chart->series()) {
            const QVariant extra = s->property(kBarExtra);
            if (!extra.isValid()) continue;
            auto *bar = static_cast<QLineSeries *>(s);
            QPen pen = bar->pen();
            pen.setWidthF(w + extra.toDouble());
            bar->setPen(pen);
        }
    });
    return out;
}

}  // namespace phm::ui
