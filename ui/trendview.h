#pragma once
// An indicator over time for the selected area: its value with the 95% interval as a band, its
// parent's and the ICS's values as lines, at quarter ends the data cover (core/indicators/trend.h).
// Computed on a worker thread when shown, kept per indicator and level.
#include "backgroundjob.h"
#include "geo/areas.h"
#include "indicators/trend.h"

#include <QChartView>
#include <QHash>
#include <memory>

namespace phm::ui {

class ProjectController;

class TrendView : public QChartView {
    Q_OBJECT
public:
    explicit TrendView(ProjectController *controller, QWidget *parent = nullptr);
    // What to show; computed now if the view is visible, else when it is shown.
    void setSelection(const core::IndicatorDefinition &indicator, const core::Area &area);
    const core::Trend *trend() const;  // the one on screen, if any
    void clear();                      // forget every trend (another project, other definitions)

signals:
    void updated();

protected:
    void showEvent(QShowEvent *event) override;

private:
    QString key() const;
    void compute();
    void draw();

    ProjectController *mController;
    std::optional<core::IndicatorDefinition> mIndicator;
    std::optional<core::Area> mArea;
    QHash<QString, std::shared_ptr<const core::Trend>> mTrends;  // indicator id + level
    BackgroundJob *mJob = new BackgroundJob(this);               // the trend of the selection
    std::shared_ptr<core::ProfileWorkspace> mWorkspace = std::make_shared<core::ProfileWorkspace>();
};

}  // namespace phm::ui
