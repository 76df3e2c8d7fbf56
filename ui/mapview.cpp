#include "mapview.h"
#include "report/palette.h"

#include <QContextMenuEvent>
#include <QGraphicsPathItem>
#include <QGraphicsScene>
#include <QPainterPath>
#include <QWheelEvent>

namespace phm::ui {

namespace {
const QColor kNoData(0xE8, 0xE8, 0xE8);
constexpr int kShapeRole = 0;  // QGraphicsItem::data key holding the shape's index
// Scene units are metres (about 111.32 km to a degree of latitude): items add half their pen
// width to their bounds in scene units, which in degrees would pad each LSOA by kilometres.
constexpr double kMetresPerDegree = 111320.0;
}  // namespace

MapView::MapView(QWidget *parent) : QGraphicsView(parent) {
    setScene(new QGraphicsScene(this));
    setRenderHint(QPainter::Antialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setBackgroundBrush(Qt::white);
    setViewportUpdateMode(QGraphicsView::FullViewportUpdate);  // the legend is drawn over the view
    setMinimumSize(240, 160);
}

namespace {
QPainterPath pathOf(const core::AreaShape &shape) {
    QPainterPath path;
    path.setFillRule(Qt::OddEvenFill);
    for (const auto &ring : shape.rings) {
        // North up: scene y grows downwards.
        path.moveTo(ring.front().x() * kMetresPerDegree, -ring.front().y() * kMetresPerDegree);
        for (size_t p = 1; p < ring.size(); ++p) path.lineTo(ring[p].x() * kMetresPerDegree, -ring[p].y() * kMetresPerDegree);
        path.closeSubpath();
    }
    return path;
}
}  // namespace

void MapView::setOutlines(const core::Boundaries &outlines) {
    QPen pen(report::kOutline, 1.6);
    pen.setCosmetic(true);
    for (const core::AreaShape &shape : outlines.shapes) {
        auto *item = scene()->addPath(pathOf(shape), pen, Qt::NoBrush);
        item->setZValue(2);
        item->setAcceptedMouseButtons(Qt::NoButton);
    }
}

void MapView::setBoundaries(const core::Boundaries &boundaries) {
    scene()->clear();
    mItems.clear();
    mAreaOutline = nullptr;
    mAreaRect = QRectF();
    mSelected = -1;
    QPen outline(QColor(Qt::white), 0.6);
    outline.setCosmetic(true);  // a hairline at any zoom
    for (size_t i = 0; i < boundaries.shapes.size(); ++i) {
        auto *item = scene()->addPath(pathOf(boundaries.shapes[i]), outline, kNoData);
        item->setData(kShapeRole, int(i));
        mItems.push_back(item);
    }
    // Room around the ICS for panning and for the legend.
    const QRectF r = scene()->itemsBoundingRect();
    scene()->setSceneRect(r.adjusted(-r.width() * 0.5, -r.height() * 0.5, r.width() * 0.5, r.height() * 0.5));
    mZoomed = false;
    fitAll();
}

void MapView::setFills(const std::vector<QColor> &fills, const std::vector<QString> &toolTips) {
    for (size_t i = 0; i < mItems.size(); ++i) {
        mItems[i]->setBrush(i < fills.size() && fills[i].isValid() ? fills[i] : kNoData);
        mItems[i]->setToolTip(i < toolTips.size() ? toolTips[i] : QString());
    }
}

QColor MapView::fill(int shape) const {
    return shape >= 0 && shape < int(mItems.size()) ? mItems[size_t(shape)]->brush().color() : QColor();
}

void MapView::setLegend(const QString &title, const std::vector<LegendEntry> &entries) {
    mLegendTitle = title;
    mLegend = entries;
    viewport()->update();
}

void MapView::setSelectedShape(int shape) {
    QPen normal(Qt::white, 0.6), selected(Qt::black, 2.5);
    normal.setCosmetic(true);
    selected.setCosmetic(true);
    if (mSelected >= 0 && mSelected < int(mItems.size())) {
        mItems[size_t(mSelected)]->setPen(normal);
        mItems[size_t(mSelected)]->setZValue(0);
    }
    mSelected = shape >= 0 && shape < int(mItems.size()) ? shape : -1;
    if (mSelected >= 0) {
        mItems[size_t(mSelected)]->setPen(selected);
        mItems[size_t(mSelected)]->setZValue(3);  // its outline over its neighbours' and the local authorities'
    }
}

int MapView::shapeAt(const QPoint &viewportPos) const {
    for (QGraphicsItem *item : items(viewportPos))
        if (item->data(kShapeRole).isValid()) return item->data(kShapeRole).toInt();
    return -1;
}

void MapView::fitAll() {
    // A margin all round and room at the bottom for the attribution.
    const QRectF r = scene()->itemsBoundingRect();
    if (!mItems.empty())
        fitInView(r.adjusted(-r.width() * 0.02, -r.height() * 0.02, r.width() * 0.02, r.height() * 0.07), Qt::KeepAspectRatio);
}

void MapView::showArea(const std::vector<int> &shapes, const std::vector<QLineF> &outline) {
    delete mAreaOutline;
    mAreaOutline = nullptr;
    mAreaRect = QRectF();
    if (shapes.empty() || int(shapes.size()) >= shapeCount()) {
        mZoomed = false;
        fitAll();
        return;
    }
    QPainterPath path;
    for (const QLineF &l : outline) {
        path.moveTo(l.p1().x() * kMetresPerDegree, -l.p1().y() * kMetresPerDegree);
        path.lineTo(l.p2().x() * kMetresPerDegree, -l.p2().y() * kMetresPerDegree);
    }
    QPen pen(Qt::black, 2.5);
    pen.setCosmetic(true);
    mAreaOutline = scene()->addPath(path, pen, Qt::NoBrush);
    mAreaOutline->setZValue(4);
    mAreaOutline->setAcceptedMouseButtons(Qt::NoButton);
    for (int s : shapes)
        if (s >= 0 && s < shapeCount()) mAreaRect |= mItems[size_t(s)]->boundingRect();
    // A neighbourhood is shown with its surroundings: at least a sixth of the ICS across.
    const QRectF all = scene()->itemsBoundingRect();
    const double minSide = std::max(all.width(), all.height()) / 6;
    if (mAreaRect.width() < minSide || mAreaRect.height() < minSide) {
        const QPointF c = mAreaRect.center();
        const double side = std::max({minSide, mAreaRect.width(), mAreaRect.height()});
        mAreaRect = QRectF(c.x() - side / 2, c.y() - side / 2, side, side);
    }
    mZoomed = false;  // until the user zooms, a resize keeps this area in view
    fitArea();
}

void MapView::fitArea() {
    if (!mAreaRect.isEmpty())
        fitInView(
            mAreaRect.adjusted(-mAreaRect.width() * 0.08, -mAreaRect.height() * 0.08, mAreaRect.width() * 0.08, mAreaRect.height() * 0.12),
            Qt::KeepAspectRatio);
}

void MapView::wheelEvent(QWheelEvent *event) {
    const double factor = std::pow(1.0015, event->angleDelta().y());
    const double current = transform().m11();
    const double fitted = viewport()->width() / std::max(1e-9, scene()->itemsBoundingRect().width());
    // Between a quarter of the whole ICS and a few streets.
    if ((factor < 1 && current * factor < fitted * 0.5) || (factor > 1 && current * factor > fitted * 60)) return;
    scale(factor, factor);
    mZoomed = true;
    event->accept();
}

void MapView::mousePressEvent(QMouseEvent *event) {
    mPressPos = event->pos();
    QGraphicsView::mousePressEvent(event);
}

void MapView::mouseReleaseEvent(QMouseEvent *event) {
    QGraphicsView::mouseReleaseEvent(event);
    if (event->button() == Qt::LeftButton && (event->pos() - mPressPos).manhattanLength() < 5) {
        const int shape = shapeAt(event->pos());
        if (shape >= 0) emit shapeClicked(shape);
    } else if (event->button() == Qt::LeftButton) {
        mZoomed = true;  // panned
    }
}

void MapView::mouseDoubleClickEvent(QMouseEvent *) {
    mZoomed = false;
    mAreaRect = QRectF();  // the whole map again (the outline stays)
    fitAll();
}

void MapView::contextMenuEvent(QContextMenuEvent *event) {
    const int shape = shapeAt(event->pos());
    if (shape >= 0) emit shapeMenuRequested(shape, event->globalPos());
}

void MapView::resizeEvent(QResizeEvent *event) {
    QGraphicsView::resizeEvent(event);
    if (mZoomed) return;
    if (mAreaRect.isEmpty())
        fitAll();
    else
        fitArea();
}

void MapView::drawForeground(QPainter *painter, const QRectF &) {
    // In viewport pixels, whatever the zoom.
    painter->save();
    painter->resetTransform();
    const QRect view = viewport()->rect();
    QFont font = painter->font();
    QFont bold = font;
    bold.setBold(true);
    const QFontMetrics fm(font);
    const int line = fm.height() + 2, swatch = fm.height() - 2;
    if (!mLegend.empty()) {
        int width = QFontMetrics(bold).horizontalAdvance(mLegendTitle);
        for (const LegendEntry &e : mLegend) width = std::max(width, (e.colour.isValid() ? swatch + 8 : 0) + fm.horizontalAdvance(e.label));
        const int height = line * int(mLegend.size() + 1) + 8;
        QRect box(view.left() + 8, view.bottom() - height - 8 - line, width + 16, height);
        painter->setPen(report::kFrame);
        painter->setBrush(QColor(255, 255, 255, 230));
        painter->drawRect(box);
        int y = box.top() + 4;
        painter->setPen(Qt::black);
        painter->setFont(bold);
        painter->drawText(QRect(box.left() + 8, y, width, line), Qt::AlignVCenter, mLegendTitle);
        painter->setFont(font);
        for (const LegendEntry &e : mLegend) {
            y += line;
            if (!e.colour.isValid()) {  // a note (e.g. the disclosure policy): text across the box
                painter->setPen(report::kDarkGrey);
                painter->drawText(QRect(box.left() + 8, y, width, line), Qt::AlignVCenter, e.label);
                continue;
            }
            painter->setPen(report::kMuted);
            painter->setBrush(e.colour);
            painter->drawRect(box.left() + 8, y + (line - swatch) / 2, swatch, swatch);
            painter->setPen(Qt::black);
            painter->drawText(QRect(box.left() + 8 + swatch + 8, y, width, line), Qt::AlignVCenter, e.label);
        }
    }
    if (!mAttribution.isEmpty()) {
        QFont small = font;
        small.setPointSizeF(font.pointSizeF() * 0.8);
        painter->setFont(small);
        const QRect text = QFontMetrics(small).boundingRect(view.adjusted(8, 0, -8, -4),
                                                            Qt::TextWordWrap | Qt::AlignRight | Qt::AlignBottom, mAttribution);
        painter->fillRect(text.adjusted(-4, -2, 4, 2), QColor(255, 255, 255, 210));
        painter->setPen(report::kDarkGrey);
        painter->drawText(view.adjusted(8, 0, -8, -4), Qt::TextWordWrap | Qt::AlignRight | Qt::AlignBottom, mAttribution);
    }
    painter->restore();
}

}  // namespace phm::ui
