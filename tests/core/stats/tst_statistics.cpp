// Indicator statistics against the PHEindicatormethods R package's own test fixtures
// (tests/data/pheindicatormethods, package 2.1.0; see SOURCE.md there): Wilson, Byars and exact
// Poisson limits, proportions, rates, means, DSRs (Dobson) and SII/RII; plus hand-worked values
// (funnel plots: tst_funnel).
#include "phefixtures.h"
#include "stats/sii.h"
#include "stats/statistics.h"

#include <QTest>
#include <cmath>
#include <map>

using namespace phm::core;
using namespace phm::core::stats;
using namespace phm::test::phe;

class TestStatistics : public QObject {
    Q_OBJECT
    // Value and 95% limits of `a`, 99.8% limits of `b`, as the fixture row's columns.
    static bool matchesFixture(const Interval &a, const Interval &b, const Row &e) {
        const bool ok = close(a.value, num(e, QStringLiteral("value"))) && close(a.lower, num(e, QStringLiteral("lower95_0cl"))) &&
                        close(a.upper, num(e, QStringLiteral("upper95_0cl"))) && close(b.lower, num(e, QStringLiteral("lower99_8cl"))) &&
                        close(b.upper, num(e, QStringLiteral("upper99_8cl")));
        if (!ok) qWarning("%.15g (%.15g, %.15g) / (%.15g, %.15g)", a.value, a.lower, a.upper, b.lower, b.upper);
        return ok;
    }

    // Every row of a phe_proportion / phe_rate fixture: value and both intervals; returns the rows checked.
    template <class Fn>
    int checkIntervals(const char *fixture, double defaultMultiplier, Fn interval) {
        int checked = 0;
        for (const Row &r : readFixture(fixture)) {
            const double x = num(r, QStringLiteral("Numerator")), n = num(r, QStringLiteral("Denominator"));
            const double m = std::isnan(num(r, QStringLiteral("multiplier"))) ? defaultMultiplier : num(r, QStringLiteral("multiplier"));
            if (matchesFixture(interval(x, n, 0.95, m), interval(x, n, 0.998, m), r))
                ++checked;
            else
                qWarning("%s row %d differs", fixture, checked + 1);
        }
        return checked;
    }

private slots:
    void wilsonAndByars() {
        // test_BW.csv: byars and wilson limits at 95% and 99.8%.
        for (const Row &r : readFixture("test_BW.csv")) {
            const double confidence = r.value(QStringLiteral("confidence")) == QLatin1String("95%") ? 0.95 : 0.998;
            const double x = num(r, QStringLiteral("x")), n = num(r, QStringLiteral("n"));
            if (r.value(QStringLiteral("method")) == QLatin1String("Wilson")) {
                EXPECT_CLOSE(wilsonLower(x, n, confidence), num(r, QStringLiteral("lowercl")));
                EXPECT_CLOSE(wilsonUpper(x, n, confidence), num(r, QStringLiteral("uppercl")));
            } else {
                EXPECT_CLOSE(byarsLower(x, confidence), num(r, QStringLiteral("lowercl")));  // NaN where it goes negative
                EXPECT_CLOSE(byarsUpper(x, confidence), num(r, QStringLiteral("uppercl")));
            }
        }
    }

    void proportions() {
        // test_Prop.csv: phe_proportion at 95% and 99.8%, multipliers 1 and 100, missing values.
        QCOMPARE(checkIntervals("test_Prop.csv", 1, [](double x, double n, double c, double m) { return proportion(x, n, c, m); }), 19);
    }

    void rates() {
        // test_Rate.csv: phe_rate, exact below 10 events and Byars from 10, multipliers 100 and 100000.
        QCOMPARE(checkIntervals("test_Rate.csv", 100000, [](double x, double n, double c, double m) { return rate(x, n, c, m); }), 20);
        for (const Row &r : readFixture("test_Rate.csv"))
            if (!std::isnan(num(r, QStringLiteral("Numerator"))))
                QCOMPARE(rateIsExact(num(r, QStringLiteral("Numerator"))), r.value(QStringLiteral("method")) == QLatin1String("Exact"));
    }

