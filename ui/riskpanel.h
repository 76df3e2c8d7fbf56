#pragma once
// Risk stratification view: the emergency admission model (trained on a worker thread when a
// project opens, or again on request), its quality on held-out people (AUROC, PPV and
// sensitivity at the high-risk cut, calibration by decile as a chart) and the risk tiers of the
// selected area, with the admissions the model expects there in the next 12 months.
#include "backgroundjob.h"
#include "geo/areas.h"
#include "stratify/riskmodel.h"

#include <QWidget>
#include <memory>
#include <optional>

class QChartView;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace phm::ui {

class ProjectController;

class RiskPanel : public QWidget {
    Q_OBJECT
public:
    explicit RiskPanel(ProjectController *controller, QWidget *parent = nullptr);
    void setArea(const core::Area &area);
    std::shared_ptr<const core::RiskModelResult> model() const { return mModel; }
    QTableWidget *tiers() const { return mTiers; }
    QChartView *calibrationChart() const { return mChart; }

signals:
    void updated();  // a model (or an error) is on screen

private:
    void train();
    void showModel();
    void showArea();

    ProjectController *mController;
    QPushButton *mTrain;
    QDoubleSpinBox *mHigh, *mRising;
    QLabel *mQuality, *mAreaSummary;
    QTableWidget *mTiers, *mCoefficients;
    QChartView *mChart;
    std::optional<core::Area> mArea;
    std::shared_ptr<const core::RiskModelResult> mModel;
    BackgroundJob *mJob = new BackgroundJob(this);  // trains the model
};

}  // namespace phm::ui
