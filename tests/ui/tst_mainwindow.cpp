// GUI smoke test under QT_QPA_PLATFORM=offscreen: open a project as a background task,
// select a PCN in the navigator, and check the pyramid shows that PCN's registered people.
#include "../core/testutil.h"
#include "assessmentdialog.h"
#include "auditlogdialog.h"
#include "breakdownview.h"
#include "cohortanalysis.h"
#include "cohortpanel.h"
#include "cohortstore.h"
#include "core20panel.h"
#include "cycledialog.h"
#include "dataoverviewwidget.h"
#include "frameworkdialog.h"
#include "geographymodel.h"
#include "importer.h"
#include "importreportmodel.h"
#include "indicatoreditor.h"
#include "inequalitypanel.h"
#include "keystore.h"
#include "leaguetable.h"
#include "mainwindow.h"
#include "mappanel.h"
#include "mapview.h"
#include "maturitycharts.h"
#include "maturitypanel.h"
#include "maturitystore.h"
#include "overlapview.h"
#include "packdesigner.h"
#include "packtemplate.h"
#include "packwriter.h"
#include "profilecache.h"
#include "profilepanel.h"
#include "projectcontroller.h"
#include "pyramidview.h"
#include "revealdialog.h"
#include "riskpanel.h"
#include "rulepanelwidget.h"
#include "segmentationpanel.h"
#include "taskrunner.h"
#include "trendview.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QBuffer>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDate>
#include <QDateEdit>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPdfWriter>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTreeView>
#include <QUndoStack>

using namespace phm;

class TestMainWindow : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    QString mProject;