    void means() {
        // test_Mean.csv by area and for all values, against test_Mean_results.csv.
        std::map<QString, std::vector<double>> groups;
        for (const Row &r : readFixture("test_Mean.csv")) {
            groups[r.value(QStringLiteral("area"))].push_back(num(r, QStringLiteral("values")));
            groups[QStringLiteral("No grouping")].push_back(num(r, QStringLiteral("values")));
        }
        int checked = 0;
        for (const Row &e : readFixture("test_Mean_results.csv")) {
            const auto &values = groups.at(e.value(QStringLiteral("area")));
            const MeanResult a = mean(values, 0.95), b = mean(values, 0.998);
            EXPECT_CLOSE(a.sum, num(e, QStringLiteral("value_sum")));
            EXPECT_CLOSE(a.count, num(e, QStringLiteral("value_count")));
            EXPECT_CLOSE(a.sd, num(e, QStringLiteral("stdev")));
            QVERIFY(matchesFixture(a.ci, b.ci, e));
            ++checked;
        }
        QCOMPARE(checked, 3);
    }

    void directlyStandardisedRates() {
        // test_multiarea_esp.csv grouped by area with ESP2013 (both the file's column and our
        // built-in weights joined by age band), against test_DSR_results.csv rows 1-3 and 5-7.
        std::map<QString, std::vector<Row>> areas;
        for (const Row &r : readFixture("test_multiarea_esp.csv")) areas[r.value(QStringLiteral("area"))].push_back(r);
        const std::vector<Row> expected = readFixture("test_DSR_results.csv");
        int checked = 0;
        for (const Row &e : expected) {
            const auto it = areas.find(e.value(QStringLiteral("area")));
            if (it == areas.end()) continue;
            const double multiplier = e.value(QStringLiteral("statistic")).contains(QLatin1String("100000")) ||
                                              (std::isnan(num(e, QStringLiteral("value"))) && checked >= 3)
                                          ? 100000
                                          : 10000;
            std::vector<double> x, n, w, esp;
            for (const Row &r : it->second) {
                x.push_back(num(r, QStringLiteral("count")));
                n.push_back(num(r, QStringLiteral("pop")));
                w.push_back(num(r, QStringLiteral("esp2013")));
                // The fixture labels the 55-59 band "55-69" (a typo in the package's data; it
                // matches bands by position). A label join must refuse it, not guess.
                const QString label = r.value(QStringLiteral("ageband"));
                const int band = esp2013Band(label);
                QCOMPARE(band < 0, label == QLatin1String("55-69"));
                esp.push_back(esp2013()[esp.size()]);
            }
            QCOMPARE(esp, w);  // our ESP2013 is the package's
            const DsrResult a = dsr(x, n, w, 0.95, multiplier), b = dsr(x, n, w, 0.998, multiplier);
            EXPECT_CLOSE(a.totalCount, num(e, QStringLiteral("total_count")));
            EXPECT_CLOSE(a.totalPopulation, num(e, QStringLiteral("total_pop")));
            QVERIFY(matchesFixture(a.ci, b.ci, e));
            ++checked;
        }
        QCOMPARE(checked, 6);
        // A user-supplied standard population (ESP 1976), test_DSR_results row 4 (95% only).
        std::vector<double> x, n, w;
        for (const Row &r : readFixture("test_DSR_1976.csv")) {
            x.push_back(num(r, QStringLiteral("count")));
            n.push_back(num(r, QStringLiteral("pop")));
            w.push_back(num(r, QStringLiteral("esp1976")));
        }
        const DsrResult d = dsr(x, n, w, 0.95, 10000);
        EXPECT_CLOSE(d.ci.value, num(expected[3], QStringLiteral("value")));
        EXPECT_CLOSE(d.ci.lower, num(expected[3], QStringLiteral("lower95_0cl")));
        EXPECT_CLOSE(d.ci.upper, num(expected[3], QStringLiteral("upper95_0cl")));
    }

