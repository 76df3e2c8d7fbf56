// Funnel plots against the PHEindicatormethods R package's own test fixtures (tests/data/
// pheindicatormethods, package 2.1.0; see SOURCE.md there): control limits for proportions,
// ratios and rates, and the significance each point is assigned.
#include "phefixtures.h"
#include "stats/funnel.h"

#include <QTest>
#include <cmath>

using namespace phm::core;
using namespace phm::core::stats;
using namespace phm::test::phe;

class TestFunnel : public QObject {
    Q_OBJECT

private slots:
    void funnelLimitsForProportions() {
        // test_funnel_inputs.csv -> test_funnel_outputs.csv (multiplier 100) and the
        // significance column (assign_funnel_significance).
        std::vector<double> x, n;
        const std::vector<Row> inputs = readFixture("test_funnel_inputs.csv");
        for (const Row &r : inputs) {
            x.push_back(num(r, QStringLiteral("numerator")));
            n.push_back(num(r, QStringLiteral("denominator")));
        }
        const std::vector<FunnelPoint> points = proportionFunnel(x, n, 100);
        const std::vector<Row> expected = readFixture("test_funnel_outputs.csv");
        QCOMPARE(points.size(), expected.size());
        for (size_t i = 0; i < points.size(); ++i) {
            // The fixture is rounded to 6 decimals.
            QCOMPARE(points[i].denominator, num(expected[i], QStringLiteral("Population")));
            EXPECT_CLOSE(points[i].lower95, num(expected[i], QStringLiteral("lower_2s_limit")), 1e-6);
            EXPECT_CLOSE(points[i].upper95, num(expected[i], QStringLiteral("upper_2s_limit")), 1e-6);
            EXPECT_CLOSE(points[i].lower998, num(expected[i], QStringLiteral("lower_3s_limit")), 1e-6);
            EXPECT_CLOSE(points[i].upper998, num(expected[i], QStringLiteral("upper_3s_limit")), 1e-6);
            EXPECT_CLOSE(points[i].baseline, num(expected[i], QStringLiteral("baseline")), 1e-6);
        }
        double sx = 0, sn = 0;
        for (size_t i = 0; i < x.size(); ++i) {
            sx += x[i];
            sn += n[i];
        }
        for (size_t i = 0; i < inputs.size(); ++i)
            QCOMPARE(funnelLabel(proportionSignificance(x[i], n[i], sx / sn)), inputs[i].value(QStringLiteral("significance")));
    }

    void funnelSignificanceForRatios() {
        // test_funnel_ratio_inputs.csv: observed and expected events with the expected significance.
        int checked = 0;
        for (const Row &r : readFixture("test_funnel_ratio_inputs.csv")) {
            QCOMPARE(funnelLabel(ratioSignificance(num(r, QStringLiteral("obs")), num(r, QStringLiteral("expected")))),
                     r.value(QStringLiteral("significance")));
            ++checked;
        }
        QVERIFY(checked >= 300);
    }

    void funnelLimitsForRatios() {
        // calculate_funnel_limits(obs, expected, statistic = "ratio", ratio_type = "count" / "isr")
        // on test_funnel_ratio_inputs.csv -> test_funnel_ratio_outputs.csv. The package finds the
        // Poisson means by bisection to 1e-7, as we do; the series it sums and the gamma function
        // we use round differently, so agreement is to 1e-6 (relative), not to the last digit.
        std::vector<double> expectedEvents;
        for (const Row &r : readFixture("test_funnel_ratio_inputs.csv")) expectedEvents.push_back(num(r, QStringLiteral("expected")));
        const std::vector<RatioFunnelPoint> points = ratioFunnel(expectedEvents);
        const std::vector<Row> expected = readFixture("test_funnel_ratio_outputs.csv");
        QCOMPARE(points.size(), expected.size());
        for (size_t i = 0; i < points.size(); ++i) {
            const Row &e = expected[i];
            QCOMPARE(points[i].observed, num(e, QStringLiteral("Observed_events")));
            EXPECT_CLOSE(points[i].lower95Expected, num(e, QStringLiteral("lower_2s_exp_events")), 1e-6);
            EXPECT_CLOSE(points[i].upper95Expected, num(e, QStringLiteral("upper_2s_exp_events")), 1e-6);
            EXPECT_CLOSE(points[i].lower998Expected, num(e, QStringLiteral("lower_3s_exp_events")), 1e-6);
            EXPECT_CLOSE(points[i].upper998Expected, num(e, QStringLiteral("upper_3s_exp_events")), 1e-6);
            EXPECT_CLOSE(points[i].lower95 - 1, num(e, QStringLiteral("lower_2s_count")), 1e-6);
            EXPECT_CLOSE(points[i].upper998 - 1, num(e, QStringLiteral("upper_3s_count")), 1e-6);
            EXPECT_CLOSE(points[i].upper95 * 100, num(e, QStringLiteral("upper_2s_isr")), 1e-6);
            EXPECT_CLOSE(points[i].lower998 * 100, num(e, QStringLiteral("lower_3s_isr")), 1e-6);
        }
    }

