#pragma once
// Cohort builder: a rule editor with a live count and attrition waterfall. Evaluation is
// debounced (250 ms after the last keystroke) and runs on a worker thread; a generation
// number drops results that a newer edit has superseded, so typing never waits.
#include "cohortanalysis.h"

#include <QFutureWatcher>
#include <QTimer>
#include <QWidget>

class QChartView;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace phm::ui {

class ProjectController;

class CohortPanel : public QWidget {
    Q_OBJECT
public:
    explicit CohortPanel(ProjectController *controller, QWidget *parent = nullptr);
    QPlainTextEdit *editor() const { return mEditor; }
    const core::RuleRun &lastRun() const { return mLast; }

signals:
    void evaluated();  // a result (or error) for the current text is on screen

private:
    void schedule();
    void evaluate();
    void show(const core::RuleRun &run);
    void save();

    ProjectController *mController;
    QPlainTextEdit *mEditor;
    QLabel *mStatus;
    QChartView *mChart;
    QPushButton *mSave;
    QTimer mDebounce;
    QFutureWatcher<core::RuleRun> mWatcher;
    quint64 mGeneration = 0, mRunning = 0;
    core::RuleRun mLast;
};

}  // namespace phm::ui
