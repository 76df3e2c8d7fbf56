// Disclosure control: the NHS small-number policy (1-7 suppressed, others rounded to 5),
// secondary suppression against adversarial tables, and an exact audit: no suppressed small
// count can be solved for from what a protected table shows.
#include "governance/disclosure.h"
#include "governance/publish.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>
#include <cmath>
#include <random>

using namespace phm::core::disclosure;

namespace {
// Every line (row with its total, column with its total, and the totals with the grand total)
// hides none or at least two members.
bool linesSafe(const Table &t, const Protected &p) {
    const size_t rows = t.cells.size(), cols = rows ? t.cells[0].size() : 0;
    auto hidden = [](Cell c) { return c != Cell::Shown; };
    for (size_t r = 0; r < rows && t.rowTotals; ++r) {
        int n = hidden(p.rowTotalStatus[r]);
        for (size_t c = 0; c < cols; ++c) n += hidden(p.status[r][c]);
        if (n == 1) return false;
    }
    for (size_t c = 0; c < cols && t.columnTotals; ++c) {
        int n = hidden(p.columnTotalStatus[c]);
        for (size_t r = 0; r < rows; ++r) n += hidden(p.status[r][c]);
        if (n == 1) return false;
    }
    return true;
}
}  // namespace

class TestDisclosure : public QObject {
    Q_OBJECT
private slots:
    void keyedRoundingIsFixedUnbiasedAndSecret() {
        Policy a, b;
        a.key = newRoundingKey();
        b.key = newRoundingKey();
        QCOMPARE(a.key.size(), kRoundingKeyBytes);
        QVERIFY(a.key != b.key);
        double sum = 0;
        int differ = 0, n = 0;
        for (int c = 10; c < 20010; ++c) {
            const double shown = roundCount(c, a);
            QCOMPARE(std::fmod(shown, 5.0), 0.0);        // a multiple of the base
            QVERIFY(std::abs(shown - c) < 5);            // next to the count
            QCOMPARE(roundCount(c, a), shown);           // fixed: the same count, the same way
            if (c % 5 == 0) QCOMPARE(shown, double(c));  // multiples are published as they are
            differ += roundCount(c, b) != shown;         // another key rounds otherwise
            sum += shown - c;
            ++n;
        }
        // Unbiased: the mean error of 20,000 counts is near 0 (its standard error is about 0.016;
        // the bound is six of them, as the key is new each run).
        QVERIFY2(std::abs(sum / n) < 0.1, qPrintable(QString::number(sum / n)));
        QVERIFY(differ > 4000);  // 2 in 5 counts round differently under another key, on average
        // Above the suppressed range, never inside it; small counts suppressed, 0 shown.
        QCOMPARE(publish(8, a), 10.0);
        QCOMPARE(publish(9, a), 10.0);
        QVERIFY(std::isnan(publish(7, a)));
        QCOMPARE(publish(0, a), 0.0);
        // Without a key (tables tested on their own): the nearest multiple, halves up.
        QCOMPARE(roundCount(12, Policy{}), 10.0);
        QCOMPARE(roundCount(13, Policy{}), 15.0);
    }

    void smallCountsAndRounding() {
        const Policy policy;
        // NHS England's rule as the issue states it: 1-7 suppressed, the rest to the nearest 5.
        QCOMPARE(publish(0, policy), 0.0);
        for (int v = 1; v <= 7; ++v) QVERIFY(std::isnan(publish(v, policy)));
        QCOMPARE(publish(8, policy), 10.0);
        QCOMPARE(publish(12, policy), 10.0);
        QCOMPARE(publish(12.5, policy), 15.0);  // halves up
        QCOMPARE(publish(13, policy), 15.0);
        QCOMPARE(publish(1002, policy), 1000.0);
        QVERIFY(policy.describe().contains("1 to 7") && policy.describe().contains("nearest 5"));
        // Derived values go with their counts.
        QVERIFY(std::isnan(derived(12.5, 3, 100, policy)));
        QVERIFY(std::isnan(derived(50, 40, 4, policy)));
        QCOMPARE(derived(12.5, 30, 100, policy), 12.5);
        // Off: counts pass through unchanged.
        Policy off;
        off.enabled = false;
        QCOMPARE(publish(3, off), 3.0);
        QCOMPARE(publish(12, off), 12.0);
        QVERIFY(off.describe().startsWith("No disclosure control"));
    }

