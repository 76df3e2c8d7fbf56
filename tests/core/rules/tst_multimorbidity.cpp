// Multimorbidity: counts and combinations worked by hand, and the condition code lists kept
// apart (a code in two condition lists makes one diagnosis count as two conditions).
#include "rules/multimorbidity.h"
#include "rules/rulecatalogue.h"

#include <QSet>
#include <QTest>

using namespace phm::core;

class TestMultimorbidity : public QObject {
    Q_OBJECT
private slots:
    void handWorkedProfile() {
        // bits: 0 = hypertension, 1 = diabetes, 2 = asthma
        const std::vector<uint32_t> bits = {0b000, 0b001, 0b011, 0b011, 0b111, 0b101, 0b011};
        rules::Selection everyone(bits.size());
        everyone.set();
        everyone.reset(6);  // the last person is outside the population
        const MultimorbidityProfile m = multimorbidity(bits, everyone, 2, 10);
        QCOMPARE(m.people, 6);
        QCOMPARE(m.byCount[0], 1);
        QCOMPARE(m.byCount[1], 1);
        QCOMPARE(m.byCount[2], 4);  // "2 or more"
        QCOMPARE(int(m.combinations.size()), 3);
        QCOMPARE(m.combinations[0].count, 2);  // hypertension + diabetes, twice
        QCOMPARE(m.combinations[0].names(), QStringList({QStringLiteral("hypertension"), QStringLiteral("diabetes")}));
    }

    void conditionListsAreDistinct() {
        const rules::CodeLists lists;
        const QStringList &names = longTermConditions();
        // Known, clinically meaningful overlaps: diabetic peripheral vascular complications.
        const QSet<QString> allowed = {QStringLiteral("diabetes+pad")};
        for (int a = 0; a < names.size(); ++a)
            for (int b = a + 1; b < names.size(); ++b) {
                const QStringList la = lists.codes(names[a]).value(), lb = lists.codes(names[b]).value();
                const QSet<QString> shared = QSet<QString>(la.begin(), la.end()) & QSet<QString>(lb.begin(), lb.end());
                if (!shared.isEmpty() && !allowed.contains(names[a] + QLatin1Char('+') + names[b]))
                    QFAIL(qPrintable(QStringLiteral("%1 and %2 share codes: %3")
                                         .arg(names[a], names[b], QStringList(shared.begin(), shared.end()).join(QLatin1Char(',')))));
            }
    }
};

QTEST_GUILESS_MAIN(TestMultimorbidity)
#include "tst_multimorbidity.moc"
