#pragma once
// Overlap of 2-4 saved cohorts, UpSet style: one row per combination of cohorts with the number
// of people in exactly those cohorts (a dot marks membership), largest first, with a bar per
// row. The saved cohorts are listed, and the overlap computed from each one's current rule, in
// background jobs.
#include "cohorts/cohortanalysis.h"
#include "cohorts/cohortstore.h"

#include <QWidget>

class QChartView;
class QLabel;
class QListWidget;
class QPushButton;
class QTableWidget;

namespace phm::ui {

class BackgroundJob;
class ProjectController;

class OverlapView : public QWidget {
    Q_OBJECT
public:
    explicit OverlapView(ProjectController *controller, QWidget *parent = nullptr);
    void reloadCohorts();  // when a project opens or the session says its cohorts changed (cohorts() fills in later)
    QListWidget *cohorts() const { return mCohorts; }
    QPushButton *compareButton() const { return mCompare; }
    QTableWidget *table() const { return mTable; }

signals:
    void updated();

private:
    void compare();
    void showCohorts(const std::vector<core::SavedCohort> &saved);
    void show(const core::Result<std::vector<core::OverlapRegion>> &result);
    QStringList checkedNames() const;

    ProjectController *mController;
    QListWidget *mCohorts;
    QPushButton *mCompare;
    QLabel *mStatus;
    QTableWidget *mTable;
    QChartView *mChart;
    QStringList mNames;  // of the comparison on screen, in bit order
    BackgroundJob *mListing, *mComparing;
};

}  // namespace phm::ui
