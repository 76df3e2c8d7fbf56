#pragma once
// A new maturity assessment of one area: for each capability of the framework, the current and
// target level, the target date, the evidence and links. Starts from the area's newest
// assessment; every edit is on an undo stack (Ctrl+Z / Ctrl+Shift+Z); Save appends a new
// assessment (core/maturity/maturitystore keeps the old ones) off the GUI thread.
#include "backgroundjob.h"
#include "maturity/maturity.h"
#include "session/session.h"

#include <QDialog>

class QDateEdit;
class QLabel;
class QLineEdit;
class QTableWidget;
class QTableWidgetItem;
class QUndoStack;

namespace phm::ui {

class AssessmentDialog : public QDialog {
    Q_OBJECT
public:
    AssessmentDialog(core::SessionPtr session, const core::maturity::Framework &framework, const core::maturity::AssessableArea &area,
                     const core::maturity::Assessment *previous, QWidget *parent = nullptr);
    QTableWidget *table() const { return mTable; }
    QUndoStack *undoStack() const { return mUndo; }
    QLineEdit *assessor() const { return mAssessor; }
    QLabel *status() const { return mStatus; }
    // The assessment as the form shows it.
    core::maturity::Assessment assessment() const;
    // Sets a cell as the user would (through the undo stack).
    void edit(int row, int column, const QString &text);
    void save();

    enum Column { CapabilityColumn, CurrentColumn, TargetColumn, TargetDateColumn, EvidenceColumn, LinksColumn };

signals:
    void saved(bool ok);

private:
    void cellChanged(QTableWidgetItem *item);

    core::SessionPtr mSession;
    core::maturity::Framework mFramework;
    core::maturity::AssessableArea mArea;
    QTableWidget *mTable;
    QDateEdit *mDate;
    QLineEdit *mAssessor, *mNote;
    QLabel *mStatus;
    QUndoStack *mUndo;
    bool mApplying = false;                         // an undo or redo is setting a cell
    BackgroundJob *mJob = new BackgroundJob(this);  // saves the assessment
};

}  // namespace phm::ui
