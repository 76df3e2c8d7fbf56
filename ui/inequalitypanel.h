#pragma once
// Inequalities in one indicator within the selected area: its value for each IMD decile or
// quintile, ethnic group, sex, age band or rural/urban group, as bars with 95% intervals against
// the area's overall value, a table of the counts, and for deprivation the slope and relative
// index of inequality with simulated intervals (core/indicators/inequality). Computed off the UI thread.
#include "backgroundjob.h"
#include "geo/areas.h"
#include "indicators/inequality.h"

#include <QWidget>
#include <optional>

class QChartView;
class QComboBox;
class QLabel;
class QStandardItemModel;

namespace phm::ui {

class ProjectController;

class InequalityPanel : public QWidget {
    Q_OBJECT
public:
    explicit InequalityPanel(ProjectController *controller, QWidget *parent = nullptr);
    void setArea(const core::Area &area);
    void setIndicator(int indicator);  // by position in the definitions, as the profile's rows
    void setDimension(core::InequalityDimension dimension);
    QStandardItemModel *model() const { return mModel; }
    QChartView *chart() const { return mChart; }
    QLabel *summary() const { return mSummary; }
    const std::optional<core::InequalityResult> &result() const { return mResult; }

signals:
    void updated();

private:
    struct Computed {
        core::InequalityResult result;
        std::vector<core::IndicatorDefinition> indicators;
        int indicator = 0;
    };
    void compute();
    void show(const Computed &c);

    ProjectController *mController;
    QComboBox *mIndicator, *mDimension;
    QLabel *mTitle, *mSummary;
    QChartView *mChart;
    QStandardItemModel *mModel;
    std::optional<core::Area> mArea;
    std::optional<core::InequalityResult> mResult;
    int mWanted = 0;                                // indicator position
    BackgroundJob *mJob = new BackgroundJob(this);  // the selected area's inequality
    bool mFilling = false;
};

}  // namespace phm::ui
