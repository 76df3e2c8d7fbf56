#include "spinedelegate.h"
#include "report/palette.h"

#include "profilemodel.h"

#include <QPainter>
#include <algorithm>

namespace phm::ui {

void SpineDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const {
    QStyledItemDelegate::paint(painter, option, QModelIndex());  // background and selection only
    const auto v = index.data(ProfileTableModel::SpineRole).value<SpineValues>();
    if (!v.valid) return;
    // Scale: the comparator in the middle, the farther end of the range at the edge.
    const double half = std::max({std::abs(v.max - v.comparator), std::abs(v.comparator - v.min), 1e-12});
    const QRectF r = QRectF(option.rect).adjusted(6, 4, -6, -4);
    auto x = [&](double value) { return r.center().x() + (value - v.comparator) / half * r.width() / 2; };
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(report::kSpineRange);
    painter->drawRect(QRectF(QPointF(x(v.min), r.top()), QPointF(x(v.max), r.bottom())));
    painter->setBrush(report::kSpineQuartiles);
    painter->drawRect(QRectF(QPointF(x(v.q25), r.top()), QPointF(x(v.q75), r.bottom())));
    painter->setPen(QPen(Qt::black, 1.5));
    painter->drawLine(QPointF(r.center().x(), option.rect.top() + 1), QPointF(r.center().x(), option.rect.bottom() - 1));
    painter->setPen(QPen(Qt::black, 1));
    painter->setBrush(significanceColour(v.significance));
    const double d = std::min(r.height(), 12.0);
    painter->drawEllipse(QPointF(x(v.value), r.center().y()), d / 2, d / 2);
    painter->restore();
}

QSize SpineDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const {
    return QStyledItemDelegate::sizeHint(option, index).expandedTo(QSize(220, 20));
}

}  // namespace phm::ui
