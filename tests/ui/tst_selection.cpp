// One selection for every panel: the area chosen in the Geography navigator is the cohort
// builder's base (its chip counts what the navigator counts) and the maturity panel's area.
#include "basepopulationbar.h"
#include "cohortpanel.h"
#include "cohorts/cohortanalysis.h"
#include "geographymodel.h"
#include "import/importer.h"
#include "mainwindow.h"
#include "mapview.h"
#include "maturitypanel.h"
#include "profilemodel.h"
#include "projectcontroller.h"
#include "testutil.h"
#include "windowparts.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTreeView>

using namespace phm;
using phm::test::part;

class TestSelection : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    QString mProject;

    static void select(ui::MainWindow &w, const core::Area &area) {
        const QModelIndex index = part<ui::GeographyModel>(w)->indexOf(area);
        QVERIFY(index.isValid());
        part<QTreeView>(w, QStringLiteral("navigator"))->setCurrentIndex(index);
    }
    static void count(ui::CohortPanel *c, const QString &rule) {
        QSignalSpy evaluated(c, &ui::CohortPanel::evaluated);
        c->setRuleText(rule);
        QVERIFY(evaluated.wait(20000));
        QVERIFY(c->lastRun().ok);
    }

private slots:
    void initTestCase() {
        mProject = test::importedProject(mDir.filePath(QStringLiteral("x")), mDir.filePath(QStringLiteral("p.phm")), 4000, 29);
        test::provenAdmin(mProject);
    }

    void theBaseChipCountsWhatTheNavigatorCounts() {
        ui::MainWindow w;
        QSignalSpy opened(part<ui::ProjectController>(w), &ui::ProjectController::projectOpened);
        part<ui::ProjectController>(w)->openProject(mProject);
        QVERIFY(opened.wait(20000));
        const auto areas = part<ui::ProjectController>(w)->areas();
        ui::CohortPanel *c = part<ui::CohortPanel>(w);
        // At the ICS: the registered and alive, not everyone who was ever in the extract.
        count(c, QStringLiteral("age >= 65"));
        const int64_t ics = areas->population(core::Area{core::Area::Ics, 0});
        QCOMPARE(c->lastRun().population, ics);
        QVERIFY(ics < areas->project().persons.count);
        const QLocale l;
        QVERIFY2(part<QLabel>(w, QStringLiteral("basePopulation"))->text().contains(l.toString(qlonglong(ics))),
                 qPrintable(part<QLabel>(w, QStringLiteral("basePopulation"))->text()));
        // A PCN selected in the navigator: the same rule is counted among that PCN's registered people.
        const core::Area pcn{core::Area::Pcn, 2};
        QSignalSpy evaluated(c, &ui::CohortPanel::evaluated);
        select(w, pcn);
        QVERIFY(evaluated.wait(20000));
        const int64_t registered = areas->population(pcn);
        QCOMPARE(c->lastRun().population, registered);
        const QString chip = c->baseBar()->chipText();
        QVERIFY2(chip.contains(areas->name(pcn)) && chip.contains(l.toString(qlonglong(registered))), qPrintable(chip));
        QVERIFY(c->lastRun().count < registered);
        // Including the deceased and deregistered: everyone attributed to the PCN.
        evaluated.clear();
        part<QCheckBox>(w, QStringLiteral("baseEveryone"))->setChecked(true);
        QVERIFY(evaluated.wait(20000));
        QCOMPARE(c->lastRun().population, int64_t(core::areaMembers(*areas, pcn).count()));
        QVERIFY(c->lastRun().population > registered);
        // An earlier index date: the registered then.
        part<QCheckBox>(w, QStringLiteral("baseEveryone"))->setChecked(false);
        evaluated.clear();
        QDateEdit *date = part<QDateEdit>(w, QStringLiteral("indexDate"));
        date->setDate(date->date().addYears(-2));
        QVERIFY(evaluated.wait(20000));
        const int32_t day = areas->project().extractEnd - int32_t(date->date().daysTo(date->maximumDate()));
        int64_t then = 0;
        for (int32_t p = 0; p < areas->project().persons.count; ++p)
            then += areas->contains(pcn, p) && areas->project().persons.isRegistered(p, day) ? 1 : 0;
        QCOMPARE(c->lastRun().population, then);
    }

    void theMaturityPanelFollowsTheSelection() {
        ui::MainWindow w;
        QSignalSpy opened(part<ui::ProjectController>(w), &ui::ProjectController::projectOpened);
        auto *maturity = part<ui::MaturityPanel>(w);
        QSignalSpy updated(maturity, &ui::MaturityPanel::updated);
        part<ui::ProjectController>(w)->openProject(mProject);
        QVERIFY(opened.wait(20000));
        QVERIFY(updated.wait(20000));
        const auto areas = part<ui::ProjectController>(w)->areas();
        const core::Area pcn{core::Area::Pcn, 3};
        select(w, pcn);
        QCOMPARE(maturity->levelBox()->currentData().toString(), QStringLiteral("pcn"));
        QCOMPARE(maturity->selectedArea(), areas->code(pcn));
        // A practice shows its PCN; a place its place row.
        const core::Area practice{core::Area::Practice, 0};
        select(w, practice);
        QCOMPARE(maturity->selectedArea(), areas->code(areas->parentOf(practice)));
        const core::Area place{core::Area::Place, 1};
        select(w, place);
        QCOMPARE(maturity->levelBox()->currentData().toString(), QStringLiteral("place"));
        QCOMPARE(maturity->selectedArea().toLower(), areas->code(place).toLower());
        // The whole ICS keeps the level and the row last shown (every row is part of the ICS).
        select(w, core::Area{core::Area::Ics, 0});
        QCOMPARE(maturity->levelBox()->currentData().toString(), QStringLiteral("place"));
        QCOMPARE(maturity->selectedArea().toLower(), areas->code(place).toLower());
    }

    void theMapZoomsToAndOutlinesTheSelection() {
        ui::MainWindow w;
        QSignalSpy opened(part<ui::ProjectController>(w), &ui::ProjectController::projectOpened);
        part<ui::ProjectController>(w)->openProject(mProject);
        QVERIFY(opened.wait(20000));
        auto *map = part<ui::MapView>(w);
        QVERIFY(map->areaRect().isEmpty());  // the ICS: the whole map
        const QRectF all = map->scene()->itemsBoundingRect();
        for (const core::Area area : {core::Area{core::Area::Place, 0}, core::Area{core::Area::Pcn, 1}}) {
            select(w, area);
            const QRectF zoomed = map->areaRect();
            QVERIFY(!zoomed.isEmpty());
            QVERIFY2(zoomed.width() < all.width() || zoomed.height() < all.height(), qPrintable(QString::number(int(area.kind))));
            // The view shows the area: its centre is in the middle of the viewport.
            const QPoint centre = map->mapFromScene(zoomed.center());
            QVERIFY(map->viewport()->rect().adjusted(50, 50, -50, -50).contains(centre));
        }
        select(w, core::Area{core::Area::Ics, 0});
        QVERIFY(map->areaRect().isEmpty());
    }

    void theIcsProfileIsNotComparedWithItself() {
        ui::MainWindow w;
        QSignalSpy opened(part<ui::ProjectController>(w), &ui::ProjectController::projectOpened);
        part<ui::ProjectController>(w)->openProject(mProject);
        QVERIFY(opened.wait(20000));
        auto *model = qobject_cast<ui::ProfileTableModel *>(part<QTableView>(w, QStringLiteral("profileTable"))->model());
        QVERIFY(model);
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 0, 60000);  // the ICS is selected when a project opens
        QVERIFY(!model->compared());
        for (int column : {int(ui::ProfileTableModel::Parent), int(ui::ProfileTableModel::Ics), int(ui::ProfileTableModel::Compared)}) {
            QCOMPARE(model->index(0, column).data().toString(), QStringLiteral("–"));
            QVERIFY(!model->index(0, column).data(Qt::BackgroundRole).isValid());
        }
        QVERIFY(!model->index(0, ui::ProfileTableModel::Value).data().toString().isEmpty());
        // A PCN is compared with the ICS as before.
        select(w, core::Area{core::Area::Pcn, 0});
        QTRY_VERIFY_WITH_TIMEOUT(model->compared(), 60000);
        QVERIFY(model->index(0, ui::ProfileTableModel::Compared).data().toString() != QStringLiteral("–"));
    }
};

QTEST_MAIN(TestSelection)
#include "tst_selection.moc"
