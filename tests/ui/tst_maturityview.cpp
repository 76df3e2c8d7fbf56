// The PHM maturity dock under QT_QPA_PLATFORM=offscreen: heatmap, editor with undo/redo, PHM
// cycle dialog, framework editor, and the maturity charts on images and in a PDF.
#include "assessmentdialog.h"
#include "auditlogdialog.h"
#include "breakdownview.h"
#include "cohortpanel.h"
#include "cohorts/cohortanalysis.h"
#include "cohorts/cohortstore.h"
#include "cohortutil.h"
#include "core20panel.h"
#include "cycledialog.h"
#include "dataoverviewwidget.h"
#include "evaluation/programmestore.h"
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

class TestMaturityView : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    QString mProject;

private slots:
    void initTestCase() {
        mProject = test::importedProject(mDir.filePath(QStringLiteral("x")), mDir.filePath(QStringLiteral("p.phm")), 5000, 17);
    }

    void maturityPanelAndEditorWithUndo() {
        const QString copy = mDir.filePath(QStringLiteral("maturity.phm"));
        QVERIFY(QFile::copy(mProject, copy));
        const auto areas = test::onProject(copy, [](core::ProjectDb &db) { return core::maturity::assessableAreas(db); }).value();
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
        QVERIFY(test::onProject(
            copy, [&](core::ProjectDb &db) { return core::maturity::addAssessment(db, a, QStringLiteral("test")); }, true));
        ui::MainWindow w;
        ui::MaturityPanel *panel = part<ui::MaturityPanel>(w);
        QSignalSpy updated(panel, &ui::MaturityPanel::updated);
        part<ui::ProjectController>(w)->openProject(copy);
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
        const auto all = test::onProject(copy, [](core::ProjectDb &db) { return core::maturity::assessments(db); }).value();
        QCOMPARE(int(all.size()), 2);  // the first is kept
        QCOMPARE(all.back().rating(QStringLiteral("Intelligence"))->current, 2);
        QCOMPARE(all.back().ratings[0].targetDate, QDate(2027, 3, 31));
        // The PHM cycle from the panel: start one for the PCN with its first stage, then the next.
        QVERIFY(phm::test::Cohorts{copy}.save(QStringLiteral("Frail 75+"), QStringLiteral("age >= 75"), QStringLiteral("ann"), {}, 0));
        // Two saved evaluations: a time series of another area and a matched comparison (the ICS's
        // enrolled people). The PCN's cycle offers the one that covers it first, and names the
        // other's area.
        for (const auto &[method, areaCode] : {std::pair{"its", "E38000000"}, std::pair{"did", ""}}) {
            core::evaluation::SavedEvaluation e;
            e.name = QStringLiteral("Evaluation by %1").arg(QLatin1String(method));
            e.programme = QStringLiteral("Proactive care");
            e.result = {{QStringLiteral("method"), QLatin1String(method)},
                        {QStringLiteral("area_code"), QLatin1String(areaCode)},
                        {QStringLiteral("area"), QStringLiteral("Elsewhere PCN")}};
            QVERIFY(test::onProject(
                copy, [&](core::ProjectDb &db) { return core::evaluation::saveEvaluation(db, e, QStringLiteral("ann")); }, true));
        }
        ui::CycleDialog *cycle = panel->recordCycle();
        QVERIFY(cycle);
        QSignalSpy evaluationsLoaded(cycle, &ui::CycleDialog::evaluationsLoaded);
        QSignalSpy cohortsLoaded(cycle, &ui::CycleDialog::cohortsLoaded);
        QVERIFY(evaluationsLoaded.wait(20000));
        QCOMPARE(cycle->evaluationBox()->count(), 3);
        QCOMPARE(cycle->evaluationBox()->itemText(1), QStringLiteral("Evaluation by did (Proactive care)"));
        QCOMPARE(cycle->evaluationBox()->itemText(2), QStringLiteral("Evaluation by its (Proactive care; another area, Elsewhere PCN)"));
        QCOMPARE(cycle->cycleBox()->currentData().toLongLong(), 0);  // a new cycle
        cycle->titleEdit()->setText(QStringLiteral("Frailty: proactive MDT review"));
        cycle->dateEdit()->setDate(QDate(2026, 5, 1));
        QVERIFY(cohortsLoaded.count() > 0 || cohortsLoaded.wait(20000));
        QCOMPARE(cycle->cohortList()->count(), 1);
        QVERIFY(!cycle->evaluationBox()->isEnabled());  // only the evaluate stage names a saved evaluation
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
        QCOMPARE(part<ui::CohortPanel>(w)->editor()->toPlainText(), QStringLiteral("in_cohort(\"Frail 75+\")"));
        // The next stage, dated before the first: refused, shown, nothing stored.
        cycle = panel->recordCycle();
        QCOMPARE(cycle->cycleBox()->currentText(), QStringLiteral("Frailty: proactive MDT review"));
        cycle->dateEdit()->setDate(QDate(2026, 4, 1));
        QSignalSpy refused(cycle, &ui::CycleDialog::recorded);
        cycle->record();
        QVERIFY(refused.wait(20000));
        QVERIFY(!refused.first().first().toBool());
        QVERIFY(cycle->status()->text().contains(QStringLiteral("before \"review\"")));
        const auto stored = test::onProject(copy, [](core::ProjectDb &db) { return core::maturity::cycles(db); }).value();
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
        const auto frameworks = test::onProject(copy, [](core::ProjectDb &db) { return core::maturity::frameworks(db); }).value();
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
};

QTEST_MAIN(TestMaturityView)
#include "tst_maturityview.moc"
