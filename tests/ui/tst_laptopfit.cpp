// The workbench on a laptop: a 1366×768 screen (the offscreen platform configured to that size),
// a small project open. Every dock, central tab and dialog is shown in turn; no visible widget may
// reach outside its window or its parent, the status bar and the tab bars must be on screen, and
// the dialogs' buttons must be on the screen. The window and dock layout come back as left, and
// the maturity charts write no text below 8 pt.
#include "assessmentdialog.h"
#include "auditlogdialog.h"
#include "cycledialog.h"
#include "frameworkdialog.h"
#include "freezedialog.h"
#include "import/importer.h"
#include "indicatoreditor.h"
#include "mainwindow.h"
#include "maturitypanel.h"
#include "newdemodialog.h"
#include "packdesigner.h"
#include "projectcontroller.h"
#include "report/maturitypainter.h"
#include "revealdialog.h"
#include "tableactions.h"
#include "testutil.h"
#include "windowparts.h"

#include <QAbstractScrollArea>
#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QMenuBar>
#include <QPaintEngine>
#include <QPainter>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QTreeView>

using namespace phm;
using phm::test::part;

namespace {

constexpr QSize kScreen(1366, 768);
constexpr int kTaskBar = 40;  // a laptop's task bar takes the bottom of the screen

const char *const kDocks[] = {"geography", "dataOverview", "cohortBuilder", "segmentation", "risk",
                              "profile",   "inequalities", "core20",        "maturity"};

// Inside the viewport of a scroll area (a table's cells, a scrolled form), a widget may lie
// outside the visible part: that is what scrolling is for.
bool scrolled(const QWidget *w, const QWidget *top) {
    for (const QWidget *p = w->parentWidget(); p && p != top; p = p->parentWidget())
        if (auto *area = qobject_cast<const QAbstractScrollArea *>(p->parentWidget()); area && area->viewport() == p) return true;
    return false;
}

// A dock behind another's tab is parked outside the window by Qt (it is not on screen).
bool parked(const QWidget *w, const QWidget *top) {
    for (const QWidget *p = w; p && p != top; p = p->parentWidget())
        if (qobject_cast<const QDockWidget *>(p) && !p->geometry().intersects(top->rect())) return true;
    return false;
}

// The visible widgets of `top` that reach outside it or outside their parent, by name.
QStringList outside(QWidget *top) {
    QStringList bad;
    const QRect window = top->rect();
    for (QWidget *w : top->findChildren<QWidget *>()) {
        if (!w->isVisibleTo(top) || w->isWindow() || scrolled(w, top) || parked(w, top)) continue;
        const QRect inTop(w->mapTo(top, QPoint(0, 0)), w->size());
        const QWidget *parent = w->parentWidget();
        const bool inParent = parent == top || parent->rect().contains(w->geometry());
        if (!window.contains(inTop) || !inParent)
            bad << QStringLiteral("%1 \"%2\" at %3,%4 %5×%6 (parent %7 %8×%9)")
                       .arg(QString::fromLatin1(w->metaObject()->className()), w->objectName())
                       .arg(inTop.x())
                       .arg(inTop.y())
                       .arg(inTop.width())
                       .arg(inTop.height())
                       .arg(QString::fromLatin1(parent->metaObject()->className()))
                       .arg(parent->width())
                       .arg(parent->height());
    }
    return bad;
}

QRect laptopArea() { return QRect(QPoint(0, 0), kScreen - QSize(0, kTaskBar)); }

// A dialog shown over the window fits the screen, its buttons included, and nothing in it spills;
// each of its tables can be copied and exported (governed, audited) unless it is `private`.
void checkDialog(QWidget *d, const char *what, bool privateTables = false) {
    d->show();
    QVERIFY(QTest::qWaitForWindowExposed(d));
    QTest::qWait(50);
    const QRect screen = QGuiApplication::primaryScreen()->availableGeometry();
    QVERIFY2(d->minimumSizeHint().height() <= screen.height() && d->minimumSizeHint().width() <= screen.width(),
             qPrintable(QStringLiteral("%1: minimum %2×%3")
                            .arg(QLatin1String(what))
                            .arg(d->minimumSizeHint().width())
                            .arg(d->minimumSizeHint().height())));
    QVERIFY2(screen.contains(d->frameGeometry()), qPrintable(QStringLiteral("%1 at %2,%3 %4×%5")
                                                                 .arg(QLatin1String(what))
                                                                 .arg(d->frameGeometry().x())
                                                                 .arg(d->frameGeometry().y())
                                                                 .arg(d->frameGeometry().width())
                                                                 .arg(d->frameGeometry().height())));
    const auto boxes = d->findChildren<QDialogButtonBox *>();
    QVERIFY2(!boxes.isEmpty(), what);
    for (QDialogButtonBox *box : boxes) {
        QVERIFY2(box->isVisible(), what);
        QVERIFY2(screen.contains(QRect(box->mapToGlobal(QPoint(0, 0)), box->size())), what);
    }
    const QStringList bad = outside(d);
    QVERIFY2(bad.isEmpty(), qPrintable(QLatin1String(what) + QStringLiteral(": ") + bad.join(QStringLiteral("; "))));
    for (QAbstractItemView *v : d->findChildren<QAbstractItemView *>()) {
        if (!qobject_cast<QTableView *>(v) && !qobject_cast<QTreeView *>(v)) continue;
        const bool copyable = v->findChild<ui::TableActions *>(QString(), Qt::FindDirectChildrenOnly) != nullptr;
        QVERIFY2(copyable != privateTables, what);
    }
}

// A paint device that records the point size of every piece of text drawn on it.
class FontRecorder : public QPaintDevice {
public:
    class Engine : public QPaintEngine {
    public:
        QList<double> points;
        bool begin(QPaintDevice *) override { return true; }
        bool end() override { return true; }
        void updateState(const QPaintEngineState &) override {}
        void drawPixmap(const QRectF &, const QPixmap &, const QRectF &) override {}
        void drawPolygon(const QPointF *, int, PolygonDrawMode) override {}
        void drawTextItem(const QPointF &, const QTextItem &item) override {
            const QFont f = item.font();
            points << (f.pointSizeF() > 0 ? f.pointSizeF() : f.pixelSize() * 72.0 / 96.0);
        }
        Type type() const override { return User; }
    };
    mutable Engine engine;
    QPaintEngine *paintEngine() const override { return &engine; }
    int metric(PaintDeviceMetric m) const override {
        switch (m) {
            case PdmWidth:
                return 400;
            case PdmHeight:
                return 260;
            case PdmDpiX:
            case PdmDpiY:
            case PdmPhysicalDpiX:
            case PdmPhysicalDpiY:
                return 96;
            case PdmDevicePixelRatio:
                return 1;
            case PdmDevicePixelRatioScaled:
                return int(devicePixelRatioFScale());
            case PdmDepth:
                return 32;
            case PdmNumColors:
                return INT_MAX;
            case PdmWidthMM:
                return 400 * 254 / 960;
            case PdmHeightMM:
                return 260 * 254 / 960;
        }
        return 0;
    }
};

}  // namespace