private slots:
    void initTestCase() {
        const QString x = test::makeExtract(mDir.filePath(QStringLiteral("x")), 5000, 17);
        mProject = mDir.filePath(QStringLiteral("p.phm"));
        core::Feedback fb;
        QVERIFY(core::importExtract(x, mProject, fb));
    }

    void openSelectPcnShowsPyramid() {
        ui::MainWindow w;
        w.show();
        QSignalSpy opened(w.controller(), &ui::ProjectController::projectOpened);
        w.controller()->openProject(mProject);
        QVERIFY(w.controller()->runner()->isBusy());  // the open runs off the GUI thread
        QVERIFY(opened.wait(20000));
        QAbstractItemModelTester geoTester(w.geographyModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester reportTester(w.dataOverview()->reportModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(w.dataOverview()->reportModel()->rowCount(), 10);
        QAbstractItemModelTester reasonTester(w.dataOverview()->rejectReasonModel(),
                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        // persons.csv is selected first; its reasons are listed with their counts.
        const auto &persons = w.controller()->importReport().files[1];
        QCOMPARE(w.dataOverview()->rejectReasonModel()->rowCount(), int(persons.rejectsByReason.size()));

        const core::Area pcn{core::Area::Pcn, 3};
        const QModelIndex index = w.geographyModel()->indexOf(pcn);
        QVERIFY(index.isValid());
        w.navigator()->setCurrentIndex(index);
        const int64_t expected = w.controller()->areas()->population(pcn);
        QVERIFY(expected > 50);
        QCOMPARE(w.pyramid()->shownTotal(), expected);
        QVERIFY(w.pyramid()->chart()->title().contains(w.controller()->areas()->name(pcn)));
        QVERIFY(!w.grab().isNull());
    }

    void populationsAddUpInTheTree() {
        ui::MainWindow w;
        QSignalSpy opened(w.controller(), &ui::ProjectController::projectOpened);
        w.controller()->openProject(mProject);
        QVERIFY(opened.wait(20000));
        // The ICS row's population equals the sum over its care alliances.
        const QModelIndex ics = w.geographyModel()->index(0, 1);
        int64_t sum = 0;
        for (int r = 0; r < w.geographyModel()->rowCount(w.geographyModel()->index(0, 0)); ++r) {
            const auto a = w.geographyModel()->area(w.geographyModel()->index(r, 0, w.geographyModel()->index(0, 0)));
            QVERIFY(a && a->kind == core::Area::Alliance);
            sum += w.controller()->areas()->population(*a);
        }
        QCOMPARE(sum, w.controller()->areas()->population({core::Area::Ics, 0}));
        QVERIFY(ics.data().toString().size() > 0);
    }

    void cancelImportLeavesNothingBehind() {
        const QString x = test::makeExtract(mDir.filePath(QStringLiteral("big")), 60000, 5);
        const QString target = mDir.filePath(QStringLiteral("canceled.phm"));
        ui::MainWindow w;
        QSignalSpy canceled(w.controller(), &ui::ProjectController::canceled);
        w.controller()->importFolder(x, target);
        QVERIFY(w.controller()->runner()->isBusy());
        w.controller()->runner()->cancel();  // what the status bar's Cancel button does
        QVERIFY(canceled.wait(20000));
        QVERIFY(!w.controller()->runner()->isBusy());
        QVERIFY(!QFile::exists(target));
        QVERIFY(QDir(mDir.path()).entryList({QStringLiteral("canceled.phm*")}, QDir::AllEntries | QDir::Hidden).isEmpty());
        QVERIFY(!w.controller()->project());
    }

    void cohortBuilderCountsLive() {
        ui::MainWindow w;
        QSignalSpy opened(w.controller(), &ui::ProjectController::projectOpened);
        w.controller()->openProject(mProject);
        QVERIFY(opened.wait(20000));
        QSignalSpy evaluated(w.cohortPanel(), &ui::CohortPanel::evaluated);
        w.cohortPanel()->editor()->setPlainText(QStringLiteral("age >= 50 and has(gp, @hypertension)"));
        QVERIFY(evaluated.wait(20000));  // debounced, evaluated on a worker thread
        const core::RuleRun expected = core::runRuleText(*w.controller()->project(), *w.controller()->codeLists(),
                                                         QStringLiteral("age >= 50 and has(gp, @hypertension)"));
        QVERIFY(w.cohortPanel()->lastRun().ok);
        QCOMPARE(w.cohortPanel()->lastRun().count, expected.count);
        QCOMPARE(int(w.cohortPanel()->lastRun().attrition.size()), 2);
        evaluated.clear();
        w.cohortPanel()->editor()->setPlainText(QStringLiteral("age >= 50 and imd_decil < 3"));
        QVERIFY(evaluated.wait(20000));
        QVERIFY(!w.cohortPanel()->lastRun().ok);
        QVERIFY(w.cohortPanel()->lastRun().error.contains(QStringLiteral("did you mean `imd_decile`?")));
        QCOMPARE(w.cohortPanel()->lastRun().errorColumn, 15);
    }

    void panelAndTextStayInSyncWithOneUndoHistory() {
        ui::MainWindow w;
        QSignalSpy opened(w.controller(), &ui::ProjectController::projectOpened);
        w.controller()->openProject(mProject);
        QVERIFY(opened.wait(20000));
        ui::CohortPanel *c = w.cohortPanel();
        QSignalSpy evaluated(c, &ui::CohortPanel::evaluated);
        // Text -> panel: typing a rule shows it as groups.
        const QString typed = QStringLiteral("age >= 50 and (has(gp, @copd) or has(gp, @asthma))");
        c->editor()->setPlainText(typed);
        QVERIFY(evaluated.wait(20000));
        const auto &groups = c->panelView()->panel().groups;
        QCOMPARE(int(groups.size()), 2);
        QCOMPARE(groups[1].criteria, QStringList({QStringLiteral("has(gp, @copd)"), QStringLiteral("has(gp, @asthma)")}));
        QCOMPARE(c->panelView()->criterionEditors().size(), 3);
        const int64_t before = c->lastRun().count;
        // Panel -> text: an exclusion group added in the panel appears in the text and the count.
        core::rules::RulePanel edited = c->panelView()->panel();
        edited.groups.push_back({true, {QStringLiteral("care_home")}});
        c->panelView()->setPanel(edited);
        emit c->panelView()->edited();
        QCOMPARE(c->editor()->toPlainText(), QStringLiteral("age >= 50\nand (has(gp, @copd) or has(gp, @asthma))\nand not (care_home)"));
        evaluated.clear();
        QVERIFY(evaluated.wait(20000));
        QVERIFY(c->lastRun().ok && c->lastRun().count <= before);
        QCOMPARE(int(c->lastRun().attrition.size()), 3);
        // One history for both: undo the panel edit, then the typing; redo brings them back.
        c->undoStack()->undo();
        QCOMPARE(c->editor()->toPlainText(), typed);
        c->undoStack()->undo();
        QCOMPARE(c->editor()->toPlainText(), QString());
        c->undoStack()->redo();
        c->undoStack()->redo();
        QVERIFY(c->editor()->toPlainText().endsWith(QStringLiteral("and not (care_home)")));
        // Ctrl+Z in the editor drives the same history.
        QTest::keyClick(c->editor(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(c->editor()->toPlainText(), typed);
        // The breakdown by place follows the count and adds up to it.
        evaluated.clear();
        QVERIFY(evaluated.wait(20000));
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                int64_t sum = 0;
                for (const auto &r : c->breakdown()->model()->rows()) sum += r.count;
                return sum == c->lastRun().count;
            }(),
            20000);
    }

    void overlapOfSavedCohorts() {
        QTemporaryDir dir;
        const QString copy = dir.filePath(QStringLiteral("copy.phm"));
        QVERIFY(QFile::copy(mProject, copy));
        core::CohortStore store(copy);
        QVERIFY(store.save(QStringLiteral("Over 60"), QStringLiteral("age >= 60"), QStringLiteral("t"), QString(), -1));
        QVERIFY(store.save(QStringLiteral("Hypertension"), QStringLiteral("has(gp, @hypertension)"), QStringLiteral("t"), QString(), -1));
        ui::MainWindow w;
        QSignalSpy opened(w.controller(), &ui::ProjectController::projectOpened);
        w.controller()->openProject(copy);
        QVERIFY(opened.wait(20000));
        ui::OverlapView *o = w.cohortPanel()->overlapView();
        QCOMPARE(o->cohorts()->count(), 2);
        QVERIFY(!o->compareButton()->isEnabled());  // needs 2 to 4 ticked
        for (int i = 0; i < 2; ++i) o->cohorts()->item(i)->setCheckState(Qt::Checked);
        QVERIFY(o->compareButton()->isEnabled());
        QSignalSpy updated(o, &ui::OverlapView::updated);
        o->compareButton()->click();
        QVERIFY(updated.wait(20000));
        // Three regions (only A, only B, both) that add up to the union, as the core computes it.
        QCOMPARE(o->table()->rowCount(), 3);
        auto regions = core::overlapOfSaved(*w.controller()->project(), *w.controller()->codeLists(),
                                            {QStringLiteral("Hypertension"), QStringLiteral("Over 60")});
        QVERIFY(regions);
        int64_t both = 0;
        for (const auto &r : regions.value())
            if (r.members == 3u) both = r.count;
        bool found = false;
        for (int row = 0; row < 3; ++row)
            if (!o->table()->item(row, 0)->text().isEmpty() && !o->table()->item(row, 1)->text().isEmpty())
                found = QLocale().toLongLong(o->table()->item(row, 2)->text()) == both;
        QVERIFY(found);
    }

    void riskViewTrainsAndFollowsTheArea() {
        ui::MainWindow w;
        QSignalSpy opened(w.controller(), &ui::ProjectController::projectOpened);
        w.controller()->openProject(mProject);
        QVERIFY(opened.wait(20000));
        QTRY_VERIFY_WITH_TIMEOUT(w.riskPanel()->model() != nullptr, 60000);  // trained on open, off the UI thread
        const core::Area pcn{core::Area::Pcn, 1};
        w.selectArea(pcn);
        // The tier table shows the PCN's people registered now, split as the model tiers them.
        const auto members = core::areaMembers(*w.controller()->areas(), pcn);
        const core::RiskSummary expected = core::summariseRisk(*w.riskPanel()->model(), members);
        QCOMPARE(expected.high + expected.rising + expected.low + expected.notScored, int64_t(members.count()));
        const QLocale l;
        QCOMPARE(l.toLongLong(w.riskPanel()->tiers()->item(0, 1)->text()), expected.high);
        QCOMPARE(l.toLongLong(w.riskPanel()->tiers()->item(1, 1)->text()), expected.rising);
        QCOMPARE(l.toLongLong(w.riskPanel()->tiers()->item(2, 1)->text()), expected.low);
        // The calibration chart has a point per decile.
        int points = 0;
        for (QAbstractSeries *s : w.riskPanel()->calibrationChart()->chart()->series())
            if (auto *scatter = qobject_cast<QScatterSeries *>(s)) points = int(scatter->count());
        QCOMPARE(points, 10);
    }

    void areaProfileFollowsTheSelection() {
        ui::MainWindow w;
        QSignalSpy opened(w.controller(), &ui::ProjectController::projectOpened);
        w.controller()->openProject(mProject);
        QVERIFY(opened.wait(20000));
        const core::Area pcn{core::Area::Pcn, 3};
        w.selectArea(pcn);
        ui::ProfileTableModel *m = w.profilePanel()->model();
        QTRY_VERIFY_WITH_TIMEOUT(m->areaIndex() == pcn.index && m->profileData().level == core::Area::Pcn, 60000);
        QAbstractItemModelTester tester(m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(m->rowCount(), int(m->profileData().indicators.size()));
        // The table shows the core profile's row for this PCN and indicator.
        const core::ProfileRow *row = m->row(0);
        QVERIFY(row && row->area.index == pcn.index);
        auto expected =
            core::computeProfile(*w.controller()->areas(), *w.controller()->codeLists(), {m->profileData().indicators[0]}, core::Area::Pcn);
        QVERIFY(expected);
        QCOMPARE(row->value.numerator, expected.value().rows[size_t(pcn.index)].value.numerator);
        QCOMPARE(m->data(m->index(0, ui::ProfileTableModel::Compared)).toString(), core::significanceName(row->vsIcs));
        QVERIFY(m->data(m->index(0, ui::ProfileTableModel::Spine), ui::ProfileTableModel::SpineRole).value<ui::SpineValues>().valid);
        // Drill-down: double-clicking an indicator puts the rule for its people in the cohort builder.
        emit w.profilePanel()->table()->doubleClicked(m->index(0, 0));
        QVERIFY2(w.cohortPanel()->editor()->toPlainText().contains(QStringLiteral("pcn = '%1'").arg(w.controller()->areas()->code(pcn))),
                 qPrintable(w.cohortPanel()->editor()->toPlainText()));
        // The funnel plot has the areas and the control limits for a proportion.
        QVERIFY(w.profilePanel()->funnel()->chart()->series().size() >= 7);
        // The trend is computed when its tab shows: one point per covered quarter end, the last
        // at the extract end with the profile's value.
        w.show();
        w.profilePanel()->findChild<QTabWidget *>()->setCurrentWidget(w.profilePanel()->trend());
        QTRY_VERIFY_WITH_TIMEOUT(w.profilePanel()->trend()->trend() != nullptr, 60000);
        const core::Trend *trend = w.profilePanel()->trend()->trend();
        QCOMPARE(trend->points.back().date, w.controller()->project()->extractEnd);
        QCOMPARE(trend->points.back().byArea[size_t(pcn.index)].numerator, m->row(0)->value.numerator);
        QVERIFY(w.profilePanel()->trend()->chart()->series().size() >= 2);
        // A user's indicator file adds an indicator to the profile.
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("mine.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(
            "{\"indicators\": [{\"id\": \"carers-65\", \"name\": \"Carers aged 65+\", \"numerator\": \"carer\", "
            "\"denominator\": \"registered and age >= 65\"}]}");
        f.close();
        const int before = m->rowCount();
        QVERIFY(w.profilePanel()->setIndicatorFile(f.fileName()));
        QTRY_COMPARE_WITH_TIMEOUT(m->rowCount(), before + 1, 60000);
        QCOMPARE(m->profileData().indicators.back().id, QStringLiteral("carers-65"));
        // Another level computes its own profile; coming back reuses the first.
        w.selectArea(core::Area{core::Area::Place, 0});
        QTRY_VERIFY_WITH_TIMEOUT(m->profileData().level == core::Area::Place, 60000);
        QCOMPARE(m->areaIndex(), 0);
    }

    void mapShowsIndicatorsOverLsoas() {
        ui::MainWindow w;
        w.resize(1280, 820);
        w.show();
        QSignalSpy opened(w.controller(), &ui::ProjectController::projectOpened);
        w.controller()->openProject(mProject);
        QVERIFY(opened.wait(20000));
        ui::MapPanel *map = w.mapPanel();
        ui::MapView *view = map->view();
        QCOMPARE(view->shapeCount(), 533);
        // The LSOA profile is computed off the UI thread; the map fills when it arrives.
        QTRY_VERIFY_WITH_TIMEOUT(map->indicatorBox()->count() > 0 && !map->breaks().empty(), 60000);
        const ui::ProfileData *data = w.profileCache()->profile(core::Area::Lsoa);
        QVERIFY(data && data->profile);
        const auto areas = w.controller()->areas();
        // Every LSOA of the project has its shape (the generator uses the ICS's real LSOAs).
        for (int i = 0; i < areas->areaCount(core::Area::Lsoa); ++i) QVERIFY(map->shapeOfLsoa(i) >= 0);
        // Quintiles: class edges are the quintiles of the LSOAs' values, and darker means higher.
        const int indicator = map->indicatorBox()->currentIndex();
        std::vector<std::pair<double, int>> valueShape;
        std::vector<double> values;
        for (const core::ProfileRow &r : data->profile->rows)
            if (r.indicator == indicator && !std::isnan(r.value.ci.value)) {
                valueShape.emplace_back(r.value.ci.value, map->shapeOfLsoa(r.area.index));
                values.push_back(r.value.ci.value);
            }
        QVERIFY(valueShape.size() > 100);
        QCOMPARE(map->breaks(), core::classBreaks(values, core::BreakMethod::Quantile, 5));
        std::sort(valueShape.begin(), valueShape.end());
        QVERIFY(view->fill(valueShape.front().second).lightness() > view->fill(valueShape.back().second).lightness());
        for (size_t k = 1; k < valueShape.size(); ++k)
            if (core::classOf(valueShape[k].first, map->breaks()) == core::classOf(valueShape[k - 1].first, map->breaks()))
                QCOMPARE(view->fill(valueShape[k].second), view->fill(valueShape[k - 1].second));
        map->setClasses(core::BreakMethod::Quantile, 10);
        QCOMPARE(map->breaks(), core::classBreaks(values, core::BreakMethod::Quantile, 10));  // tied deciles merged
        // Coloured by significance: each LSOA in the Fingertips colour of its comparison with the ICS.
        map->setColouring(ui::MapPanel::BySignificance);
        for (const core::ProfileRow &r : data->profile->rows)
            if (r.indicator == indicator && !std::isnan(r.value.ci.value))
                QCOMPARE(view->fill(map->shapeOfLsoa(r.area.index)), ui::significanceColour(r.vsIcs));
        // Choosing an indicator in the profile table moves the map to it.
        w.selectArea(core::Area{core::Area::Pcn, 0});
        QTRY_VERIFY_WITH_TIMEOUT(w.profilePanel()->model()->profileData().level == core::Area::Pcn, 60000);
        w.profilePanel()->table()->selectRow(2);
        QCOMPARE(map->indicatorBox()->currentIndex(), 2);
        // A click (press and release in place) on an LSOA selects it in the navigator, and its
        // profile follows; the map outlines it.
        const QPoint centre = view->viewport()->rect().center();
        const int shape = view->shapeAt(centre);
        QVERIFY(shape >= 0);
        QSignalSpy selected(map, &ui::MapPanel::areaSelected);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, centre);
        QCOMPARE(selected.count(), 1);
        const auto lsoa = selected.at(0).at(0).value<core::Area>();
        QCOMPARE(lsoa.kind, core::Area::Lsoa);
        QCOMPARE(map->shapeOfLsoa(lsoa.index), shape);
        QCOMPARE(w.geographyModel()->area(w.navigator()->currentIndex())->index, lsoa.index);
        QCOMPARE(view->selectedShape(), shape);
        QTRY_VERIFY_WITH_TIMEOUT(w.profilePanel()->model()->profileData().level == core::Area::Lsoa, 60000);
        QCOMPARE(w.profilePanel()->model()->areaIndex(), lsoa.index);
        // Saved as an image, the map leaves the workbench: LSOAs whose value rests on a small
        // count are suppressed on it, the export is audited, and the view is as it was after.
        std::vector<QColor> before;
        for (int s = 0; s < view->shapeCount(); ++s) before.push_back(view->fill(s));
        QTemporaryDir out;
        QSignalSpy saved(map, &ui::MapPanel::imageSaved);
        map->exportImage(out.filePath(QStringLiteral("map.png")));
        QVERIFY(saved.wait(20000));
        QVERIFY2(saved.first().first().toBool(), qPrintable(saved.first().last().toString()));
        QVERIFY(!QImage(out.filePath(QStringLiteral("map.png"))).isNull());
        for (int s = 0; s < view->shapeCount(); ++s) QCOMPARE(view->fill(s), before[size_t(s)]);
        const auto log = core::readAuditLog(mProject, w.controller()->user());
        QVERIFY(log);
        const core::audit::Entry &last = log.value().back();
        QCOMPARE(last.action, QStringLiteral("export-image"));
        QCOMPARE(last.detail.value(QStringLiteral("file")).toString(), QStringLiteral("map.png"));
        QVERIFY(last.detail.value(QStringLiteral("suppressed")).toInt() > 0);  // a 5,000-person ICS has small LSOA counts
    }

    void inequalitiesWithinTheSelectedArea() {
        ui::MainWindow w;
        QSignalSpy opened(w.controller(), &ui::ProjectController::projectOpened);
        w.controller()->openProject(mProject);
        QVERIFY(opened.wait(20000));
        ui::InequalityPanel *panel = w.inequalityPanel();
        const core::Area place{core::Area::Place, 0};
        w.selectArea(place);
        QTRY_VERIFY_WITH_TIMEOUT(panel->result().has_value() && panel->model()->rowCount() > 0, 60000);
        // The panel shows the core's numbers for the place's own people, decile by decile.
        const auto areas = w.controller()->areas();
        const auto scope = core::areaMembers(*areas, place);
        const auto indicators = core::loadIndicators({}, w.controller()->codeLists().get()).value();
        core::InequalityOptions options;
        options.repetitions = 10000;
        auto expected = core::computeInequality(*w.controller()->project(), *w.controller()->codeLists(), indicators.front(),
                                                core::InequalityDimension::ImdDecile, &scope, options);
        QVERIFY(expected);
        QCOMPARE(panel->result()->groups.size(), expected.value().groups.size());
        for (size_t g = 0; g < expected.value().groups.size(); ++g)
            QCOMPARE(panel->result()->groups[g].value.numerator, expected.value().groups[g].value.numerator);
        QCOMPARE(panel->model()->rowCount(), int(expected.value().groups.size()) + 1);  // and "All"
        QVERIFY(panel->result()->sii.has_value() == expected.value().sii.has_value());
        if (expected.value().sii) QCOMPARE(panel->result()->sii->sii, expected.value().sii->sii);
        // By sex: another grouping, no SII.
        QSignalSpy updated(panel, &ui::InequalityPanel::updated);
        panel->setDimension(core::InequalityDimension::Sex);
        QVERIFY(updated.wait(60000));
        QVERIFY(!panel->result()->sii.has_value());
        QVERIFY(panel->result()->groups.size() < expected.value().groups.size());
        // The profile's indicator selection carries over.
        w.profilePanel()->selectIndicator(3);
        QTRY_COMPARE_WITH_TIMEOUT(panel->findChild<QComboBox *>()->currentIndex(), 3, 60000);
    }

    void exportPacksWritesAllOrNothing() {
        // The export the File menu runs (and phm export-packs): one PDF per place...
        ui::MainWindow w;
        QSignalSpy opened(w.controller(), &ui::ProjectController::projectOpened);
        w.controller()->openProject(mProject);
        QVERIFY(opened.wait(20000));
        const auto definitions = core::loadIndicators({}, w.controller()->codeLists().get()).value();
        QTemporaryDir out;
        auto packs =
            ui::exportPacks(*w.controller()->areas(), *w.controller()->codeLists(), definitions, core::Area::Place, {}, out.path());
        QVERIFY2(packs, packs ? "" : qPrintable(packs.error().message));
        QCOMPARE(int(packs.value().size()), 4);
        for (const ui::WrittenPack &p : packs.value()) QVERIFY(QFileInfo(p.file).size() > 10000);
        // ...and when one cannot be written (its name is taken by a folder), none is left behind.
        QTemporaryDir blocked;
        QVERIFY(QDir(blocked.path()).mkdir(QFileInfo(packs.value()[1].file).fileName()));
        auto failed =
            ui::exportPacks(*w.controller()->areas(), *w.controller()->codeLists(), definitions, core::Area::Place, {}, blocked.path());
        QVERIFY(!failed);
        QCOMPARE(QDir(blocked.path()).entryList({QStringLiteral("*.pdf")}, QDir::Files).size(), 0);
        // Canceled before it starts: nothing written.
        core::Feedback fb;
        fb.cancel();
        QTemporaryDir canceled;
        QCOMPARE(ui::exportPacks(*w.controller()->areas(), *w.controller()->codeLists(), definitions, core::Area::Place, {},
                                 canceled.path(), {}, &fb)
                     .error()
                     .code,
                 QStringLiteral("canceled"));
        QCOMPARE(QDir(canceled.path()).entryList({QStringLiteral("*.pdf")}, QDir::Files).size(), 0);
    }

    void packDesignerSavesPreviewsAndExports() {
        // A copy of the project, so the saved template and the audit entries stay in this test.
        const QString copy = mDir.filePath(QStringLiteral("designer.phm"));
        QVERIFY(QFile::copy(mProject, copy));
        ui::MainWindow w;
        QSignalSpy opened(w.controller(), &ui::ProjectController::projectOpened);
        w.controller()->openProject(copy);
        QVERIFY(opened.wait(20000));
        ui::PackDesigner d(w.controller());
        QSignalSpy loaded(&d, &ui::PackDesigner::templatesLoaded);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(d.templateList()->count(), 1);  // the built-in Standard
        QCOMPARE(d.nameEdit()->text(), QStringLiteral("Standard"));
        QCOMPARE(d.sectionList()->count(), 9);
        // A two-section brief with one indicator fewer and a logo.
        d.nameEdit()->setText(QStringLiteral("Board brief"));
        d.titleEdit()->setText(QStringLiteral("Board brief"));
        for (int i = 0; i < d.sectionList()->count(); ++i) {
            const QString key = d.sectionList()->item(i)->data(Qt::UserRole).toString();
            d.sectionList()->item(i)->setCheckState(
                key == QLatin1String("population") || key == QLatin1String("indicators") ? Qt::Checked : Qt::Unchecked);
        }
        d.indicatorList()->item(0)->setCheckState(Qt::Unchecked);
        QImage logo(40, 20, QImage::Format_RGB32);
        logo.fill(Qt::darkBlue);
        QByteArray png;
        QBuffer buffer(&png);
        QVERIFY(logo.save(&buffer, "PNG"));
        d.setLogo(png);
        QSignalSpy saved(&d, &ui::PackDesigner::saved);
        d.saveButton()->click();
        QVERIFY(saved.wait(20000));
        QVERIFY(saved.first().first().toBool());
        auto stored = core::findPackTemplate(copy, QStringLiteral("Board brief"));
        QVERIFY(stored);
        QCOMPARE(int(stored.value().sections.size()), 2);
        QCOMPARE(stored.value().logo, png);
        QCOMPARE(stored.value().indicators.size(), d.indicatorList()->count() - 1);
        QVERIFY(!stored.value().indicators.contains(d.indicatorList()->item(0)->data(Qt::UserRole).toString()));
        QVERIFY(loaded.wait(20000));  // the list is read again, with the new template selected
        QCOMPARE(d.templateList()->count(), 2);
        QCOMPARE(d.templateList()->currentItem()->text(), QStringLiteral("Board brief"));
        // The preview shows the pages the PDF will have: cover, contents and two sections.
        QSignalSpy previewed(&d, &ui::PackDesigner::previewReady);
        d.previewArea()->setCurrentIndex(1);
        d.previewButton()->click();
        QVERIFY(previewed.wait(60000));
        QVERIFY(previewed.first().first().toBool());
        QCOMPARE(d.previewPages(), 4);
        // A refused template (no sections) is not saved and says why.
        for (int i = 0; i < d.sectionList()->count(); ++i) d.sectionList()->item(i)->setCheckState(Qt::Unchecked);
        saved.clear();
        d.saveButton()->click();
        QCOMPARE(saved.size(), 1);
        QVERIFY(!saved.first().first().toBool());
        QVERIFY(d.status()->text().contains(QStringLiteral("at least one section")));
        d.sectionList()->item(1)->setCheckState(Qt::Checked);
        // Export with the template: the packs have its pages, and the export is audited.
        QTemporaryDir out;
        QSignalSpy exported(&d, &ui::PackDesigner::exported);
        d.exportTo(core::Area::Place, out.path());
        QVERIFY(exported.wait(60000));
        QVERIFY(exported.first().first().toBool());
        QCOMPARE(QDir(out.path()).entryList({QStringLiteral("*.pdf")}, QDir::Files).size(), 4);
        auto log = core::readAuditLog(copy, w.controller()->user());
        QVERIFY(log);
        const core::audit::Entry &last = log.value().back();
        QCOMPARE(last.action, QStringLiteral("export-packs"));
        QCOMPARE(last.detail.value(QStringLiteral("level")).toString(), QStringLiteral("place"));
        QCOMPARE(last.detail.value(QStringLiteral("template")).toString(), QStringLiteral("Board brief"));
        QCOMPARE(last.detail.value(QStringLiteral("files")).toArray().size(), 4);
    }

    void governanceDialogsFollowTheRoles() {
        const QString copy = mDir.filePath(QStringLiteral("governance.phm"));
        QVERIFY(QFile::copy(mProject, copy));
        ui::MainWindow w;
        QSignalSpy opened(w.controller(), &ui::ProjectController::projectOpened);
        w.controller()->openProject(copy);
        QVERIFY(opened.wait(20000));
        // Whoever imported the project is its first admin, and the status bar says so.
        const core::User admin = w.controller()->user();
        QCOMPARE(admin.role, core::Role::Admin);
        QVERIFY(w.findChild<QLabel *>(QStringLiteral("currentUser"))->text().contains(QStringLiteral("admin")));
        {  // The admin reads the log and verifies the chain.
            ui::AuditLogDialog log(copy, admin);
            QSignalSpy loaded(&log, &ui::AuditLogDialog::loaded);
            QVERIFY(loaded.wait(20000));
            QVERIFY(log.entryCount() >= 1);  // the import
            QSignalSpy verified(&log, &ui::AuditLogDialog::verified);
            log.verifyButton()->click();
            QVERIFY(verified.wait(20000));
            QVERIFY(verified.first().first().toBool());
            QVERIFY(log.status()->text().contains(QStringLiteral("Chain intact")));
        }
        const core::User ann{QStringLiteral("ann"), core::Role::Analyst, {}, true, {}, {}};
        {  // An analyst is refused the log and cannot reveal identities.
            ui::AuditLogDialog log(copy, ann);
            QCOMPARE(log.entryCount(), 0);
            QCOMPARE(log.status()->text(), QStringLiteral("Only an admin can read the audit log; ann is an analyst."));
            QVERIFY(!log.verifyButton()->isEnabled());
            ui::RevealDialog reveal(w.controller()->project(), w.controller()->codeLists(), ann);
            QCOMPARE(reveal.status()->text(), QStringLiteral("Only a clinician can reveal identities; ann is an analyst."));
            QVERIFY(!reveal.revealButton()->isEnabled());
        }
        // A clinician of the first practice, a sealed key store and a saved cohort of everyone.
        const core::Project &project = *w.controller()->project();
        const QString practice = project.geography.practices.front().code;
        const core::User clinician{QStringLiteral("dr_lee"), core::Role::Clinician, practice, true, {}, {}};
        QVERIFY(core::setUser(copy, admin, clinician));
        const QString keys = core::defaultKeyStorePath(copy);
        QVERIFY(core::KeyStore::create(keys, "correct horse", core::syntheticIdentities(project)));
        QVERIFY(core::CohortStore(copy).save(QStringLiteral("everyone"), QStringLiteral("age >= 0"), QStringLiteral("dr_lee"), {}, 0));
        ui::RevealDialog reveal(w.controller()->project(), w.controller()->codeLists(), clinician);
        QSignalSpy cohorts(&reveal, &ui::RevealDialog::cohortsLoaded);
        QVERIFY(cohorts.wait(20000));
        QCOMPARE(reveal.cohort()->currentText(), QStringLiteral("everyone"));
        QCOMPARE(reveal.keyStore()->text(), keys);
        QSignalSpy done(&reveal, &ui::RevealDialog::revealFinished);
        // A wrong passphrase is refused (and audited by the core).
        reveal.reason()->setPlainText(QStringLiteral("Invite to the practice's frailty review clinic"));
        reveal.passphrase()->setText(QStringLiteral("wrong"));
        reveal.revealButton()->click();
        QVERIFY(reveal.passphrase()->text().isEmpty());  // taken from the field at once
        QVERIFY(done.wait(30000));
        QVERIFY(!done.first().first().toBool());
        QVERIFY(reveal.status()->text().contains(QStringLiteral("Refused")));
        QCOMPARE(reveal.table()->model()->rowCount(), 0);
        // The right one shows the practice's patients only.
        done.clear();
        reveal.passphrase()->setText(QStringLiteral("correct horse"));
        reveal.revealButton()->click();
        QVERIFY(done.wait(30000));
        QVERIFY2(done.first().first().toBool(), qPrintable(reveal.status()->text()));
        const QAbstractItemModel *m = reveal.table()->model();
        QVERIFY(m->rowCount() > 0);
        qint64 atPractice = 0;
        for (int32_t p = 0; p < int32_t(project.persons.count); ++p)
            if (project.geography.practices[size_t(project.persons.practice[size_t(p)])].code == practice &&
                project.persons.isRegistered(p, project.extractEnd))
                ++atPractice;
        QCOMPARE(qint64(m->rowCount()), atPractice);
        for (int r = 0; r < m->rowCount(); ++r) {
            QCOMPARE(m->index(r, 4).data().toString(), practice);
            QVERIFY(core::validNhsNumber(m->index(r, 0).data().toString()));
        }
        // Closing clears the identities from memory.
        reveal.reject();
        QCOMPARE(m->rowCount(), 0);
        // Both attempts are in the log, the refusal first.
        const auto log = core::readAuditLog(copy, admin).value();
        QCOMPARE(log[log.size() - 2].action, QStringLiteral("reidentify-refused"));
        QCOMPARE(log.back().action, QStringLiteral("reidentify"));
        QCOMPARE(log.back().detail.value(QStringLiteral("revealed")).toInteger(), atPractice);
    }

    void maturityPanelAndEditorWithUndo() {
        const QString copy = mDir.filePath(QStringLiteral("maturity.phm"));
        QVERIFY(QFile::copy(mProject, copy));
        const auto areas = core::maturity::assessableAreas(copy).value();
        QString pcn;
        for (const auto &a : areas)
            if (a.level == QLatin1String("pcn") && pcn.isEmpty()) pcn = a.code;
        core::maturity::Assessment a;
        a.framework = QStringLiteral("PHM maturity matrix");
        a.level = QStringLiteral("pcn");
        a.area = pcn;
        a.assessedOn = QDate(2026, 4, 1);
        a.assessor = QStringLiteral("PCN board");
        a.ratings = {{QStringLiteral("Infrastructure"), 0, 2, {}, {}, {}}, {QStringLiteral("Intelligence"), 1, 2, {}, {}, {}}};
        QVERIFY(core::maturity::addAssessment(copy, a, QStringLiteral("test")));
        ui::MainWindow w;
        ui::MaturityPanel *panel = w.maturityPanel();
        QSignalSpy updated(panel, &ui::MaturityPanel::updated);
        w.controller()->openProject(copy);
        QVERIFY(updated.wait(30000));
        QCOMPARE(panel->heatmapRows(), 23);  // one row per PCN
        QVERIFY(panel->cycleSummary()->text().contains(QStringLiteral("of 23 PCNs")));
        panel->selectRow(0);
        QCOMPARE(panel->selectedArea(), pcn);  // PCNs in name order; the first assessed one is first here
        // The editor starts from the newest assessment; edits go on an undo stack.
        ui::AssessmentDialog *dialog = panel->newAssessment();
        QVERIFY(dialog);
        QCOMPARE(dialog->table()->item(1, ui::AssessmentDialog::CurrentColumn)->text(), QStringLiteral("Developing"));
        dialog->edit(1, ui::AssessmentDialog::CurrentColumn, QStringLiteral("Maturing"));
        dialog->edit(1, ui::AssessmentDialog::EvidenceColumn, QStringLiteral("Risk stratification used monthly"));
        QCOMPARE(dialog->undoStack()->count(), 2);
        dialog->undoStack()->undo();
        dialog->undoStack()->undo();
        QCOMPARE(dialog->table()->item(1, ui::AssessmentDialog::CurrentColumn)->text(), QStringLiteral("Developing"));
        QCOMPARE(dialog->table()->item(1, ui::AssessmentDialog::EvidenceColumn)->text(), QString());
        dialog->undoStack()->redo();
        QCOMPARE(dialog->table()->item(1, ui::AssessmentDialog::CurrentColumn)->text(), QStringLiteral("Maturing"));
        QCOMPARE(dialog->assessment().rating(QStringLiteral("Intelligence"))->current, 2);
        // A bad target date is refused in the dialog; a good one saves a new assessment.
        dialog->edit(0, ui::AssessmentDialog::TargetDateColumn, QStringLiteral("next spring"));
        QSignalSpy saved(dialog, &ui::AssessmentDialog::saved);
        dialog->save();
        QCOMPARE(saved.count(), 1);
        QVERIFY(!saved.first().first().toBool());
        QVERIFY(dialog->status()->text().contains(QStringLiteral("is not a date")));
        dialog->edit(0, ui::AssessmentDialog::TargetDateColumn, QStringLiteral("2027-03-31"));
        saved.clear();
        updated.clear();
        dialog->save();
        QVERIFY(saved.wait(20000));
        QVERIFY(saved.first().first().toBool());
        QVERIFY(updated.wait(20000));  // the panel reads the history again
        const auto all = core::maturity::assessments(copy).value();
        QCOMPARE(int(all.size()), 2);  // the first is kept
        QCOMPARE(all.back().rating(QStringLiteral("Intelligence"))->current, 2);
        QCOMPARE(all.back().ratings[0].targetDate, QDate(2027, 3, 31));
        // The PHM cycle from the panel: start one for the PCN with its first stage, then the next.
        QVERIFY(core::CohortStore(copy).save(QStringLiteral("Frail 75+"), QStringLiteral("age >= 75"), QStringLiteral("ann"), {}, 0));
        ui::CycleDialog *cycle = panel->recordCycle();
        QVERIFY(cycle);
        QCOMPARE(cycle->cycleBox()->currentData().toLongLong(), 0);  // a new cycle
        cycle->titleEdit()->setText(QStringLiteral("Frailty: proactive MDT review"));
        cycle->dateEdit()->setDate(QDate(2026, 5, 1));
        QSignalSpy cohortsLoaded(cycle, &ui::CycleDialog::cohortsLoaded);
        QVERIFY(cohortsLoaded.wait(20000));
        QCOMPARE(cycle->cohortList()->count(), 1);
        cycle->cohortList()->item(0)->setCheckState(Qt::Checked);
        QSignalSpy recorded(cycle, &ui::CycleDialog::recorded);
        updated.clear();
        cycle->record();
        QVERIFY(recorded.wait(20000));
        QVERIFY(recorded.first().first().toBool());
        QVERIFY(updated.wait(20000));
        QCOMPARE(panel->cycleTable()->rowCount(), 1);
        QCOMPARE(panel->cycleTable()->item(0, 2)->text(), QStringLiteral("Review the data"));
        QCOMPARE(panel->cycleTable()->item(0, 4)->text(), QStringLiteral("Frail 75+"));
        // Double-clicking the cycle opens its cohorts in the cohort builder.
        QSignalSpy opened(panel, &ui::MaturityPanel::cohortRequested);
        emit panel->cycleTable()->cellDoubleClicked(0, 1);
        QCOMPARE(opened.count(), 1);
        QCOMPARE(opened.first().first().toString(), QStringLiteral("in_cohort(\"Frail 75+\")"));
        QCOMPARE(w.cohortPanel()->editor()->toPlainText(), QStringLiteral("in_cohort(\"Frail 75+\")"));
        // The next stage, dated before the first: refused, shown, nothing stored.
        cycle = panel->recordCycle();
        QCOMPARE(cycle->cycleBox()->currentText(), QStringLiteral("Frailty: proactive MDT review"));
        cycle->dateEdit()->setDate(QDate(2026, 4, 1));
        QSignalSpy refused(cycle, &ui::CycleDialog::recorded);
        cycle->record();
        QVERIFY(refused.wait(20000));
        QVERIFY(!refused.first().first().toBool());
        QVERIFY(cycle->status()->text().contains(QStringLiteral("before \"review\"")));
        const auto stored = core::maturity::cycles(copy).value();
        QCOMPARE(int(stored.size()), 1);
        QCOMPARE(int(stored.front().stages.size()), 1);
        QCOMPARE(stored.front().stages.front().cohorts, QStringList{QStringLiteral("Frail 75+")});
        cycle->close();
        // The framework editor: removing a capability that stored assessments use is refused...
        ui::FrameworkDialog *editor = panel->editFramework();
        QVERIFY(editor);
        QCOMPARE(editor->table()->rowCount(), 4);
        editor->table()->removeRow(1);  // Intelligence
        QSignalSpy frameworkSaved(editor, &ui::FrameworkDialog::saved);
        editor->save();
        QVERIFY(frameworkSaved.wait(20000));
        QVERIFY(!frameworkSaved.first().first().toBool());
        QVERIFY2(editor->status()->text().contains(QStringLiteral("would lose the capability \"Intelligence\"")),
                 qPrintable(editor->status()->text()));
        editor->close();
        // ...adding one (with a descriptor for each level) is saved and shown.
        editor = panel->editFramework();
        editor->addCapability();
        const int row = editor->table()->rowCount() - 1;
        editor->table()->item(row, 0)->setText(QStringLiteral("Insight sharing"));
        editor->save();  // without descriptors: refused, naming the row
        QVERIFY(editor->status()->text().contains(QStringLiteral("capabilities[4]")));
        for (int k = 0; k < 4; ++k) editor->table()->setItem(row, 3 + k, new QTableWidgetItem(QStringLiteral("level %1").arg(k)));
        QSignalSpy savedAgain(editor, &ui::FrameworkDialog::saved);
        updated.clear();
        editor->save();
        QVERIFY(savedAgain.wait(20000));
        QVERIFY(savedAgain.first().first().toBool());
        QVERIFY(updated.wait(20000));
        const auto frameworks = core::maturity::frameworks(copy).value();
        QCOMPARE(int(frameworks.front().capabilities.size()), 5);
        QCOMPARE(frameworks.front().capabilities.back().name, QStringLiteral("Insight sharing"));
    }

    void maturityChartsRenderOnScreenAndInPdf() {
        // Smoke test: each chart paints something on an image and in a PDF, with and without data.
        const core::maturity::Framework &f = core::maturity::builtInFrameworks().front();
        core::maturity::Assessment a;
        a.framework = f.name;
        a.assessedOn = QDate(2026, 10, 1);
        a.ratings = {{QStringLiteral("Infrastructure"), 1, 2, {}, {}, {}}, {QStringLiteral("Intelligence"), 2, 3, {}, {}, {}}};
        core::maturity::Assessment earlier = a;
        earlier.assessedOn = QDate(2026, 4, 1);
        earlier.ratings[1].current = 0;
        const std::vector<ui::HeatmapRow> rows = {{QStringLiteral("A PCN"), {1, 2, -1, 0}}, {QStringLiteral("B PCN"), {-1, -1, -1, -1}}};
        const std::vector<std::function<void(QPainter &, const QRectF &)>> charts = {
            [&](QPainter &p, const QRectF &r) { ui::drawHeatmap(p, r, f, rows); },
            [&](QPainter &p, const QRectF &r) { ui::drawRadar(p, r, f, a); },
            [&](QPainter &p, const QRectF &r) {
                ui::drawTimeline(p, r, f, {earlier, a});
            },
            [&](QPainter &p, const QRectF &r) { ui::drawTimeline(p, r, f, {}); },
            [&](QPainter &p, const QRectF &r) {
                ui::drawComparison(p, r, f, {{QStringLiteral("A PCN"), 1.5, 2.5}, {QStringLiteral("B PCN"), -1, -1}});
            }};
        for (const auto &chart : charts) {
            QImage image(400, 300, QImage::Format_RGB32);
            image.fill(Qt::white);
            {
                QPainter p(&image);
                chart(p, QRectF(0, 0, 400, 300));
            }
            int inked = 0;
            for (int y = 0; y < image.height(); y += 2)
                for (int x = 0; x < image.width(); x += 2) inked += image.pixel(x, y) != qRgb(255, 255, 255);
            QVERIFY(inked > 200);
        }
        QTemporaryDir dir;
        const QString pdf = dir.filePath(QStringLiteral("charts.pdf"));
        {
            QPdfWriter writer(pdf);
            writer.setResolution(300);
            QPainter p(&writer);
            for (size_t i = 0; i < charts.size(); ++i) {
                if (i > 0) writer.newPage();
                charts[i](p, QRectF(100, 100, 1800, 1300));
            }
        }
        QProcess text;
        text.start(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
        QVERIFY(text.waitForFinished());
        const QString t = QString::fromUtf8(text.readAllStandardOutput());
        for (const QString &needle : {QStringLiteral("Infrastructure"), QStringLiteral("Thriving"), QStringLiteral("not assessed"),
                                      QStringLiteral("No assessment yet"), QStringLiteral("mean current level")})
            QVERIFY2(t.contains(needle), qPrintable(needle));  // vector text, selectable
    }

    void leagueTableRanksAndDrillsDownToPractices() {
        ui::MainWindow w;
        QSignalSpy opened(w.controller(), &ui::ProjectController::projectOpened);
        w.controller()->openProject(mProject);
        QVERIFY(opened.wait(20000));
        const auto areas = w.controller()->areas();
        const core::Area pcn{core::Area::Pcn, 1};
        w.selectArea(pcn);
        ui::LeagueTable *league = w.profilePanel()->league();
        QTRY_COMPARE_WITH_TIMEOUT(league->model()->rowCount(), areas->areaCount(core::Area::Pcn), 60000);
        // Ranked by value, highest first (column 3 holds the value for sorting).
        for (int r = 1; r < league->model()->rowCount(); ++r)
            QVERIFY(league->model()->item(r - 1, 3)->data(Qt::UserRole).toDouble() >=
                    league->model()->item(r, 3)->data(Qt::UserRole).toDouble());
        // Drill down: the PCN's own practices, once the practice level is computed.
        int practices = 0;
        for (int i = 0; i < areas->areaCount(core::Area::Practice); ++i)
            if (areas->parentOf(core::Area{core::Area::Practice, i}) == pcn) ++practices;
        QVERIFY(practices > 0);
        league->childrenBox()->setChecked(true);
        QTRY_COMPARE_WITH_TIMEOUT(league->model()->rowCount(), practices, 60000);
        // Double-clicking a row selects that practice in the navigator.
        QSignalSpy requested(w.profilePanel(), &ui::ProfilePanel::areaRequested);
        QTableView *view = league->findChild<QTableView *>();
        emit view->doubleClicked(league->model()->index(0, 1));
        QCOMPARE(requested.count(), 1);
        QCOMPARE(w.geographyModel()->area(w.navigator()->currentIndex())->kind, core::Area::Practice);
        QCOMPARE(areas->parentOf(*w.geographyModel()->area(w.navigator()->currentIndex())), pcn);
    }

    void indicatorEditorChecksPreviewsAndSaves() {
        ui::MainWindow w;
        QSignalSpy opened(w.controller(), &ui::ProjectController::projectOpened);
        w.controller()->openProject(mProject);
        QVERIFY(opened.wait(20000));
        w.selectArea(core::Area{core::Area::Ics, 0});
        ui::ProfileTableModel *m = w.profilePanel()->model();
        QTRY_VERIFY_WITH_TIMEOUT(m->rowCount() > 0, 60000);
        const int before = m->rowCount();
        core::IndicatorDefinition d;
        d.id = QStringLiteral("lives-alone-65");
        d.name = QStringLiteral("Living alone (65+)");
        d.numerator = QStringLiteral("lives_alon");  // a typo
        d.denominator = QStringLiteral("registered and age >= 65");
        ui::IndicatorEditor editor(w.controller(), d);
        QVERIFY2(editor.problem().contains(QStringLiteral("did you mean `lives_alone`")), qPrintable(editor.problem()));
        QVERIFY(!editor.save());
        d.numerator = QStringLiteral("lives_alone");
        QSignalSpy previewed(&editor, &ui::IndicatorEditor::previewed);
        editor.setDefinition(d);
        QVERIFY(editor.problem().isEmpty());
        // The preview is the core's ICS value for the definition.
        QVERIFY(previewed.wait(30000));
        auto expected = core::computeProfile(*w.controller()->areas(), *w.controller()->codeLists(), {d}, core::Area::Ics);
        QVERIFY(editor.preview()->text().contains(QLocale().toString(expected.value().ics.front().numerator, 'f', 0)));
        // Saved in the project, it joins every profile.
        QVERIFY(editor.save());
        w.profileCache()->reload();
        QTRY_COMPARE_WITH_TIMEOUT(m->rowCount(), before + 1, 60000);
        QCOMPARE(m->profileData().indicators.back().id, d.id);
        QVERIFY(core::removeProjectIndicator(mProject, d.id));  // leave the shared project as it was
    }

    void core20PanelFollowsTheSelection() {
        ui::MainWindow w;
        QSignalSpy opened(w.controller(), &ui::ProjectController::projectOpened);
        w.controller()->openProject(mProject);
        QVERIFY(opened.wait(20000));
        ui::Core20Panel *panel = w.core20Panel();
        QSignalSpy updated(panel, &ui::Core20Panel::updated);
        const core::Area pcn{core::Area::Pcn, 2};
        w.selectArea(pcn);
        QTRY_VERIFY_WITH_TIMEOUT(panel->sharesModel()->rowCount() == w.controller()->areas()->areaCount(core::Area::Pcn) + 1, 60000);
        // The table shows the core's numbers: the PCN's Core20 share and its interval.
        auto expected = core::computeCore20Plus5(*w.controller()->areas(), *w.controller()->codeLists(),
                                                 core::loadIndicators({}, w.controller()->codeLists().get()).value(), panel->plusGroups(),
                                                 core::Area::Pcn, pcn);
        QVERIFY(expected);
        const core::GroupShares &s = expected.value().shares[size_t(pcn.index)];
        QStandardItemModel *m = panel->sharesModel();
        bool found = false;
        for (int r = 0; r < m->rowCount(); ++r)
            if (m->item(r, 0)->text() == s.name) {
                found = true;
                QCOMPARE(m->item(r, 2)->data(Qt::UserRole).toDouble(), s.core20.ci.value);
                QCOMPARE(m->item(r, 1)->data(Qt::UserRole).toDouble(), s.registered);
            }
        QVERIFY(found);
        // The clinical areas: one row per indicator found, Core20 in its significance colour.
        QCOMPARE(panel->clinicalModel()->rowCount(), int(expected.value().clinical.size()));
        const core::ClinicalRow &first = expected.value().clinical.front();
        if (first.core20.vsRest != core::Significance::NotCompared)
            QCOMPARE(panel->clinicalModel()->item(0, 3)->background().color(), ui::significanceColour(first.core20.vsRest));
        QVERIFY(!panel->chart()->chart()->series().isEmpty());
        // The ICS's own PLUS groups are stored in the project and shown as columns.
        const std::vector<core::PlusGroup> mine{{QStringLiteral("Housebound"), QStringLiteral("housebound")}};
        QVERIFY(panel->setPlusGroups(mine));
        QTRY_COMPARE_WITH_TIMEOUT(m->columnCount(), 4, 60000);
        QCOMPARE(m->horizontalHeaderItem(3)->text(), QStringLiteral("Housebound %"));
        QCOMPARE(core::loadPlusGroups(mProject, w.controller()->codeLists().get()).value(), mine);
        QVERIFY(panel->setPlusGroups(core::defaultPlusGroups()));
    }

    void segmentationFollowsTheSelectedArea() {
        ui::MainWindow w;
        QSignalSpy opened(w.controller(), &ui::ProjectController::projectOpened);
        w.controller()->openProject(mProject);
        QVERIFY(opened.wait(20000));
        QAbstractItemModelTester tester(w.segmentationPanel()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy updated(w.segmentationPanel(), &ui::SegmentationPanel::updated);
        const core::Area pcn{core::Area::Pcn, 2};
        w.selectArea(pcn);
        // The area's result arrives last (an ICS result may come first and be superseded).
        QTRY_COMPARE_WITH_TIMEOUT(w.segmentationPanel()->model()->result().persons,
                                  int64_t(core::areaMembers(*w.controller()->areas(), pcn).count()), 20000);
        int64_t sum = 0;
        for (const auto &s : w.segmentationPanel()->model()->result().segments) sum += s.count;
        QCOMPARE(sum, w.segmentationPanel()->model()->result().persons);
        QVERIFY(w.segmentationPanel()->model()->rowCount() >= 8);
        // A user's own template file: two segments, first match wins, the rest "Not in any segment".
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("mine.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(
            "{\"name\": \"Mine\", \"segments\": [{\"name\": \"Older\", \"rule\": \"age >= 65\"},"
            " {\"name\": \"Diabetes\", \"rule\": \"has(gp, @diabetes)\"}]}");
        f.close();
        w.segmentationPanel()->addTemplateFile(path);
        QTRY_COMPARE_WITH_TIMEOUT(w.segmentationPanel()->model()->result().templateName, QStringLiteral("Mine"), 20000);
        const auto &mine = w.segmentationPanel()->model()->result();
        QCOMPARE(int(mine.segments.size()), 4);  // not registered, Older, Diabetes, not in any segment
        QCOMPARE(mine.segments[3].name, QStringLiteral("Not in any segment"));
        int64_t total = 0;
        for (const auto &seg : mine.segments) total += seg.count;
        QCOMPARE(total, mine.persons);
    }

    void failedOpenReportsAndKeepsState() {
        ui::MainWindow w;
        QSignalSpy failed(w.controller(), &ui::ProjectController::failed);
        const QString junk = mDir.filePath(QStringLiteral("junk.phm"));
        test::writeFile(junk, "not a project");
        // Replace the modal error box with a no-op so the test does not block.
        QObject::disconnect(w.controller(), &ui::ProjectController::failed, &w, nullptr);
        w.controller()->openProject(junk);
        QVERIFY(failed.wait(20000));
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("not a PHM Workbench project")));
        QVERIFY(!w.controller()->project());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
