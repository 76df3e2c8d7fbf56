// Shared per-person measures (eFI deficits, long-term conditions, 12-month activity and cost)
// checked against the rule engine's own event criteria, which walk the event index by a
// different path (inverted code index, windows), and the cache's reuse per index date.
#include "rules/efi.h"
#include "rules/multimorbidity.h"
#include "rules/personmeasures.h"
#include "rules/rulecatalogue.h"
#include "rules/ruleengine.h"
#include "rules/ruleparser.h"
#include "testutil.h"

#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace phm::core;

class TestPersonMeasures : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    ProjectPtr mProject;
    rules::CodeLists mLists;

    rules::Selection select(const QString &rule, int32_t indexDate) {
        const rules::ParseResult parsed = rules::parseRule(rule, &mLists);
        if (!parsed.ok()) qFatal("%s", qPrintable(parsed.error.format(rule)));
        auto r = rules::MemoryEngine(*mProject, mLists).evaluate(*parsed.expr, indexDate);
        if (!r) qFatal("%s", qPrintable(r.error().message));
        return r.value().people;
    }

private slots:
    void initTestCase() { mProject = phm::test::makeProject(mDir.path(), 8000, 31); }

    void conditionsMatchHasCriteria() {
        const int32_t day = mProject->extractEnd - 200;  // not the extract end: later events must not count
        auto gp = gpMeasures(*mProject, mLists, day);
        QVERIFY(gp);
        const QStringList &names = longTermConditions();
        for (int k = 0; k < names.size(); ++k) {
            const rules::Selection has = select(QStringLiteral("has(gp, @%1)").arg(names[k]), day);
            QVERIFY2(has.count() > 0, qPrintable(names[k]));
            for (int32_t i = 0; i < mProject->persons.count; ++i)
                QVERIFY2(bool((gp.value()->conditions[size_t(i)] >> k) & 1u) == has.test(size_t(i)), qPrintable(names[k]));
        }
    }

    void efiDeficitsAddUp() {
        // A person's deficit count is the number of deficit lists with a code recorded, plus
        // polypharmacy; checked for the first 300 people list by list with has().
        auto gp = gpMeasures(*mProject, mLists, mProject->extractEnd);
        QVERIFY(gp);
        std::vector<int> expected(300, 0);
        for (const QString &list : efiCodeListNames()) {
            const rules::Selection has = select(QStringLiteral("has(gp, @%1)").arg(list), mProject->extractEnd);
            for (size_t i = 0; i < expected.size(); ++i) expected[i] += has.test(i);
        }
        int withPolypharmacy = 0;
        for (size_t i = 0; i < expected.size(); ++i) {
            const int d = gp.value()->efiDeficits[i] - expected[i];
            QVERIFY2(d == 0 || d == 1,
                     qPrintable(QStringLiteral("person %1: %2 vs %3").arg(i).arg(gp.value()->efiDeficits[i]).arg(expected[i])));
            withPolypharmacy += d;
        }
        QVERIFY(withPolypharmacy > 0);  // some people have 5+ medications in the year
    }

    void activityMatchesCountAndCost() {
        const int32_t day = mProject->extractEnd;
        const auto a = activityMeasures(*mProject, day);
        for (int n : {1, 2}) {
            const rules::Selection emergency = select(QStringLiteral("count(apc, emergency, last 12 months) >= %1").arg(n), day);
            const rules::Selection ae = select(QStringLiteral("count(ae, last 12 months) >= %1").arg(n), day);
            for (int32_t i = 0; i < mProject->persons.count; ++i) {
                QCOMPARE(a->emergencyAdmissions[size_t(i)] >= n, emergency.test(size_t(i)));
                QCOMPARE(a->aeAttendances[size_t(i)] >= n, ae.test(size_t(i)));
            }
        }
        // Social care cost in the window as cost(asc, ...) defines it.
        const rules::Selection over = select(QStringLiteral("cost(asc, last 12 months) > 2000"), day);
        int64_t checked = 0;
        for (int32_t i = 0; i < mProject->persons.count; ++i) {
            const double c = a->socialCareCost[size_t(i)];
            if (std::abs(c - 2000) < 1) continue;  // float rounding at the boundary
            QCOMPARE(c > 2000, over.test(size_t(i)));
            checked += over.test(size_t(i));
        }
        QVERIFY(checked > 0);
    }

    void engineMeasuresMatchCriteria() {
        // MemoryEngine::measure (row by row) against the criteria (person by person) at several
        // thresholds: counts, costs (in pennies), latest values and has, for a subset of people.
        rules::MemoryEngine engine(*mProject, mLists);
        const rules::Selection women = select(QStringLiteral("sex = 'F'"), mProject->extractEnd);
        struct Case {
            QString measure;
            std::vector<double> thresholds;
        };
        const std::vector<Case> cases = {{QStringLiteral("count(ae, last 12 months)"), {1, 2, 3}},
                                         {QStringLiteral("count(apc, emergency, last 24 months)"), {1, 2}},
                                         {QStringLiteral("cost(all, last 12 months)"), {0.01, 500, 2500.5}},
                                         {QStringLiteral("cost(asc, last 12 months)"), {1, 1000}},
                                         {QStringLiteral("latest(gp, @hba1c).value"), {48, 58}},
                                         {QStringLiteral("count(op, dna)"), {1}}};
        for (const Case &c : cases) {
            const rules::ParseResult parsed = rules::parseRule(c.measure + QStringLiteral(" >= 0"), &mLists);
            QVERIFY(parsed.ok());
            auto values = engine.measure(*parsed.expr->event, women);
            QVERIFY(values);
            for (double k : c.thresholds) {
                const rules::Selection expected =
                    select(QStringLiteral("sex = 'F' and %1 >= %2").arg(c.measure).arg(k), mProject->extractEnd);
                int64_t matches = 0;
                for (int32_t i = 0; i < mProject->persons.count; ++i) {
                    const double v = values.value()[size_t(i)];
                    QCOMPARE(!std::isnan(v) && v >= k, expected.test(size_t(i)));
                    matches += expected.test(size_t(i));
                    if (!women.test(size_t(i))) QVERIFY(std::isnan(v));
                }
                QVERIFY2(matches > 0, qPrintable(c.measure));
            }
        }
    }

    void cachedPerDateAndLists() {
        auto a = gpMeasures(*mProject, mLists, mProject->extractEnd);
        auto b = gpMeasures(*mProject, mLists, mProject->extractEnd);
        QVERIFY(a && b);
        QCOMPARE(a.value().get(), b.value().get());  // computed once
        auto earlier = gpMeasures(*mProject, mLists, mProject->extractEnd - 365);
        QVERIFY(earlier.value().get() != a.value().get());
        const rules::CodeLists other;  // another set of lists (e.g. a user folder): not the cached result
        QVERIFY(gpMeasures(*mProject, other, mProject->extractEnd).value().get() != a.value().get());
        QCOMPARE(activityMeasures(*mProject, mProject->extractEnd).get(), activityMeasures(*mProject, mProject->extractEnd).get());
    }
};

QTEST_GUILESS_MAIN(TestPersonMeasures)
#include "tst_personmeasures.moc"
