// The base population a cohort is counted in (core/cohorts/cohortbase): by default registered
// and alive at the index date within the selected area, so "age >= 65" leaves out people who
// have died or moved away and its percentage is of the area's registered population.
#include "base/dates.h"
#include "cohorts/cohortbase.h"
#include "operations/cohortops.h"
#include "testutil.h"

#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace phm::core;

class TestCohortBase : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    SessionPtr mSession;
    Feedback mFeedback;

    ops::CohortRun run(const QString &rule, const CohortBase &base, bool sql = false) {
        auto request = ops::parseCohortRule(rule, mSession->codeLists());
        if (!request) qFatal("parse: %s", qPrintable(request.error().message));
        request.value().base = base;
        request.value().sqlEngine = sql;
        auto r = ops::runCohort(*mSession, request.value(), mFeedback);
        if (!r) qFatal("run: %s", qPrintable(r.error().message));
        return r.value();
    }
    const AreaIndex &areas() const { return mSession->areas(); }
    const PersonTable &persons() const { return mSession->project().persons; }

private slots:
    void initTestCase() {
        phm::test::makeProject(mDir.path(), 5000, 61);
        auto s = Session::open(mDir.filePath(QStringLiteral("project.phm")), mFeedback);
        QVERIFY(s.ok());
        mSession = s.value();
    }

    void theDefaultBaseIsTheNavigatorsRegisteredPopulation() {
        // The synthetic extract has people who died or left: "everyone" is more than the registered.
        const CohortBase registered;
        const BasePopulation ics = basePopulation(areas(), registered);
        QCOMPARE(ics.count, areas().population(Area{Area::Ics, 0}));
        QVERIFY(ics.count < persons().count);
        QCOMPARE(basePopulation(areas(), CohortBase::everyoneInExtract()).count, int64_t(persons().count));
        // In a PCN: the people registered with its practices at the extract end, as the navigator counts.
        CohortBase pcn;
        pcn.area = Area{Area::Pcn, 1};
        QCOMPARE(basePopulation(areas(), pcn).count, areas().population(*pcn.area));
    }

    void deceasedAndDeregisteredAreLeftOut() {
        const ops::CohortRun older = run(QStringLiteral("age >= 65"), CohortBase{});
        const ops::CohortRun everyone = run(QStringLiteral("age >= 65"), CohortBase::everyoneInExtract());
        QVERIFY(older.evaluation.count() < everyone.evaluation.count());
        const int32_t end = mSession->project().extractEnd;
        int64_t notRegistered = 0;
        const auto &people = older.evaluation.people;
        for (size_t p = people.find_first(); p != rules::Selection::npos; p = people.find_next(p))
            if (!persons().isRegistered(int32_t(p), end)) ++notRegistered;
        QCOMPARE(notRegistered, int64_t(0));
        // Everyone older and registered is in: the same as the rule that says so.
        QCOMPARE(older.evaluation.count(),
                 run(QStringLiteral("registered and age >= 65"), CohortBase::everyoneInExtract()).evaluation.count());
        QCOMPARE(older.baseCount, areas().population(Area{Area::Ics, 0}));
    }

    void anAreaAndAnIndexDateNarrowTheBase() {
        CohortBase base;
        base.area = Area{Area::Place, 0};
        const ops::CohortRun inPlace = run(QStringLiteral("has(gp, @diabetes)"), base);
        for (size_t p = inPlace.evaluation.people.find_first(); p != rules::Selection::npos; p = inPlace.evaluation.people.find_next(p))
            QVERIFY(areas().contains(*base.area, int32_t(p)));
        QCOMPARE(inPlace.baseCount, areas().population(*base.area));
        QVERIFY(inPlace.evaluation.count() < run(QStringLiteral("has(gp, @diabetes)"), CohortBase{}).evaluation.count());
        // A year earlier the registered population is another set of people.
        CohortBase earlier;
        earlier.indexDate = mSession->project().extractEnd - 365;
        const BasePopulation then = basePopulation(areas(), earlier);
        int64_t expected = 0;
        for (int32_t p = 0; p < persons().count; ++p) expected += persons().isRegistered(p, earlier.indexDate) ? 1 : 0;
        QCOMPARE(then.count, expected);
        QVERIFY(then.count != areas().population(Area{Area::Ics, 0}));
    }

    void bothEnginesCountTheSameBase() {
        CohortBase base;
        base.area = Area{Area::Pcn, 0};
        const QString rule = QStringLiteral("age >= 40 and has(gp, @hypertension)");
        const ops::CohortRun mem = run(rule, base), sql = run(rule, base, true);
        QCOMPARE(sql.evaluation.people, mem.evaluation.people);
        QCOMPARE(sql.evaluation.attrition.size(), size_t(2));  // the base's own clauses are not steps of the rule
        QCOMPARE(sql.evaluation.attrition.back().count, mem.evaluation.attrition.back().count);
        QCOMPARE(baseClauses(areas(), base),
                 QStringList({QStringLiteral("registered"), QStringLiteral("pcn = '%1'").arg(areas().code(*base.area))}));
    }

    void theJsonNamesTheBase() {
        CohortBase base;
        base.area = Area{Area::Pcn, 0};
        const QJsonObject o = ops::cohortJson(run(QStringLiteral("age >= 18"), base));
        const QJsonObject b = o.value(QStringLiteral("base")).toObject();
        QCOMPARE(b.value(QStringLiteral("kind")).toString(), QStringLiteral("registered"));
        QCOMPARE(b.value(QStringLiteral("level")).toString(), QStringLiteral("pcn"));
        QCOMPARE(b.value(QStringLiteral("area_code")).toString(), areas().code(*base.area));
        QCOMPARE(b.value(QStringLiteral("count")).toInteger(), areas().population(*base.area));
        QCOMPARE(b.value(QStringLiteral("index_date")).toString(), QString::fromStdString(isoDate(mSession->project().extractEnd)));
        QVERIFY(describeBase(areas(), base).startsWith(QStringLiteral("registered and alive on ")));
        QCOMPARE(findArea(areas(), Area::Pcn, areas().code(*base.area).toLower()).value(), *base.area);
        QVERIFY(!findArea(areas(), Area::Pcn, QStringLiteral("nowhere")));
    }
};

QTEST_GUILESS_MAIN(TestCohortBase)
#include "tst_cohortbase.moc"
