// The Evaluation dock under QT_QPA_PLATFORM=offscreen: the programmes of the project are listed,
// an evaluation runs as a task and shows its balance table, chart and effect, and a failing
// request shows its error instead of a number; a saved cohort frozen into a programme is listed,
// and a saved evaluation opens again as it was.
#include "cohorts/cohortstore.h"
#include "evaluationpanel.h"
#include "freezedialog.h"
#include "mainwindow.h"
#include "projectcontroller.h"
#include "testutil.h"
#include "windowparts.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTest>

using namespace phm;
using phm::test::part;

class TestEvaluationView : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    QString mProject;

private slots:
    void initTestCase() {
        mProject = test::importedProject(mDir.filePath(QStringLiteral("x")), mDir.filePath(QStringLiteral("p.phm")), 30000, 23);
    }

    void evaluatesAProgrammeOffTheGuiThread() {
        ui::MainWindow w;
        w.resize(1280, 800);
        ui::EvaluationPanel *panel = part<ui::EvaluationPanel>(w);
        QSignalSpy loaded(panel, &ui::EvaluationPanel::programmesLoaded);
        part<ui::ProjectController>(w)->openProject(mProject);
        QVERIFY(loaded.wait(60000));
        QCOMPARE(panel->programmes()->count(), 2);
        QVERIFY(panel->programmes()->itemText(0).startsWith(QStringLiteral("Proactive care")));
        QSignalSpy evaluated(panel, &ui::EvaluationPanel::evaluated);
        QVERIFY(panel->run());
        QVERIFY(!panel->run());  // one task at a time: a second request waits for the first
        QVERIFY(evaluated.wait(60000));
        QCOMPARE(panel->balanceModel()->rowCount(), 8);
        QCOMPARE(panel->balanceModel()->item(0, 0)->text(), QStringLiteral("age"));
        QCOMPARE(panel->chart()->chart()->series().size(), 3);  // enrolled, controls, the index date
        const auto *enrolled = qobject_cast<QLineSeries *>(panel->chart()->chart()->series().first());
        // One point a month, except months whose count is suppressed (left out, not drawn as 0).
        int shown = 0;
        for (const QJsonValue &m : panel->result().value(QStringLiteral("monthly")).toArray())
            shown += m[QStringLiteral("treated_rate")].isDouble();
        QCOMPARE(panel->result().value(QStringLiteral("monthly")).toArray().size(), 24);
        QCOMPARE(enrolled->count(), shown);
        QVERIFY(shown >= 12);
        QVERIFY(part<QLabel>(w, QStringLiteral("evaluationEffect"))->text().contains(QStringLiteral("%")));
        QCOMPARE(panel->result().value(QStringLiteral("programme")).toString(), QStringLiteral("Proactive care"));
        // A custom outcome: refused without its query, then counted from it.
        panel->outcomeBox()->setCurrentIndex(panel->outcomeBox()->findData(QStringLiteral("custom")));
        QVERIFY(panel->customOutcome()->isEnabled());
        QVERIFY(!panel->run());
        QVERIFY(panel->status()->text().contains(QStringLiteral("count(apc")));
        panel->customOutcome()->setText(QStringLiteral("count(apc, emergency, @acs_chronic)"));
        evaluated.clear();
        QVERIFY(panel->run());
        QVERIFY(evaluated.wait(60000));
        QCOMPARE(panel->result().value(QStringLiteral("outcome")).toString(), QStringLiteral("count(apc, emergency, @acs_chronic)"));
        panel->outcomeBox()->setCurrentIndex(0);
        QVERIFY(!panel->customOutcome()->isEnabled());
        // Matching also on the risk score and a segmentation adds their rows to the balance table.
        QCOMPARE(panel->matchSegment()->count(), 4);
        QCOMPARE(panel->itsErrors()->count(), 2);
        QVERIFY(!panel->itsErrors()->isEnabled());  // a time series' choice, not a matched comparison's
        QCOMPARE(panel->itsErrors()->currentData().toString(), QStringLiteral("prais_winsten"));
        panel->matchSegment()->setCurrentIndex(panel->matchSegment()->findData(QStringLiteral("bridges-to-health")));
        panel->matchRisk()->setChecked(true);
        evaluated.clear();
        QVERIFY(panel->run());
        QVERIFY(evaluated.wait(60000));
        QVERIFY(panel->balanceModel()->rowCount() > 9);
        QCOMPARE(panel->balanceModel()->item(8, 0)->text(), QStringLiteral("risk_score"));
        QVERIFY(panel->balanceModel()->item(9, 0)->text().startsWith(QStringLiteral("segment: ")));
        panel->matchRisk()->setChecked(false);
        panel->matchSegment()->setCurrentIndex(0);
        auto *dock = part<QDockWidget>(w, QStringLiteral("evaluation"));
        dock->raise();
        w.resizeDocks({dock}, {520}, Qt::Vertical);
        const QString dir = qEnvironmentVariable("PHM_SCREENSHOT_DIR");
        if (!dir.isEmpty()) w.grab().save(QDir(dir).filePath(QStringLiteral("evaluation.png")));
    }

    void freezesACohortAndSavesAnEvaluation() {
        ui::MainWindow w;
        ui::EvaluationPanel *panel = part<ui::EvaluationPanel>(w);
        QSignalSpy loaded(panel, &ui::EvaluationPanel::programmesLoaded);
        auto *controller = part<ui::ProjectController>(w);
        controller->openProject(mProject);
        QVERIFY(loaded.wait(60000));
        const core::SessionPtr session = controller->session();
        QVERIFY(session->saveCohort(QStringLiteral("Older with diabetes"), QStringLiteral("age >= 70 and has(gp, @diabetes)"),
                                    QStringLiteral("tester"), {}, 0));
        // Freeze the cohort through the dialog; the programme list hears of it through the session.
        ui::FreezeDialog dialog(session, panel);
        QSignalSpy cohorts(&dialog, &ui::FreezeDialog::cohortsLoaded);
        QVERIFY(cohorts.wait(20000));
        QCOMPARE(dialog.cohortBox()->currentData().toString(), QStringLiteral("Older with diabetes"));
        dialog.nameEdit()->setText(QStringLiteral("Diabetes outreach"));
        QSignalSpy frozen(&dialog, &ui::FreezeDialog::frozen);
        loaded.clear();
        dialog.freeze();
        QVERIFY(frozen.wait(30000));
        QVERIFY2(frozen.first().first().toBool(), qPrintable(dialog.status()->text()));
        QVERIFY(loaded.count() > 0 || loaded.wait(30000));  // the list may have been read again already
        QCOMPARE(panel->programmes()->count(), 3);
        QVERIFY(panel->programmes()->findData(QStringLiteral("Diabetes outreach")) >= 0);
        // Freezing the same name again is refused in the dialog, and nothing changes.
        ui::FreezeDialog again(session, panel);
        QSignalSpy cohortsAgain(&again, &ui::FreezeDialog::cohortsLoaded);
        QVERIFY(cohortsAgain.wait(20000));
        again.nameEdit()->setText(QStringLiteral("Diabetes outreach"));
        QSignalSpy refused(&again, &ui::FreezeDialog::frozen);
        again.freeze();
        QVERIFY(refused.wait(30000));
        QVERIFY(!refused.first().first().toBool());
        QVERIFY(again.status()->text().contains(QStringLiteral("already")));
        // Evaluate, save, and open the saved one from the list.
        QVERIFY(!panel->saveAs(QStringLiteral("nothing yet")));
        panel->programmes()->setCurrentIndex(panel->programmes()->findData(QStringLiteral("Proactive care")));
        QSignalSpy evaluated(panel, &ui::EvaluationPanel::evaluated);
        QVERIFY(panel->run());
        QVERIFY(evaluated.wait(60000));
        QSignalSpy saved(panel, &ui::EvaluationPanel::saved), listed(panel, &ui::EvaluationPanel::savedLoaded);
        QVERIFY(panel->saveAs(QStringLiteral("Proactive care, first look")));
        QVERIFY(saved.wait(30000));
        QVERIFY(saved.first().first().toBool());
        if (listed.isEmpty()) QVERIFY(listed.wait(30000));
        QCOMPARE(panel->savedEvaluations()->count(), 1);
        QVERIFY(panel->savedEvaluations()->itemText(0).startsWith(QStringLiteral("Proactive care, first look")));
        const QJsonObject shown = panel->result();
        panel->balanceModel()->clear();
        evaluated.clear();
        QMetaObject::invokeMethod(panel->savedEvaluations(), "activated", Q_ARG(int, 0));
        QCOMPARE(evaluated.size(), 1);
        QCOMPARE(panel->result(), shown);  // the saved result, as it was published
        QCOMPARE(panel->balanceModel()->rowCount(), 8);
    }
};

QTEST_MAIN(TestEvaluationView)
#include "tst_evaluationview.moc"
