// The evaluation on simulated data with known effects: the synthetic ICS has one programme that
// avoids emergency admissions and A&E attendances and one that does nothing, both enrolling the
// people most likely to be admitted (core/synth/synthprogrammes.h). The true effects come from
// the generator's manifest.json.
#include "governance/disclosure.h"
#include "operations/evaluateop.h"
#include "operations/programmeops.h"
#include "rules/personmeasures.h"
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <bit>
#include <cmath>
#include <map>

using namespace phm::core;

class TestEvaluationSim : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    SessionPtr mSession;
    QJsonObject mManifest;
    Feedback mFeedback;

    double trueEffect(const QString &programme, const QString &outcome) const {
        for (const QJsonValue &p : mManifest.value(QStringLiteral("programmes")).toArray())
            if (p[QStringLiteral("name")].toString() == programme) return p[QStringLiteral("effects")][outcome].toDouble();
        qFatal("no programme %s in the manifest", qPrintable(programme));
    }

    ops::EvaluateRun evaluate(const QString &programme, evaluation::Outcome outcome, evaluation::MatchMethod match, int replicates = 300) {
        ops::EvaluateRequest r;
        r.programme = programme;
        r.outcome = outcome;
        r.match.method = match;
        r.replicates = replicates;
        auto run = ops::runEvaluation(*mSession, r, mFeedback);
        if (!run) qFatal("evaluate failed: %s", qPrintable(run.error().message));
        return run.value();
    }

