#include "tableactions.h"

#include "governance/tableexport.h"
#include "projectcontroller.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDir>
#include <QFileDialog>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>
#include <QMessageBox>
#include <QSaveFile>
#include <QSet>
#include <QTableView>
#include <QTreeView>
#include <algorithm>

namespace phm::ui {

namespace {
// The rows a view shows, in order: a tree's children only under expanded items.
void shownRows(const QAbstractItemView *view, const QModelIndex &parent, std::vector<QModelIndex> &out) {
    const QAbstractItemModel *model = view->model();
    const auto *tree = qobject_cast<const QTreeView *>(view);
    const auto *table = qobject_cast<const QTableView *>(view);
    for (int r = 0; r < model->rowCount(parent); ++r) {
        if ((tree && tree->isRowHidden(r, parent)) || (table && table->isRowHidden(r))) continue;
        const QModelIndex index = model->index(r, 0, parent);
        out.push_back(index);
        if (tree && tree->isExpanded(index)) shownRows(view, index, out);
    }
}

// The columns a view shows, in the order of its header.
std::vector<int> shownColumns(const QAbstractItemView *view) {
    const QHeaderView *header = nullptr;
    if (const auto *tree = qobject_cast<const QTreeView *>(view)) header = tree->header();
    if (const auto *table = qobject_cast<const QTableView *>(view)) header = table->horizontalHeader();
    std::vector<int> out;
    for (int c = 0; c < view->model()->columnCount(); ++c)
        if (!header || !header->isSectionHidden(c)) out.push_back(c);
    if (header) std::sort(out.begin(), out.end(), [header](int a, int b) { return header->visualIndex(a) < header->visualIndex(b); });
    return out;
}
}  // namespace

TableActions::TableActions(QAbstractItemView *view, SessionSource session, QString panel, std::vector<int> labelColumns)
    : QObject(view),
      mView(view),
      mSession(std::move(session)),
      mPanel(std::move(panel)),
      mLabels(std::move(labelColumns)),
      mMenu(new QMenu(view)) {
    setObjectName(QStringLiteral("tableActions"));
    mMenu->addAction(tr("&Copy"), this, [this] { copy(false); })->setShortcut(QKeySequence::Copy);
    mMenu->addAction(tr("Copy with &headers"), this, [this] { copy(true); });
    mMenu->addSeparator();
    mMenu->addAction(tr("&Export CSV…"), this, &TableActions::exportCsvAsked);
    view->installEventFilter(this);
    view->viewport()->installEventFilter(this);
}

bool TableActions::eventFilter(QObject *watched, QEvent *event) {
    // The Edit menu's Copy (a window shortcut) sends Ctrl+C to the focus widget: taking the
    // override here lets the key press reach the view, which copies once.
    if (watched == mView && (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress)) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Copy)) {
            event->accept();
            if (event->type() == QEvent::KeyPress) copy(false);
            return true;
        }
    }
    if (watched == mView->viewport() && event->type() == QEvent::ContextMenu) {
        mMenu->popup(static_cast<QContextMenuEvent *>(event)->globalPos());
        return true;
    }
    return QObject::eventFilter(watched, event);
}

