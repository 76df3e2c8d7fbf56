#pragma once
// Defines a programme inside the workbench: a saved cohort frozen at an index date. Its members
// then (registered and alive on that date) are stored in the project with the date as their
// enrolment, so the evaluation can be run again after the cohort's rule or the data change
// (core/operations/programmeops freezeCohort). Reading the cohorts and freezing run off the GUI
// thread; a refusal is shown and nothing is stored.
#include "backgroundjob.h"
#include "session/session.h"

#include <QDialog>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;

namespace phm::ui {

class FreezeDialog : public QDialog {
    Q_OBJECT
public:
    explicit FreezeDialog(core::SessionPtr session, QWidget *parent = nullptr);
    QLineEdit *nameEdit() const { return mName; }
    QComboBox *cohortBox() const { return mCohort; }
    QDateEdit *dateEdit() const { return mDate; }
    QLabel *status() const { return mStatus; }
    void freeze();

signals:
    void cohortsLoaded();
    void frozen(bool ok, const QString &programme);

private:
    core::SessionPtr mSession;
    QLineEdit *mName;
    QComboBox *mCohort;
    QDateEdit *mDate;
    QLabel *mStatus;
    BackgroundJob *mLoadJob = new BackgroundJob(this);
    BackgroundJob *mFreezeJob = new BackgroundJob(this);
};

}  // namespace phm::ui
