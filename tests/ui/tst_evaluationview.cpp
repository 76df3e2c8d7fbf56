// The Evaluation dock under QT_QPA_PLATFORM=offscreen: the programmes of the project are listed,
// an evaluation runs as a task and shows its balance table, chart and effect, and a failing
// request shows its error instead of a number.
#include "evaluationpanel.h"
#include "mainwindow.h"
#include "projectcontroller.h"
#include "testutil.h"
#include "windowparts.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
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
        QCOMPARE(enrolled->count(), 24);
        QVERIFY(part<QLabel>(w, QStringLiteral("evaluationEffect"))->text().contains(QStringLiteral("%")));
        QCOMPARE(panel->result().value(QStringLiteral("programme")).toString(), QStringLiteral("Proactive care"));
        auto *dock = part<QDockWidget>(w, QStringLiteral("evaluation"));
        dock->raise();
        w.resizeDocks({dock}, {520}, Qt::Vertical);
        const QString dir = qEnvironmentVariable("PHM_SCREENSHOT_DIR");
        if (!dir.isEmpty()) w.grab().save(QDir(dir).filePath(QStringLiteral("evaluation.png")));
    }
};

QTEST_MAIN(TestEvaluationView)
#include "tst_evaluationview.moc"
