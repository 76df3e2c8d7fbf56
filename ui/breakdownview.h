#pragma once
// The current cohort broken down by place, PCN, practice, care alliance or LSOA: people in the
// cohort, the area's registered population and the cohort's share of it. Sortable; computed
// on a worker thread whenever the cohort or the level changes.
#include "backgroundjob.h"
#include "cohorts/cohortanalysis.h"

#include <QAbstractTableModel>
#include <QWidget>
#include <memory>

class QComboBox;
class QTableView;

namespace phm::ui {

class ProjectController;

class BreakdownModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { AreaName, People, Population, Share, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;
    void setRows(std::vector<core::AreaCount> rows);
    const std::vector<core::AreaCount> &rows() const { return mRows; }
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<core::AreaCount> mRows;
};

class BreakdownView : public QWidget {
    Q_OBJECT
public:
    explicit BreakdownView(ProjectController *controller, QWidget *parent = nullptr);
    void setCohort(std::shared_ptr<const core::rules::Selection> people);
    BreakdownModel *model() const { return mModel; }
    QComboBox *level() const { return mLevel; }

signals:
    void updated();

private:
    void recompute();

    ProjectController *mController;
    QComboBox *mLevel;
    QTableView *mTable;
    BreakdownModel *mModel;
    std::shared_ptr<const core::rules::Selection> mPeople;
    BackgroundJob *mJob = new BackgroundJob(this);
};

}  // namespace phm::ui
