#pragma once
// The cohort library: every saved cohort with its description and its versions (author, date,
// people, note), newest first; open one in the cohort builder, rename it, describe it or delete
// it. Reads and writes go through the session off the GUI thread; the list follows the session's
// cohortsChanged, so a cohort saved anywhere appears at once. People counts are shown as
// disclosure control publishes them.
#include "cohorts/cohortstore.h"
#include "session/session.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QStandardItemModel;
class QTreeView;

namespace phm::ui {

class BackgroundJob;
class ProjectController;

class CohortLibrary : public QWidget {
    Q_OBJECT
public:
    explicit CohortLibrary(ProjectController *controller, QWidget *parent = nullptr);
    QTreeView *view() const { return mView; }
    QStandardItemModel *model() const { return mModel; }
    QString selectedCohort() const;
    void selectCohort(const QString &name);
    // The actions, as the buttons run them (tests drive these with the answers a user would give).
    void open();
    void rename(const QString &newName);
    void describe(const QString &description);
    void remove();

signals:
    void openRequested(const QString &rule);
    void listed();  // the list on screen is the project's

private:
    void reload();
    void show(const std::vector<core::SavedCohort> &saved);
    void write(const QString &what, std::function<core::Status(core::Session &)> change);

    ProjectController *mController;
    QTreeView *mView;
    QStandardItemModel *mModel;
    QLabel *mStatus;
    QPushButton *mOpen, *mRename, *mDescribe, *mDelete;
    BackgroundJob *mListing, *mWriting;
    std::vector<core::SavedCohort> mSaved;
};

}  // namespace phm::ui
