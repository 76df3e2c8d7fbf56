// CSV output: RFC 4180 quoting, and no text cell that a spreadsheet would run as a formula (CSV
// injection), in the writer and in the files written through it (the import's rejects).
#include "base/csvreader.h"
#include "base/csvwriter.h"
#include "import/importer.h"
#include "testutil.h"

#include <QTest>

using namespace phm::core;

class TestCsvWriter : public QObject {
    Q_OBJECT

private slots:
    void textCells_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("cell");
        QTest::newRow("plain") << "E01017505"
                               << "E01017505";
        QTest::newRow("empty") << ""
                               << "";
        QTest::newRow("comma") << "a,b"
                               << "\"a,b\"";
        QTest::newRow("quote") << "say \"hi\""
                               << "\"say \"\"hi\"\"\"";
        QTest::newRow("equals") << "=HYPERLINK(\"http://x\")"
                                << "\"'=HYPERLINK(\"\"http://x\"\")\"";
        QTest::newRow("plus") << "+1+1"
                              << "'+1+1";
        QTest::newRow("minus") << "-2+3"
                               << "'-2+3";
        QTest::newRow("at") << "@SUM(A1)"
                            << "'@SUM(A1)";
        QTest::newRow("tab") << "\t=1"
                             << "'\t=1";
        QTest::newRow("carriage return") << "\r=1"
                                         << "\"'\r=1\"";
        QTest::newRow("DDE with comma") << "=cmd|' /C calc'!A0,x"
                                        << "\"'=cmd|' /C calc'!A0,x\"";
        QTest::newRow("formula later is text") << "a=1"
                                               << "a=1";
    }
    void textCells() {
        QFETCH(QString, text);
        QFETCH(QString, cell);
        QCOMPARE(csvTextCell(text), cell);
        CsvBuffer b;
        b.field(text.toStdString());
        b.integer(-5);
        b.decimal(-2.5, 1);
        QCOMPARE(QString::fromStdString(b.buffer()), cell + QStringLiteral(",-5,-2.5"));  // numbers stay numbers
    }

    void rejectsFilesAreNeutralised() {
        QTemporaryDir dir;
        const QString x = phm::test::makeExtract(dir.filePath(QStringLiteral("x")), 60, 2, 0.0);
        {  // a hostile extract: a record that is a formula, rejected (unknown practice)
            QFile f(QDir(x).filePath(QStringLiteral("persons.csv")));
            QVERIFY(f.open(QIODevice::Append));
            f.write("=HYPERLINK(\"http://evil\"),F,1950-01,,E01017505,NOPE,2000-01-01,,,0,0,0,0,0,0,0,0\n");
        }
        Feedback fb;
        auto r = importExtract(x, dir.filePath(QStringLiteral("p.phm")), fb);
        QVERIFY2(r, r ? "" : qPrintable(r.error().message));
        const QByteArray rejects = phm::test::readFile(QDir(r.value().rejectsDir).filePath(QStringLiteral("persons.csv")));
        QVERIFY2(rejects.contains("\"'=HYPERLINK(\"\"http://evil\"\"),F,1950-01"), rejects.constData());
        for (const QByteArray &line : rejects.split('\n'))
            for (const QByteArray &cell : line.split(','))
                QVERIFY2(!looksLikeFormula(cell.startsWith('"') ? cell.mid(1).toStdString() : cell.toStdString()), cell.constData());
    }
};

QTEST_GUILESS_MAIN(TestCsvWriter)
#include "tst_csvwriter.moc"
