// Copy and export from the screen: a copy holds the table's text, tab-separated (with headers
// when asked), the Edit menu's Ctrl+C copies once, a small count leaves suppressed, an exported
// CSV and a saved chart image are written and in the audit log; every table and tree of the
// main window has the actions.
#include "chartactions.h"
#include "governance/audit.h"
#include "import/importer.h"
#include "mainwindow.h"
#include "session/session.h"
#include "store/projectdb.h"
#include "tableactions.h"
#include "testutil.h"

#include <QAction>
#include <QApplication>
#include <QBarSeries>
#include <QBarSet>
#include <QChartView>
#include <QClipboard>
#include <QJsonDocument>
#include <QMainWindow>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>
#include <QTreeView>

using namespace phm;

class TestCopyExport : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    QString mProject;
    core::SessionPtr mSession;

    ui::TableActions::SessionSource source() {
        return [this] { return mSession; };
    }
    core::audit::Entry lastEntry() {
        auto db = core::ProjectDb::open(mProject, false);
        return core::audit::entries(*db.value()).value().back();
    }
    static QStandardItemModel *model(QObject *parent, const QList<QStringList> &rows) {
        auto *m = new QStandardItemModel(parent);
        m->setHorizontalHeaderLabels({QStringLiteral("Practice"), QStringLiteral("Code"), QStringLiteral("People")});
        for (const QStringList &r : rows) {
            QList<QStandardItem *> items;
            for (const QString &c : r) items << new QStandardItem(c);
            m->appendRow(items);
        }
        return m;
    }

