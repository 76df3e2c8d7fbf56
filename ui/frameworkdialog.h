#pragma once
// Edits a maturity framework: its name, summary, levels and, for each capability, its
// description and one descriptor per level. Saving under a new name adds a framework; under the
// same name it replaces the project's version (core/maturity/maturitystore refuses a change that would
// orphan a stored assessment, and says which).
#include "backgroundjob.h"
#include "maturity/maturityframework.h"
#include "session/session.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QTableWidget;

namespace phm::ui {

class FrameworkDialog : public QDialog {
    Q_OBJECT
public:
    FrameworkDialog(core::SessionPtr session, const core::maturity::Framework &framework, QWidget *parent = nullptr);
    QLineEdit *nameEdit() const { return mName; }
    QLineEdit *levelsEdit() const { return mLevels; }
    QTableWidget *table() const { return mTable; }
    QLabel *status() const { return mStatus; }
    // The framework as the form shows it (checked by the core when saved).
    core::maturity::Framework framework() const;
    void addCapability();
    void save();

signals:
    void saved(bool ok, const QString &name);

private:
    void levelsChanged();

    core::SessionPtr mSession;
    QLineEdit *mName, *mSummary, *mLevels;
    QTableWidget *mTable;
    QLabel *mStatus;
    BackgroundJob *mJob = new BackgroundJob(this);  // saves the framework
};

}  // namespace phm::ui
