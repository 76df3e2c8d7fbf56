#include "barchart.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QHorizontalBarSeries>
#include <QValueAxis>
#include <algorithm>

namespace phm::ui {

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
        categories << labels[i].toHtmlEscaped();
    }
    auto *series = new QHorizontalBarSeries;
    series->append(set);
    chart->addSeries(series);
    auto *names = new QBarCategoryAxis;
    names->append(categories);
    names->setTruncateLabels(false);
    if (style.labelScale != 1.0) {
        QFont f = names->labelsFont();
        f.setPointSizeF(f.pointSizeF() * style.labelScale);
        names->setLabelsFont(f);
    }
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

}  // namespace phm::ui
