#pragma once
// A chart with one row per area that names every area: the chart view sits in a vertical scroll
// area and grows with its rows (a readable height per row), so a level with many areas scrolls
// instead of squeezing or dropping labels.
#include <QScrollArea>

class QChartView;

namespace phm::ui {

class ChartScroller : public QScrollArea {
    Q_OBJECT
public:
    explicit ChartScroller(QChartView *view, QWidget *parent = nullptr);
    QChartView *view() const { return mView; }
    // Makes room for `rows` rows of `rowHeight` pixels plus the title and the axis.
    void fitRows(int rows, int rowHeight = 18);

private:
    QChartView *mView;
};

// A chart font no smaller than 8 pt: `base` scaled, then raised to the floor.
QFont readableFont(QFont base, double scale = 1.0);
// A label kept to `maxChars`, cut in the middle so that names sharing a long prefix
// ("Central Bedfordshire 012A", "Central Bedfordshire 012B") stay distinct.
QString shortLabel(const QString &label, int maxChars = 28);

}  // namespace phm::ui