    void oneSmallCellInARow() {
        // 50 + 3 + 40 = 93 with the row total shown: hiding 3 alone gives it away (93 - 50 - 40).
        const Table t{{{50, 3, 40}}, true, false};
        const Protected p = protect(t, Policy{});
        QCOMPARE(p.status[0][1], Cell::Primary);
        QCOMPARE(p.status[0][2], Cell::Secondary);  // the smallest other positive cell
        QCOMPARE(p.cells[0][0], 50.0);
        QCOMPARE(p.rowTotals[0], 95.0);  // 93 rounded
        QCOMPARE(p.primary, 1);
        QVERIFY(linesSafe(t, p));
        QVERIFY(recoverableCells(t, p).empty());
    }

    void totalsThatGiveItAway() {
        // A row whose only other member is its total: the total must go.
        const Table single{{{4, 0}}, true, false};
        Protected p = protect(single, Policy{});
        QVERIFY(std::isnan(p.cells[0][0]) && std::isnan(p.rowTotals[0]));
        // Two-way table with margins: suppressing 3 spreads across rows and columns.
        //        c0  c1 | total
        //   A     3  20 |  23
        //   B    10  30 |  40
        const Table t{{{3, 20}, {10, 30}}, true, true};
        p = protect(t, Policy{});
        QCOMPARE(p.status[0][0], Cell::Primary);
        QVERIFY(linesSafe(t, p));
        QVERIFY(recoverableCells(t, p).empty());
        for (const auto &row : p.cells)
            for (double v : row) QVERIFY(std::isnan(v) || std::fmod(v, 5) == 0);
    }

    void nestedAreasThatDifferByAFewPeople() {
        // A PCN of 1,000 and one of its practices with 997: the PCN's other 3 people would be
        // derivable, so the practice (or the PCN) must be hidden.
        ProtectedLine l = protectLine({997}, 1000, Policy{});
        QVERIFY(std::isnan(l.parts[0]) || std::isnan(l.total));
        QCOMPARE(l.status[0], Cell::Secondary);
        QCOMPARE(l.total, 1000.0);
        // Two practices shown, 5 people elsewhere in the PCN.
        l = protectLine({400, 395}, 800, Policy{});
        QCOMPARE(l.status[1], Cell::Secondary);  // the smaller practice
        QCOMPARE(l.parts[0], 400.0);
        // Nothing small, nothing hidden.
        l = protectLine({400, 400}, 800, Policy{});
        QVERIFY(l.status[0] == Cell::Shown && l.status[1] == Cell::Shown && l.totalStatus == Cell::Shown);
    }

    void noSmallCountCanBeSolvedFor() {
        // 400 random tables, seeded: small counts are never shown, every shown count is a
        // multiple of 5, no line hides exactly one member, and an exact linear-algebra audit finds
        // no suppressed small cell whose value follows from what is shown.
        std::mt19937 rng(20261123);
        int primaries = 0;
        for (int k = 0; k < 400; ++k) {
            const int rows = 1 + int(rng() % 6), cols = 1 + int(rng() % 6);
            Table t;
            t.rowTotals = rng() % 4 != 0;
            t.columnTotals = rng() % 4 != 0;
            t.cells.assign(size_t(rows), std::vector<double>(size_t(cols)));
            for (auto &row : t.cells)
                for (double &v : row) v = rng() % 3 == 0 ? double(rng() % 8) : double(rng() % 60);
            const Protected p = protect(t, Policy{});
            primaries += p.primary;
            for (int r = 0; r < rows; ++r)
                for (int c = 0; c < cols; ++c) {
                    const double v = t.cells[size_t(r)][size_t(c)];
                    if (v >= 1 && v <= 7) QVERIFY(std::isnan(p.cells[size_t(r)][size_t(c)]));
                    const double shown = p.cells[size_t(r)][size_t(c)];
                    QVERIFY(std::isnan(shown) || std::fmod(shown, 5) == 0);
                }
            QVERIFY2(linesSafe(t, p), qPrintable(QString("table %1").arg(k)));
            for (const auto &[r, c] : recoverableCells(t, p)) {
                const double v = t.cells[size_t(r)][size_t(c)];
                QVERIFY2(!(v >= 1 && v <= 7),
                         qPrintable(QString("table %1 cell %2,%3 = %4 can be solved for").arg(k).arg(r).arg(c).arg(v)));
            }
        }
        QVERIFY(primaries > 200);  // the tables did exercise the rule
    }

