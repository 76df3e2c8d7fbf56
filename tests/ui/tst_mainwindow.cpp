// GUI smoke test under QT_QPA_PLATFORM=offscreen: open a project as a background task,
// select a PCN in the navigator, and check the pyramid shows that PCN's registered people.
#include "assessmentdialog.h"
#include "auditlogdialog.h"
#include "breakdownview.h"
#include "cohortpanel.h"
#include "cohorts/cohortanalysis.h"
#include "cohorts/cohortbase.h"
#include "cohorts/cohortstore.h"
#include "cohortutil.h"
#include "core20panel.h"
#include "cycledialog.h"
#include "dataoverviewwidget.h"
#include "frameworkdialog.h"
#include "geographymodel.h"
#include "governance/keystore.h"
#include "import/importer.h"
#include "importreportmodel.h"
#include "indicatoreditor.h"
#include "inequalitypanel.h"
#include "leaguetable.h"
#include "mainwindow.h"
#include "mappanel.h"
#include "mapview.h"
#include "maturity/maturitystore.h"
#include "maturitycharts.h"
#include "maturitypanel.h"
#include "operations/cohortops.h"
#include "overlapview.h"
#include "packdesigner.h"
#include "packs/packtemplate.h"
#include "profilecache.h"
#include "profilepanel.h"
#include "projectcontroller.h"
#include "pyramidview.h"
#include "report/packwriter.h"
#include "revealdialog.h"
#include "riskpanel.h"
#include "rulepanelwidget.h"
#include "segmentationpanel.h"
#include "taskrunner.h"
#include "testutil.h"
#include "trendview.h"
#include "windowparts.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QBuffer>
#include <QCategoryAxis>
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
using phm::test::part;

class TestMainWindow : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    QString mProject;

