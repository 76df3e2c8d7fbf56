#include "mainwindow.h"
#include "chartactions.h"
#include "importreportmodel.h"
#include "tableactions.h"

#include "base/dates.h"

#include "auditlogdialog.h"
#include "cohortlibrary.h"
#include "cohortpanel.h"
#include "core20panel.h"
#include "dataoverviewwidget.h"
#include "evaluationpanel.h"
#include "geo/boundaries.h"
#include "geo/refdata.h"
#include "geographymodel.h"
#include "inequalitypanel.h"
#include "mappanel.h"
#include "maturitypanel.h"
#include "newdemodialog.h"
#include "packdesigner.h"
#include "profilecache.h"
#include "profilepanel.h"
#include "projectcontroller.h"
#include "pyramidview.h"
#include "revealdialog.h"
#include "riskpanel.h"
#include "screenfit.h"
#include "segmentationpanel.h"
#include "taskprogresswidget.h"
#include "taskrunner.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDate>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTreeView>
#include <tuple>

namespace phm::ui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent),
      mController(new ProjectController(this)),
      mGeography(new GeographyModel(this)),
      mNavigator(new QTreeView(this)),
      mPyramid(new PyramidView(this)),
      mOverview(new DataOverviewWidget(this)),
      mProfiles(new ProfileCache(mController, this)),
      mMap(new MapPanel(mController, mProfiles, this)),
      mSelection(new QLabel(this)),
      mUser(new QLabel(this)) {
    setWindowTitle(tr("PHM Workbench"));
    auto *central = new QTabWidget(this);
    central->setObjectName(QStringLiteral("centralTabs"));
    central->addTab(mMap, tr("Map"));
    central->addTab(mPyramid, tr("Population pyramid"));
    setCentralWidget(central);

    mNavigator->setObjectName(QStringLiteral("navigator"));
    mNavigator->setModel(mGeography);
    mNavigator->setUniformRowHeights(true);
    mNavigator->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    mNavigator->header()->setStretchLastSection(false);
    mNavigator->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    mNavigator->setMinimumWidth(240);
    installTableActions(mNavigator, mController, tr("Geography"), {0});
    for (QTableView *table : mOverview->findChildren<QTableView *>()) {
        installTableActions(table, mController, tr("Data overview"),
                            {ImportReportModel::File, ImportReportModel::DateFrom, ImportReportModel::DateTo});
    }
    installChartActions(mPyramid, mController, tr("Population pyramid"));
    QDockWidget *geographyDock = addDock(tr("Geography"), QStringLiteral("geography"), mNavigator, Qt::LeftDockWidgetArea);
    // The analysis views share the bottom area as tabs.
    QDockWidget *dataDock = addDock(tr("Data overview"), QStringLiteral("dataOverview"), mOverview);
    mCohorts = new CohortPanel(mController, this);
    mSegments = new SegmentationPanel(mController, this);
    mRisk = new RiskPanel(mController, this);
    mProfile = new ProfilePanel(mController, mProfiles, this);
    mCore20 = new Core20Panel(mController, this);
    mInequality = new InequalityPanel(mController, this);
    mMaturity = new MaturityPanel(mController, this);
    auto *evaluation = new EvaluationPanel(mController, this);
    auto *library = new CohortLibrary(mController, this);
    connect(library, &CohortLibrary::openRequested, this, &MainWindow::openCohort);
    installTableActions(library->view(), mController, tr("Cohort library"), {0, 1, 2, 4});
    QDockWidget *previous = dataDock;
    for (const auto &[title, name, widget] :
         {std::tuple<QString, QString, QWidget *>{tr("Cohort builder"), QStringLiteral("cohortBuilder"), mCohorts},
          {tr("Segmentation"), QStringLiteral("segmentation"), mSegments},
          {tr("Risk stratification"), QStringLiteral("risk"), mRisk},
          {tr("Area profile"), QStringLiteral("profile"), mProfile},
          {tr("Inequalities"), QStringLiteral("inequalities"), mInequality},
          {tr("Core20PLUS5"), QStringLiteral("core20"), mCore20},
          {tr("PHM maturity"), QStringLiteral("maturity"), mMaturity},
          {tr("Evaluation"), QStringLiteral("evaluation"), evaluation},
          {tr("Cohort library"), QStringLiteral("cohortLibrary"), library}}) {
        QDockWidget *dock = addDock(title, name, widget);
        tabifyDockWidget(previous, dock);
        previous = dock;
    }
    dataDock->raise();
    // Drill-down from a profile value to the people behind it, in the cohort builder.
    connect(mProfile, &ProfilePanel::cohortRequested, this, &MainWindow::openCohort);
    connect(mMap, &MapPanel::cohortRequested, this, &MainWindow::openCohort);
    connect(mMaturity, &MaturityPanel::cohortRequested, this, &MainWindow::openCohort);
    connect(mCohorts, &CohortPanel::statusMessage, this, [this](const QString &message) { statusBar()->showMessage(message, 8000); });
    connect(mMap, &MapPanel::areaSelected, this, [this](const core::Area &area) {
        selectArea(area);
        if (auto *dock = findChild<QDockWidget *>(QStringLiteral("profile"))) bringToFront(dock);
    });
    connect(mProfile, &ProfilePanel::indicatorSelected, mMap, &MapPanel::setIndicator);
    connect(mProfile, &ProfilePanel::indicatorSelected, mInequality, &InequalityPanel::setIndicator);
    connect(mProfile, &ProfilePanel::areaRequested, this, &MainWindow::selectArea);

    statusBar()->addWidget(mSelection, 1);
    statusBar()->addPermanentWidget(new TaskProgressWidget(mController->runner(), this));
    mUser->setObjectName(QStringLiteral("currentUser"));
    statusBar()->addPermanentWidget(mUser);
    mSelection->setText(tr("No project open. Use File > New demo ICS… to create one."));

    createActions();
    connect(mController, &ProjectController::projectOpened, this, &MainWindow::onProjectOpened);
    connect(mController, &ProjectController::failed, this,
            [this](const QString &message) { QMessageBox::critical(this, tr("PHM Workbench"), message); });
    connect(mController, &ProjectController::canceled, this,
            [this] { statusBar()->showMessage(tr("Cancelled; nothing was changed."), 5000); });
    connect(mNavigator->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        if (auto a = mGeography->area(current)) showArea(*a);
    });
    // F1 helps with the panel last worked in, even once the focus has left it.
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget *, QWidget *now) {
        for (QWidget *w = now; w; w = w->parentWidget())
            if (auto *dock = qobject_cast<QDockWidget *>(w)) {
                mLastPanel = dock->objectName();
                break;
            }
    });
    // Tab moves between controls; no table keeps it to walk cell by cell. Long names are cut in
    // the middle, so LSOAs and PCNs that share a prefix stay told apart.
    for (auto *view : findChildren<QAbstractItemView *>()) {
        view->setTabKeyNavigation(false);
        view->setTextElideMode(Qt::ElideMiddle);
    }
    fitToScreen(this, QSize(1280, 820));
    resizeDocks({dataDock}, {290}, Qt::Vertical);  // the pyramid keeps most of the height
    // Wide enough for PCN names; the navigator may be narrowed to 240 px on a small screen.
    resizeDocks({geographyDock}, {330}, Qt::Horizontal);
}

