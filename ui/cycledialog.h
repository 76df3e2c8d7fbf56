#pragma once
// Records the PHM cycle of a PCN from the workbench: start a cycle (the opportunity it works on)
// or record the next stage of one, with the date and the saved cohorts it used. The core checks
// the order, the dates and the cohorts; a refusal is shown and nothing is stored. The evaluate
// stage can name the saved evaluation it rests on (the Evaluation view's Save evaluation…).
#include "backgroundjob.h"
#include "maturity/phmcycle.h"
#include "session/session.h"

#include <QDialog>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QListWidget;

namespace phm::ui {

class CycleDialog : public QDialog {
    Q_OBJECT
public:
    // `cycles` are the PCN's; an empty title box with no cycle chosen starts a new one.
    CycleDialog(core::SessionPtr session, const QString &pcn, const QString &pcnName, const std::vector<core::cycle::Cycle> &cycles,
                QWidget *parent = nullptr);
    QComboBox *cycleBox() const { return mCycle; }
    QLineEdit *titleEdit() const { return mTitle; }
    QDateEdit *dateEdit() const { return mDate; }
    QListWidget *cohortList() const { return mCohorts; }
    QComboBox *evaluationBox() const { return mEvaluation; }
    QLabel *status() const { return mStatus; }
    void record();

signals:
    void recorded(bool ok);
    void cohortsLoaded();
    void evaluationsLoaded();

private:
    void cycleChosen();

    core::SessionPtr mSession;
    QString mPcn;
    std::vector<core::cycle::Cycle> mCycles;
    QComboBox *mCycle;
    QLineEdit *mTitle, *mNote;
    QLabel *mNext, *mStatus;
    QDateEdit *mDate;
    QListWidget *mCohorts;
    QComboBox *mEvaluation;                                    // evaluate: the saved evaluation it rests on
    BackgroundJob *mEvaluationsJob = new BackgroundJob(this);  // lists the saved evaluations
    BackgroundJob *mLoadJob = new BackgroundJob(this);         // lists the saved cohorts
    BackgroundJob *mSaveJob = new BackgroundJob(this);         // records the stage
};

}  // namespace phm::ui