private slots:
    void initTestCase() {
        mProject = test::importedProject(mDir.filePath(QStringLiteral("x")), mDir.filePath(QStringLiteral("p.phm")), 5000, 17);
        test::provenAdmin(mProject);
    }

    void openSelectPcnShowsPyramid() {
        ui::MainWindow w;
        w.show();
        QSignalSpy opened(part<ui::ProjectController>(w), &ui::ProjectController::projectOpened);
        part<ui::ProjectController>(w)->openProject(mProject);
        QVERIFY(part<ui::ProjectController>(w)->runner()->isBusy());  // the open runs off the GUI thread
        QVERIFY(opened.wait(20000));
        QAbstractItemModelTester geoTester(part<ui::GeographyModel>(w), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester reportTester(part<ui::DataOverviewWidget>(w)->reportModel(),
                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(part<ui::DataOverviewWidget>(w)->reportModel()->rowCount(),
                 int(core::dataSpec().size()));  // a row per file of the data spec
        QAbstractItemModelTester reasonTester(part<ui::DataOverviewWidget>(w)->rejectReasonModel(),
                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        // persons.csv is selected first; its reasons are listed with their counts.
        const auto &persons = part<ui::ProjectController>(w)->importReport().files[1];
        QCOMPARE(part<ui::DataOverviewWidget>(w)->rejectReasonModel()->rowCount(), int(persons.rejectsByReason.size()));

        const core::Area pcn{core::Area::Pcn, 3};
        const QModelIndex index = part<ui::GeographyModel>(w)->indexOf(pcn);
        QVERIFY(index.isValid());
        part<QTreeView>(w, QStringLiteral("navigator"))->setCurrentIndex(index);
        const int64_t expected = part<ui::ProjectController>(w)->areas()->population(pcn);
        QVERIFY(expected > 50);
        QCOMPARE(part<ui::PyramidView>(w)->shownTotal(), expected);
        QVERIFY(part<ui::PyramidView>(w)->chart()->title().contains(part<ui::ProjectController>(w)->areas()->name(pcn)));
        QVERIFY(!w.grab().isNull());
    }

    void populationsAddUpInTheTree() {
        ui::MainWindow w;
        QSignalSpy opened(part<ui::ProjectController>(w), &ui::ProjectController::projectOpened);
        part<ui::ProjectController>(w)->openProject(mProject);
        QVERIFY(opened.wait(20000));
        // The ICS row's population equals the sum over its care alliances.
        const QModelIndex ics = part<ui::GeographyModel>(w)->index(0, 1);
        int64_t sum = 0;
        for (int r = 0; r < part<ui::GeographyModel>(w)->rowCount(part<ui::GeographyModel>(w)->index(0, 0)); ++r) {
            const auto a =
                part<ui::GeographyModel>(w)->area(part<ui::GeographyModel>(w)->index(r, 0, part<ui::GeographyModel>(w)->index(0, 0)));
            QVERIFY(a && a->kind == core::Area::Alliance);
            sum += part<ui::ProjectController>(w)->areas()->population(*a);
        }
        QCOMPARE(sum, part<ui::ProjectController>(w)->areas()->population({core::Area::Ics, 0}));
        QVERIFY(ics.data().toString().size() > 0);
    }

    void cancelImportLeavesNothingBehind() {
        const QString x = test::makeExtract(mDir.filePath(QStringLiteral("big")), 60000, 5);
        const QString target = mDir.filePath(QStringLiteral("canceled.phm"));
        ui::MainWindow w;
        QSignalSpy canceled(part<ui::ProjectController>(w), &ui::ProjectController::canceled);
        part<ui::ProjectController>(w)->importFolder(x, target);
        QVERIFY(part<ui::ProjectController>(w)->runner()->isBusy());
        part<ui::ProjectController>(w)->runner()->cancel();  // what the status bar's Cancel button does
        QVERIFY(canceled.wait(20000));
        QVERIFY(!part<ui::ProjectController>(w)->runner()->isBusy());
        QVERIFY(!QFile::exists(target));
        QVERIFY(QDir(mDir.path()).entryList({QStringLiteral("canceled.phm*")}, QDir::AllEntries | QDir::Hidden).isEmpty());
        QVERIFY(!part<ui::ProjectController>(w)->project());
    }

    void cohortBuilderCountsLive() {
        ui::MainWindow w;
        QSignalSpy opened(part<ui::ProjectController>(w), &ui::ProjectController::projectOpened);
        part<ui::ProjectController>(w)->openProject(mProject);
        QVERIFY(opened.wait(20000));
        QSignalSpy evaluated(part<ui::CohortPanel>(w), &ui::CohortPanel::evaluated);
        part<ui::CohortPanel>(w)->editor()->setPlainText(QStringLiteral("age >= 50 and has(gp, @hypertension)"));
        QVERIFY(evaluated.wait(20000));  // debounced, evaluated on a worker thread
        // Counted among the registered and alive (the default base), not everyone in the extract.
        const auto registered = core::basePopulation(*part<ui::ProjectController>(w)->areas(), core::CohortBase{});
        const core::RuleRun expected =
            core::runRuleText(*part<ui::ProjectController>(w)->project(), *part<ui::ProjectController>(w)->codeLists(),
                              core::ops::cohortRules(*part<ui::ProjectController>(w)->session()),
                              QStringLiteral("age >= 50 and has(gp, @hypertension)"), core::kNoDate, &registered.people);
        QVERIFY(part<ui::CohortPanel>(w)->lastRun().ok);
        QCOMPARE(part<ui::CohortPanel>(w)->lastRun().count, expected.count);
        QCOMPARE(int(part<ui::CohortPanel>(w)->lastRun().attrition.size()), 2);
        evaluated.clear();
        part<ui::CohortPanel>(w)->editor()->setPlainText(QStringLiteral("age >= 50 and imd_decil < 3"));
        QVERIFY(evaluated.wait(20000));
        QVERIFY(!part<ui::CohortPanel>(w)->lastRun().ok);
        QVERIFY(part<ui::CohortPanel>(w)->lastRun().error.contains(QStringLiteral("did you mean `imd_decile`?")));
        QCOMPARE(part<ui::CohortPanel>(w)->lastRun().errorColumn, 15);
    }

    void panelAndTextStayInSyncWithOneUndoHistory() {
        ui::MainWindow w;
        QSignalSpy opened(part<ui::ProjectController>(w), &ui::ProjectController::projectOpened);
        part<ui::ProjectController>(w)->openProject(mProject);
        QVERIFY(opened.wait(20000));
        ui::CohortPanel *c = part<ui::CohortPanel>(w);
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
        phm::test::Cohorts store{copy};
        QVERIFY(store.save(QStringLiteral("Over 60"), QStringLiteral("age >= 60"), QStringLiteral("t"), QString(), -1));
        QVERIFY(store.save(QStringLiteral("Hypertension"), QStringLiteral("has(gp, @hypertension)"), QStringLiteral("t"), QString(), -1));
        ui::MainWindow w;
        QSignalSpy opened(part<ui::ProjectController>(w), &ui::ProjectController::projectOpened);
        part<ui::ProjectController>(w)->openProject(copy);
        QVERIFY(opened.wait(20000));
        ui::OverlapView *o = part<ui::CohortPanel>(w)->overlapView();
        QTRY_COMPARE_WITH_TIMEOUT(o->cohorts()->count(), 2, 20000);  // listed in a background job
        QVERIFY(!o->compareButton()->isEnabled());                   // needs 2 to 4 ticked
        for (int i = 0; i < 2; ++i) o->cohorts()->item(i)->setCheckState(Qt::Checked);
        QVERIFY(o->compareButton()->isEnabled());
        QSignalSpy updated(o, &ui::OverlapView::updated);
        o->compareButton()->click();
        QVERIFY(updated.wait(20000));
        // Three regions (only A, only B, both) that add up to the union, as the core computes it.
        QCOMPARE(o->table()->rowCount(), 3);
        auto regions = core::overlapOfSaved(*part<ui::ProjectController>(w)->project(), *part<ui::ProjectController>(w)->codeLists(),
                                            core::ops::cohortRules(*part<ui::ProjectController>(w)->session()),
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
        QSignalSpy opened(part<ui::ProjectController>(w), &ui::ProjectController::projectOpened);
        part<ui::ProjectController>(w)->openProject(mProject);
        QVERIFY(opened.wait(20000));
        QTRY_VERIFY_WITH_TIMEOUT(part<ui::RiskPanel>(w)->model() != nullptr, 60000);  // trained on open, off the UI thread
        const core::Area pcn{core::Area::Pcn, 1};
        w.selectArea(pcn);
        // The tier table shows the PCN's people registered now, split as the model tiers them.
        const auto members = core::areaMembers(*part<ui::ProjectController>(w)->areas(), pcn);
        const core::RiskSummary expected = core::summariseRisk(*part<ui::RiskPanel>(w)->model(), members);
        QCOMPARE(expected.high + expected.rising + expected.low + expected.notScored, int64_t(members.count()));
        const QLocale l;
        QCOMPARE(l.toLongLong(part<ui::RiskPanel>(w)->tiers()->item(0, 1)->text()), expected.high);
        QCOMPARE(l.toLongLong(part<ui::RiskPanel>(w)->tiers()->item(1, 1)->text()), expected.rising);
        QCOMPARE(l.toLongLong(part<ui::RiskPanel>(w)->tiers()->item(2, 1)->text()), expected.low);
        // The calibration chart has a point per decile.
        int points = 0;
        for (QAbstractSeries *s : part<ui::RiskPanel>(w)->calibrationChart()->chart()->series())
            if (auto *scatter = qobject_cast<QScatterSeries *>(s)) points = int(scatter->count());
        QCOMPARE(points, 10);
    }

    void exportPacksWritesAllOrNothing() {
        // The export the File menu runs (and phm export-packs): one PDF per place...
        ui::MainWindow w;
        QSignalSpy opened(part<ui::ProjectController>(w), &ui::ProjectController::projectOpened);
        part<ui::ProjectController>(w)->openProject(mProject);
        QVERIFY(opened.wait(20000));
        const auto definitions = core::loadIndicators({}, part<ui::ProjectController>(w)->codeLists().get()).value();
        QTemporaryDir out;
        auto packs = report::exportPacks(*part<ui::ProjectController>(w)->session(), definitions, core::Area::Place, {}, out.path());
        QVERIFY2(packs, packs ? "" : qPrintable(packs.error().message));
        QCOMPARE(int(packs.value().size()), 4);
        for (const report::WrittenPack &p : packs.value()) QVERIFY(QFileInfo(p.file).size() > 10000);
        // ...and when one cannot be written (its name is taken by a folder), none is left behind.
        QTemporaryDir blocked;
        QVERIFY(QDir(blocked.path()).mkdir(QFileInfo(packs.value()[1].file).fileName()));
        auto failed = report::exportPacks(*part<ui::ProjectController>(w)->session(), definitions, core::Area::Place, {}, blocked.path());
        QVERIFY(!failed);
        QCOMPARE(QDir(blocked.path()).entryList({QStringLiteral("*.pdf")}, QDir::Files).size(), 0);
        // Canceled before it starts: nothing written.
        core::Feedback fb;
        fb.cancel();
        QTemporaryDir canceled;
        QCOMPARE(core::errorCodeName(report::exportPacks(*part<ui::ProjectController>(w)->session(), definitions, core::Area::Place, {},
                                                         canceled.path(), {}, &fb)
                                         .error()
                                         .code),
                 QStringLiteral("canceled"));
        QCOMPARE(QDir(canceled.path()).entryList({QStringLiteral("*.pdf")}, QDir::Files).size(), 0);
    }

    void indicatorEditorChecksPreviewsAndSaves() {
        ui::MainWindow w;
        QSignalSpy opened(part<ui::ProjectController>(w), &ui::ProjectController::projectOpened);
        part<ui::ProjectController>(w)->openProject(mProject);
        QVERIFY(opened.wait(20000));
        w.selectArea(core::Area{core::Area::Ics, 0});
        ui::ProfileTableModel *m = part<ui::ProfilePanel>(w)->model();
        QTRY_VERIFY_WITH_TIMEOUT(m->rowCount() > 0, 60000);
        const int before = m->rowCount();
        core::IndicatorDefinition d;
        d.id = QStringLiteral("lives-alone-65");
        d.name = QStringLiteral("Living alone (65+)");
        d.numerator = QStringLiteral("lives_alon");  // a typo
        d.denominator = QStringLiteral("registered and age >= 65");
        ui::IndicatorEditor editor(part<ui::ProjectController>(w), d);
        QVERIFY2(editor.problem().contains(QStringLiteral("did you mean `lives_alone`")), qPrintable(editor.problem()));
        QVERIFY(!editor.save());
        d.numerator = QStringLiteral("lives_alone");
        QSignalSpy previewed(&editor, &ui::IndicatorEditor::previewed);
        editor.setDefinition(d);
        QVERIFY(editor.problem().isEmpty());
        // The preview is the core's ICS value for the definition.
        QVERIFY(previewed.wait(30000));
        auto expected = core::computeProfile(*part<ui::ProjectController>(w)->areas(), *part<ui::ProjectController>(w)->codeLists(), {d},
                                             core::Area::Ics);
        QVERIFY(editor.preview()->text().contains(QLocale().toString(expected.value().ics.front().numerator, 'f', 0)));
        // Saved in the project, it joins every profile.
        QSignalSpy saved(&editor, &ui::IndicatorEditor::saved);
        QVERIFY(editor.save());
        QVERIFY(saved.wait(20000));  // written in a background job
        QVERIFY(saved.first().first().toBool());
        part<ui::ProfileCache>(w)->reload();
        QTRY_COMPARE_WITH_TIMEOUT(m->rowCount(), before + 1, 60000);
        QCOMPARE(m->profileData().indicators.back().id, d.id);
        QVERIFY(test::onProject(
            mProject, [&](core::ProjectDb &db) { return core::removeProjectIndicator(db, d.id); },
            true));  // leave the shared project as it was
    }

    void core20PanelFollowsTheSelection() {
        ui::MainWindow w;
        QSignalSpy opened(part<ui::ProjectController>(w), &ui::ProjectController::projectOpened);
        part<ui::ProjectController>(w)->openProject(mProject);
        QVERIFY(opened.wait(20000));
        ui::Core20Panel *panel = part<ui::Core20Panel>(w);
        QSignalSpy updated(panel, &ui::Core20Panel::updated);
        const core::Area pcn{core::Area::Pcn, 2};
        w.selectArea(pcn);
        QTRY_VERIFY_WITH_TIMEOUT(
            panel->sharesModel()->rowCount() == part<ui::ProjectController>(w)->areas()->areaCount(core::Area::Pcn) + 1, 60000);
        // The table shows the core's numbers: the PCN's Core20 share and its interval.
        auto expected = core::computeCore20Plus5(*part<ui::ProjectController>(w)->areas(), *part<ui::ProjectController>(w)->codeLists(),
                                                 core::loadIndicators({}, part<ui::ProjectController>(w)->codeLists().get()).value(),
                                                 panel->plusGroups(), core::Area::Pcn, pcn);
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
        const core::rules::CodeLists *lists = part<ui::ProjectController>(w)->codeLists().get();
        QCOMPARE(test::onProject(mProject, [&](core::ProjectDb &db) { return core::loadPlusGroups(db, lists); }).value(), mine);
        QSignalSpy plusSaved(panel, &ui::Core20Panel::plusGroupsSaved);
        QVERIFY(panel->setPlusGroups(core::defaultPlusGroups()));
        QVERIFY(plusSaved.wait(20000));  // written in a background job before the window closes
    }

    void segmentationFollowsTheSelectedArea() {
        ui::MainWindow w;
        QSignalSpy opened(part<ui::ProjectController>(w), &ui::ProjectController::projectOpened);
        part<ui::ProjectController>(w)->openProject(mProject);
        QVERIFY(opened.wait(20000));
        QAbstractItemModelTester tester(part<ui::SegmentationPanel>(w)->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy updated(part<ui::SegmentationPanel>(w), &ui::SegmentationPanel::updated);
        const core::Area pcn{core::Area::Pcn, 2};
        w.selectArea(pcn);
        // The area's result arrives last (an ICS result may come first and be superseded).
        QTRY_COMPARE_WITH_TIMEOUT(part<ui::SegmentationPanel>(w)->model()->result().persons,
                                  int64_t(core::areaMembers(*part<ui::ProjectController>(w)->areas(), pcn).count()), 20000);
        int64_t sum = 0;
        for (const auto &s : part<ui::SegmentationPanel>(w)->model()->result().segments) sum += s.count;
        QCOMPARE(sum, part<ui::SegmentationPanel>(w)->model()->result().persons);
        QVERIFY(part<ui::SegmentationPanel>(w)->model()->rowCount() >= 8);
        // A user's own template file: two segments, first match wins, the rest "Not in any segment".
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("mine.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(
            "{\"name\": \"Mine\", \"segments\": [{\"name\": \"Older\", \"rule\": \"age >= 65\"},"
            " {\"name\": \"Diabetes\", \"rule\": \"has(gp, @diabetes)\"}]}");
        f.close();
        part<ui::SegmentationPanel>(w)->addTemplateFile(path);
        QTRY_COMPARE_WITH_TIMEOUT(part<ui::SegmentationPanel>(w)->model()->result().templateName, QStringLiteral("Mine"), 20000);
        const auto &mine = part<ui::SegmentationPanel>(w)->model()->result();
        QCOMPARE(int(mine.segments.size()), 4);  // not registered, Older, Diabetes, not in any segment
        QCOMPARE(mine.segments[3].name, QStringLiteral("Not in any segment"));
        int64_t total = 0;
        for (const auto &seg : mine.segments) total += seg.count;
        QCOMPARE(total, mine.persons);
    }

    void failedOpenReportsAndKeepsState() {
        ui::MainWindow w;
        QSignalSpy failed(part<ui::ProjectController>(w), &ui::ProjectController::failed);
        const QString junk = mDir.filePath(QStringLiteral("junk.phm"));
        test::writeFile(junk, "not a project");
        // Replace the modal error box with a no-op so the test does not block.
        QObject::disconnect(part<ui::ProjectController>(w), &ui::ProjectController::failed, &w, nullptr);
        part<ui::ProjectController>(w)->openProject(junk);
        QVERIFY(failed.wait(20000));
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("not a PHM Workbench project")));
        QVERIFY(!part<ui::ProjectController>(w)->project());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