QDockWidget *MainWindow::addDock(const QString &title, const QString &objectName, QWidget *widget, Qt::DockWidgetArea area) {
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    if (area == Qt::BottomDockWidgetArea) {
        // An analysis panel scrolls when its dock is smaller than the panel's controls and charts,
        // so the docks never make the window taller than a laptop's screen; the focus given to the
        // dock goes to the panel.
        QScrollArea *scroll = scrollable(widget, dock);
        scroll->setFocusPolicy(Qt::NoFocus);
        scroll->setFocusProxy(widget);
        dock->setWidget(scroll);
    } else {
        dock->setWidget(widget);
    }
    addDockWidget(area, dock);
    return dock;
}

// The version of the dock layout saveState writes: raised when docks are added or renamed, so an
// older layout is not applied to a different set of docks.
constexpr int kLayoutVersion = 1;

void MainWindow::restoreLayout() {
    const QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray(), kLayoutVersion);
    // The View menu's ticks follow the docks restored closed (a dock hidden before the window is
    // shown does not tell its toggle action).
    for (auto *dock : findChildren<QDockWidget *>(Qt::FindDirectChildrenOnly))
        if (auto *action = findChild<QAction *>(dock->objectName() + QStringLiteral("ViewAction"))) action->setChecked(!dock->isHidden());
    mRemembersLayout = true;
}

void MainWindow::closeEvent(QCloseEvent *event) {
    if (mRemembersLayout) {
        QSettings settings;
        settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
        settings.setValue(QStringLiteral("window/state"), saveState(kLayoutVersion));
    }
    QMainWindow::closeEvent(event);
}