    void dsrForNonIndependentEvents() {
        // calculate_dsr(test_DSR_nonind, persons, pop, stdpop = esp2013, independent_events = FALSE,
        // eventfreq = freq, ageband = ageband, confidence = c(0.95, 0.998)): test_DSR_results.csv
        // rows 9-12. Per area and band: events = sum of freq x persons, squares = sum of freq^2 x persons.
        struct Area {
            std::vector<QString> bands;
            std::vector<double> x, squares, n, w;
        };
        std::map<QString, Area> areas;
        for (const Row &r : readFixture("test_DSR_nonind.csv")) {
            Area &a = areas[r.value(QStringLiteral("area"))];
            const QString band = r.value(QStringLiteral("ageband"));
            auto it = std::find(a.bands.begin(), a.bands.end(), band);
            if (it == a.bands.end()) {
                a.bands.push_back(band);
                a.x.push_back(0);
                a.squares.push_back(0);
                a.n.push_back(num(r, QStringLiteral("pop")));
                a.w.push_back(num(r, QStringLiteral("esp2013")));
                it = a.bands.end() - 1;
            }
            const size_t b = size_t(it - a.bands.begin());
            const double f = num(r, QStringLiteral("freq")), cell = num(r, QStringLiteral("persons"));
            const double people = std::isnan(cell) ? 0 : cell;  // an empty cell is no one, as the package's na.zero
            a.x[b] += f * people;
            a.squares[b] += f * f * people;
        }
        int checked = 0;
        for (const Row &e : readFixture("test_DSR_results.csv")) {
            const auto it = areas.find(e.value(QStringLiteral("area")));
            if (it == areas.end()) continue;
            const Area &a = it->second;
            QCOMPARE(int(a.bands.size()), 19);
            const DsrResult r95 = dsrNonIndependent(a.x, a.squares, a.n, a.w, 0.95),
                            r998 = dsrNonIndependent(a.x, a.squares, a.n, a.w, 0.998);
            EXPECT_CLOSE(r95.totalCount, num(e, QStringLiteral("total_count")));
            QVERIFY(matchesFixture(r95.ci, r998.ci, e));
            // Wider than the interval that treats every event as independent, same value.
            const DsrResult independent = dsr(a.x, a.n, a.w, 0.95);
            if (!std::isnan(r95.ci.value)) {
                EXPECT_CLOSE(r95.ci.value, independent.ci.value);
                QVERIFY(r95.ci.upper - r95.ci.lower > independent.ci.upper - independent.ci.lower);
            }
            ++checked;
        }
        QCOMPARE(checked, 4);
    }

    void esp2013Bands() {
        QCOMPARE(esp2013Band(QStringLiteral("0-4")), 0);
        QCOMPARE(esp2013Band(QStringLiteral("05-09")), 1);
        QCOMPARE(esp2013Band(QStringLiteral("85-89")), 17);
        QCOMPARE(esp2013Band(QStringLiteral("90+")), 18);
        QCOMPARE(esp2013Band(QStringLiteral("90")), 18);
        QCOMPARE(esp2013Band(QStringLiteral("3-7")), -1);
        QCOMPARE(esp2013Band(QStringLiteral("0-5")), -1);
        QCOMPARE(esp2013Band(QStringLiteral("95+")), -1);
        QCOMPARE(esp2013Band(QStringLiteral("adults")), -1);
        double total = 0;
        for (double w : esp2013()) total += w;
        QCOMPARE(total, 100000.0);  // ESP2013 sums to 100,000
    }

