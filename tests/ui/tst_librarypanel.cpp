// The cohort library dock: saved cohorts with their versions, opened in the builder, renamed,
// described and deleted through the session (the list follows cohortsChanged); counts shown as
// disclosure control publishes them.
#include "cohortlibrary.h"
#include "cohortpanel.h"
#include "mainwindow.h"
#include "projectcontroller.h"
#include "testutil.h"
#include "windowparts.h"

#include <QAction>
#include <QDockWidget>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTest>
#include <QTreeView>

using namespace phm;
using phm::test::part;

class TestLibraryPanel : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    QString mProject;

    static QStringList names(const QStandardItemModel *m) {
        QStringList out;
        for (int r = 0; r < m->rowCount(); ++r) out << m->item(r, 0)->text();
        return out;
    }

private slots:
    void initTestCase() {
        test::makeProject(mDir.path(), 3000, 12);
        mProject = mDir.filePath(QStringLiteral("project.phm"));
        test::provenAdmin(mProject);
    }

    void theLibraryListsOpensRenamesDescribesAndDeletes() {
        ui::MainWindow w;
        auto *controller = part<ui::ProjectController>(w);
        auto *library = part<ui::CohortLibrary>(w);
        QVERIFY(part<QAction>(w, QStringLiteral("cohortLibraryViewAction")));
        QSignalSpy opened(controller, &ui::ProjectController::projectOpened);
        QSignalSpy listed(library, &ui::CohortLibrary::listed);
        controller->openProject(mProject);
        QVERIFY(opened.wait(20000));
        QVERIFY(listed.wait(20000));
        QCOMPARE(library->model()->rowCount(), 0);
        const auto session = controller->session();
        listed.clear();
        QVERIFY(session->saveCohort(QStringLiteral("Frail"), QStringLiteral("efi_category = 'severe'"), QStringLiteral("ana"), {}, 40));
        QVERIFY(session->saveCohort(QStringLiteral("Frail"), QStringLiteral("efi_category in ('moderate', 'severe')"),
                                    QStringLiteral("ben"), QStringLiteral("moderate too"), 3));
        QVERIFY(session->saveCohort(QStringLiteral("Diabetes"), QStringLiteral("has(gp, @diabetes)"), QStringLiteral("ana"), {}, 212));
        QTRY_COMPARE(library->model()->rowCount(), 2);
        const QStandardItemModel *m = library->model();
        const int frail = int(names(m).indexOf(QStringLiteral("Frail")));
        QVERIFY(frail >= 0);
        QCOMPARE(m->item(frail, 0)->rowCount(), 2);  // two versions, newest first
        QCOMPARE(m->item(frail, 1)->text(), QStringLiteral("ben"));
        QCOMPARE(m->item(frail, 3)->text(), QStringLiteral("*"));  // 3 people: suppressed
        QCOMPARE(m->item(frail, 0)->child(0, 4)->text(), QStringLiteral("moderate too"));
        const QString diabetes = m->item(1 - frail, 3)->text();
        QVERIFY2(diabetes != QStringLiteral("212"), qPrintable(diabetes));  // rounded to 5s, never the exact count
        // Open: the latest rule goes to the cohort builder.
        library->selectCohort(QStringLiteral("Frail"));
        QSignalSpy openRequested(library, &ui::CohortLibrary::openRequested);
        library->open();
        QCOMPARE(openRequested.size(), 1);
        QCOMPARE(openRequested.first().first().toString(), QStringLiteral("efi_category in ('moderate', 'severe')"));
        QTRY_COMPARE(part<ui::CohortPanel>(w)->editor()->toPlainText(), QStringLiteral("efi_category in ('moderate', 'severe')"));
        // Rename and describe; the list follows.
        library->rename(QStringLiteral("Frail elderly"));
        QTRY_VERIFY(names(library->model()).contains(QStringLiteral("Frail elderly")));
        library->selectCohort(QStringLiteral("Frail elderly"));
        library->describe(QStringLiteral("For the MDT"));
        QTRY_VERIFY(library->model()->rowCount() == 2 &&
                    library->model()->item(int(names(library->model()).indexOf(QStringLiteral("Frail elderly"))), 4)->text() ==
                        QStringLiteral("For the MDT"));
        // Delete.
        library->selectCohort(QStringLiteral("Diabetes"));
        library->remove();
        QTRY_COMPARE(names(library->model()), QStringList{QStringLiteral("Frail elderly")});
        auto saved = session->savedCohorts();
        QVERIFY(saved);
        QCOMPARE(int(saved.value().size()), 1);
        QCOMPARE(saved.value().front().description, QStringLiteral("For the MDT"));
    }
};

QTEST_MAIN(TestLibraryPanel)
#include "tst_librarypanel.moc"
