// Saved cohorts: versions with author and count, in_cohort (and its cycle guard), overlap and
// breakdown, and upgrading an older project file when a cohort is first saved.
#include "cohorts/cohortanalysis.h"
#include "cohorts/cohortstore.h"
#include "cohortutil.h"
#include "import/importer.h"
#include "rules/rulecatalogue.h"
#include "rules/ruleparser.h"
#include "session/projectloader.h"
#include "store/projectdb.h"
#include "testutil.h"

#include <QElapsedTimer>
#include <QTest>

using namespace phm::core;

class TestCohortStore : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    QString mPath;
    ProjectPtr mProject;
    rules::CodeLists mLists;

    Result<rules::Selection> evaluate(const QString &rule) {
        const rules::ParseResult parsed = rules::parseRule(rule, &mLists);
        if (!parsed.ok()) return Error{ErrorCode::Parse, parsed.error.message, rule};
        rules::MemoryEngine engine(*mProject, mLists);
        engine.setCohortResolver(makeCohortResolver(*mProject, mLists, phm::test::cohortRules(mPath)));
        auto r = engine.evaluate(*parsed.expr);
        if (!r) return r.error();
        return r.value().people;
    }

private slots:
    void initTestCase() {
        const QString x = phm::test::makeExtract(mDir.filePath(QStringLiteral("x")), 3000, 8, 0.0);
        mPath = mDir.filePath(QStringLiteral("p.phm"));
        Feedback fb;
        QVERIFY(importExtract(x, mPath, fb));
        auto p = openProject(mPath, fb);
        QVERIFY(p);
        mProject = p.value();
    }

    void versionsKeepHistory() {
        phm::test::Cohorts store{mPath};
        QCOMPARE(store.save(QStringLiteral("Older people"), QStringLiteral("age >= 65"), QStringLiteral("ana"), {}, 10).value().version, 1);
        QCOMPARE(
            store.save(QStringLiteral("Older people"), QStringLiteral("age >= 75"), QStringLiteral("bo"), QStringLiteral("narrower"), 5)
                .value()
                .version,
            2);
        auto c = store.find(QStringLiteral("Older people"));
        QVERIFY(c);
        QCOMPARE(int(c.value().history.size()), 2);
        QCOMPARE(c.value().history[0].author, QStringLiteral("ana"));
        QCOMPARE(c.value().current().rule, QStringLiteral("age >= 75"));
        QCOMPARE(c.value().current().note, QStringLiteral("narrower"));
        QVERIFY(c.value().current().savedAt.isValid());
        QVERIFY(!store.save(QStringLiteral("  "), QStringLiteral("age > 1"), {}, {}, 0));
    }

    void inCohortUsesTheCurrentVersion() {
        phm::test::Cohorts{mPath}.save(QStringLiteral("Elderly"), QStringLiteral("age >= 80"), QStringLiteral("ana"), {}, 0);
        auto direct = evaluate(QStringLiteral("age >= 80 and sex = 'F'"));
        auto via = evaluate(QStringLiteral("in_cohort(\"Elderly\") and sex = 'F'"));
        QVERIFY(direct && via);
        QVERIFY(direct.value().count() > 0);
        QCOMPARE(via.value(), direct.value());
        auto missing = evaluate(QStringLiteral("in_cohort(\"Nobody saved this\")"));
        QVERIFY(!missing);
        QVERIFY(missing.error().message.contains(QStringLiteral("no saved cohort")));
    }

    void cyclesAreErrors() {
        phm::test::Cohorts store{mPath};
        store.save(QStringLiteral("A"), QStringLiteral("age > 5"), {}, {}, 0);
        store.save(QStringLiteral("B"), QStringLiteral("in_cohort(\"A\")"), {}, {}, 0);
        QVERIFY(!store.save(QStringLiteral("A"), QStringLiteral("in_cohort(\"B\")"), {}, {}, 0));  // A -> B -> A is refused
        {  // but a file written elsewhere (or before the check) may hold one: the engine still stops
            auto db = ProjectDb::open(mPath, true);
            QVERIFY(
                db.value()->exec(QStringLiteral("INSERT INTO cohort_version SELECT id, 2, 'in_cohort(\"B\")', 'x', '2024-01-01', "
                                                "NULL, 0 FROM cohort WHERE name = 'A'")));
        }
        auto r = evaluate(QStringLiteral("in_cohort(\"A\")"));
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains(QStringLiteral("refers to itself")), qPrintable(r.error().message));
    }

    void resolverWorksFromASnapshot() {
        // The rules are given, as Session::cohortRules reads them once: resolving reads no database.
        CohortRules snapshot;
        snapshot.current[QStringLiteral("snap base")] = QStringLiteral("age >= 80");
        snapshot.current[QStringLiteral("snap mid")] = QStringLiteral("in_cohort(\"snap base\") and sex = 'F'");
        snapshot.current[QStringLiteral("snap top")] = QStringLiteral("in_cohort(\"snap mid\") or in_cohort(\"snap base\") and sex = 'F'");
        snapshot.current[QStringLiteral("snap loop a")] = QStringLiteral("in_cohort(\"snap loop b\")");
        snapshot.current[QStringLiteral("snap loop b")] = QStringLiteral("carer or in_cohort(\"snap loop a\")");
        auto direct = evaluate(QStringLiteral("age >= 80 and sex = 'F'"));
        QVERIFY(direct && direct.value().count() > 0);
        auto chain = makeCohortResolver(*mProject, mLists, snapshot)(QStringLiteral("snap top"));
        QVERIFY2(chain, chain ? "" : qPrintable(chain.error().message));
        QCOMPARE(chain.value(), direct.value());
        auto loop = makeCohortResolver(*mProject, mLists, snapshot)(QStringLiteral("snap loop a"));
        QVERIFY(!loop);
        QVERIFY2(loop.error().message.contains(QStringLiteral("refers to itself")), qPrintable(loop.error().message));
        auto unknown = makeCohortResolver(*mProject, mLists, snapshot)(QStringLiteral("snap nobody"));
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().code, ErrorCode::UnknownCohort);
        QCOMPARE(unknown.error().message, QStringLiteral("no saved cohort called \"snap nobody\""));
        // Cohorts that could not be read: in_cohort answers with why, a rule without it still runs.
        const CohortRules unreadable = cohortRules(Error{ErrorCode::CannotRead, QStringLiteral("cannot read cohorts: damaged"), {}});
        auto refused = makeCohortResolver(*mProject, mLists, unreadable)(QStringLiteral("snap base"));
        QVERIFY(!refused);
        QCOMPARE(refused.error().message, QStringLiteral("cannot read cohorts: damaged"));
        rules::MemoryEngine engine(*mProject, mLists);
        engine.setCohortResolver(makeCohortResolver(*mProject, mLists, unreadable));
        QVERIFY(engine.evaluate(*rules::parseRule(QStringLiteral("age >= 80"), &mLists).expr));
    }

    void overlapHandWorked() {
        // 10 people; A = {0,1,2,3}, B = {2,3,4}, C = {3,9}
        rules::Selection a(10), b(10), c(10);
        for (int i : {0, 1, 2, 3}) a.set(size_t(i));
        for (int i : {2, 3, 4}) b.set(size_t(i));
        for (int i : {3, 9}) c.set(size_t(i));
        auto r = overlap({a, b, c});
        QVERIFY(r);
        std::map<unsigned, int64_t> got;
        for (const auto &region : r.value()) got[region.members] = region.count;
        QCOMPARE(int(got.size()), 7);
        QCOMPARE(got[0b001], 2);  // only A: 0, 1
        QCOMPARE(got[0b011], 1);  // A and B only: 2
        QCOMPARE(got[0b111], 1);  // all three: 3
        QCOMPARE(got[0b010], 1);  // only B: 4
        QCOMPARE(got[0b100], 1);  // only C: 9
        QCOMPARE(got[0b101], 0);
        QCOMPARE(got[0b110], 0);
        QVERIFY(!overlap({a}));
    }

    void breakdownAddsUp() {
        auto s = evaluate(QStringLiteral("age >= 50"));
        QVERIFY(s);
        const AreaIndex areas(*mProject);
        for (Area::Kind kind : {Area::Place, Area::Pcn, Area::Practice, Area::Lsoa}) {
            int64_t sum = 0;
            for (const AreaCount &a : breakdown(areas, s.value(), kind)) sum += a.count;
            QCOMPARE(sum, int64_t(s.value().count()));
        }
    }

    void cyclicDefinitionsAreRefusedWhenSaved() {
        phm::test::Cohorts store{mPath};
        QVERIFY(store.save(QStringLiteral("cyc A"), QStringLiteral("carer"), QStringLiteral("ann"), {}, 1));
        QVERIFY(store.save(QStringLiteral("cyc B"), QStringLiteral("age > 50 and in_cohort(\"cyc A\")"), QStringLiteral("ann"), {}, 1));
        QVERIFY(store.save(QStringLiteral("cyc C"), QStringLiteral("in_cohort(\"cyc B\") or housebound"), QStringLiteral("ann"), {}, 1));
        // A -> C -> B -> A would close a circle; so would a cohort using itself.
        auto loop = store.save(QStringLiteral("cyc A"), QStringLiteral("not in_cohort(\"cyc C\")"), QStringLiteral("ann"), {}, 1);
        QVERIFY(!loop);
        QCOMPARE(errorCodeName(loop.error().code), QStringLiteral("cohort_cycle"));
        QCOMPARE(
            loop.error().message,
            QStringLiteral("cohort \"cyc A\" cannot be saved: in_cohort would go round in a circle: cyc A -> cyc C -> cyc B -> cyc A"));
        auto self = store.save(QStringLiteral("cyc D"), QStringLiteral("carer and in_cohort(\"cyc D\")"), QStringLiteral("ann"), {}, 1);
        QVERIFY(!self);
        QVERIFY2(self.error().message.endsWith(QStringLiteral("cyc D -> cyc D")), qPrintable(self.error().message));
        QCOMPARE(store.find(QStringLiteral("cyc A")).value().history.size(), size_t(1));  // nothing was saved
        QVERIFY(!store.find(QStringLiteral("cyc D")));
        // Using a cohort that is not in a cycle is fine, as is re-saving one of the chain.
        QVERIFY(store.save(QStringLiteral("cyc E"), QStringLiteral("in_cohort(\"cyc C\") and in_cohort(\"cyc A\")"), QStringLiteral("ann"),
                           {}, 1));
        QVERIFY(store.save(QStringLiteral("cyc A"), QStringLiteral("housebound"), QStringLiteral("ann"), {}, 1));
        for (const char *name : {"cyc A", "cyc B", "cyc C", "cyc E"}) QVERIFY(store.remove(QLatin1String(name)));
    }

    void deepAndSharedCohortsAreBounded() {
        phm::test::Cohorts store{mPath};
        // A diamond 24 levels deep: each level's two cohorts both use both of the next level's.
        // Evaluated naively that is 2^24 evaluations; each cohort must be evaluated once.
        const int levels = 24;
        QVERIFY(store.save(QStringLiteral("dia %1 a").arg(levels), QStringLiteral("carer"), {}, {}, 0));
        QVERIFY(store.save(QStringLiteral("dia %1 b").arg(levels), QStringLiteral("housebound"), {}, {}, 0));
        for (int i = levels - 1; i >= 0; --i)
            for (const char *side : {"a", "b"})
                QVERIFY(store.save(QStringLiteral("dia %1 %2").arg(i).arg(QLatin1String(side)),
                                   QStringLiteral("in_cohort(\"dia %1 a\") or in_cohort(\"dia %1 b\")").arg(i + 1), {}, {}, 0));
        QElapsedTimer timer;
        timer.start();
        auto shared = evaluate(QStringLiteral("in_cohort(\"dia 0 a\")"));
        QVERIFY2(shared, shared ? "" : qPrintable(shared.error().message));
        QCOMPARE(int64_t(shared.value().count()), int64_t(evaluate(QStringLiteral("carer or housebound")).value().count()));
        QVERIFY2(timer.elapsed() < 20000, "shared cohorts were evaluated more than once");
        // A chain 60 deep is refused with a clear error instead of recursing without bound.
        QVERIFY(store.save(QStringLiteral("chain 60"), QStringLiteral("carer"), {}, {}, 0));
        for (int i = 59; i >= 0; --i)
            QVERIFY(store.save(QStringLiteral("chain %1").arg(i), QStringLiteral("in_cohort(\"chain %1\")").arg(i + 1), {}, {}, 0));
        auto deep = evaluate(QStringLiteral("in_cohort(\"chain 0\")"));
        QVERIFY(!deep);
        QVERIFY2(deep.error().message.contains(QStringLiteral("more than 50 cohorts deep")), qPrintable(deep.error().message));
        QVERIFY(evaluate(QStringLiteral("in_cohort(\"chain 20\")")));  // 40 deep is fine
    }

    void savingUpgradesAnOlderProject() {
        const QString old = mDir.filePath(QStringLiteral("old.phm"));
        QVERIFY(QFile::copy(mPath, old));
        {  // make it look like a schema-1 file
            auto db = ProjectDb::open(old, true);
            QVERIFY(db);
            QVERIFY(db.value()->exec(QStringLiteral("DROP TABLE cohort_version")));
            QVERIFY(db.value()->exec(QStringLiteral("DROP TABLE cohort")));
            QVERIFY(db.value()->exec(QStringLiteral("DROP TABLE audit_log")));  // schema 3
            QVERIFY(db.value()->exec(QStringLiteral("DROP TABLE app_user")));
            QVERIFY(db.value()->exec(QStringLiteral("DROP TABLE pack_template")));                                   // schema 4
            for (const char *table : {"phm_cycle_stage", "phm_cycle", "maturity_assessment", "maturity_framework"})  // schema 5
                QVERIFY(db.value()->exec(QStringLiteral("DROP TABLE %1").arg(QLatin1String(table))));
            QVERIFY(db.value()->exec(QStringLiteral("DROP TABLE credential")));        // schema 6
            for (const char *table : {"programme", "programme_member", "evaluation"})  // schema 7
                QVERIFY(db.value()->exec(QStringLiteral("DROP TABLE %1").arg(QLatin1String(table))));
            QVERIFY(db.value()->exec(QStringLiteral("DROP TABLE IF EXISTS codelist")));  // schema 9
            QVERIFY(db.value()->exec(QStringLiteral("PRAGMA user_version = 1")));
        }
        QVERIFY(phm::test::Cohorts{old}.list().value().empty());
        QVERIFY(phm::test::Cohorts{old}.save(QStringLiteral("X"), QStringLiteral("carer"), {}, {}, 1));
        auto db = ProjectDb::open(old, false);
        QCOMPARE(db.value()->schemaVersion(), kSchemaVersion);
        QCOMPARE(int(phm::test::Cohorts{old}.list().value().size()), 1);
        Feedback fb;
        QVERIFY(openProject(old, fb));  // the data is untouched and still opens
    }
};

QTEST_GUILESS_MAIN(TestCohortStore)
#include "tst_cohortstore.moc"
