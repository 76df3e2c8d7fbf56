// Programmes frozen from a saved cohort and saved evaluations: the members are the cohort's on
// the index date among the registered and alive then, kept when the rule changes; a bad name, date
// or cohort is refused and nothing is stored; a saved evaluation comes back with its settings,
// and a project file whose stored evaluation was tampered with gives an error or publishes no
// more than the policy allows.
#include "cohorts/cohortstore.h"
#include "evaluation/programmes.h"
#include "governance/audit.h"
#include "import/importer.h"
#include "maturity/maturitystore.h"
#include "operations/cohortops.h"
#include "operations/programmeops.h"
#include "store/projectdb.h"
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace phm::core;

class TestProgrammeStore : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    QString mProject;
    SessionPtr mSession;
    Feedback mFeedback;
    int32_t mIndex = kNoDate;

    int64_t countAt(const QString &rule, int32_t day) {
        CohortBase base;
        base.indexDate = day;
        auto run = ops::runCohortText(*mSession, rule, base, mFeedback);
        if (!run || !run.value().ok) qFatal("rule failed");
        return run.value().count;
    }
    int programmeRows(const QString &table) {
        auto db = ProjectDb::open(mProject, false);
        Statement st(*db.value(), QStringLiteral("SELECT count(*) FROM %1").arg(table));
        return st.step() ? int(st.columnInt(0)) : -1;
    }

