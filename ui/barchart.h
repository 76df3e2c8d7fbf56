#pragma once
// Horizontal bar charts as the workbench draws them (attrition, segments, overlap): one bar per
// label, the first label at the top, a count axis from zero.
#include <QColor>
#include <QStringList>
#include <vector>

class QChart;

namespace phm::ui {

// Removes every series and axis from the chart.
void clearChart(QChart *chart);

struct BarChartStyle {
    QColor colour = QColor(0x00, 0x5E, 0xB8);
    double labelScale = 1.0;  // category label font size relative to the default
};

// Replaces the chart's content with one bar per label (labels are plain text, escaped here).
void showHorizontalBars(QChart *chart, const QString &title, const QStringList &labels, const std::vector<double> &values,
                        const BarChartStyle &style = {});

}  // namespace phm::ui
