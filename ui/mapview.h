#pragma once
// A choropleth: area shapes (core/geo/boundaries) filled with a colour each, with a legend and the
// boundaries' attribution drawn over the view. Wheel to zoom about the cursor, drag to pan,
// double-click to fit; a click (not a drag) on a shape emits shapeClicked, a right-click
// shapeMenuRequested. Hovering shows each shape's tooltip.
#include "geo/boundaries.h"

#include <QGraphicsView>
#include <QLineF>
#include <vector>

class QGraphicsPathItem;

namespace phm::ui {

struct LegendEntry {
    QColor colour;  // invalid: a line of text without a swatch
    QString label;
};

class MapView : public QGraphicsView {
    Q_OBJECT
public:
    explicit MapView(QWidget *parent = nullptr);
    void setBoundaries(const core::Boundaries &boundaries);
    // Outlines drawn over the shapes (e.g. local authorities), not clickable.
    void setOutlines(const core::Boundaries &outlines);
    int shapeCount() const { return int(mItems.size()); }
    // Per shape; shapes beyond the vectors are drawn as "no data".
    void setFills(const std::vector<QColor> &fills, const std::vector<QString> &toolTips);
    QColor fill(int shape) const;
    void setLegend(const QString &title, const std::vector<LegendEntry> &entries);
    void setAttribution(const QString &text) { mAttribution = text; }
    void setSelectedShape(int shape);  // -1 for none
    int selectedShape() const { return mSelected; }
    int shapeAt(const QPoint &viewportPos) const;
    void fitAll();
    // An area of several shapes (a place, a PCN's catchment): `outline` (projected segments)
    // drawn over the map, and the view zoomed to `shapes`; an empty list shows the whole map.
    void showArea(const std::vector<int> &shapes, const std::vector<QLineF> &outline);
    QRectF areaRect() const { return mAreaRect; }  // in scene units; empty for the whole map

signals:
    void shapeClicked(int shape);
    void shapeMenuRequested(int shape, const QPoint &globalPos);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void drawForeground(QPainter *painter, const QRectF &rect) override;

private:
    std::vector<QGraphicsPathItem *> mItems;
    int mSelected = -1;
    QString mLegendTitle, mAttribution;
    std::vector<LegendEntry> mLegend;
    QPoint mPressPos;
    bool mZoomed = false;  // until the user zooms, the map follows the window's size
    QGraphicsPathItem *mAreaOutline = nullptr;
    QRectF mAreaRect;  // the selected area, to keep in view when the window is resized
    void fitArea();
};

}  // namespace phm::ui