TableActions::Published TableActions::published(bool selectionOnly) const {
    const QAbstractItemModel *model = mView->model();
    Published out;
    if (!model) return out;
    // The whole table on screen is published, then the selection cut out of it: a copy of some
    // rows or cells is never protected differently from the table (one row copied alone would
    // otherwise escape the line that hides it beside a small neighbour).
    std::vector<QModelIndex> rows;
    shownRows(mView, {}, rows);
    const std::vector<int> columns = shownColumns(mView);
    const QModelIndexList selected =
        selectionOnly && mView->selectionModel() ? mView->selectionModel()->selectedIndexes() : QModelIndexList();
    QSet<QPersistentModelIndex> chosen;
    QSet<int> chosenColumns;
    QSet<QPersistentModelIndex> chosenRows;
    for (const QModelIndex &i : selected) {
        chosen.insert(i);
        chosenColumns.insert(i.column());
        chosenRows.insert(i.siblingAtColumn(0));
    }
    core::tableexport::Table table;
    for (int c : columns) {
        table.headers << model->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString();
        table.labelColumns.push_back(mAllText || std::find(mLabels.begin(), mLabels.end(), c) != mLabels.end());
        core::tableexport::Table::Share share;
        if (const auto it = mShares.find(c); it != mShares.end()) {
            auto position = [&](int column) {
                const auto at = std::find(columns.begin(), columns.end(), column);
                return at == columns.end() ? -1 : int(at - columns.begin());
            };
            share.numerator = position(it->second.first);
            share.denominator = it->second.second < 0 ? -1 : position(it->second.second);
            if (share.numerator < 0 || (it->second.second >= 0 && share.denominator < 0)) share.numerator = -2;  // its counts are hidden
        }
        table.shares.push_back(share);
    }
    for (const QModelIndex &r : rows) {
        std::vector<core::tableexport::Cell> cells;
        for (int c : columns) {
            const QModelIndex i = r.siblingAtColumn(c);
            const QVariant exported = i.data(ExportTextRole);
            cells.push_back(exported.isValid() ? core::tableexport::Cell{exported.toString(), true}
                                               : core::tableexport::Cell{i.data(Qt::DisplayRole).toString(), false});
        }
        table.rows.push_back(std::move(cells));
    }
    const core::SessionPtr session = mSession();
    if (!session) return out;
    const std::vector<QStringList> all = core::tableexport::publishedCells(table, session->policy());
    for (size_t k = 0; k < columns.size(); ++k)
        if (chosen.isEmpty() || chosenColumns.contains(columns[k])) out.headers << table.headers[int(k)];
    for (size_t r = 0; r < rows.size(); ++r) {
        if (!chosen.isEmpty() && !chosenRows.contains(rows[r])) continue;
        QStringList line;
        for (size_t k = 0; k < columns.size(); ++k) {
            if (!chosen.isEmpty() && !chosenColumns.contains(columns[k])) continue;
            line << (chosen.isEmpty() || chosen.contains(rows[r].siblingAtColumn(columns[k])) ? all[r][int(k)] : QString());
        }
        out.rows.push_back(line);
    }
    return out;
}

TableActions *TableActions::share(int column, int numeratorColumn, int denominatorColumn) {
    mShares[column] = {numeratorColumn, denominatorColumn};
    return this;
}

QString TableActions::copy(bool withHeaders) {
    const core::SessionPtr session = mSession();
    const Published p = published(true);
    if (!session || p.rows.empty()) return {};
    // Recorded before anything reaches the clipboard: an export that was not logged never happened.
    const auto recorded = session->recordExport(QStringLiteral("copy-table"),
                                                core::tableexport::exportDetail(mPanel, int(p.rows.size()), int(p.headers.size())));
    if (!recorded) {
        QMessageBox::warning(mView, tr("Copy"), recorded.error().message);
        return {};
    }
    const QString text = core::tableexport::tabSeparated(p.headers, p.rows, withHeaders);
    QApplication::clipboard()->setText(text);
    return text;
}

QString TableActions::exportCsv(const QString &path) {
    const core::SessionPtr session = mSession();
    if (!session) return tr("No project is open.");
    const Published p = published(false);
    const auto recorded = session->recordExport(QStringLiteral("export-csv"),
                                                core::tableexport::exportDetail(mPanel, int(p.rows.size()), int(p.headers.size()), path));
    if (!recorded) return recorded.error().message;
    const std::string bytes = core::tableexport::csv(p.headers, p.rows);
    QSaveFile file(path);  // written beside, then renamed: never half a file
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes.data(), qint64(bytes.size())) != qint64(bytes.size()) || !file.commit())
        return tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    return {};
}

void TableActions::exportCsvAsked() {
    // The dialog asks before replacing a file.
    const QString path = QFileDialog::getSaveFileName(mView, tr("Export CSV"), mPanel + QStringLiteral(".csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty()) return;
    if (const QString error = exportCsv(path); !error.isEmpty()) QMessageBox::warning(mView, tr("Export CSV"), error);
}

TableActions *installTableActions(QAbstractItemView *view, ProjectController *controller, const QString &panel,
                                  std::vector<int> labelColumns) {
    return new TableActions(
        view, [controller] { return controller->session(); }, panel, std::move(labelColumns));
}

TableActions *installTextTableActions(QAbstractItemView *view, core::SessionPtr session, const QString &panel) {
    auto *actions = new TableActions(
        view, [session = std::move(session)] { return session; }, panel);
    actions->copyAllAsText();
    return actions;
}

}  // namespace phm::ui