    void sliceIndexOfInequality_data() {
        QTest::addColumn<int>("first");
        QTest::addColumn<double>("multiplier");
        QTest::addColumn<bool>("transform");
        QTest::addColumn<double>("confidence");
        QTest::addColumn<int>("column");  // 1 or 2: which expected CI columns (a second confidence)
        // Test blocks of SII_test_data.csv as testSII.R calls them (first record of the block).
        QTest::newRow("normal, se") << 1 << 1.0 << false << 0.95 << 1;
        QTest::newRow("normal, 99%") << 21 << 1.0 << false << 0.99 << 1;
        QTest::newRow("normal, quintiles") << 61 << 1.0 << false << 0.95 << 0;
        QTest::newRow("rate") << 71 << 1.0 << false << 0.95 << 1;
        QTest::newRow("proportion") << 91 << 1.0 << false << 0.95 << 1;
        QTest::newRow("proportion x100") << 111 << 100.0 << false << 0.95 << 1;
        QTest::newRow("proportion x-100") << 131 << -100.0 << false << 0.95 << 1;
        QTest::newRow("normal, second CI 99%") << 226 << 1.0 << false << 0.99 << 2;
        QTest::newRow("rate, log transform") << 306 << 1.0 << true << 0.95 << 1;
        QTest::newRow("proportion, logit transform") << 326 << 1.0 << true << 0.95 << 1;
        QTest::newRow("proportion, logit, x-1") << 346 << -1.0 << true << 0.95 << 1;
        QTest::newRow("rate, log, second CI 98%") << 366 << 1.0 << true << 0.98 << 2;
        QTest::newRow("rate, log, x-1") << 386 << -1.0 << true << 0.95 << 1;
        QTest::newRow("rate, log, 98%") << 406 << 1.0 << true << 0.98 << 1;
        QTest::newRow("proportion, logit, 98%") << 466 << 1.0 << true << 0.98 << 1;
    }

    void sliceIndexOfInequality() {
        QFETCH(int, first);
        QFETCH(double, multiplier);
        QFETCH(bool, transform);
        QFETCH(double, confidence);
        QFETCH(int, column);
        static const std::vector<Row> rows = readFixture("SII_test_data.csv");
        // The block's areas: consecutive records with the same test description.
        const QString description = rows[size_t(first - 1)].value(QStringLiteral("TestDescription"));
        std::map<QString, std::vector<const Row *>> areas;
        for (const Row &r : rows)
            if (r.value(QStringLiteral("TestDescription")) == description && num(r, QStringLiteral("RecordNo")) >= first)
                areas[r.value(QStringLiteral("Area"))].push_back(&r);
        QVERIFY(!areas.empty());
        for (const auto &[area, block] : areas) {
            const Row &top = *block.front();
            SiiOptions o;
            o.valueType = SiiValueType(int(num(top, QStringLiteral("ValueType"))));
            o.transform = transform;
            o.multiplier = multiplier;
            o.confidence = confidence;
            o.repetitions = 100000;
            o.seed = 2026;
            // Standard errors as given, and again derived from the 95% limits: both must agree.
            for (bool fromLimits : {false, true}) {
                std::vector<SiiQuantile> qs;
                for (const Row *r : block) {
                    SiiQuantile q;
                    q.quantile = num(*r, QStringLiteral("Quantile"));
                    q.population = num(*r, QStringLiteral("Population"));
                    q.value = num(*r, QStringLiteral("Value"));
                    if (std::isnan(q.value)) q.value = num(*r, QStringLiteral("Count")) / q.population;
                    if (fromLimits) {
                        q.lowerCl = num(*r, QStringLiteral("LowerCL"));
                        q.upperCl = num(*r, QStringLiteral("UpperCL"));
                    } else {
                        q.se = num(*r, QStringLiteral("StandardError"));
                    }
                    qs.push_back(q);
                }
                auto result = sii(qs, o);
                QVERIFY2(result, result ? "" : qPrintable(result.error().message));
                const SiiResult &s = result.value();
                // Point estimates exactly; simulated limits within the package's 5% (its tests' tolerance).
                EXPECT_CLOSE(s.sii, num(top, QStringLiteral("sii")));
                if (column == 0) continue;  // the quintile case has the SII only
                EXPECT_CLOSE(s.rii, num(top, QStringLiteral("rii")));
                if (!std::isnan(num(top, QStringLiteral("Intercept")))) EXPECT_CLOSE(s.intercept, num(top, QStringLiteral("Intercept")));
                const QString suffix = QStringLiteral("_%1").arg(column);
                EXPECT_CLOSE(s.siiLower, num(top, QStringLiteral("sii_lowercl") + suffix), 0.05);
                EXPECT_CLOSE(s.siiUpper, num(top, QStringLiteral("sii_uppercl") + suffix), 0.05);
                if (!std::isnan(num(top, QStringLiteral("rii_lowercl") + suffix))) {
                    EXPECT_CLOSE(s.riiLower, num(top, QStringLiteral("rii_lowercl") + suffix), 0.05);
                    EXPECT_CLOSE(s.riiUpper, num(top, QStringLiteral("rii_uppercl") + suffix), 0.05);
                }
            }
        }
    }

