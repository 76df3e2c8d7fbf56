// What the printed pages rest on: round axis ticks (hand-worked ranges) and text colours that
// read on their background (WCAG 2 contrast: amber takes dark text, Fingertips red white).
#include "report/niceticks.h"
#include "report/palette.h"

#include <QTest>

using namespace phm::report;

class TestReportBasics : public QObject {
    Q_OBJECT
private slots:
    void ticksAreRound() {
        // The funnel plot of the old pack: 3.5 to 14.6 was ticked 3.5, 6.3, 9.0, 11.8, 14.6.
        Ticks t = niceTicks(3.5, 14.6, 5);
        QCOMPARE(t.step, 5.0);  // raw step 2.78 -> 5
        QCOMPARE(t.lo, 0.0);
        QCOMPARE(t.hi, 15.0);
        QCOMPARE(t.values(), (std::vector<double>{0, 5, 10, 15}));
        QCOMPARE(t.decimals, 0);
        // 0 to 1,467 people: step 500 (raw 366.75 -> 500), up to 1,500.
        t = niceTicks(0, 1467, 5);
        QCOMPARE(t.step, 500.0);
        QCOMPARE(t.hi, 1500.0);
        // Small values keep the decimals the step needs: 0.12 to 0.31 -> 0.05 steps from 0.10.
        t = niceTicks(0.12, 0.31, 5);
        QCOMPARE(t.step, 0.05);
        QCOMPARE(t.decimals, 2);
        QVERIFY(std::abs(t.lo - 0.10) < 1e-12 && std::abs(t.hi - 0.35) < 1e-12);
        // 2.5 steps need one decimal more than their power of ten: 0 to 9 -> 0, 2.5, ..., 10.
        t = niceTicks(0, 9, 5);
        QCOMPARE(t.step, 2.5);
        QCOMPARE(t.decimals, 1);
        // A flat range still has two ticks.
        t = niceTicks(4, 4, 5);
        QVERIFY(t.values().size() >= 2 && t.lo <= 4 && t.hi >= 4);
    }

    void textReadsOnItsBackground() {
        QCOMPARE(textOn(significanceColour(phm::core::Significance::Similar)), kText);            // amber #FFC000
        QCOMPARE(textOn(significanceColour(phm::core::Significance::Better)), kText);             // green #92D050
        QCOMPARE(textOn(significanceColour(phm::core::Significance::Worse)), QColor(Qt::white));  // red #C00000
        QCOMPARE(textOn(kNhsDarkBlue), QColor(Qt::white));
        QCOMPARE(textOn(kTableHeader), kText);
    }
};

QTEST_GUILESS_MAIN(TestReportBasics)
#include "tst_reportbasics.moc"
