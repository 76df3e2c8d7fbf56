#pragma once
// Segmentation of the selected area: template chooser, a table per segment (people, share,
// emergency admissions, A&E attendances and cost in the last 12 months) and a bar chart.
// Computed on a worker thread; results from a superseded request are dropped.
#include "backgroundjob.h"
#include "geo/areas.h"
#include "stratify/segmentation.h"

#include <QAbstractTableModel>
#include <QWidget>
#include <optional>

class QChartView;
class QComboBox;
class QLabel;
class QTableView;

namespace phm::ui {

class ProjectController;

class SegmentTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Segment, People, Share, EmergencyAdmissions, AeAttendances, Cost, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;
    void setResult(core::SegmentationResult result);
    const core::SegmentationResult &result() const { return mResult; }
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    core::SegmentationResult mResult;
};

class SegmentationPanel : public QWidget {
    Q_OBJECT
public:
    explicit SegmentationPanel(ProjectController *controller, QWidget *parent = nullptr);
    void setArea(const core::Area &area);
    // Adds a user's template (JSON, as resources/segmentation/*.json) to the chooser and uses it.
    void addTemplateFile(const QString &path);
    SegmentTableModel *model() const { return mModel; }
    // The movement between segments for the template and area shown (not yet shown; nullptr
    // without a project).
    class SegmentMovementDialog *openMovement();

signals:
    void updated();

private:
    void recompute();
    void showResult(const core::Result<core::SegmentationResult> &result);

    ProjectController *mController;
    QComboBox *mTemplate;
    QLabel *mStatus;
    QTableView *mTable;
    QChartView *mChart;
    SegmentTableModel *mModel;
    std::optional<core::Area> mArea;
    BackgroundJob *mJob = new BackgroundJob(this);  // segments the selected area
};

}  // namespace phm::ui
