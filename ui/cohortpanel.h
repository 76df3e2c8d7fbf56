#pragma once
// Cohort builder: the rule as text (highlighted, errors underlined) and as a panel of groups,
// kept in sync both ways, with one undo history for both (QUndoStack). Evaluation is debounced
// (250 ms after the last edit) and runs as a BackgroundJob: an edit drops the evaluation it
// supersedes, so typing never waits. Beside it: the attrition waterfall,
// the breakdown by area and the overlap of saved cohorts.
#include "cohorts/cohortanalysis.h"
#include "ruleeditor.h"

#include <QTimer>
#include <QWidget>

class QChartView;
class QLabel;
class QPushButton;
class QTabWidget;
class QUndoStack;

namespace phm::ui {

class BackgroundJob;
class BasePopulationBar;
class BreakdownView;
class OverlapView;
class ProjectController;
class RulePanelWidget;

class CohortPanel : public QWidget {
    Q_OBJECT
public:
    explicit CohortPanel(ProjectController *controller, QWidget *parent = nullptr);
    RuleEditor *editor() const { return mEditor; }
    RulePanelWidget *panelView() const { return mPanel; }
    QUndoStack *undoStack() const { return mUndo; }
    BreakdownView *breakdown() const { return mBreakdown; }
    OverlapView *overlapView() const { return mOverlap; }
    QTabWidget *tabs() const { return mTabs; }
    const core::RuleRun &lastRun() const { return mLast; }
    BasePopulationBar *baseBar() const { return mBase; }
    // Replaces the rule text as one undoable edit (what the panel does; also for tests).
    void setRuleText(const QString &text);
    // The navigator's selection: the cohort is counted within it.
    void setArea(const core::Area &area);

signals:
    void evaluated();                            // a result (or error) for the current text is on screen
    void statusMessage(const QString &message);  // e.g. a saved cohort, for the status bar

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    friend class RuleTextCommand;
    void applyText(const QString &text);  // from the undo stack
    void textEdited();
    void schedule();
    void evaluate();
    void syncPanel();
    void show(const core::RuleRun &run);
    void showAttrition(const core::RuleRun &run);
    void markOutOfDate(bool outOfDate);
    void save();

    ProjectController *mController;
    RuleEditor *mEditor;
    RulePanelWidget *mPanel;
    QUndoStack *mUndo;
    BasePopulationBar *mBase;
    QLabel *mStatus;
    QTabWidget *mTabs;
    QChartView *mChart;
    BreakdownView *mBreakdown;
    OverlapView *mOverlap;
    QPushButton *mSave;
    QTimer mDebounce;
    BackgroundJob *mEvaluation, *mSaving;  // counting the rule; saving a cohort
    core::RuleRun mLast;
    QString mText;           // the text the undo history last saw
    bool mApplying = false;  // the text is being set by undo/redo or the panel
};

}  // namespace phm::ui
