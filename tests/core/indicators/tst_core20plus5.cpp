// Core20PLUS5: group shares and the clinical areas recomputed independently from rule-engine
// counts and the statistics functions; PLUS groups checked, stored in the project and left
// unchanged by a failed save.
#include "cohorts/cohortanalysis.h"
#include "indicators/core20plus5.h"
#include "indicators/indicators.h"
#include "rules/rulecatalogue.h"
#include "rules/ruleengine.h"
#include "rules/ruleparser.h"
#include "testutil.h"

#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace phm::core;

namespace {
// The store's functions on a connection of their own, as the tests use them.
Result<std::vector<PlusGroup>> loadPlusGroups(const QString &path, const rules::CodeLists *lists) {
    return phm::test::onProject(path, [&](ProjectDb &db) { return phm::core::loadPlusGroups(db, lists); });
}
Status savePlusGroups(const QString &path, const std::vector<PlusGroup> &groups, const rules::CodeLists *lists) {
    return phm::test::onProject(
        path, [&](ProjectDb &db) { return phm::core::savePlusGroups(db, groups, lists); }, true);
}
}  // namespace

class TestCore20Plus5 : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    ProjectPtr mProject;
    rules::CodeLists mLists;
    std::vector<IndicatorDefinition> mIndicators;

    int64_t count(const QString &rule) {
        const rules::ParseResult parsed = rules::parseRule(rule, &mLists);
        if (!parsed.ok()) qFatal("%s", qPrintable(parsed.error.format(rule)));
        return rules::MemoryEngine(*mProject, mLists).evaluate(*parsed.expr).value().count();
    }

