#pragma once
// How the workbench's read-only tables look: no row numbers, rows as tight as the font allows,
// whole rows selected, columns sized to their contents.
#include <QHeaderView>
#include <QTableView>

namespace phm::ui {

inline void styleTable(QTableView *table) {
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
}

}  // namespace phm::ui
