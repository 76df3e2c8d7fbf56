#pragma once
// Draws a Fingertips-style spine for one indicator: the range of all areas' values centred on
// the comparator (the ICS), the 25th-75th percentile band darker, and the area's value as a
// circle in its significance colour.
#include <QStyledItemDelegate>

namespace phm::ui {

class SpineDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

}  // namespace phm::ui
