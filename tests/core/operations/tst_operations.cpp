// Analyses as operations (core/operations): each run on a session gives the same result as the
// engine it wraps, its JSON carries what the command prints, and what a published form must
// withhold is withheld in core (not left to each front end).
#include "governance/disclosure.h"
#include "operations/cohortops.h"
#include "operations/core20op.h"
#include "operations/profileops.h"
#include "operations/riskops.h"
#include "operations/segmentop.h"
#include "rules/ruleengine.h"
#include "rules/ruleparser.h"
#include "testutil.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace phm::core;

class TestOperations : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    SessionPtr mSession;
    Feedback mFeedback;

private slots:
    void initTestCase() {
        phm::test::makeProject(mDir.path(), 5000, 43);
        auto s = Session::open(mDir.filePath(QStringLiteral("project.phm")), mFeedback);
        QVERIFY(s.ok());
        mSession = s.value();
    }

    void cohortMatchesTheEngineAndBothEnginesAgree() {
        const QString rule = QStringLiteral("age >= 40 and has(gp, @hypertension)");
        auto request = ops::parseCohortRule(rule, mSession->codeLists());
        QVERIFY(request.ok());
        request.value().by = Area::Practice;
        auto mem = ops::runCohort(*mSession, request.value(), mFeedback);
        QVERIFY(mem.ok());
        const auto direct = rules::MemoryEngine(mSession->project(), mSession->codeLists()).evaluate(*rules::parseRule(rule).expr);
        QCOMPARE(mem.value().evaluation.count(), direct.value().count());
        QVERIFY(mem.value().evaluation.count() > 0);
        request.value().sqlEngine = true;
        auto sql = ops::runCohort(*mSession, request.value(), mFeedback);
        QVERIFY(sql.ok());
        QCOMPARE(sql.value().evaluation.people, mem.value().evaluation.people);
        // The breakdown by practice never counts more people than the cohort has.
        int64_t byPractice = 0;
        for (const AreaCount &a : mem.value().breakdown) byPractice += a.count;
        QVERIFY(byPractice <= mem.value().evaluation.count());
        const QJsonObject json = ops::cohortJson(mem.value());
        QCOMPARE(json.value(QStringLiteral("count")).toInteger(), mem.value().evaluation.count());
        QCOMPARE(json.value(QStringLiteral("engine")).toString(), QStringLiteral("mem"));
        QCOMPARE(json.value(QStringLiteral("attrition")).toArray().size(), 2);
        QCOMPARE(json.value(QStringLiteral("breakdown")).toArray().size(), int(mem.value().breakdown.size()));
    }

    void aBadRuleIsReportedWithItsPlace() {
        auto request = ops::parseCohortRule(QStringLiteral("age >= "), mSession->codeLists());
        QVERIFY(!request.ok());
        QCOMPARE(errorCodeName(request.error().code), QStringLiteral("rule_error"));
        QVERIFY(request.error().message.contains(QLatin1Char('^')));  // the caret under the column
    }

    void aCanceledRunStops() {
        Feedback canceled;
        canceled.cancel();
        auto request = ops::parseCohortRule(QStringLiteral("age >= 65"), mSession->codeLists());
        auto run = ops::runCohort(*mSession, request.value(), canceled);
        QVERIFY(!run.ok());
        QCOMPARE(errorCodeName(run.error().code), QStringLiteral("canceled"));
    }

    void memberIdsAreOnePerMember() {
        auto request = ops::parseCohortRule(QStringLiteral("age >= 90"), mSession->codeLists());
        auto run = ops::runCohort(*mSession, request.value(), mFeedback);
        const QByteArray csv = ops::memberIdsCsv(mSession->project(), run.value().evaluation.people);
        QVERIFY(csv.startsWith("person_id\n"));
        QCOMPARE(csv.count('\n'), int(run.value().evaluation.count()) + 1);
    }

    void segmentsAddUpToEveryone() {
        ops::SegmentRequest request;
        auto run = ops::runSegmentation(*mSession, request, mFeedback);
        QVERIFY(run.ok());
        int64_t sum = 0;
        for (const SegmentSummary &s : run.value().result.segments) sum += s.count;
        QCOMPARE(sum, run.value().result.persons);
        QCOMPARE(run.value().indexDate, mSession->project().extractEnd);
        QVERIFY(!ops::segmentationJson(run.value()).contains(QStringLiteral("transitions")));
        request.compareDate = mSession->project().extractEnd - 365;
        auto compared = ops::runSegmentation(*mSession, request, mFeedback);
        QVERIFY(compared.ok());
        int64_t moved = 0;
        for (const SegmentTransition &t : compared.value().moves) moved += t.count;
        QVERIFY(moved <= compared.value().result.persons);
        QVERIFY(ops::segmentationJson(compared.value()).contains(QStringLiteral("transitions")));
        request.where = QStringLiteral("age >>= 3");
        QVERIFY(!ops::runSegmentation(*mSession, request, mFeedback).ok());
    }

    void profileHasARowPerAreaAndIndicator() {
        ops::ProfileRequest request;
        auto chosen = ops::chooseIndicators(*mSession, {QStringLiteral("hypertension"), QStringLiteral("emergency-admissions")});
        QVERIFY(chosen.ok());
        request.indicators = chosen.value();
        request.level = Area::Pcn;
        auto run = ops::runProfile(*mSession, request, mFeedback);
        QVERIFY(run.ok());
        const QJsonArray rows = ops::profileJson(*mSession, request, run.value());
        QCOMPARE(rows.size(), 2 * mSession->areas().areaCount(Area::Pcn));
        for (const QJsonValue &r : rows) QCOMPARE(r[QStringLiteral("level")].toString(), QStringLiteral("pcn"));
        auto unknown = ops::chooseIndicators(*mSession, {QStringLiteral("no-such-indicator")});
        QVERIFY(!unknown.ok());
        QCOMPARE(errorCodeName(unknown.error().code), QStringLiteral("unknown_indicator"));
    }

    // A slope through a suppressed group's value would carry it: publishing withholds the SII.
    void inequalityPublishedWithoutASlopeThroughASuppressedGroup() {
        ops::InequalityRequest request;
        request.indicator = ops::chooseIndicators(*mSession, {QStringLiteral("hypertension")}).value().front();
        request.options.repetitions = 1000;
        auto result = ops::runInequality(*mSession, request, mFeedback);
        QVERIFY(result.ok());
        QCOMPARE(int(result.value().groups.size()), 10);
        QVERIFY(result.value().sii.has_value());
        const QJsonObject exact = ops::inequalityJson(request, result.value());
        QVERIFY(exact.value(QStringLiteral("sii")).isDouble());
        disclosure::Policy strict = mSession->policy();
        strict.largest = 1000000;  // every count is small: every group suppressed
        auto published = ops::publishInequality(*mSession, request, result.value(), strict);
        QVERIFY(published.ok());
        QVERIFY(published.value().value(QStringLiteral("sii")).isNull());
        QVERIFY(published.value().value(QStringLiteral("rii_upper")).isNull());
        QCOMPARE(published.value().value(QStringLiteral("sii_note")).toString(),
                 QStringLiteral("a group's value is suppressed by disclosure control"));
    }

    void trendHasASeriesPerArea() {
        const ops::TrendRequest request{ops::chooseIndicators(*mSession, {QStringLiteral("hypertension")}).value().front(), Area::Place, 3,
                                        6, nullptr};
        auto run = ops::runTrend(*mSession, request, mFeedback);
        QVERIFY(run.ok());
        const QJsonObject json = ops::trendJson(*mSession, request, run.value());
        QVERIFY(json.value(QStringLiteral("dates")).toArray().size() <= 3);
        QCOMPARE(json.value(QStringLiteral("areas")).toArray().size(), mSession->areas().areaCount(Area::Place));
    }

    void core20SharesForEveryAreaAndAnUnknownFocusIsNamed() {
        ops::Core20Request request;
        request.level = Area::Place;
        auto run = ops::runCore20(*mSession, request, mFeedback);
        QVERIFY(run.ok());
        const QJsonObject json = ops::core20Json(*mSession, request, run.value());
        const QJsonArray shares = json.value(QStringLiteral("shares")).toArray();  // every place, then the ICS
        QCOMPARE(shares.size(), mSession->areas().areaCount(Area::Place) + 1);
        QCOMPARE(shares.last()[QStringLiteral("area")].toString(), mSession->areas().name(Area{Area::Ics, 0}));
        QCOMPARE(json.value(QStringLiteral("level")).toString(), QStringLiteral("place"));
        request.focus = QStringLiteral("Atlantis");
        auto unknown = ops::runCore20(*mSession, request, mFeedback);
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().message, QStringLiteral("no place called `Atlantis`"));
    }

    void riskTiersAndMultimorbidityAddUp() {
        auto risk = ops::runRiskModel(*mSession, RiskOptions{}, mFeedback);
        QVERIFY(risk.ok());
        const QJsonArray tiers = ops::riskJson(risk.value()).value(QStringLiteral("tiers")).toArray();
        QCOMPARE(tiers.size(), 3);
        const RiskModelResult &m = risk.value().model;
        QCOMPARE(tiers[0][QStringLiteral("count")].toInteger() + tiers[1][QStringLiteral("count")].toInteger() +
                     tiers[2][QStringLiteral("count")].toInteger(),
                 qint64(m.high + m.rising + m.low));
        auto mm = ops::runMultimorbidity(*mSession, ops::MultimorbidityRequest{}, mFeedback);
        QVERIFY(mm.ok());
        int64_t byCount = 0;
        for (int64_t n : mm.value().byCount) byCount += n;
        QCOMPARE(byCount, mm.value().people);  // everyone has some number of conditions, 0 included
    }
};

QTEST_GUILESS_MAIN(TestOperations)
#include "tst_operations.moc"