private slots:
    void initTestCase() {
        mProject =
            phm::test::importedProject(mDir.filePath(QStringLiteral("extract")), mDir.filePath(QStringLiteral("project.phm")), 8000, 3);
        auto s = Session::open(mProject, mFeedback);
        QVERIFY(s.ok());
        mSession = s.value();
        mIndex = mSession->project().extractEnd - 365;
        QVERIFY(mSession->saveCohort(QStringLiteral("Older people"), QStringLiteral("age >= 75"), QStringLiteral("tester"), {}, 0));
    }

    void freezingKeepsTheMembersOnTheIndexDate() {
        const int64_t expected = countAt(QStringLiteral("age >= 75"), mIndex);
        QVERIFY(expected >= 10);
        QSignalSpy changed(mSession.get(), &Session::recordsChanged);
        auto run =
            ops::freezeCohort(*mSession, {QStringLiteral("Older people, 2025"), QStringLiteral("Older people"), mIndex, {}}, mFeedback);
        QVERIFY2(run, run ? "" : qPrintable(run.error().message));
        QCOMPARE(run.value().members, expected);
        QCOMPARE(run.value().cohortVersion, 1);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().first().toString(), QStringLiteral("programmes"));
        // Who froze it, from which cohort, is in the audit log; the members are not.
        {
            auto db = ProjectDb::open(mProject, false);
            const audit::Entry last = audit::entries(*db.value()).value().back();
            QCOMPARE(last.action, QStringLiteral("freeze-programme"));
            QCOMPARE(last.detail.value(QStringLiteral("cohort")).toString(), QStringLiteral("Older people"));
            QVERIFY(!last.detail.contains(QStringLiteral("members")));
        }
        // The programme is listed and loads with everyone enrolled on the index date.
        auto loaded = mSession->read(
            [&](ProjectDb &db) { return evaluation::loadProgramme(db, mSession->project(), QStringLiteral("Older people, 2025")); });
        QVERIFY(loaded);
        QCOMPARE(int64_t(loaded.value().people.size()), expected);
        for (int32_t d : loaded.value().enrolled) QCOMPARE(d, mIndex);
        QCOMPARE(loaded.value().source, QStringLiteral("cohort Older people version 1"));
        // A new version of the rule does not change the frozen programme.
        QVERIFY(mSession->saveCohort(QStringLiteral("Older people"), QStringLiteral("age >= 85"), QStringLiteral("tester"), {}, 0));
        auto again = mSession->read(
            [&](ProjectDb &db) { return evaluation::loadProgramme(db, mSession->project(), QStringLiteral("Older people, 2025")); });
        QCOMPARE(again.value().people, loaded.value().people);
        // Its JSON: counts published, the version a label.
        const QJsonObject published =
            disclosure::publish(ops::freezeJson(run.value()), ops::freezeFields(), mSession->policy()).value.toObject();
        QCOMPARE(published.value(QStringLiteral("cohort_version")).toInt(), 1);
        QCOMPARE(qint64(published.value(QStringLiteral("members")).toDouble()) % 5, 0);
    }

    void badFreezesStoreNothing() {
        const int before = programmeRows(QStringLiteral("programme_member"));
        const auto refused = [&](ops::FreezeRequest r, ErrorCode code) {
            auto run = ops::freezeCohort(*mSession, r, mFeedback);
            QVERIFY(!run);
            QCOMPARE(run.error().code, code);
        };
        refused({QStringLiteral("Older people, 2025"), QStringLiteral("Older people"), mIndex, {}}, ErrorCode::NameClash);
        refused({QStringLiteral("Proactive care"), QStringLiteral("Older people"), mIndex, {}}, ErrorCode::NameClash);  // imported
        refused({QStringLiteral("Later"), QStringLiteral("Older people"), mSession->project().extractEnd + 1, {}}, ErrorCode::OutsideData);
        refused({QStringLiteral("Nobody"), QStringLiteral("No such cohort"), mIndex, {}}, ErrorCode::UnknownCohort);
        refused({QStringLiteral("   "), QStringLiteral("Older people"), mIndex, {}}, ErrorCode::BadName);
        refused({QString(121, QLatin1Char('x')), QStringLiteral("Older people"), mIndex, {}}, ErrorCode::BadName);
        QCOMPARE(programmeRows(QStringLiteral("programme_member")), before);
    }

    void anEvaluationIsSavedWithItsSettings() {
        ops::EvaluateRequest r;
        r.programme = QStringLiteral("Proactive care");
        r.outcome = evaluation::Outcome::Ae;
        r.match.ratio = 2;
        r.match.caliper = 0.25;
        r.match.seed = 99;
        r.preMonths = 9;
        r.replicates = 100;
        auto run = ops::runEvaluation(*mSession, r, mFeedback);
        QVERIFY2(run, run ? "" : qPrintable(run.error().message));
        const QJsonObject published =
            disclosure::publish(ops::evaluationJson(run.value()), ops::evaluationFields(), mSession->policy()).value.toObject();
        auto id = ops::saveEvaluation(*mSession, QStringLiteral("PC on A&E"), r, published);
        QVERIFY2(id, id ? "" : qPrintable(id.error().message));
        {
            auto db = ProjectDb::open(mProject, false);
            const audit::Entry last = audit::entries(*db.value()).value().back();
            QCOMPARE(last.action, QStringLiteral("save-evaluation"));
            QCOMPARE(last.detail.value(QStringLiteral("evaluation")).toInteger(), id.value());
        }
        auto list = ops::savedEvaluationsJson(*mSession);
        QVERIFY(list);
        const QJsonArray all = list.value().value(QStringLiteral("evaluations")).toArray();
        QCOMPARE(all.size(), 1);
        const QJsonObject e = all[0].toObject();
        QCOMPARE(e.value(QStringLiteral("id")).toInteger(), id.value());
        QCOMPARE(e.value(QStringLiteral("programme")).toString(), QStringLiteral("Proactive care"));
        QCOMPARE(e.value(QStringLiteral("result")).toObject(), published);
        // The settings give the same request back, so the evaluation can be run again.
        auto back = ops::evaluationRequestFrom(e.value(QStringLiteral("settings")).toObject());
        QVERIFY(back);
        QCOMPARE(ops::evaluationSettingsJson(back.value()), ops::evaluationSettingsJson(r));
        QCOMPARE(back.value().match.seed, uint64_t(99));
        QCOMPARE(back.value().preMonths, 9);
        QCOMPARE(back.value().itsErrors, evaluation::ItsErrors::PraisWinsten);
        // Settings saved before the time series' errors could be chosen were fitted with Newey-West.
        QJsonObject older = e.value(QStringLiteral("settings")).toObject();
        older.remove(QStringLiteral("its_errors"));
        QCOMPARE(ops::evaluationRequestFrom(older).value().itsErrors, evaluation::ItsErrors::NeweyWest);
        older.insert(QStringLiteral("its_errors"), QStringLiteral("ols"));
        QVERIFY(!ops::evaluationRequestFrom(older));
        // Publishing the list again leaves the published result as it was (idempotent).
        const QJsonObject again = disclosure::publish(list.value(), ops::savedEvaluationsFields(), mSession->policy()).value.toObject();
        QCOMPARE(again[QStringLiteral("evaluations")][0][QStringLiteral("result")][QStringLiteral("treated")],
                 published.value(QStringLiteral("treated")));
    }

    void theEvaluateStageLinksASavedEvaluation() {
        auto records = mSession->maturityRecords();
        QVERIFY(records);
        QString pcn;
        for (const auto &a : records.value().areas)
            if (a.level == QLatin1String("pcn")) pcn = a.code;
        QVERIFY(!pcn.isEmpty());
        auto c = mSession->startCycle(pcn, QStringLiteral("Proactive care for the frail"));
        QVERIFY(c);
        QDate day(2025, 4, 1);
        for (cycle::Stage s : {cycle::Stage::Review, cycle::Stage::Choose, cycle::Stage::Design}) {
            cycle::StageRecord r{s, day, {}, {}, {}, {}, 0};
            QVERIFY(mSession->recordStage(c.value().id, r));
            day = day.addMonths(1);
        }
        // Only the evaluate stage links an evaluation.
        cycle::StageRecord early{cycle::Stage::Implement, day, {}, {}, {}, {}, 1};
        auto refused = mSession->recordStage(c.value().id, early);
        QVERIFY(!refused);
        QVERIFY(refused.error().message.contains(QStringLiteral("only the evaluate stage")));
        early.evaluation = 0;
        QVERIFY(mSession->recordStage(c.value().id, early));
        // An evaluation the project does not have is refused; a saved one is kept with the stage.
        cycle::StageRecord evaluate{cycle::Stage::Evaluate, day.addMonths(6), {}, {}, {}, {}, 99};
        auto unknown = mSession->recordStage(c.value().id, evaluate);
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().code, ErrorCode::UnknownValue);
        evaluate.evaluation = 1;
        auto done = mSession->recordStage(c.value().id, evaluate);
        QVERIFY2(done, done ? "" : qPrintable(done.error().message));
        auto again = mSession->maturityRecords();
        QVERIFY(again);
        const cycle::Cycle &stored = again.value().cycles.back();
        QCOMPARE(stored.stages.back().evaluation, qint64(1));
        QCOMPARE(stored.toJson()[QStringLiteral("stages")][4][QStringLiteral("evaluation")].toInteger(), qint64(1));
        const cycle::Dashboard d = cycle::dashboard(again.value().cycles, {pcn}, QDate(2025, 4, 1), QDate(2026, 3, 31));
        QCOMPARE(d.completed, 1);
        QCOMPARE(d.evidenced, 1);
    }

    void aTamperedProjectIsCaught() {
        // The attack: someone edits the project file so a stored evaluation holds exact small
        // counts, or a value that is not JSON, or settings out of range.
        {
            auto db = ProjectDb::open(mProject, true);
            QVERIFY(
                db.value()->exec(QStringLiteral("INSERT INTO evaluation(name, programme, settings, result, saved_at, saved_by) VALUES "
                                                "('forged', 'Proactive care', '{\"ratio\": 1e9}', '{\"treated\": 3, \"enrolled\": 1234, "
                                                "\"effect\": {\"estimate\": 0.123456789}}', "
                                                "'2026-01-01T00:00:00Z', 'someone')")));
        }
        auto list = ops::savedEvaluationsJson(*mSession);
        QVERIFY(list);
        const QJsonObject out = disclosure::publish(list.value(), ops::savedEvaluationsFields(), mSession->policy()).value.toObject();
        const QJsonObject forged = out[QStringLiteral("evaluations")][1][QStringLiteral("result")].toObject();
        QVERIFY(forged.value(QStringLiteral("treated")).isNull());               // 3 is suppressed
        QVERIFY(forged.value(QStringLiteral("enrolled")).toDouble() != 1234.0);  // rounded
        // A model estimate without the counts its precision is bounded by is not shown at all.
        QVERIFY(forged[QStringLiteral("effect")][QStringLiteral("estimate")].isNull());
        QVERIFY(!ops::evaluationRequestFrom(out[QStringLiteral("evaluations")][1][QStringLiteral("settings")].toObject()));
        // Settings that are right but for one value out of range name it.
        QJsonObject settings = out[QStringLiteral("evaluations")][0][QStringLiteral("settings")].toObject();
        settings.insert(QStringLiteral("ratio"), 1e9);
        auto request = ops::evaluationRequestFrom(settings);
        QVERIFY(!request);
        QVERIFY2(request.error().message.contains(QStringLiteral("ratio")), qPrintable(request.error().message));
        settings.insert(QStringLiteral("ratio"), 2);
        settings.insert(QStringLiteral("pre_months"), 2.5);
        QVERIFY(!ops::evaluationRequestFrom(settings));
        {
            auto db = ProjectDb::open(mProject, true);
            QVERIFY(db.value()->exec(QStringLiteral("UPDATE evaluation SET result = '[1, 2' WHERE name = 'forged'")));
        }
        // A damaged row is named and left out; the others still come back (one bad row does not
        // stop a pack or the list).
        auto broken = ops::savedEvaluationsJson(*mSession);
        QVERIFY(broken);
        QCOMPARE(broken.value()[QStringLiteral("evaluations")].toArray().size(), 1);
        const QJsonArray damaged = broken.value()[QStringLiteral("damaged")].toArray();
        QCOMPARE(damaged.size(), 1);
        QCOMPARE(damaged[0][QStringLiteral("id")].toInteger(), 2);
        QVERIFY(damaged[0][QStringLiteral("reason")].toString().contains(QStringLiteral("saved evaluation 2")));
        Feedback fb;
        auto packed = ops::publishedEvaluations(*mSession, mSession->policy(), &fb);
        QVERIFY(packed);
        QCOMPARE(packed.value().size(), size_t(1));
        QCOMPARE(fb.warnings().size(), 1);
        QVERIFY(fb.warnings()[0].contains(QStringLiteral("not a JSON object")));
        {
            auto db = ProjectDb::open(mProject, true);
            QVERIFY(db.value()->exec(QStringLiteral("DELETE FROM evaluation WHERE name = 'forged'")));
        }
    }

    void aStoredSentenceIsWrittenAgainFromThePublishedFigures() {
        // The attack: the stored sentence is edited to carry exact figures (or any text) into a
        // director's PDF, beside estimates given more precisely than three significant figures.
        {
            auto db = ProjectDb::open(mProject, true);
            QVERIFY(db.value()->exec(QStringLiteral(
                "INSERT INTO evaluation(name, programme, settings, result, saved_at, saved_by) VALUES ('edited', 'Proactive care', '{}', "
                "'{\"method\": \"did\", \"outcome\": \"ae\", \"treated\": 4000, \"treated_fewest_months\": 48000, "
                "\"counterfactual_units\": 20000, \"per_1000_per_year\": -123.456789, \"per_1000_per_year_lower\": -201.98765, "
                "\"per_1000_per_year_upper\": -45.4321, \"effect\": {\"estimate\": -0.01, \"lower\": -0.0175, \"upper\": -0.005, "
                "\"relative\": -0.1234, \"relative_lower\": -0.2, \"relative_upper\": -0.05}, "
                "\"summary\": \"Exactly 3 people at practice K81001 died.\"}', "
                "'2026-01-01T00:00:00Z', 'someone')")));
        }
        auto packed = ops::publishedEvaluations(*mSession, mSession->policy());
        QVERIFY(packed);
        const QJsonObject r = packed.value().back().result;
        const QString sentence = r.value(QStringLiteral("summary")).toString();
        QVERIFY2(!sentence.contains(QStringLiteral("Exactly")) && !sentence.contains(QStringLiteral("K81001")), qPrintable(sentence));
        // Hand-worked: the stored yearly figures are not used; they are 12,000 x the effect per
        // person-month (on the grid of 5 / 48,000 months: -0.01 is 96 steps), 120 fewer, the
        // interval 210 fewer to 60 fewer; the relative -0.1234 goes to a step of 5 / 20,000
        // expected events, -0.12325 or -0.1235 by the keyed rounding, -12% either way.
        QVERIFY2(sentence.startsWith(QStringLiteral("A&E attendances: 120 fewer per 1,000 enrolled people a year than expected without the "
                                                    "programme (95% interval: 210 fewer to 60.0 fewer)")),
                 qPrintable(sentence));
        QVERIFY2(sentence.contains(QStringLiteral("a change of -12% (-20% to -5%)")), qPrintable(sentence));
        QVERIFY(sentence.contains(QStringLiteral("excludes no change")));
        // The same through the list the CLI and the workbench show.
        auto list = ops::savedEvaluationsJson(*mSession);
        QVERIFY(list);
        const QJsonObject out = disclosure::publish(list.value(), ops::savedEvaluationsFields(), mSession->policy()).value.toObject();
        const QJsonArray all = out[QStringLiteral("evaluations")].toArray();
        QCOMPARE(all.last()[QStringLiteral("result")][QStringLiteral("summary")].toString(), sentence);
        // A suppressed estimate leaves no figure in the sentence.
        {
            auto db = ProjectDb::open(mProject, true);
            QVERIFY(db.value()->exec(QStringLiteral(
                "UPDATE evaluation SET result = json_set(result, '$.treated', 3, '$.treated_fewest_months', 6) WHERE name = 'edited'")));
        }
        auto small = ops::publishedEvaluations(*mSession, mSession->policy());
        QVERIFY(small);
        const QString hidden = small.value().back().result.value(QStringLiteral("summary")).toString();
        QVERIFY2(hidden.contains(QStringLiteral("not shown")) && !hidden.contains(QStringLiteral("123")), qPrintable(hidden));
        {
            auto db = ProjectDb::open(mProject, true);
            QVERIFY(db.value()->exec(QStringLiteral("DELETE FROM evaluation WHERE name = 'edited'")));
        }
    }

    void oversizedOrTooManyRowsAreNotRead() {
        // The attack: a row far larger than any evaluation, or a table of millions of rows, to
        // make the workbench read them all into memory.
        {
            auto db = ProjectDb::open(mProject, true);
            QVERIFY(db.value()->exec(QStringLiteral(
                "INSERT INTO evaluation(name, programme, settings, result, saved_at, saved_by) VALUES ('huge', 'Proactive care', '{}', "
                "'{\"x\": \"' || printf('%.*c', 8388610, 'x') || '\"}', '2026-01-01T00:00:00Z', 'someone')")));
        }
        auto big = ops::savedEvaluationsJson(*mSession);
        QVERIFY(big);
        const QJsonArray damaged = big.value()[QStringLiteral("damaged")].toArray();
        QCOMPARE(damaged.size(), 1);
        QVERIFY2(damaged[0][QStringLiteral("reason")].toString().contains(QStringLiteral("too large")),
                 qPrintable(damaged[0][QStringLiteral("reason")].toString()));
        {
            auto db = ProjectDb::open(mProject, true);
            QVERIFY(db.value()->exec(QStringLiteral("DELETE FROM evaluation WHERE name = 'huge'")));
            QVERIFY(db.value()->exec(
                QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1) "
                               "INSERT INTO evaluation(name, programme, settings, result, saved_at, saved_by) "
                               "SELECT 'many ' || i, 'Proactive care', '{}', '{}', '2026-01-01T00:00:00Z', 'someone' FROM n")
                    .arg(evaluation::kMaxSavedEvaluations)));
        }
        // A computed column makes a huge value out of a small file: refused outright.
        {
            auto db = ProjectDb::open(mProject, true);
            QVERIFY(
                db.value()->exec(QStringLiteral("ALTER TABLE evaluation ADD COLUMN pad TEXT GENERATED ALWAYS AS "
                                                "(hex(zeroblob(1000))) VIRTUAL")));
        }
        auto computed = ops::savedEvaluationsJson(*mSession);
        QVERIFY(!computed);
        QVERIFY2(computed.error().message.contains(QStringLiteral("computed columns")), qPrintable(computed.error().message));
        {
            auto db = ProjectDb::open(mProject, true);
            QVERIFY(db.value()->exec(QStringLiteral("ALTER TABLE evaluation DROP COLUMN pad")));
        }
        auto many = ops::savedEvaluationsJson(*mSession);
        QVERIFY(many);
        QCOMPARE(many.value()[QStringLiteral("evaluations")].toArray().size(), evaluation::kMaxSavedEvaluations);
        QCOMPARE(many.value()[QStringLiteral("damaged")].toArray().size(), 1);
        QVERIFY(many.value()[QStringLiteral("damaged")][0][QStringLiteral("reason")].toString().contains(QStringLiteral("more than")));
        // And no more can be saved.
        ops::EvaluateRequest r;
        r.programme = QStringLiteral("Proactive care");
        auto refused = ops::saveEvaluation(*mSession, QStringLiteral("one more"), r, QJsonObject{});
        QVERIFY(!refused);
        QVERIFY(refused.error().message.contains(QStringLiteral("already holds")));
        {
            auto db = ProjectDb::open(mProject, true);
            QVERIFY(db.value()->exec(QStringLiteral("DELETE FROM evaluation WHERE name LIKE 'many %'")));
        }
    }

    void aReimportKeepsProgrammesEvaluationsAndLinks() {
        // What the analyst made stays when the extract is imported again (ids kept, so the
        // cycle's link still points at its evaluation).
        mSession.reset();
        auto report = importExtract(mDir.filePath(QStringLiteral("extract")), mProject, mFeedback);
        QVERIFY2(report, report ? "" : qPrintable(report.error().message));
        QCOMPARE(programmeRows(QStringLiteral("programme")), 1);
        QCOMPARE(programmeRows(QStringLiteral("evaluation")), 1);
        auto db = ProjectDb::open(mProject, false);
        auto cycles = maturity::cycles(*db.value());
        QVERIFY(cycles);
        QCOMPARE(cycles.value().back().stages.back().evaluation, qint64(1));
    }
};

QTEST_MAIN(TestProgrammeStore)
#include "tst_programmestore.moc"