    void siiIsSeededAndChecksInput() {
        std::vector<SiiQuantile> qs;
        for (int q = 1; q <= 5; ++q) qs.push_back({double(q), 1000.0 * q, 10.0 + q, 0.5, NAN, NAN});
        SiiOptions o;
        o.repetitions = 2000;
        auto a = sii(qs, o), b = sii(qs, o);
        QCOMPARE(a.value().siiLower, b.value().siiLower);  // same seed, same limits
        o.seed = 7;
        QVERIFY(sii(qs, o).value().siiLower != a.value().siiLower);
        // Hand-worked: value = 10 + quantile is linear in the quantile, not in the rank, so check
        // the ends: equal populations would give SII = 5 exactly (ranks 0.1..0.9 step 0.2).
        std::vector<SiiQuantile> equal;
        for (int q = 1; q <= 5; ++q) equal.push_back({double(q), 100, 10.0 + q, 0.1, NAN, NAN});
        EXPECT_CLOSE(sii(equal, o).value().sii, 5.0);
        EXPECT_CLOSE(sii(equal, o).value().intercept, 10.5);
        qs.pop_back();
        QVERIFY(!sii(qs, o));  // 4 quantiles
        qs.push_back({5, 0, 15, 0.5, NAN, NAN});
        auto zero = sii(qs, o);
        QVERIFY(!zero && zero.error().message.contains(QStringLiteral("population")));
    }

    void handWorked() {
        // Wilson, 65 of 100 at 95% (Newcombe & Altman, Statistics with confidence, 2000): 0.553 to 0.736.
        QVERIFY(std::abs(wilsonLower(65, 100, 0.95) - 0.5525) < 1e-4);
        QVERIFY(std::abs(wilsonUpper(65, 100, 0.95) - 0.7364) < 1e-4);
        // Exact Poisson for 0 events: lower 0, upper -ln(0.025) = 3.689 (the "rule of 3.7").
        QCOMPARE(exactPoissonLower(0, 0.95), 0.0);
        QVERIFY(std::abs(exactPoissonUpper(0, 0.95) - 3.6889) < 1e-4);
        // A DSR over one stratum is the crude rate: 20 of 1000 = 2000 per 100,000.
        EXPECT_CLOSE(dsr({20}, {1000}, {5000}).ci.value, 2000.0);
        QVERIFY(std::isnan(dsr({9}, {1000}, {5000}).ci.value));  // fewer than 10 events: not reliable
        QVERIFY(!confidenceLevel(0.5));
        QCOMPARE(confidenceLevel(95).value(), 0.95);
    }
};

QTEST_GUILESS_MAIN(TestStatistics)
#include "tst_statistics.moc"