class TestLaptopFit : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    QString mProject;

    void open(ui::MainWindow &w) {
        QSignalSpy opened(part<ui::ProjectController>(w), &ui::ProjectController::projectOpened);
        part<ui::ProjectController>(w)->openProject(mProject);
        QVERIFY(opened.wait(20000));
    }
    static void checkWindow(ui::MainWindow &w, const QString &what) {
        QTest::qWait(80);
        const QStringList bad = outside(&w);
        QVERIFY2(bad.isEmpty(), qPrintable(what + QStringLiteral(": ") + bad.join(QStringLiteral("; "))));
        QStatusBar *status = w.statusBar();
        QVERIFY2(status->isVisible() && w.rect().contains(QRect(status->mapTo(&w, QPoint(0, 0)), status->size())), qPrintable(what));
        int bars = 0;
        for (QTabBar *bar : w.findChildren<QTabBar *>()) {
            if (!bar->isVisibleTo(&w) || parked(bar, &w)) continue;
            ++bars;
            QVERIFY2(w.rect().contains(QRect(bar->mapTo(&w, QPoint(0, 0)), bar->size())), qPrintable(what));
        }
        QVERIFY2(bars >= 2, qPrintable(what));  // the docks' tabs and the map/pyramid tabs
    }

private slots:
    void initTestCase() {
        QVERIFY(mDir.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, mDir.filePath(QStringLiteral("settings")));
        QCOMPARE(QGuiApplication::primaryScreen()->geometry().size(), kScreen);
        const QString x = test::makeExtract(mDir.filePath(QStringLiteral("x")), 3000, 31);
        mProject = mDir.filePath(QStringLiteral("p.phm"));
        core::Feedback fb;
        QVERIFY(core::importExtract(x, mProject, fb));
        test::provenAdmin(mProject);
    }

    void everyPanelFitsTheScreen() {
        ui::MainWindow w;
        const QSize before = w.minimumSizeHint();
        qInfo("main window minimum size hint %d×%d", before.width(), before.height());
        QVERIFY2(before.width() <= 1000 && before.height() <= 560,
                 qPrintable(QStringLiteral("%1×%2").arg(before.width()).arg(before.height())));
        w.setGeometry(laptopArea());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        open(w);
        QVERIFY(w.minimumSizeHint().height() <= 560);
        for (const char *name : kDocks) {
            auto *dock = part<QDockWidget>(w, QLatin1String(name));
            dock->show();
            dock->raise();
            QTest::qWait(50);
            QVERIFY2(w.rect().contains(dock->geometry()), name);  // in front, and whole
            checkWindow(w, QLatin1String(name));
            if (QTest::currentTestFailed()) return;
        }
        auto *central = part<QTabWidget>(w, QStringLiteral("centralTabs"));
        for (int i = 0; i < central->count(); ++i) {
            central->setCurrentIndex(i);
            checkWindow(w, central->tabText(i));
            if (QTest::currentTestFailed()) return;
        }
        // The main actions stay reachable: the menus and the packs action.
        QVERIFY(w.menuBar()->isVisible());
        QVERIFY(part<QAction>(w, QStringLiteral("packsAction"))->isEnabled());
    }

    void everyDialogFitsTheScreen() {
        ui::MainWindow w;
        w.setGeometry(laptopArea());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        open(w);
        auto *controller = part<ui::ProjectController>(w);
        part<QAction>(w, QStringLiteral("packsAction"))->trigger();
        checkDialog(part<ui::PackDesigner>(w), "packs");
        part<ui::PackDesigner>(w)->close();
        part<QAction>(w, QStringLiteral("auditLogAction"))->trigger();
        checkDialog(part<ui::AuditLogDialog>(w), "audit log");
        part<ui::AuditLogDialog>(w)->close();
        {
            ui::RevealDialog reveal(controller->session(), controller->user(), &w);
            checkDialog(&reveal, "reveal", true);  // re-identified people are never copied out
        }
        {
            ui::FreezeDialog freeze(controller->session(), &w);
            checkDialog(&freeze, "freeze a cohort");
        }
        {
            ui::NewDemoDialog demo(&w);
            checkDialog(&demo, "new demo");
        }
        {
            core::IndicatorDefinition d;
            d.id = QStringLiteral("lives-alone-65");
            d.name = QStringLiteral("Living alone (65+)");
            d.numerator = QStringLiteral("lives_alone");
            d.denominator = QStringLiteral("registered and age >= 65");
            ui::IndicatorEditor editor(controller, d, &w);
            checkDialog(&editor, "indicator editor");
        }
        part<QAction>(w, QStringLiteral("panelHelpAction"))->trigger();
        checkDialog(w.findChild<QDialog *>(QStringLiteral("helpBrowser")), "help");
        auto *maturity = part<ui::MaturityPanel>(w);
        QTRY_VERIFY_WITH_TIMEOUT(maturity->selectedArea().size() > 0, 20000);
        ui::AssessmentDialog *assessment = maturity->newAssessment();
        QVERIFY(assessment);
        checkDialog(assessment, "assessment");
        assessment->close();
        ui::FrameworkDialog *framework = maturity->editFramework();
        QVERIFY(framework);
        checkDialog(framework, "framework");
        framework->close();
        ui::CycleDialog *cycle = maturity->recordCycle();
        QVERIFY(cycle);
        checkDialog(cycle, "cycle");
        cycle->close();
        // The PLUS groups editor is modal: checked while it runs, then cancelled.
        bool checked = false;
        QTimer::singleShot(200, &w, [&checked] {
            auto *d = qobject_cast<QDialog *>(QApplication::activeModalWidget());
            QVERIFY(d);
            checkDialog(d, "PLUS groups");
            checked = true;
            d->reject();
        });
        QPushButton *plus = nullptr;
        for (QPushButton *b : w.findChildren<QPushButton *>())
            if (b->text() == QStringLiteral("PLUS groups…")) plus = b;
        QVERIFY(plus);
        plus->click();
        QVERIFY(checked);
    }

    void theLayoutComesBackAsLeft() {
        QSettings().clear();
        QRect geometry(40, 30, 1100, 620);
        {
            ui::MainWindow w;
            w.restoreLayout();
            w.setGeometry(geometry);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            // The navigator moved to the right, the maturity dock closed.
            auto *geography = part<QDockWidget>(w, QStringLiteral("geography"));
            w.addDockWidget(Qt::RightDockWidgetArea, geography);
            part<QDockWidget>(w, QStringLiteral("maturity"))->close();
            QTest::qWait(50);
            geometry = w.geometry();
            w.close();
        }
        QVERIFY(QSettings().contains(QStringLiteral("window/state")));
        ui::MainWindow again;
        again.restoreLayout();
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QCOMPARE(again.dockWidgetArea(part<QDockWidget>(again, QStringLiteral("geography"))), Qt::RightDockWidgetArea);
        QVERIFY(part<QDockWidget>(again, QStringLiteral("maturity"))->isHidden());
        QVERIFY(!part<QAction>(again, QStringLiteral("maturityViewAction"))->isChecked());
        QCOMPARE(again.geometry().size(), geometry.size());
        // A window that does not restore its layout (tests, phm-screenshot) starts as designed.
        ui::MainWindow fresh;
        QCOMPARE(fresh.dockWidgetArea(part<QDockWidget>(fresh, QStringLiteral("geography"))), Qt::LeftDockWidgetArea);
    }

    void maturityChartsWriteNoTextBelow8pt() {
        const core::maturity::Framework f = core::maturity::builtInFrameworks().front();  // Infrastructure, Intelligence, ...
        std::vector<report::HeatmapRow> heat;
        std::vector<report::ComparisonRow> comparison;
        for (int r = 0; r < 30; ++r) {
            heat.push_back({QStringLiteral("Primary care network %1").arg(r), {r % 4, -1, 2, 1}});
            comparison.push_back({QStringLiteral("Primary care network %1").arg(r), 1.5, 2.5});
        }
        core::maturity::Assessment a;
        for (const auto &c : f.capabilities) a.ratings.push_back({c.name, 1, 3, {}, {}, {}});
        std::vector<core::maturity::Assessment> history{a, a};
        history[0].assessedOn = QDate(2025, 4, 1);
        history[1].assessedOn = QDate(2025, 10, 1);
        for (int chart = 0; chart < 4; ++chart) {
            FontRecorder device;
            {
                QPainter p(&device);
                const QRectF box(0, 0, 400, 260);
                if (chart == 0) report::drawHeatmap(p, box, f, heat);
                if (chart == 1) report::drawRadar(p, box, f, a);
                if (chart == 2) report::drawTimeline(p, box, f, history);
                if (chart == 3) report::drawComparison(p, box, f, comparison);
            }
            QVERIFY2(!device.engine.points.isEmpty(), qPrintable(QString::number(chart)));
            for (double pt : device.engine.points) QVERIFY2(pt >= 7.99, qPrintable(QStringLiteral("chart %1: %2 pt").arg(chart).arg(pt)));
        }
    }
};

// The offscreen platform with one laptop-sized screen, whatever QT_QPA_PLATFORM says.
int main(int argc, char **argv) {
    QTemporaryDir config;
    QFile json(config.filePath(QStringLiteral("screen.json")));
    if (!json.open(QIODevice::WriteOnly)) return 2;
    json.write(QStringLiteral("{\"screens\": [{\"name\": \"laptop\", \"x\": 0, \"y\": 0, \"width\": %1, \"height\": %2, "
                              "\"logicalDpi\": 96, \"logicalBaseDpi\": 96, \"dpr\": 1}]}")
                   .arg(kScreen.width())
                   .arg(kScreen.height())
                   .toUtf8());
    json.close();
    qputenv("QT_QPA_PLATFORM", (QStringLiteral("offscreen:configfile=") + json.fileName()).toLocal8Bit());
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("PHM Workbench tests"));
    QApplication::setApplicationName(QStringLiteral("tst_laptopfit"));
    TestLaptopFit test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_laptopfit.moc"
