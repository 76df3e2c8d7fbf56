#include "base/csvreader.h"
#include "testutil.h"

#include <QTemporaryDir>
#include <QTest>

using namespace phm::core;

class TestCsvReader : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    QString write(const char *name, const QByteArray &bytes) {
        const QString path = mDir.filePath(QLatin1String(name));
        phm::test::writeFile(path, bytes);
        return path;
    }
    static QStringList fields(const CsvReader &r) {
        QStringList out;
        for (auto f : r.fields()) out << QString::fromUtf8(f.data(), qsizetype(f.size()));
        return out;
    }
private slots:
    void quotedFieldsAndLines() {
        // RFC 4180: quoted comma, doubled quote, embedded newline; CRLF line ends; blank line skipped.
        const QString p = write("a.csv", "h1,h2,h3\r\n1,\"a,b\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",x\r\n\r\n3,,z");
        CsvReader r(p);
        QVERIFY(r.open());
        QCOMPARE(r.next(), CsvReader::Step::Record);
        QCOMPARE(fields(r), QStringList({"h1", "h2", "h3"}));
        QCOMPARE(r.next(), CsvReader::Step::Record);
        QCOMPARE(fields(r), QStringList({"1", "a,b", "say \"hi\""}));
        QCOMPARE(r.line(), 2);
        QCOMPARE(r.next(), CsvReader::Step::Record);
        QCOMPARE(fields(r), QStringList({"2", "two\nlines", "x"}));
        QCOMPARE(r.line(), 3);
        QCOMPARE(r.next(), CsvReader::Step::Record);  // record after a quoted newline and a blank line
        QCOMPARE(r.line(), 6);
        QCOMPARE(fields(r), QStringList({"3", "", "z"}));
        QVERIFY(!r.isMalformed());
        QCOMPARE(r.next(), CsvReader::Step::End);
    }
    void bomIsSkipped() {
        CsvReader r(write("bom.csv", "\xEF\xBB\xBFid,x\n1,2\n"));
        QVERIFY(r.open());
        QCOMPARE(r.next(), CsvReader::Step::Record);
        QCOMPARE(fields(r).first(), QStringLiteral("id"));
    }
    void malformedRowIsRecoverable() {
        CsvReader r(write("m.csv", "a,b\nx\"y,2\n\"ok\"junk,3\n4,5\n"));
        QVERIFY(r.open());
        QCOMPARE(r.next(), CsvReader::Step::Record);
        QCOMPARE(r.next(), CsvReader::Step::Record);
        QVERIFY(r.isMalformed());
        QVERIFY(QString::fromStdString(r.malformedReason()).contains(QStringLiteral("line 2, column 2")));
        QCOMPARE(r.next(), CsvReader::Step::Record);
        QVERIFY(r.isMalformed());
        QVERIFY(QString::fromStdString(r.malformedReason()).contains(QStringLiteral("after closing quote")));
        QCOMPARE(r.next(), CsvReader::Step::Record);
        QVERIFY(!r.isMalformed());
        QCOMPARE(r.line(), 4);
    }
    void unterminatedQuoteNamesLineAndColumn() {
        const QString p = write("t.csv", "a,b\n1,2\n3,\"never closed\n");
        CsvReader r(p);
        QVERIFY(r.open());
        QCOMPARE(r.next(), CsvReader::Step::Record);
        QCOMPARE(r.next(), CsvReader::Step::Record);
        QCOMPARE(r.next(), CsvReader::Step::Error);
        QCOMPARE(errorCodeName(r.error().code), QStringLiteral("unterminated_quote"));
        QVERIFY2(r.error().message.contains(QStringLiteral("line 3, column 3")), qPrintable(r.error().message));
        QVERIFY(r.error().message.contains(p));
    }
    void emptyAndUtf16Files() {
        CsvReader empty(write("e.csv", ""));
        auto s = empty.open();
        QVERIFY(!s);
        QCOMPARE(errorCodeName(s.error().code), QStringLiteral("empty_file"));
        CsvReader utf16(write("u.csv", QByteArray("\xFF\xFE"
                                                  "a\0,\0b\0",
                                                  8)));
        auto s2 = utf16.open();
        QVERIFY(!s2);
        QCOMPARE(errorCodeName(s2.error().code), QStringLiteral("bad_encoding"));
        QVERIFY(s2.error().message.contains(QStringLiteral("UTF-16")));
    }
    void rawKeepsRecordBytes() {
        CsvReader r(write("r.csv", "a,b\n\"x,1\",2\n"));
        QVERIFY(r.open());
        r.next();
        r.next();
        QCOMPARE(QByteArray(r.raw().data(), qsizetype(r.raw().size())), QByteArray("\"x,1\",2"));
    }
};

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