private slots:
    void initTestCase() {
        phm::test::makeProject(mDir.path(), 200000, 11, 1.0);
        QFile f(mDir.filePath(QStringLiteral("extract/manifest.json")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        mManifest = QJsonDocument::fromJson(f.readAll()).object();
        auto s = Session::open(mDir.filePath(QStringLiteral("project.phm")), mFeedback);
        QVERIFY(s.ok());
        mSession = s.value();
    }

    void programmesAreListedWithTheirEnrolments() {
        auto json = ops::programmesJson(*mSession);
        QVERIFY(json);
        const QJsonArray list = json.value().value(QStringLiteral("programmes")).toArray();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list[0][QStringLiteral("name")].toString(), QStringLiteral("Proactive care"));
        // The manifest counts enrolments as generated; the import loses the few rows with faults.
        const double generated = mManifest[QStringLiteral("programmes")][0][QStringLiteral("enrolled")].toDouble();
        const double imported = list[0][QStringLiteral("enrolled")].toDouble();
        QVERIFY2(imported <= generated && imported > 0.95 * generated, qPrintable(QStringLiteral("%1 of %2").arg(imported).arg(generated)));
        // ISO dates compare as text: every enrolment inside the generator's enrolment window.
        QVERIFY(list[0][QStringLiteral("first")].toString() >=
                mManifest[QStringLiteral("programmes")][0][QStringLiteral("enrolment_from")].toString());
        QVERIFY(list[0][QStringLiteral("last")].toString() <=
                mManifest[QStringLiteral("programmes")][0][QStringLiteral("enrolment_to")].toString());
    }

    void theEffectiveProgrammeIsRecovered() {
        for (auto [outcome, key] :
             {std::pair{evaluation::Outcome::EmergencyAdmissions, "emergency_admissions"}, std::pair{evaluation::Outcome::Ae, "ae"}}) {
            const ops::EvaluateRun run = evaluate(QStringLiteral("Proactive care"), outcome, evaluation::MatchMethod::Psm);
            const double truth = trueEffect(QStringLiteral("Proactive care"), QLatin1String(key));
            const auto &rel = run.did.relative;
            QVERIFY2(rel.lower <= truth && truth <= rel.upper, qPrintable(QStringLiteral("%1: true %2, estimate %3 (%4 to %5)")
                                                                              .arg(key)
                                                                              .arg(truth)
                                                                              .arg(rel.estimate)
                                                                              .arg(rel.lower)
                                                                              .arg(rel.upper)));
            // The main outcome's interval excludes no change; the A&E effect is half as large and
            // at this size its interval only just reaches zero, so it is held to covering the truth.
            if (outcome == evaluation::Outcome::EmergencyAdmissions) {
                QVERIFY2(rel.upper < 0,
                         qPrintable(QStringLiteral("%1: interval %2 to %3 should exclude 0").arg(key).arg(rel.lower).arg(rel.upper)));
                QVERIFY(run.did.effect.upper < 0);
            }
            QVERIFY(rel.estimate < 0);
        }
    }

    void theNullProgrammeShowsNoEffect() {
        const ops::EvaluateRun run =
            evaluate(QStringLiteral("Social prescribing"), evaluation::Outcome::EmergencyAdmissions, evaluation::MatchMethod::Psm);
        QCOMPARE(trueEffect(QStringLiteral("Social prescribing"), QStringLiteral("emergency_admissions")), 0.0);
        QVERIFY2(
            run.did.relative.lower <= 0 && 0 <= run.did.relative.upper,
            qPrintable(
                QStringLiteral("%1 (%2 to %3)").arg(run.did.relative.estimate).arg(run.did.relative.lower).arg(run.did.relative.upper)));
    }

    void matchingBalancesAndNaiveComparisonsAreBiased() {
        const ops::EvaluateRun run =
            evaluate(QStringLiteral("Social prescribing"), evaluation::Outcome::EmergencyAdmissions, evaluation::MatchMethod::Psm, 100);
        for (const evaluation::BalanceRow &b : run.matching.balance)
            QVERIFY2(std::abs(b.smdAfter) < 0.1, qPrintable(QStringLiteral("%1: SMD after %2").arg(b.covariate).arg(b.smdAfter)));
        // Enrolment favours people just admitted: before matching they differ from everyone else.
        QVERIFY(run.matching.balance[5].smdBefore > 0.2);
        // A programme that does nothing looks harmful against random people (the enrolled are
        // sicker) and helpful before/after (they were enrolled after an admission).
        QVERIFY2(run.unmatched.relative > 0.5, qPrintable(QString::number(run.unmatched.relative)));
        QVERIFY2(run.beforeAfter.relative < -0.1, qPrintable(QString::number(run.beforeAfter.relative)));
    }

    void propensityMatchesStayWithinTheExactStrata() {
        // Each control has its enrolled person's band of emergency admissions in the year before
        // (0, 1, 2+), eFI category and number of conditions (0-4+), measured on the covariate date.
        const ops::EvaluateRun run =
            evaluate(QStringLiteral("Proactive care"), evaluation::Outcome::EmergencyAdmissions, evaluation::MatchMethod::Psm, 0);
        const Project &project = mSession->project();
        std::map<int32_t, std::pair<std::shared_ptr<const GpMeasures>, std::shared_ptr<const ActivityMeasures>>> at;
        auto stratum = [&](int32_t person, int32_t date) {
            auto &m = at[date];
            if (!m.first) m = {gpMeasures(project, mSession->codeLists(), date).value(), activityMeasures(project, date)};
            const int efi = m.first->efiDeficits[size_t(person)];
            return std::array{std::min(2, int(m.second->emergencyAdmissions[size_t(person)])),
                              efi <= 4    ? 0
                              : efi <= 9  ? 1
                              : efi <= 13 ? 2
                                          : 3,
                              std::min(4, int(std::popcount(m.first->conditions[size_t(person)])))};
        };
        int checked = 0;
        std::array<int, 3> admitted{};
        for (const evaluation::MatchedSet &set : run.matching.sets) {
            const int32_t date = evaluation::monthStart(set.index) - 1;
            const auto treated = stratum(set.treated, date);
            ++admitted[size_t(treated[0])];
            for (int32_t c : set.controls) {
                QCOMPARE(stratum(c, date), treated);
                ++checked;
            }
        }
        QVERIFY(checked > 1000);
        QVERIFY(admitted[0] > 0 && admitted[1] > 0 && admitted[2] > 0);  // every band is used
    }

    void alsoMatchingOnRiskAndSegment() {
        // The risk score on the covariate date joins the propensity model and the balance table;
        // the segment is exact: every control is in its enrolled person's segment on that date.
        ops::EvaluateRequest r;
        r.programme = QStringLiteral("Proactive care");
        r.replicates = 0;
        r.match.riskScore = true;
        r.match.segmentation = QStringLiteral("bridges-to-health");
        auto run = ops::runEvaluation(*mSession, r, mFeedback);
        QVERIFY2(run, run ? "" : qPrintable(run.error().message));
        const auto &balance = run.value().matching.balance;
        QCOMPARE(balance[8].covariate, QStringLiteral("risk_score"));
        QVERIFY(balance[8].smdBefore > 0.5);  // the enrolled are at much higher risk than everyone else
        QVERIFY2(std::abs(balance[8].smdAfter) < 0.1, qPrintable(QString::number(balance[8].smdAfter)));
        QVERIFY(balance.size() > 9);
        for (size_t k = 9; k < balance.size(); ++k) {
            QVERIFY(balance[k].covariate.startsWith(QStringLiteral("segment: ")));
            QVERIFY2(std::abs(balance[k].smdAfter) < 1e-9, qPrintable(balance[k].covariate));  // exact: the same shares
        }
        // An unknown template is refused, naming the ones there are.
        r.match.segmentation = QStringLiteral("nope");
        auto refused = ops::runEvaluation(*mSession, r, mFeedback);
        QVERIFY(!refused);
        QVERIFY(refused.error().message.contains(QStringLiteral("bridges-to-health")));
        // Both are kept in the saved settings.
        r.match.segmentation = QStringLiteral("nhse-core");
        auto back = ops::evaluationRequestFrom(ops::evaluationSettingsJson(r));
        QVERIFY(back);
        QVERIFY(back.value().match.riskScore);
        QCOMPARE(back.value().match.segmentation, QStringLiteral("nhse-core"));
    }

    void meansAndRatesArePublishedFromProtectedCounts() {
        // The attack (a review found it): a share of a few hundred people at three figures gives
        // the exact number back (every N but one fits all the 0/1 rows), and a small segment's
        // share gives its exact count; a practice's monthly rate times its person-months gives its
        // exact monthly events, of any code list with a custom outcome.
        ops::EvaluateRequest r;
        r.programme = QStringLiteral("Social prescribing");
        r.replicates = 0;
        r.match.segmentation = QStringLiteral("bridges-to-health");
        auto run = ops::runEvaluation(*mSession, r, mFeedback);
        QVERIFY(run);
        const disclosure::Policy policy = mSession->policy();
        const QJsonObject o = disclosure::publish(ops::evaluationJson(run.value()), ops::evaluationFields(), policy).value.toObject();
        int hidden = 0;
        for (const QJsonValue &b : o[QStringLiteral("balance")].toArray()) {
            const QJsonValue total = b[QStringLiteral("enrolled_total")], people = b[QStringLiteral("enrolled_people")];
            QCOMPARE(std::fmod(people.toDouble(), 5.0), 0.0);  // the enrolled, rounded like every count
            if (total.isNull()) {
                // A segment of 1 to 7 enrolled people: no share, no difference.
                QVERIFY(b[QStringLiteral("treated_mean")].isNull());
                QVERIFY(b[QStringLiteral("smd_before")].isNull());
                ++hidden;
                continue;
            }
            // The mean is the published total (in the row's unit) over the published people, nothing finer.
            const double mean = b[QStringLiteral("treated_mean")].toDouble(), unit = b[QStringLiteral("unit")].toDouble();
            QVERIFY(unit > 0);
            QVERIFY2(std::abs(mean - unit * total.toDouble() / people.toDouble()) <= 1e-3 * std::abs(mean) + 1e-12,
                     qPrintable(b[QStringLiteral("covariate")].toString()));
            // Standardised differences are given to two figures.
            const double smd = b[QStringLiteral("smd_after")].toDouble();
            QCOMPARE(QString::number(smd, 'g', 2).toDouble(), smd);
        }
        QVERIFY(hidden > 0);  // some Bridges to Health segments hold only a handful of these people
        for (const QJsonValue &m : o[QStringLiteral("monthly")].toArray()) {
            const QJsonValue units = m[QStringLiteral("treated_units")];
            QVERIFY(units.isNull() || std::fmod(units.toDouble(), 5.0) == 0.0);
            if (units.isNull()) QVERIFY(m[QStringLiteral("treated_rate")].isNull());
        }
        // A time series of an area too small to count month by month is refused, saying why.
        ops::EvaluateRequest its;
        its.method = ops::EvaluationMethod::Its;
        its.area = mSession->areas().code(Area{Area::Lsoa, 0});
        its.start = mSession->project().extractEnd - 365;
        QVERIFY(ops::outcomeFrom(QStringLiteral("count(ambulance)"), its));
        auto small = ops::runEvaluation(*mSession, its, mFeedback);
        QVERIFY(!small);
        QCOMPARE(small.error().code, ErrorCode::TooFewPeople);
        QVERIFY2(small.error().message.contains(QStringLiteral("fewer than 1000")), qPrintable(small.error().message));
        // A large one publishes its rates from its published counts.
        its.area = mSession->areas().code(Area{Area::Place, 0});
        auto place = ops::runEvaluation(*mSession, its, mFeedback);
        QVERIFY2(place, place ? "" : qPrintable(place.error().message));
        const QJsonObject p = disclosure::publish(ops::evaluationJson(place.value()), ops::evaluationFields(), policy).value.toObject();
        // Its estimates are no finer than one rounding step of events in its smallest month.
        const double step = 1000 * 5 / p[QStringLiteral("fewest_person_months")].toDouble();
        for (const QJsonValue &v : {p[QStringLiteral("effect")][QStringLiteral("estimate")], p[QStringLiteral("level_change")]}) {
            const double steps = v.toDouble() / step;
            QVERIFY2(std::abs(v.toDouble() - std::round(steps) * step) <= 0.0051 * std::abs(v.toDouble()) + 1e-12,
                     qPrintable(QString::number(v.toDouble())));
        }
        for (const QJsonValue &m : p[QStringLiteral("series")].toArray()) {
            const QJsonValue units = m[QStringLiteral("units")], months = m[QStringLiteral("person_months")];
            QVERIFY(units.isNull() || std::fmod(units.toDouble(), 5.0) == 0.0);
            if (!units.isNull()) {
                const double rate = m[QStringLiteral("rate")].toDouble();
                QVERIFY(std::abs(rate - 1000 * units.toDouble() / months.toDouble()) <= 1e-3 * rate + 1e-12);
            }
        }
    }

    void coarsenedExactMatchingAgrees() {
        const ops::EvaluateRun run =
            evaluate(QStringLiteral("Proactive care"), evaluation::Outcome::EmergencyAdmissions, evaluation::MatchMethod::Cem, 200);
        const double truth = trueEffect(QStringLiteral("Proactive care"), QStringLiteral("emergency_admissions"));
        QVERIFY2(
            run.did.relative.lower <= truth && truth <= run.did.relative.upper,
            qPrintable(
                QStringLiteral("%1 (%2 to %3)").arg(run.did.relative.estimate).arg(run.did.relative.lower).arg(run.did.relative.upper)));
        QVERIFY(run.matching.sets.size() > 0.8 * (run.matching.sets.size() + size_t(run.matching.unmatched)));
    }

    void badRequestsGiveClearErrors() {
        ops::EvaluateRequest r;
        r.programme = QStringLiteral("Virtual ward");
        auto unknown = ops::runEvaluation(*mSession, r, mFeedback);
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().code, ErrorCode::UnknownProgramme);
        QVERIFY(unknown.error().message.contains(QStringLiteral("Proactive care")));
        r.programme = QStringLiteral("Proactive care");
        r.preMonths = 10;
        auto window = ops::runEvaluation(*mSession, r, mFeedback);
        QVERIFY(!window);
        QVERIFY(window.error().message.contains(QStringLiteral("--pre-months")));
        r.preMonths = 12;
        r.match.caliper = 0;
        auto caliper = ops::runEvaluation(*mSession, r, mFeedback);
        QVERIFY(!caliper);
        QVERIFY(caliper.error().message.contains(QStringLiteral("caliper")));
        ops::EvaluateRequest its;
        its.method = ops::EvaluationMethod::Its;
        its.area = mSession->areas().code(Area{Area::Pcn, 0});
        its.start = daysFromCivil(2030, 1, 1);
        auto outside = ops::runEvaluation(*mSession, its, mFeedback);
        QVERIFY(!outside);
        QCOMPARE(outside.error().code, ErrorCode::OutsideData);
    }

    void aCustomOutcomeCountsTheEventsOfItsQuery() {
        // The same events as a built-in outcome give the same estimate: count(apc, emergency) is
        // the emergency admissions outcome (methods 21-28 and 2A-2D either way).
        ops::EvaluateRequest r;
        r.programme = QStringLiteral("Proactive care");
        r.replicates = 100;
        auto builtIn = ops::runEvaluation(*mSession, r, mFeedback);
        QVERIFY(builtIn);
        QVERIFY(ops::outcomeFrom(QStringLiteral("count(apc, emergency)"), r));
        QCOMPARE(r.outcome, evaluation::Outcome::Custom);
        auto custom = ops::runEvaluation(*mSession, r, mFeedback);
        QVERIFY2(custom, custom ? "" : qPrintable(custom.error().message));
        QCOMPARE(custom.value().did.effect.estimate, builtIn.value().did.effect.estimate);
        QCOMPARE(custom.value().did.treatedPre, builtIn.value().did.treatedPre);
        const QJsonObject json = ops::evaluationJson(custom.value());
        QCOMPARE(json[QStringLiteral("outcome")].toString(), QStringLiteral("count(apc, emergency)"));
        QCOMPARE(json[QStringLiteral("unit")].toString(), QStringLiteral("events"));
        QVERIFY(json[QStringLiteral("summary")].toString().startsWith(QStringLiteral("The custom outcome: ")));
        // A narrower query counts fewer events; a cost query counts pounds.
        QVERIFY(ops::outcomeFrom(QStringLiteral("count(apc, emergency, @acs_chronic)"), r));
        auto acs = ops::runEvaluation(*mSession, r, mFeedback);
        QVERIFY2(acs, acs ? "" : qPrintable(acs.error().message));
        QVERIFY(acs.value().did.treatedPre > 0 && acs.value().did.treatedPre < builtIn.value().did.treatedPre);
        QVERIFY(ops::outcomeFrom(QStringLiteral("cost(ae)"), r));
        auto cost = ops::runEvaluation(*mSession, r, mFeedback);
        QVERIFY(cost);
        QCOMPARE(cost.value().costPerUnit, 1.0);
        QCOMPARE(ops::evaluationJson(cost.value())[QStringLiteral("unit")].toString(), QStringLiteral("GBP"));
        // It is saved and read back with the request.
        auto back = ops::evaluationRequestFrom(ops::evaluationSettingsJson(r));
        QVERIFY(back);
        QCOMPARE(back.value().customOutcome, QStringLiteral("cost(ae)"));
        // What is not a count or cost of one dataset's events is refused, and says why.
        const std::pair<const char *, const char *> refused[] = {
            {"has(gp, @diabetes)", "write one count"},
            {"count(ae, last 12 months)", "leave out the window"},
            {"count(asc)", "social care"},
            {"cost(all)", "name one dataset"},
            {"count(apc, @no_such_list)", "no_such_list"},
            {"count(apc) >= 2", "custom outcome `count(apc) >= 2`"},
            {"count(apc", "line 1"},
        };
        for (const auto &[text, why] : refused) {
            QVERIFY(ops::outcomeFrom(QLatin1String(text), r));
            auto run = ops::runEvaluation(*mSession, r, mFeedback);
            QVERIFY2(!run, text);
            QVERIFY2(run.error().message.contains(QLatin1String(why)), qPrintable(run.error().message));
        }
        QVERIFY(!ops::outcomeFrom(QStringLiteral("deaths"), r));
        // The attack: a custom outcome of a rare code list, modelled over the enrolled, would give
        // their few events back through the estimates. Too few before or after: no estimate.
        QVERIFY(ops::outcomeFrom(QStringLiteral("count(apc, maternity, @acs_chronic)"), r));
        auto rare = ops::runEvaluation(*mSession, r, mFeedback);
        QVERIFY(!rare);
        QCOMPARE(rare.error().code, ErrorCode::TooFewPeople);
        QVERIFY2(rare.error().message.contains(QStringLiteral("fewer than 10")), qPrintable(rare.error().message));
    }

    void publishedResultKeepsTheKeysAndRoundsCounts() {
        const ops::EvaluateRun run =
            evaluate(QStringLiteral("Proactive care"), evaluation::Outcome::EmergencyAdmissions, evaluation::MatchMethod::Psm, 100);
        auto published =
            mSession->publishObject(ops::evaluationJson(run), ops::evaluationFields(), mSession->policy(), QStringLiteral("evaluate"), {});
        QVERIFY(published);
        const QJsonObject o = published.value();
        for (const char *k : {"programme", "outcome", "method", "treated", "controls", "balance", "effect", "per_1000_per_year",
                              "cost_per_month", "pre_trend"})
            QVERIFY2(o.contains(QLatin1String(k)), k);
        for (const char *k : {"estimate", "lower", "upper", "relative", "relative_lower", "relative_upper"})
            QVERIFY2(o[QStringLiteral("effect")].toObject().contains(QLatin1String(k)), k);
        QCOMPARE(o[QStringLiteral("balance")].toArray().size(), 8);
        // Counts go through the keyed rounding: multiples of 5.
        QCOMPARE(std::fmod(o[QStringLiteral("treated")].toDouble(), 5.0), 0.0);
        QCOMPARE(o[QStringLiteral("pre_trend")].toArray().size(), 3);
        QVERIFY(o[QStringLiteral("summary")].toString().contains(QStringLiteral("interval")));
    }
};

QTEST_GUILESS_MAIN(TestEvaluationSim)
#include "tst_evaluationsim.moc"
