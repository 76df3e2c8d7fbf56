#pragma once
// The main window only creates and connects docks, actions and the status bar.
#include "geo/areas.h"

#include <QMainWindow>
#include <functional>

class QDialog;
class QDockWidget;
class QLabel;
class QMenu;
class QTreeView;

namespace phm::ui {

class CohortPanel;
class Core20Panel;
class DataOverviewWidget;
class GeographyModel;
class InequalityPanel;
class MapPanel;
class MaturityPanel;
class ProfileCache;
class ProjectController;
class PyramidView;
class ProfilePanel;
class RiskPanel;
class SegmentationPanel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ProjectController *controller() const { return mController; }
    QTreeView *navigator() const { return mNavigator; }
    GeographyModel *geographyModel() const { return mGeography; }
    PyramidView *pyramid() const { return mPyramid; }
    DataOverviewWidget *dataOverview() const { return mOverview; }
    CohortPanel *cohortPanel() const { return mCohorts; }
    SegmentationPanel *segmentationPanel() const { return mSegments; }
    RiskPanel *riskPanel() const { return mRisk; }
    ProfilePanel *profilePanel() const { return mProfile; }
    MapPanel *mapPanel() const { return mMap; }
    Core20Panel *core20Panel() const { return mCore20; }
    InequalityPanel *inequalityPanel() const { return mInequality; }
    MaturityPanel *maturityPanel() const { return mMaturity; }
    ProfileCache *profileCache() const { return mProfiles; }
    void selectArea(const core::Area &area);

private:
    QDockWidget *addDock(const QString &title, const QString &objectName, QWidget *widget,
                         Qt::DockWidgetArea area = Qt::BottomDockWidgetArea);
    void createActions();
    void onProjectOpened(const QString &path);
    void showArea(const core::Area &area);
    void newDemo();
    void importFolder();
    void openFile();
    void addRecent(const QString &path);
    void rebuildRecentMenu();
    void about();
    void exportPacks();
    void openCohort(const QString &rule);
    void showProjectDialog(const QString &title, const std::function<QDialog *()> &make);
    void showAuditLog();
    void revealIdentities();

    ProjectController *mController;
    GeographyModel *mGeography;
    QTreeView *mNavigator;
    PyramidView *mPyramid;
    DataOverviewWidget *mOverview;
    CohortPanel *mCohorts;
    SegmentationPanel *mSegments;
    RiskPanel *mRisk;
    ProfilePanel *mProfile;
    ProfileCache *mProfiles;
    MapPanel *mMap;
    Core20Panel *mCore20;
    InequalityPanel *mInequality;
    MaturityPanel *mMaturity;
    QLabel *mSelection;
    QLabel *mUser;
    QMenu *mRecent = nullptr;
};

}  // namespace phm::ui
