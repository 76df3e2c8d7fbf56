#pragma once
// Copy and export for any table or tree view: a context menu (Copy, Copy with headers, Export
// CSV…) and Ctrl+C, which copies the selected cells (all of them when none is selected) as
// tab-separated text. What leaves goes through the governed output in core
// (core/governance/tableexport, Session::recordExport): the views show exact values, the copy
// holds what disclosure control publishes, and every copy and export is in the audit log (the
// panel, rows, columns and file; never the contents). A model whose cells are already published
// beside the exact ones (the area profile) returns that text for ExportTextRole.
#include "session/session.h"

#include <QObject>
#include <QString>
#include <functional>
#include <map>
#include <vector>

class QAbstractItemView;
class QMenu;

namespace phm::ui {

class ProjectController;

// The published text a model gives for a cell, used as it is in copies and exports.
constexpr int ExportTextRole = Qt::UserRole + 0x4558;

class TableActions : public QObject {
    Q_OBJECT
public:
    using SessionSource = std::function<core::SessionPtr()>;
    // `labelColumns`: the columns of names, codes and dates, copied as they are; numbers in every
    // other column are published as counts unless the model gives ExportTextRole.
    TableActions(QAbstractItemView *view, SessionSource session, QString panel, std::vector<int> labelColumns = {});
    // The published text of the selection (or everything), recorded and put on the clipboard;
    // empty when nothing may leave (no project, or the audit log cannot be written).
    QString copy(bool withHeaders);
    // Writes the published table to `path` as CSV (atomically), recorded first. An error message, or empty.
    QString exportCsv(const QString &path);
    QMenu *menu() const { return mMenu; }
    // `column` holds a share (per cent): copied as 100 x the row's published count in
    // `numeratorColumn` / its published count in `denominatorColumn`, or / the published total of
    // the numerator column when there is none (the parts of a whole); "*" beside a suppressed count.
    TableActions *share(int column, int numeratorColumn, int denominatorColumn = -1);
    // Every column, however many the model has, is names and text: copied as it is.
    void copyAllAsText() { mAllText = true; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Published {
        QStringList headers;
        std::vector<QStringList> rows;
    };
    Published published(bool selectionOnly) const;
    void exportCsvAsked();
    QAbstractItemView *mView;
    SessionSource mSession;
    QString mPanel;
    std::vector<int> mLabels;
    std::map<int, std::pair<int, int>> mShares;  // column -> its numerator and denominator columns (-1: the column's total)
    bool mAllText = false;
    QMenu *mMenu;
};

// One line per view: the actions installed, owned by the view.
TableActions *installTableActions(QAbstractItemView *view, ProjectController *controller, const QString &panel,
                                  std::vector<int> labelColumns = {});
// For a dialog of a session's project whose table holds no counts of people (a maturity
// framework, an assessment, the audit log): every column copied as it is, still recorded.
TableActions *installTextTableActions(QAbstractItemView *view, core::SessionPtr session, const QString &panel);

}  // namespace phm::ui