    void funnelLimitsForRates_data() {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<int>("pipeline");
        // testFunnels.R: dsr per 100,000 over 3 years; crude with the largest count set to 5;
        // crude with the largest count (and its rate) set to 0, populations given and the
        // smaller half of areas dropped.
        QTest::newRow("dsr") << "test_funnel_rate_funnels.csv" << 1;
        QTest::newRow("crude, fewer than 10 events") << "test_funnel_rate_funnels_2.csv" << 2;
        QTest::newRow("crude, 0 events and denominators") << "test_funnel_rate_funnels_3.csv" << 3;
    }
    void funnelLimitsForRates() {
        QFETCH(QString, fixture);
        QFETCH(int, pipeline);
        std::vector<double> ev, rate, pop;
        const std::vector<Row> input = readFixture("test_funnel_rate_funnels_input.csv");
        double maxEv = 0;
        for (const Row &r : input) maxEv = std::max(maxEv, num(r, QStringLiteral("ev")));
        for (const Row &r : input) {
            double e = num(r, QStringLiteral("ev")), rt = num(r, QStringLiteral("rate"));
            const double p = 1e5 * e / rt;
            if (pipeline == 2 && e == maxEv) e = 5;
            if (pipeline == 3 && e == maxEv) e = rt = 0;
            ev.push_back(e);
            rate.push_back(rt);
            pop.push_back(p);
        }
        if (pipeline == 3) {
            const double half = *std::max_element(pop.begin(), pop.end()) / 2;
            std::vector<double> e2, r2, p2;
            for (size_t i = 0; i < pop.size(); ++i)
                if (pop[i] > half) {
                    e2.push_back(ev[i]);
                    r2.push_back(rate[i]);
                    p2.push_back(pop[i]);
                }
            ev = e2;
            rate = r2;
            pop = p2;
        }
        const std::vector<RateFunnelPoint> points =
            rateFunnel(ev, rate, pipeline == 3 ? pop : std::vector<double>{}, pipeline == 1 ? RateType::Dsr : RateType::Crude, 1e5, 3);
        const std::vector<Row> expected = readFixture(fixture.toUtf8().constData());
        QCOMPARE(points.size(), expected.size());
        for (size_t i = 0; i < points.size(); ++i) {
            const Row &e = expected[i];
            QCOMPARE(points[i].events, num(e, QStringLiteral("Events")));
            EXPECT_CLOSE(points[i].lower95Population, num(e, QStringLiteral("lower_2s_population_1_year")), 1e-6);
            EXPECT_CLOSE(points[i].lower95, num(e, QStringLiteral("lower_2s_limit")), 1e-6);
            EXPECT_CLOSE(points[i].upper95Population, num(e, QStringLiteral("upper_2s_population_1_year")), 1e-6);
            EXPECT_CLOSE(points[i].upper95, num(e, QStringLiteral("upper_2s_limit")), 1e-6);
            EXPECT_CLOSE(points[i].lower998Population, num(e, QStringLiteral("lower_3s_population_1_year")), 1e-6);
            EXPECT_CLOSE(points[i].lower998, num(e, QStringLiteral("lower_3s_limit")), 1e-6);
            EXPECT_CLOSE(points[i].upper998Population, num(e, QStringLiteral("upper_3s_population_1_year")), 1e-6);
            EXPECT_CLOSE(points[i].upper998, num(e, QStringLiteral("upper_3s_limit")), 1e-6);
            EXPECT_CLOSE(points[i].baseline, num(e, QStringLiteral("baseline")), 1e-8);
        }
    }

    void funnelSignificanceForRates() {
        // test_funnel_rate_inputs.csv: every pipeline of testFunnels.R (dsr or crude, per 100,000
        // or per 100, with or without the areas with no events) and the expected category.
        const std::vector<Row> rows = readFixture("test_funnel_rate_inputs.csv");
        int checked = 0;
        for (const bool dsr : {true, false})
            for (const double multiplier : {1e5, 100.0})
                for (const bool withZero : {true, false}) {
                    const QString column = QStringLiteral("%1_per_%2_%3_0")
                                               .arg(dsr ? QStringLiteral("dsr") : QStringLiteral("crude"))
                                               .arg(multiplier, 0, 'f', 0)
                                               .arg(withZero ? QStringLiteral("with") : QStringLiteral("without"));
                    const QString rateColumn =
                        dsr ? QStringLiteral("rate_dsr") : QStringLiteral("rate_crude_per_%1").arg(multiplier, 0, 'f', 0);
                    std::vector<double> count, rate, pop;
                    std::vector<QString> expected;
                    for (const Row &r : rows) {
                        if (!withZero && num(r, QStringLiteral("count")) == 0) continue;
                        count.push_back(num(r, QStringLiteral("count")));
                        rate.push_back(num(r, rateColumn));
                        pop.push_back(num(r, QStringLiteral("pop")));
                        expected.push_back(r.value(column));
                    }
                    const auto got = rateSignificance(count, rate, pop, dsr ? RateType::Dsr : RateType::Crude, multiplier);
                    for (size_t i = 0; i < got.size(); ++i) {
                        QVERIFY2(
                            funnelLabel(got[i]) == expected[i],
                            qPrintable(QStringLiteral("%1 row %2: %3 vs %4").arg(column).arg(i + 1).arg(funnelLabel(got[i]), expected[i])));
                        ++checked;
                    }
                }
        QVERIFY(checked >= 8 * 35);
    }
};

QTEST_GUILESS_MAIN(TestFunnel)
#include "tst_funnel.moc"