    void commandOutputsArePublished() {
        // core/governance/publish over a command's JSON: a segment table with one small segment and its share.
        OutputFields fields;
        fields.counts = {QStringLiteral("count"), QStringLiteral("persons")};
        fields.derived = {{QStringLiteral("percent"), {QStringLiteral("count")}, Derivation::Share}};
        fields.notLines = {QStringLiteral("attrition")};
        auto segment = [](const char *name, double count, double persons) {
            return QJsonObject{{QStringLiteral("name"), QLatin1String(name)},
                               {QStringLiteral("count"), count},
                               {QStringLiteral("percent"), 100 * count / persons}};
        };
        const double persons = 1243;
        const QJsonObject in{{QStringLiteral("persons"), persons},
                             {QStringLiteral("segments"),
                              QJsonArray{segment("well", 1100, persons), segment("frail", 3, persons), segment("cancer", 140, persons)}},
                             {QStringLiteral("attrition"),
                              QJsonArray{QJsonObject{{QStringLiteral("count"), 1243.0}}, QJsonObject{{QStringLiteral("count"), 1240.0}}}}};
        const Published out = publish(in, fields, Policy{});
        const QJsonObject o = out.value.toObject();
        QCOMPARE(o.value(QStringLiteral("persons")).toDouble(), 1245.0);  // rounded to 5
        const QJsonArray segments = o.value(QStringLiteral("segments")).toArray();
        // The small segment is suppressed, and its share with it...
        QVERIFY(segments[1][QStringLiteral("count")].isNull());
        QVERIFY(segments[1][QStringLiteral("percent")].isNull());
        QVERIFY(segments[1][QStringLiteral("suppressed")].toBool());
        // ...and it cannot be had as the total less the others: a second segment is hidden too
        // (the smaller, as protectLine chooses the least information lost).
        QVERIFY(segments[2][QStringLiteral("count")].isNull());
        QCOMPARE(segments[0][QStringLiteral("count")].toDouble(), 1100.0);
        // A share is recomputed from the published counts: 1100 of the line's published total
        // 1245 (1100/1243 to full precision and the rounded total would give the exact count back).
        QCOMPARE(segments[0][QStringLiteral("percent")].toDouble(), 88.35);
        QCOMPARE(out.suppressed, 2);
        // Attrition steps are nested subsets, not parts of a line: rounded one by one, none hidden.
        const QJsonArray steps = o.value(QStringLiteral("attrition")).toArray();
        QCOMPARE(steps[0][QStringLiteral("count")].toDouble(), 1245.0);
        QCOMPARE(steps[1][QStringLiteral("count")].toDouble(), 1240.0);
        // With the policy off nothing changes.
        Policy off;
        off.enabled = false;
        QCOMPARE(publish(in, fields, off).value.toObject(), in);
        QCOMPARE(describe(Policy{}, 2).value(QStringLiteral("policy")).toString(), Policy{}.describe());
    }

    void linesFollowTheGroupingKey() {
        // A profile: PCN rows for two indicators. Each indicator's PCNs are one line; a small
        // numerator in one indicator must not hide a cell of the other.
        OutputFields fields;
        fields.counts = {QStringLiteral("numerator")};
        fields.derived = {{QStringLiteral("value"), {QStringLiteral("numerator")}}};
        fields.lineBy = QStringLiteral("indicator");
        auto row = [](const char *indicator, double numerator) {
            return QJsonObject{{QStringLiteral("indicator"), QLatin1String(indicator)},
                               {QStringLiteral("numerator"), numerator},
                               {QStringLiteral("value"), numerator / 10}};
        };
        const QJsonArray rows{row("a", 4), row("a", 60), row("a", 300), row("b", 50), row("b", 70), row("b", 90)};
        const QJsonArray out = publish(rows, fields, Policy{}).value.toArray();
        int hiddenA = 0, hiddenB = 0;
        for (int i = 0; i < 3; ++i) hiddenA += out[i][QStringLiteral("numerator")].isNull();
        for (int i = 3; i < 6; ++i) hiddenB += out[i][QStringLiteral("numerator")].isNull();
        QCOMPARE(hiddenA, 2);  // the small one and its complement
        QCOMPARE(hiddenB, 0);
        QVERIFY(out[0][QStringLiteral("value")].isNull());
        QCOMPARE(out[5][QStringLiteral("value")].toDouble(), 9.0);
    }

