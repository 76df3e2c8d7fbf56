// The writer thread: rows arrive in order, SQL steps run after the rows before them, and a
// database error comes back from finish() instead of being lost.
#include "store/projectdb.h"
#include "store/sqlbatchwriter.h"

#include <QTemporaryDir>
#include <QTest>

using namespace phm::core;

class TestSqlBatchWriter : public QObject {
    Q_OBJECT
private slots:
    void rowsAndStepsInOrder() {
        QTemporaryDir dir;
        auto db = ProjectDb::create(dir.filePath(QStringLiteral("t.db")));
        QVERIFY(db);
        QVERIFY(db.value()->exec(QStringLiteral("CREATE TABLE t(i INTEGER, r REAL, s TEXT)")));
        QVERIFY(db.value()->exec(QStringLiteral("BEGIN")));  // as the importer does
        {
            SqlBatchWriter w(*db.value());
            w.beginTable(QStringLiteral("INSERT INTO t VALUES (?, ?, ?)"), 3);
            for (int i = 0; i < 10000; ++i) {  // more than two batches
                w.setInt(1, i);
                if (i % 3)
                    w.setReal(2, i / 2.0);
                else
                    w.setNull(2);
                w.setText(3, std::to_string(i));
                w.endRow();
            }
            w.endTable(QStringLiteral("CREATE TABLE counted AS SELECT count(*) AS n, sum(i) AS s FROM t"));
            QVERIFY(w.finish());
        }
        QVERIFY(db.value()->exec(QStringLiteral("COMMIT")));
        Statement st(*db.value(), QStringLiteral("SELECT n, s FROM counted"));
        QVERIFY(st.step());
        QCOMPARE(st.columnInt(0), 10000);  // the step saw every row queued before it
        QCOMPARE(st.columnInt(1), 9999 * 10000 / 2);
        Statement nulls(*db.value(), QStringLiteral("SELECT count(*) FROM t WHERE r IS NULL AND s = CAST(i AS TEXT)"));
        QVERIFY(nulls.step());
        QCOMPARE(nulls.columnInt(0), 3334);
    }

    void errorsAreReported() {
        QTemporaryDir dir;
        auto db = ProjectDb::create(dir.filePath(QStringLiteral("e.db")));
        QVERIFY(db);
        QVERIFY(db.value()->exec(QStringLiteral("CREATE TABLE t(i INTEGER NOT NULL)")));
        SqlBatchWriter w(*db.value());
        w.beginTable(QStringLiteral("INSERT INTO t VALUES (?)"), 1);
        w.setNull(1);  // violates NOT NULL
        w.endRow();
        const Status s = w.finish();
        QVERIFY(!s);
        QVERIFY2(s.error().message.contains(QStringLiteral("NOT NULL")), qPrintable(s.error().message));
    }
};

QTEST_GUILESS_MAIN(TestSqlBatchWriter)
#include "tst_sqlbatchwriter.moc"