private slots:
    void initTestCase() {
        const QString x = test::makeExtract(mDir.filePath(QStringLiteral("x")), 300, 5);
        mProject = mDir.filePath(QStringLiteral("p.phm"));
        core::Feedback fb;
        QVERIFY(core::importExtract(x, mProject, fb));
        core::SessionOptions options;
        options.loadData = false;
        auto s = core::Session::open(mProject, fb, options);
        QVERIFY(s);
        mSession = s.value();
    }

    void copyYieldsTheTablesText() {
        QMainWindow window;
        int windowCopies = 0;  // the Edit menu's Copy, a window shortcut, must not fire as well
        QAction *copyAction = window.addAction(QStringLiteral("Copy"));
        copyAction->setShortcut(QKeySequence::Copy);
        connect(copyAction, &QAction::triggered, this, [&windowCopies] { ++windowCopies; });
        auto *view = new QTableView(&window);
        window.setCentralWidget(view);
        view->setModel(model(
            view, {{QStringLiteral("Elm Surgery"), QStringLiteral("Y01234")}, {QStringLiteral("Oak Practice"), QStringLiteral("Y05678")}}));
        auto *actions = new ui::TableActions(view, source(), QStringLiteral("Test table"), {0, 1, 2});
        QCOMPARE(actions->copy(false), QStringLiteral("Elm Surgery\tY01234\t\nOak Practice\tY05678\t\n"));
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("Elm Surgery\tY01234\t\nOak Practice\tY05678\t\n"));
        QCOMPARE(actions->copy(true), QStringLiteral("Practice\tCode\tPeople\nElm Surgery\tY01234\t\nOak Practice\tY05678\t\n"));
        QCOMPARE(lastEntry().action, QStringLiteral("copy-table"));
        QCOMPARE(lastEntry().detail.value(QStringLiteral("rows")).toInt(), 2);
        // Ctrl+C copies the selected cells.
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        view->setFocus();
        view->selectionModel()->select(view->model()->index(1, 1), QItemSelectionModel::ClearAndSelect);
        QApplication::clipboard()->clear();
        QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("Y05678\n"));
        QCOMPARE(windowCopies, 0);
    }

    void suppressedCellStaysSuppressed() {
        QTableView view;
        view.setModel(model(&view, {{QStringLiteral("Elm Surgery"), QStringLiteral("Y01234"), QStringLiteral("3")},
                                    {QStringLiteral("Oak Practice"), QStringLiteral("Y05678"), QStringLiteral("9")},
                                    {QStringLiteral("Ash Centre"), QStringLiteral("Y09999"), QStringLiteral("2,043")}}));
        ui::TableActions actions(&view, source(), QStringLiteral("Test table"), {0, 1});
        const QString text = actions.copy(false);
        const QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[0], QStringLiteral("Elm Surgery\tY01234\t*"));  // 3 is never copied
        QVERIFY(!lines[1].endsWith(QStringLiteral("\t9")));
        QVERIFY(!text.contains(QStringLiteral("2,043")));
        for (const QString &l : lines) QVERIFY(l.section(QLatin1Char('\t'), 1, 1).startsWith(QLatin1Char('Y')));  // codes untouched
    }

    void aShareLeavesWithItsCount() {
        // A share is recomputed from the published counts, and hidden beside a suppressed one;
        // copying one row alone publishes it as the whole table does (one row copied alone would
        // otherwise escape the second suppression that protects its small neighbour).
        QTableView view;
        auto *m = new QStandardItemModel(&view);
        m->setHorizontalHeaderLabels({QStringLiteral("Segment"), QStringLiteral("People"), QStringLiteral("Share")});
        for (const auto &[name, people, share] :
             {std::tuple{"A", "3", "0.0%"}, std::tuple{"B", "1,234", "12.6%"}, std::tuple{"C", "8,563", "87.4%"}})
            m->appendRow({new QStandardItem(QLatin1String(name)), new QStandardItem(QLatin1String(people)),
                          new QStandardItem(QLatin1String(share))});
        view.setModel(m);
        ui::TableActions actions(&view, source(), QStringLiteral("Test table"), {0});
        actions.share(2, 1);
        const QStringList lines = actions.copy(false).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines[0], QStringLiteral("A\t*\t*%"));
        // B or C is hidden too (a lone hidden part could be the total less the others).
        const bool bHidden = lines[1].contains(QLatin1Char('*')), cHidden = lines[2].contains(QLatin1Char('*'));
        QVERIFY(bHidden || cHidden);
        // Copying the hidden one alone, or its share alone, gives nothing more.
        const int hidden = bHidden ? 1 : 2;
        view.selectionModel()->select(m->index(hidden, 1), QItemSelectionModel::ClearAndSelect);
        QCOMPARE(actions.copy(false), QStringLiteral("*\n"));
        view.selectionModel()->select(m->index(hidden, 2), QItemSelectionModel::ClearAndSelect);
        QCOMPARE(actions.copy(false), QStringLiteral("*%\n"));
    }

    void exportCsvWritesTheFileAndIsAudited() {
        QTableView view;
        view.setModel(model(&view, {{QStringLiteral("=cmd|' /C calc'!A0"), QStringLiteral("Y01234"), QStringLiteral("40")}}));
        ui::TableActions actions(&view, source(), QStringLiteral("Test table"), {0, 1});
        const QString path = mDir.filePath(QStringLiteral("table.csv"));
        QCOMPARE(actions.exportCsv(path), QString());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString csv = QString::fromUtf8(f.readAll());
        QVERIFY2(csv.startsWith(QStringLiteral("Practice,Code,People\n")), qPrintable(csv));
        QVERIFY(csv.contains(QStringLiteral("'=cmd")));  // neutralised for spreadsheets
        QVERIFY(csv.contains(QStringLiteral(",40\n")));
        const core::audit::Entry e = lastEntry();
        QCOMPARE(e.action, QStringLiteral("export-csv"));
        QCOMPARE(e.detail.value(QStringLiteral("file")).toString(), path);
        QCOMPARE(e.detail.value(QStringLiteral("panel")).toString(), QStringLiteral("Test table"));
        QVERIFY(!QJsonDocument(e.detail).toJson().contains("calc"));  // never the contents
    }

    void chartSaveWritesAPublishedPng() {
        QChartView view;
        auto *series = new QBarSeries;
        auto *set = new QBarSet(QStringLiteral("People"));
        *set << 3 << 3 << 3;
        series->append(set);
        view.chart()->addSeries(series);
        view.chart()->createDefaultAxes();
        view.resize(400, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        ui::ChartActions actions(&view, source(), QStringLiteral("Test chart"));
        const QString path = mDir.filePath(QStringLiteral("chart.png"));
        QCOMPARE(actions.saveImage(path), QString());
        QImage saved(path);
        QVERIFY(!saved.isNull());
        QVERIFY(QFileInfo(path).size() > 0);
        QCOMPARE(lastEntry().action, QStringLiteral("export-image"));
        QCOMPARE(set->at(0), 3.0);                // the view keeps its exact values
        QVERIFY(saved != view.grab().toImage());  // the image does not show bars of 3
        QVERIFY(actions.saveImage(mDir.filePath(QStringLiteral("chart.pdf"))).isEmpty());
        QVERIFY(QFileInfo(mDir.filePath(QStringLiteral("chart.pdf"))).size() > 0);
    }

    void everyTableOfTheWindowHasTheActions() {
        ui::MainWindow w;
        int tables = 0;
        for (QAbstractItemView *v : w.findChildren<QAbstractItemView *>()) {
            if (!qobject_cast<QTableView *>(v) && !qobject_cast<QTreeView *>(v)) continue;
            ++tables;
            QVERIFY2(v->findChild<ui::TableActions *>(QString(), Qt::FindDirectChildrenOnly), qPrintable(v->objectName()));
        }
        QVERIFY(tables >= 10);
        for (QChartView *c : w.findChildren<QChartView *>())
            QVERIFY2(c->findChild<ui::ChartActions *>(QString(), Qt::FindDirectChildrenOnly),
                     qPrintable(c->parent()->metaObject()->className()));
    }
};

QTEST_MAIN(TestCopyExport)
#include "tst_copyexport.moc"
