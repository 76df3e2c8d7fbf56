// MainWindow's menus: File, Edit, View (a show/hide action per panel, Ctrl+1…9), Governance and
// Help (F1 for the panel in use, the rule language reference, About).
#include "mainwindow.h"

#include "cohortpanel.h"
#include "helpbrowser.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QDockWidget>
#include <QKeyEvent>
#include <QMenuBar>
#include <QTabBar>
#include <QTabWidget>
#include <QUndoStack>

namespace phm::ui {

void MainWindow::createActions() {
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New demo ICS…"), this, &MainWindow::newDemo);
    file->addAction(tr("&Import folder…"), this, &MainWindow::importFolder);
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::openFile);
    mRecent = file->addMenu(tr("Open &recent"));
    file->addSeparator();
    file->addAction(tr("PCN &packs: design, preview, export…"), this, &MainWindow::exportPacks)
        ->setObjectName(QStringLiteral("packsAction"));
    rebuildRecentMenu();
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::closeAllWindows);
    createEditMenu();
    createViewMenu();
    QMenu *governance = menuBar()->addMenu(tr("&Governance"));
    governance->addAction(tr("&Reveal identities…"), this, &MainWindow::revealIdentities);
    governance->addAction(tr("&Audit log…"), this, &MainWindow::showAuditLog)->setObjectName(QStringLiteral("auditLogAction"));
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("Help for this &panel"), QKeySequence::HelpContents, this, [this] { showHelp(currentPanel()); })
        ->setObjectName(QStringLiteral("panelHelpAction"));
    help->addAction(tr("&Contents"), this, [this] { showHelp(QStringLiteral("index")); });
    help->addAction(tr("&Rule language reference"), this, [this] { showHelp(QStringLiteral("rules")); })
        ->setObjectName(QStringLiteral("ruleReferenceAction"));
    help->addSeparator();
    help->addAction(tr("&About PHM Workbench"), this, &MainWindow::about);
}

void MainWindow::createEditMenu() {
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    // Undo and redo act on the cohort rule's history (text and panel); text boxes keep their own.
    QAction *undo = mCohorts->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    undo->setObjectName(QStringLiteral("undoAction"));
    QAction *redo = mCohorts->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    redo->setObjectName(QStringLiteral("redoAction"));
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    // Copy goes to whatever has the focus, as Ctrl+C pressed there would: a table copies its
    // selection through the governed output, a text box its selected text.
    QAction *copy = edit->addAction(tr("&Copy"), this, [] {
        QWidget *focus = QApplication::focusWidget();
        if (!focus) return;
        QKeyEvent press(QEvent::KeyPress, Qt::Key_C, Qt::ControlModifier);
        QApplication::sendEvent(focus, &press);
    });
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WindowShortcut);
    copy->setObjectName(QStringLiteral("copyAction"));
}

void MainWindow::createViewMenu() {
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    int number = 1;
    // In the order of the help's table: Ctrl+1 the navigator, Ctrl+2 the data, then the analyses.
    for (const char *name : {"geography", "dataOverview", "cohortBuilder", "segmentation", "risk", "profile", "inequalities", "core20",
                             "maturity", "evaluation", "cohortLibrary"}) {
        auto *dock = findChild<QDockWidget *>(QLatin1String(name), Qt::FindDirectChildrenOnly);
        if (!dock) continue;
        // Checked while the panel is open. Ctrl+n opens a closed panel and brings a hidden tab to
        // the front (with the focus in it); only a panel already in front is closed.
        auto *action = view->addAction(dock->windowTitle());
        action->setObjectName(dock->objectName() + QStringLiteral("ViewAction"));
        action->setCheckable(true);
        action->setChecked(!dock->isHidden());
        if (number <= 9) action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_0 + number++)));
        addAction(action);  // the window's own too, so the shortcut works with the menu bar hidden
        connect(action, &QAction::triggered, this, [this, dock, action] {
            if (!dock->isHidden() && isInFront(dock)) {
                dock->close();
            } else {
                bringToFront(dock);
                if (dock->widget()) dock->widget()->setFocus(Qt::ShortcutFocusReason);
            }
            action->setChecked(!dock->isHidden());
        });
        connect(dock->toggleViewAction(), &QAction::toggled, action, &QAction::setChecked);
    }
    view->addSeparator();
    view->addAction(tr("&Map"), this, [this] { centralTabs()->setCurrentIndex(0); });
    view->addAction(tr("Population p&yramid"), this, [this] { centralTabs()->setCurrentIndex(1); });
}

// A dock shares its place with others as tabs of a tab bar of the main window (named by the
// docks' titles); it is in front when it is alone or its tab is the current one.
static QTabBar *tabBarOf(const QMainWindow *window, const QDockWidget *dock, int *index) {
    for (QTabBar *bar : window->findChildren<QTabBar *>(Qt::FindDirectChildrenOnly))
        for (int i = 0; i < bar->count(); ++i)
            if (bar->isVisible() && bar->tabText(i) == dock->windowTitle()) {
                *index = i;
                return bar;
            }
    return nullptr;
}

bool MainWindow::isInFront(const QDockWidget *dock) const {
    if (dock->isHidden()) return false;
    int index = -1;
    const QTabBar *bar = tabBarOf(this, dock, &index);
    return !bar || bar->currentIndex() == index;
}

void MainWindow::bringToFront(QDockWidget *dock) {
    dock->show();
    dock->raise();
    int index = -1;
    if (QTabBar *bar = tabBarOf(this, dock, &index)) bar->setCurrentIndex(index);
}

QTabWidget *MainWindow::centralTabs() const { return static_cast<QTabWidget *>(centralWidget()); }

// The panel the user is working in: the dock holding the focus, else the map or pyramid tab.
QString MainWindow::currentPanel() const {
    for (QWidget *w = QApplication::focusWidget(); w; w = w->parentWidget()) {
        if (auto *dock = qobject_cast<QDockWidget *>(w)) return dock->objectName();
        if (w == centralWidget()) return centralTabs()->currentIndex() == 0 ? QStringLiteral("map") : QStringLiteral("pyramid");
    }
    return mLastPanel.isEmpty() ? QStringLiteral("index") : mLastPanel;
}

void MainWindow::showHelp(const QString &topic) {
    if (!mHelp) mHelp = new HelpBrowser(this);
    if (topic == QLatin1String("rules"))
        mHelp->showRuleReference();
    else
        mHelp->showTopic(topic);
    mHelp->show();
    mHelp->raise();
}

}  // namespace phm::ui