    void estimatesAreNoFinerThanTheCountsTheyRestOn() {
        // A model estimate declared with Resolution: on the grid of scale x 5 / the published count,
        // found in the object or in an object holding it; a key declared twice takes the
        // declaration whose count is there; no count, or a suppressed one, and it is withheld.
        OutputFields fields;
        fields.counts = {QStringLiteral("months"), QStringLiteral("area_months")};
        fields.derived = {{QStringLiteral("estimate"), {QStringLiteral("months")}, Derivation::Resolution, 1},
                          {QStringLiteral("estimate"), {QStringLiteral("area_months")}, Derivation::Resolution, 1000}};
        fields.notLines = {QStringLiteral("quarters")};
        const QJsonObject in{
            {QStringLiteral("months"), 500.0},  // 5 / 500 = 0.01
            {QStringLiteral("effect"), QJsonObject{{QStringLiteral("estimate"), -0.0437}}},
            {QStringLiteral("quarters"),
             QJsonArray{QJsonObject{{QStringLiteral("months"), 125.0}, {QStringLiteral("estimate"), 0.0512}},  // its own: 0.04
                        QJsonObject{{QStringLiteral("months"), 4.0}, {QStringLiteral("estimate"), 0.0612}}}},  // suppressed
            {QStringLiteral("area"), QJsonObject{{QStringLiteral("area_months"), 10000.0}, {QStringLiteral("estimate"), 1.234}}}};
        const QJsonObject o = publish(in, fields, Policy{}).value.toObject();
        // Without a key to the nearest step: -0.0437 is 4.37 steps of 0.01, so -0.04.
        QCOMPARE(o[QStringLiteral("effect")][QStringLiteral("estimate")].toDouble(), -0.04);
        QCOMPARE(o[QStringLiteral("quarters")][0][QStringLiteral("estimate")].toDouble(), 0.04);  // 1.28 steps of 0.04
        QVERIFY(o[QStringLiteral("quarters")][1][QStringLiteral("estimate")].isNull());
        // The inner object's own count is nearer than its holder's: 1000 x 5 / 10,000 = 0.5, so 1.0.
        QCOMPARE(o[QStringLiteral("area")][QStringLiteral("estimate")].toDouble(), 1.0);
        const QJsonObject alone = publish(QJsonObject{{QStringLiteral("estimate"), 0.123456}}, fields, Policy{}).value.toObject();
        QVERIFY(alone[QStringLiteral("estimate")].isNull());
        // With a key: a neighbouring step, fixed for the value, and never finer than three figures.
        Policy keyed;
        keyed.key = newRoundingKey();
        int up = 0;
        for (int i = 0; i < 2000; ++i) {
            const double v = 0.01 * (i + 0.25);
            const double shown = roundToStep(v, 0.01, keyed);
            QVERIFY(std::abs(shown - v) < 0.01);
            QCOMPARE(std::round(shown / 0.01) * 0.01, shown);
            QCOMPARE(roundToStep(v, 0.01, keyed), shown);
            up += shown > v;
        }
        QVERIFY2(up > 350 && up < 650, qPrintable(QString::number(up)));  // up a quarter of the time, unbiased
        QVERIFY(std::isnan(roundToStep(1, 0, keyed)));
        QVERIFY(std::isnan(roundToStep(NAN, 1, keyed)));
    }

    void auditFindsAnUnprotectedTable() {
        // The audit is not vacuous: primary suppression alone leaves 3 recoverable.
        const Table t{{{50, 3, 40}}, true, false};
        Protected naive = protect(t, Policy{});
        naive.status[0][2] = Cell::Shown;
        QCOMPARE(recoverableCells(t, naive).size(), size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestDisclosure)
#include "tst_disclosure.moc"
