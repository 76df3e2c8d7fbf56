#pragma once
// Core20PLUS5: for the areas at the selected area's level, the share of registered people in
// Core20 and in each PLUS group (table and chart); for the selected area, the five clinical
// areas for Core20 and each PLUS group, coloured by comparison with everyone else in the area.
// PLUS groups are the ICS's own choice, edited here and stored in the project.
#include "geo/areas.h"
#include "indicators/core20plus5.h"

#include <QWidget>
#include <optional>

class QChartView;
class QLabel;
class QStandardItemModel;
class QTableView;

namespace phm::ui {

class ChartScroller;

class BackgroundJob;
class ProjectController;

class Core20Panel : public QWidget {
    Q_OBJECT
public:
    explicit Core20Panel(ProjectController *controller, QWidget *parent = nullptr);
    void setArea(const core::Area &area);
    QStandardItemModel *sharesModel() const { return mShares; }
    QStandardItemModel *clinicalModel() const { return mClinical; }
    QChartView *chart() const { return mChart; }
    const std::vector<core::PlusGroup> &plusGroups() const { return mPlus; }
    // Checks the groups (false, with the reason shown, if one is wrong), then stores them in the
    // project in the background and recomputes (plusGroupsSaved follows; a failed write is shown).
    bool setPlusGroups(const std::vector<core::PlusGroup> &groups);

signals:
    void updated();
    void plusGroupsSaved(bool ok);

private:
    struct Computed {
        core::Core20Plus5 result;
        std::vector<core::IndicatorDefinition> indicators;
        core::Area focus;
        core::Area::Kind level = core::Area::Place;
    };
    void compute();
    void show(const Computed &c);
    void editPlusGroups();
    void loadPlusGroups();
    void usePlusGroups(const std::vector<core::PlusGroup> &groups);  // recomputes when they changed

    ProjectController *mController;
    QLabel *mTitle;
    QTableView *mSharesView, *mClinicalView;
    QStandardItemModel *mShares, *mClinical;
    QChartView *mChart;
    ChartScroller *mChartScroll;
    std::optional<core::Area> mArea;
    std::vector<core::PlusGroup> mPlus = core::defaultPlusGroups();
    BackgroundJob *mComputing, *mPlusStore;  // the counts; reading or saving the PLUS groups
};

}  // namespace phm::ui
