#include "base/dates.h"

#include <QTest>

using namespace phm::core;

class TestDates : public QObject {
    Q_OBJECT
private slots:
    void epoch() {
        QCOMPARE(daysFromCivil(1970, 1, 1), 0);
        QCOMPARE(daysFromCivil(2000, 3, 1), 11017);  // hand-checked: 30 years incl. 7 leap days + Jan/Feb 2000
        QCOMPARE(isoDate(daysFromCivil(2024, 2, 29)), std::string("2024-02-29"));
    }
    void parse_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::newRow("normal") << "2025-03-31" << true;
        QTest::newRow("leap day") << "2024-02-29" << true;
        QTest::newRow("not leap") << "2025-02-29" << false;
        QTest::newRow("feb 30") << "2025-02-30" << false;
        QTest::newRow("month 13") << "2025-13-01" << false;
        QTest::newRow("uk order") << "31/03/2025" << false;
        QTest::newRow("short") << "2025-3-31" << false;
        QTest::newRow("letters") << "2025-0a-01" << false;
        QTest::newRow("empty") << "" << false;
    }
    void parse() {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        const std::string s = text.toStdString();
        QCOMPARE(parseIsoDate(s).has_value(), valid);
        if (valid) QCOMPARE(QString::fromStdString(isoDate(*parseIsoDate(s))), text);
    }
    void yearMonth() {
        QCOMPARE(parseYearMonth("1950-01").value(), 1950 * 12);
        QCOMPARE(parseYearMonth("1950-12").value(), 1950 * 12 + 11);
        QVERIFY(!parseYearMonth("1950-00"));
        QVERIFY(!parseYearMonth("1950-1"));
    }
};

QTEST_GUILESS_MAIN(TestDates)
#include "tst_dates.moc"