private slots:
    void initTestCase() {
        mProject = phm::test::makeProject(mDir.path(), 8000, 29);
        auto loaded = loadIndicators({}, &mLists);
        QVERIFY(loaded);
        mIndicators = loaded.value();
    }

    void sharesMatchRuleCounts() {
        const AreaIndex areas(*mProject);
        const auto plus = defaultPlusGroups();
        auto r = computeCore20Plus5(areas, mLists, mIndicators, plus, Area::Place, Area{Area::Ics, 0});
        QVERIFY2(r, r ? "" : qPrintable(r.error().message));
        QCOMPARE(int(r.value().shares.size()), areas.areaCount(Area::Place) + 1);  // places, then the ICS
        double registered = 0, core20 = 0;
        for (int i = 0; i < areas.areaCount(Area::Place); ++i) {
            const GroupShares &s = r.value().shares[size_t(i)];
            const QString place = QStringLiteral("registered and place = '%1'").arg(areas.name(Area{Area::Place, i}));
            QCOMPARE(s.registered, double(count(place)));
            // Core20: national IMD deciles 1-2, i.e. quintile 1.
            QCOMPARE(s.core20.numerator, double(count(place + QStringLiteral(" and imd_decile <= 2"))));
            QCOMPARE(s.core20.ci.value, 100.0 * s.core20.numerator / s.registered);
            const stats::Interval wilson = stats::proportion(s.core20.numerator, s.registered, 0.95, 100);
            QCOMPARE(s.core20.ci.lower, wilson.lower);
            QCOMPARE(s.core20.ci.upper, wilson.upper);
            for (size_t g = 0; g < plus.size(); ++g)
                QCOMPARE(s.plus[g].numerator, double(count(place + QStringLiteral(" and (") + plus[g].rule + QStringLiteral(")"))));
            registered += s.registered;
            core20 += s.core20.numerator;
        }
        QCOMPARE(r.value().shares.back().registered, registered);
        QCOMPARE(r.value().shares.back().core20.numerator, core20);
        QVERIFY(core20 > 0);  // the synthetic ICS has Luton's deprived neighbourhoods
    }

    void clinicalAreasCompareGroupsWithTheRest() {
        const AreaIndex areas(*mProject);
        const auto plus = defaultPlusGroups();
        const Area luton{Area::Place, [&] {
                             for (int i = 0; i < areas.areaCount(Area::Place); ++i)
                                 if (areas.name(Area{Area::Place, i}) == QLatin1String("Luton")) return i;
                             return -1;
                         }()};
        QVERIFY(luton.index >= 0);
        auto r = computeCore20Plus5(areas, mLists, mIndicators, plus, Area::Place, luton);
        QVERIFY(r);
        QVERIFY(r.value().missing.isEmpty());  // the bundled indicators cover all five areas
        QSet<int> covered;
        for (const ClinicalRow &row : r.value().clinical) covered.insert(row.area);
        QCOMPARE(covered.size(), 5);
        // Hypertension case-finding, counted independently: Luton, Core20 and not.
        const ClinicalRow *htn = nullptr;
        for (const ClinicalRow &row : r.value().clinical)
            if (mIndicators[size_t(row.indicator)].id == QLatin1String("hypertension-case-finding")) htn = &row;
        QVERIFY(htn);
        const QString den = QStringLiteral("registered and age >= 40 and place = 'Luton'");
        const QString num = den + QStringLiteral(" and has(gp, @systolic_bp, last 5 years)");
        QCOMPARE(htn->everyone.denominator, double(count(den)));
        QCOMPARE(htn->everyone.numerator, double(count(num)));
        QCOMPARE(htn->core20.value.denominator, double(count(den + QStringLiteral(" and imd_quintile = 1"))));
        QCOMPARE(htn->core20.value.numerator, double(count(num + QStringLiteral(" and imd_quintile = 1"))));
        const double restNum = double(count(num + QStringLiteral(" and not imd_quintile = 1")));
        const double restDen = double(count(den + QStringLiteral(" and not imd_quintile = 1")));
        QVERIFY(std::abs(htn->core20.rest - 100.0 * restNum / restDen) < 1e-9);
        // Fingertips rule against the rest, with the indicator's polarity (higher is better).
        QCOMPARE(htn->core20.vsRest, compareWith(htn->core20.value.ci, htn->core20.rest, Polarity::HigherIsBetter));
        // A PLUS group: carers.
        QCOMPARE(htn->plus[4].value.numerator, double(count(num + QStringLiteral(" and carer"))));
        QCOMPARE(htn->plus[4].value.denominator, double(count(den + QStringLiteral(" and carer"))));
        // Without the clinical indicators in the definitions, the areas are reported missing.
        std::vector<IndicatorDefinition> none;
        for (const IndicatorDefinition &d : mIndicators)
            if (d.id == QLatin1String("over-75s")) none.push_back(d);
        auto bare = computeCore20Plus5(areas, mLists, none, plus, Area::Place, luton);
        QVERIFY(bare);
        QCOMPARE(bare.value().missing.size(), 5);
    }

    void plusGroupsAreCheckedAndStored() {
        // Errors name the group and the place in its rule.
        auto bad = parsePlusGroups("{\"plus_groups\": [{\"name\": \"Roma\", \"rule\": \"ethnicty = 'G'\"}]}", &mLists, "mine.json");
        QVERIFY(!bad);
        QVERIFY2(bad.error().message.contains("mine.json: PLUS group \"Roma\": line 1, column 1"), qPrintable(bad.error().message));
        QVERIFY2(bad.error().message.contains("ethnicity"), qPrintable(bad.error().message));  // did you mean
        QVERIFY(!parsePlusGroups("{\"plus_groups\": [{\"name\": \"\", \"rule\": \"carer\"}]}", &mLists));
        QVERIFY(!parsePlusGroups("[1, 2]", &mLists));
        std::vector<PlusGroup> eight(8, PlusGroup{QStringLiteral("Carers"), QStringLiteral("carer")});
        QVERIFY(!parsePlusGroups(plusGroupsJson(eight), &mLists));
        // Round trip through the project file; defaults until something is saved.
        const QString path = mDir.filePath(QStringLiteral("project.phm"));
        QCOMPARE(loadPlusGroups(path, &mLists).value(), defaultPlusGroups());
        const std::vector<PlusGroup> mine{{QStringLiteral("Gypsy, Roma and Traveller"), QStringLiteral("ethnicity = 'G'")},
                                          {QStringLiteral("Housebound"), QStringLiteral("housebound")}};
        QVERIFY(savePlusGroups(path, mine, &mLists));
        QCOMPARE(loadPlusGroups(path, &mLists).value(), mine);
        // A failed save changes nothing.
        const QByteArray before = phm::test::fileHash(path);
        QVERIFY(!savePlusGroups(path, {{QStringLiteral("Oops"), QStringLiteral("age >")}}, &mLists));
        QCOMPARE(phm::test::fileHash(path), before);
        QCOMPARE(loadPlusGroups(path, &mLists).value(), mine);
    }
};

QTEST_GUILESS_MAIN(TestCore20Plus5)
#include "tst_core20plus5.moc"
