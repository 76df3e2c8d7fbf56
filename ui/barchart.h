#pragma once
// Horizontal bar charts as the workbench draws them (attrition, segments, overlap): one bar per
// label, the first label at the top, a count axis from zero.
#include <QColor>
#include <QStringList>
#include <vector>

class QChart;
class QChartView;
class QLineSeries;

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

// Bars with intervals (Fingertips' "compare areas"): one horizontal bar per row from zero, in
// its own colour, with its 95% interval as a whisker, the first row at the top, and a dashed
// reference line (e.g. the ICS). Labels: every row's, or only highlighted rows' when there are
// too many to read. Returns each row's bar series (for click and hover).
struct IntervalBar {
    QString label;
    double value = 0, lower = 0, upper = 0;  // lower/upper NaN: no whisker
    QColor colour;
    bool highlighted = false;  // outlined in black and always labelled
};
std::vector<QLineSeries *> showIntervalBars(QChartView *view, const QString &title, const std::vector<IntervalBar> &bars, double reference,
                                            bool labelEveryRow);

}  // namespace phm::ui
