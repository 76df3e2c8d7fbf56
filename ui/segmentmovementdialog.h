#pragma once
// How people move between segments: the area's segmentation under the panel's template against
// another template on the same day, or against the same template on an earlier day (who was
// "healthy" a year ago and is "long-term frailty" now). The two are segmented off the GUI
// thread (core/operations/segmentop, as `phm segment --compare-template/--compare-date`), the
// movements leave through disclosure control like every other count (a small flow is suppressed,
// with what would reveal it), and the alluvial chart and table show only the published flows.
#include "backgroundjob.h"
#include "geo/areas.h"
#include "session/session.h"

#include <QDialog>

class QComboBox;
class QDateEdit;
class QLabel;
class QTableWidget;

namespace phm::ui {

class ProjectController;
class SegmentFlowView;

class SegmentMovementDialog : public QDialog {
    Q_OBJECT
public:
    // `templateId` and `area`: what the segmentation panel shows.
    SegmentMovementDialog(ProjectController *controller, const QString &templateId, const core::Area &area, QWidget *parent = nullptr);
    QComboBox *compareBox() const { return mCompare; }
    QDateEdit *dateEdit() const { return mDate; }
    SegmentFlowView *flowView() const { return mFlows; }
    QTableWidget *table() const { return mTable; }
    QLabel *status() const { return mStatus; }
    // Segments both and shows the movements (false while a comparison is still running).
    bool compare();

signals:
    void compared(bool ok);

private:
    ProjectController *mController;
    QString mTemplate;
    core::Area mArea;
    QComboBox *mCompare;
    QDateEdit *mDate;
    SegmentFlowView *mFlows;
    QTableWidget *mTable;
    QLabel *mStatus;
    BackgroundJob *mJob = new BackgroundJob(this);
};

}  // namespace phm::ui
