#pragma once
// Core20PLUS5: for the areas at the selected area's level, the share of registered people in
// Core20 and in each PLUS group (table and chart); for the selected area, the five clinical
// areas for Core20 and each PLUS group, coloured by comparison with everyone else in the area.
// PLUS groups are the ICS's own choice, edited here and stored in the project.
#include "geo/areas.h"
#include "indicators/core20plus5.h"

#include <QFutureWatcher>
#include <QWidget>
#include <optional>

class QChartView;
class QLabel;
class QStandardItemModel;
class QTableView;

namespace phm::ui {

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
    // Checks the groups, stores them in the project and recomputes; an error is shown and
    // nothing changes.
    bool setPlusGroups(const std::vector<core::PlusGroup> &groups);

signals:
    void updated();

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

    ProjectController *mController;
    QLabel *mTitle;
    QTableView *mSharesView, *mClinicalView;
    QStandardItemModel *mShares, *mClinical;
    QChartView *mChart;
    std::optional<core::Area> mArea;
    std::vector<core::PlusGroup> mPlus = core::defaultPlusGroups();
    QFutureWatcher<core::Result<Computed>> mWatcher;
    bool mPending = false;  // the selection changed while a computation ran
};

}  // namespace phm::ui
