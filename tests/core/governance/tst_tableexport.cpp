// A table copied or exported from a view: what leaves is what disclosure control publishes
// (small counts suppressed, others rounded, a lone hidden cell protected by another), as
// tab-separated text or CSV with formulas neutralised.
#include "governance/tableexport.h"

#include <QTest>

using namespace phm::core;
using namespace phm::core::tableexport;

namespace {
Table areas(std::initializer_list<std::pair<const char *, const char *>> rows) {
    Table t;
    t.headers = {QStringLiteral("Area"), QStringLiteral("People")};
    t.labelColumns = {true, false};
    for (const auto &[name, count] : rows) t.rows.push_back({Cell{QString::fromUtf8(name)}, Cell{QString::fromUtf8(count)}});
    return t;
}
}  // namespace

class TestTableExport : public QObject {
    Q_OBJECT
private slots:
    void smallCountNotInCopiedText() {
        // The attack: a logged-in user copies a table to learn an exact small count.
        const Table t = areas({{"Practice A", "3"}, {"Practice B", "1,234"}, {"Practice C", "48"}});
        const QLocale uk(QLocale::English, QLocale::UnitedKingdom);
        const auto cells = publishedCells(t, disclosure::Policy{}, uk);
        const QString text = tabSeparated(t.headers, cells, true);
        QCOMPARE(cells[0][1], QStringLiteral("*"));
        QVERIFY(!text.contains(QStringLiteral("\t3\n")));
        // A lone hidden count in a column is protected by a second one: it cannot be the total less the others.
        QVERIFY(cells[1][1] == QStringLiteral("*") || cells[2][1] == QStringLiteral("*"));
        QCOMPARE(cells[0][0], QStringLiteral("Practice A"));  // labels as they are
        // Rounded to 5 (no key: the nearest multiple), with the locale's separators.
        for (const QStringList &r : cells)
            if (r[1] != QStringLiteral("*")) QCOMPARE(uk.toInt(r[1]) % 5, 0);
        QVERIFY(!text.contains(QStringLiteral("1,234")));
    }

    void everyNumberOfACellIsACount() {
        Table t;
        t.headers = {QStringLiteral("Indicator"), QStringLiteral("Count"), QStringLiteral("Code")};
        t.labelColumns = {true, false, false};
        t.rows = {{Cell{QStringLiteral("Diabetes")}, Cell{QStringLiteral("6 / 212")}, Cell{QStringLiteral("E01012345")}}};
        const auto cells = publishedCells(t, disclosure::Policy{}, QLocale::c());
        QCOMPARE(cells[0][1], QStringLiteral("* / 210"));
        QCOMPARE(cells[0][2], QStringLiteral("E01012345"));  // a code is not a number
    }

    void publishedCellsAreKept() {
        Table t = areas({{"Practice A", "3"}});
        t.rows[0][1] = Cell{QStringLiteral("12.5"), true};  // the model's export text: already published
        QCOMPARE(publishedCells(t, disclosure::Policy{})[0][1], QStringLiteral("12.5"));
    }

    void sharesComeFromThePublishedCounts() {
        // The attack: a share shown exactly beside a rounded count, times the population beside
        // it, gives the exact count back. A copied share is recomputed from the published counts.
        Table t;
        t.headers = {QStringLiteral("Area"), QStringLiteral("In cohort"), QStringLiteral("Registered"), QStringLiteral("Share")};
        t.labelColumns = {true, false, false, false};
        t.shares = {{}, {}, {}, {1, 2}};
        t.rows = {{Cell{QStringLiteral("A")}, Cell{QStringLiteral("123")}, Cell{QStringLiteral("1,501")}, Cell{QStringLiteral("8.19%")}},
                  {Cell{QStringLiteral("B")}, Cell{QStringLiteral("3")}, Cell{QStringLiteral("1,200")}, Cell{QStringLiteral("0.25%")}},
                  {Cell{QStringLiteral("C")}, Cell{QStringLiteral("4")}, Cell{QStringLiteral("2,000")}, Cell{QStringLiteral("0.20%")}}};
        const QLocale uk(QLocale::English, QLocale::UnitedKingdom);
        const auto cells = publishedCells(t, disclosure::Policy{}, uk);
        // 125 / 1,500 (the nearest multiples of 5: no key), to the decimals shown.
        QCOMPARE(cells[0][1], QStringLiteral("125"));
        QCOMPARE(cells[0][2], QStringLiteral("1,500"));
        QCOMPARE(cells[0][3], QStringLiteral("8.33%"));
        QCOMPARE(cells[1][3], QStringLiteral("*%"));  // a share of a suppressed count is hidden with it
        QCOMPARE(cells[2][3], QStringLiteral("*%"));
        // Parts of a whole (no denominator column): over the published total of the parts.
        Table parts;
        parts.headers = {QStringLiteral("Segment"), QStringLiteral("People"), QStringLiteral("Share")};
        parts.labelColumns = {true, false, false};
        parts.shares = {{}, {}, {1, -1}};
        parts.rows = {{Cell{QStringLiteral("X")}, Cell{QStringLiteral("1,234")}, Cell{QStringLiteral("12.6%")}},
                      {Cell{QStringLiteral("Y")}, Cell{QStringLiteral("8,566")}, Cell{QStringLiteral("87.4%")}}};
        const auto p = publishedCells(parts, disclosure::Policy{}, uk);
        QCOMPARE(p[0][2], QStringLiteral("12.6%"));  // 1,235 / 9,800
        QCOMPARE(p[1][2], QStringLiteral("87.4%"));  // 8,565 / 9,800
        // A share said to rest on a label protects nothing: its numbers are published as counts.
        t.shares = {{}, {}, {}, {0, -1}};
        QCOMPARE(publishedCells(t, disclosure::Policy{}, uk)[0][3], QStringLiteral("10%"));
    }

    void offCopiesExactly() {
        disclosure::Policy off;
        off.enabled = false;
        QCOMPARE(publishedCells(areas({{"A", "3"}}), off)[0][1], QStringLiteral("3"));
    }

    void tabSeparatedAndCsv() {
        const QStringList headers{QStringLiteral("Name"), QStringLiteral("Note")};
        const std::vector<QStringList> rows{{QStringLiteral("a\tb"), QStringLiteral("=HYPERLINK(\"x\")")},
                                            {QStringLiteral("c, d"), QStringLiteral("two\nlines")}};
        QCOMPARE(tabSeparated(headers, rows, false), QStringLiteral("a b\t'=HYPERLINK(\"x\")\nc, d\ttwo lines\n"));
        QVERIFY(tabSeparated(headers, rows, true).startsWith(QStringLiteral("Name\tNote\n")));
        QCOMPARE(QString::fromStdString(csv(headers, rows)),
                 QStringLiteral("Name,Note\na\tb,\"'=HYPERLINK(\"\"x\"\")\"\n\"c, d\",\"two\nlines\"\n"));
    }

    void detailNamesNoContent() {
        const QJsonObject d = exportDetail(QStringLiteral("Breakdown"), 12, 3, QStringLiteral("/tmp/b.csv"));
        QCOMPARE(d.value(QStringLiteral("rows")).toInt(), 12);
        QCOMPARE(d.value(QStringLiteral("columns")).toInt(), 3);
        QCOMPARE(d.value(QStringLiteral("file")).toString(), QStringLiteral("/tmp/b.csv"));
        QCOMPARE(d.keys().size(), 4);
    }
};

QTEST_GUILESS_MAIN(TestTableExport)
#include "tst_tableexport.moc"