void MainWindow::onProjectOpened(const QString &path) {
    setWindowTitle(tr("%1 — PHM Workbench").arg(QFileInfo(path).fileName()));
    mGeography->setAreaIndex(mController->areas());
    mOverview->setReport(mController->importReport());
    mNavigator->expandToDepth(1);
    addRecent(path);
    const core::User &user = mController->user();
    mUser->setText(user.listed ? (user.practice.isEmpty() ? tr("%1 · %2").arg(user.name, core::roleName(user.role))
                                                          : tr("%1 · %2 · %3").arg(user.name, core::roleName(user.role), user.practice))
                               : tr("%1 · analyst (not listed)").arg(user.name));
    mUser->setToolTip(tr("Your login and your role in this project. Admins add users with phm users set."));
    selectArea(core::Area{core::Area::Ics, 0});
}

void MainWindow::openCohort(const QString &rule) {
    mCohorts->setRuleText(rule);
    if (auto *dock = findChild<QDockWidget *>(QStringLiteral("cohortBuilder"))) bringToFront(dock);
}

void MainWindow::openProject(const QString &path) { mController->openProject(path); }

void MainWindow::selectArea(const core::Area &area) {
    const QModelIndex index = mGeography->indexOf(area);
    if (index.isValid()) mNavigator->setCurrentIndex(index);
}

void MainWindow::showArea(const core::Area &area) {
    const auto areas = mController->areas();
    if (!areas) return;
    const QString name = areas->name(area);
    mPyramid->setPyramid(areas->pyramid(area), name);
    mSegments->setArea(area);
    mRisk->setArea(area);
    mProfile->setArea(area);
    mMap->setArea(area);
    mCore20->setArea(area);
    mInequality->setArea(area);
    mCohorts->setArea(area);
    mMaturity->setArea(area);
    const QLocale l;
    mSelection->setText(tr("Selected: %1 — %2 people registered at %3 (of %4 people in the extract)")
                            .arg(name, l.toString(qlonglong(areas->population(area))), core::displayDate(areas->project().extractEnd),
                                 l.toString(areas->project().persons.count)));
}

void MainWindow::newDemo() {
    NewDemoDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted) mController->createDemo(dialog.people(), dialog.seed(), dialog.folder());
}

void MainWindow::importFolder() {
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Folder with the extract's CSV files"));
    if (folder.isEmpty()) return;
    const QString project = QFileDialog::getSaveFileName(this, tr("Save the project as"), folder + QStringLiteral(".phm"),
                                                         tr("PHM Workbench projects (*.phm)"));
    if (!project.isEmpty()) mController->importFolder(folder, project);
}

void MainWindow::openFile() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open project"), QString(), tr("PHM Workbench projects (*.phm)"));
    if (!path.isEmpty()) mController->openProject(path);
}

void MainWindow::addRecent(const QString &path) {
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    settings.setValue(QStringLiteral("recentFiles"), recent.mid(0, 8));
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
    mRecent->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    for (const QString &path : recent)
        mRecent->addAction(QDir::toNativeSeparators(path), this, [this, path] { mController->openProject(path); });
    mRecent->setEnabled(!recent.isEmpty());
}

// A dialog over the open project, deleted when closed; with no project, the user is told to open
// one first.
void MainWindow::showProjectDialog(const QString &title, const std::function<QDialog *()> &make) {
    if (!mController->project() || !mController->areas()) {
        QMessageBox::information(this, title, tr("Open a project first."));
        return;
    }
    QDialog *dialog = make();
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::exportPacks() {
    showProjectDialog(tr("PCN packs"), [this] { return new PackDesigner(mController, this); });
}

void MainWindow::showAuditLog() {
    showProjectDialog(tr("Audit log"), [this] { return new AuditLogDialog(mController->session(), mController->user(), this); });
}

void MainWindow::revealIdentities() {
    showProjectDialog(tr("Reveal identities"), [this] {
        auto *dialog = new RevealDialog(mController->session(), mController->user(), this);
        dialog->setWindowModality(Qt::WindowModal);
        return dialog;
    });
}

void MainWindow::about() {
    QMessageBox::about(
        this, tr("About PHM Workbench"),
        tr("<h3>PHM Workbench %1</h3><p>Population health management for an Integrated Care System: cohorts, "
           "segmentation, place and PCN comparison, inequalities and PCN packs.</p>"
           "<p>All people in the demo are synthetic.</p><p><b>Reference data</b></p><p>%2</p><p><b>Boundaries</b></p><p>%3</p>")
            .arg(QApplication::applicationVersion(), core::ReferenceData::attribution().toHtmlEscaped(),
                 core::boundaryAttribution().toHtmlEscaped()));
}

}  // namespace phm::ui
