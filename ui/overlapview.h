#pragma once
// Overlap of 2-4 saved cohorts, UpSet style: one row per combination of cohorts with the number
// of people in exactly those cohorts (a dot marks membership), largest first, with a bar per
// row. Computed on a worker thread from each cohort's current rule.
#include "cohorts/cohortanalysis.h"

#include <QFutureWatcher>
#include <QWidget>

class QChartView;
class QLabel;
class QListWidget;
class QPushButton;
class QTableWidget;

namespace phm::ui {

class ProjectController;

class OverlapView : public QWidget {
    Q_OBJECT
public:
    explicit OverlapView(ProjectController *controller, QWidget *parent = nullptr);
    void reloadCohorts();  // after a project opens or a cohort is saved
    QListWidget *cohorts() const { return mCohorts; }
    QPushButton *compareButton() const { return mCompare; }
    QTableWidget *table() const { return mTable; }

signals:
    void updated();

private:
    void compare();
    void show(const core::Result<std::vector<core::OverlapRegion>> &result);
    QStringList checkedNames() const;

    ProjectController *mController;
    QListWidget *mCohorts;
    QPushButton *mCompare;
    QLabel *mStatus;
    QTableWidget *mTable;
    QChartView *mChart;
    QStringList mNames;  // of the comparison on screen, in bit order
    QFutureWatcher<core::Result<std::vector<core::OverlapRegion>>> mWatcher;
};

}  // namespace phm::ui
