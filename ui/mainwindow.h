#pragma once
// The main window only creates and connects docks, actions and the status bar. It has no getters
// for its parts: tests and tests/ui/screenshot_main.cpp find them by objectName or type
// (findChild), as a user finds them on screen.
#include "geo/areas.h"

#include <QMainWindow>
#include <functional>

class QDialog;
class QDockWidget;
class QLabel;
class QMenu;
class QTabWidget;
class QTreeView;

namespace phm::ui {

class CohortPanel;
class Core20Panel;
class DataOverviewWidget;
class GeographyModel;
class HelpBrowser;
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
    // Opens a project file, as File > Open does (off the GUI thread; projectOpened or failed follows).
    void openProject(const QString &path);
    // Selects an area in the geography navigator, as clicking it there does.
    void selectArea(const core::Area &area);
    // Puts the window and its docks where the user left them (QSettings: "window/geometry" and
    // "window/state"), and from then on saves them when the window closes. phm-workbench calls
    // it at start; tests and phm-screenshot do not, so their windows always start the same.
    void restoreLayout();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    QDockWidget *addDock(const QString &title, const QString &objectName, QWidget *widget,
                         Qt::DockWidgetArea area = Qt::BottomDockWidgetArea);
    void createActions();  // ui/mainmenus.cpp
    void createEditMenu();
    void createViewMenu();
    QTabWidget *centralTabs() const;
    QString currentPanel() const;
    bool isInFront(const QDockWidget *dock) const;  // shown, and not behind another tab
    void bringToFront(QDockWidget *dock);
    void showHelp(const QString &topic);
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
    HelpBrowser *mHelp = nullptr;
    QString mLastPanel;  // the dock that last held the focus
    bool mRemembersLayout = false;
};

}  // namespace phm::ui
