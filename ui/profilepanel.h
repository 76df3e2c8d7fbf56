#pragma once
// Area profile of the area selected in the navigator: every indicator with its interval, the
// parent's and the ICS's values, significance in Fingertips colours and a spine over the
// area's peers; beside it, the selected indicator for every peer area with intervals (a league
// chart, the selected area highlighted) and a funnel plot. Profiles come from the shared
// ProfileCache (computed per level on a worker thread).
#include "profilemodel.h"

#include <QWidget>
#include <optional>

class QChartView;
class QLabel;
class QTableView;

namespace phm::ui {

class ChartScroller;

class LeagueTable;
class ProfileCache;
class ProjectController;
class TrendView;

class ProfilePanel : public QWidget {
    Q_OBJECT
public:
    ProfilePanel(ProjectController *controller, ProfileCache *cache, QWidget *parent = nullptr);
    void setArea(const core::Area &area);
    ProfileTableModel *model() const { return mModel; }
    QTableView *table() const { return mTable; }
    QChartView *chart() const { return mChart; }
    QChartView *funnel() const { return mFunnel; }
    TrendView *trend() const { return mTrend; }
    LeagueTable *league() const { return mLeague; }
    void selectIndicator(int indicator);
    // Adds a user's indicator definitions (JSON, as resources/indicators) to every profile; an
    // error in the file is shown and nothing changes.
    bool setIndicatorFile(const QString &path);
    // Opens the indicator editor on a new indicator or on the selected one.
    void editIndicator(bool selected);

signals:
    void updated();                             // the selected area's profile is on screen
    void cohortRequested(const QString &rule);  // drill-down: the people behind a value
    void indicatorSelected(int indicator);
    void areaRequested(const core::Area &area);  // from the league table

private:
    void show();
    void showComparison();
    void showFunnel();
    void drillDown(int areaIndex);
    void showTrend();
    void showLeague();

    ProjectController *mController;
    ProfileCache *mCache;
    QLabel *mTitle;
    QTableView *mTable;
    QChartView *mChart, *mFunnel;
    ChartScroller *mChartScroll;
    TrendView *mTrend;
    LeagueTable *mLeague;
    ProfileTableModel *mModel;
    std::optional<core::Area> mArea;
    int mIndicator = 0;
};

}  // namespace phm::ui
