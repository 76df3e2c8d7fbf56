// The code-list browser's counts: for each code of a list, the people and events that have it in
// a dataset, checked against a scan of the dataset's rows by hand; ICD-10 entries match their
// subcodes in admissions, as in the rule engines; the counts leave through disclosure control.
#include "operations/codelistops.h"
#include "operations/cohortops.h"
#include "rules/rulecatalogue.h"
#include "testutil.h"

#include <QTest>
#include <set>

using namespace phm::core;

class TestCodeListOps : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    Feedback mFeedback;
    SessionPtr mSession;

    // People and events whose code is `code` (or starts with it), by scanning every row.
    std::pair<int64_t, int64_t> scan(int dataset, const QString &code, bool prefix) const {
        const EventTable &t = mSession->project().events[size_t(dataset)];
        std::set<int32_t> people;
        int64_t events = 0;
        for (int32_t p = 0; p < int32_t(mSession->project().persons.count); ++p)
            for (uint32_t r = t.offsets[size_t(p)]; r < t.offsets[size_t(p) + 1]; ++r) {
                const QString &c = t.codes[t.code[r]];
                if (prefix ? c.startsWith(code) : c == code) {
                    people.insert(p);
                    ++events;
                }
            }
        return {int64_t(people.size()), events};
    }

private slots:
    void initTestCase() {
        phm::test::makeProject(mDir.path(), 3000, 5);
        auto s = Session::open(mDir.filePath(QStringLiteral("project.phm")), mFeedback);
        QVERIFY(s);
        mSession = s.value();
    }

    void everyCodeIsCountedAsAScanCountsIt() {
        auto run = ops::runCodeList(*mSession, {QStringLiteral("diabetes"), QStringLiteral("gp")}, mFeedback);
        QVERIFY2(run, run ? "" : qPrintable(run.error().message));
        const QStringList codes = mSession->codeLists().codes(QStringLiteral("diabetes")).value();
        QCOMPARE(int(run.value().codes.size()), codes.size());
        int64_t used = 0;
        for (const ops::CodeListEntry &e : run.value().codes) {
            const auto [people, events] = scan(0, e.code, false);
            QCOMPARE(e.people, people);
            QCOMPARE(e.events, events);
            used += e.people > 0;
        }
        QVERIFY(used > 0);  // the synthetic GP records use the list
        // Descriptions come from the list's term column.
        QCOMPARE(run.value().codes.front().term, QStringLiteral("Diabetes mellitus without complication (disorder)"));
        // Anyone with any code: as many as the rule has(gp, @diabetes) finds.
        auto request = ops::parseCohortRule(QStringLiteral("has(gp, @diabetes)"), mSession->codeLists());
        QVERIFY(request);
        auto cohort = ops::runCohort(*mSession, request.value(), mFeedback);
        QVERIFY(cohort);
        QCOMPARE(run.value().people, int64_t(cohort.value().evaluation.count()));
    }

    void admissionsMatchSubcodes() {
        auto run = ops::runCodeList(*mSession, {QStringLiteral("acs_chronic"), QStringLiteral("apc")}, mFeedback);
        QVERIFY(run);
        const int apc = int(rules::datasetNames().indexOf(QStringLiteral("apc")));
        int64_t people = 0;
        for (const ops::CodeListEntry &e : run.value().codes) {
            QCOMPARE(e.people, scan(apc, e.code, true).first);
            people += e.people;
        }
        QVERIFY(people > 0);
    }

    void smallCountsAreSuppressedWhenPublished() {
        auto run = ops::runCodeList(*mSession, {QStringLiteral("diabetes"), QStringLiteral("gp")}, mFeedback);
        QVERIFY(run);
        const auto published = disclosure::publish(ops::codeListJson(run.value()), ops::codeListFields(), mSession->policy());
        const QJsonArray codes = published.value.toObject().value(QStringLiteral("codes")).toArray();
        bool sawSmall = false;
        for (int i = 0; i < codes.size(); ++i) {
            const int64_t exact = run.value().codes[size_t(i)].people;
            const QJsonValue shown = codes[i].toObject().value(QStringLiteral("people"));
            if (exact > 0 && exact < 8) {
                sawSmall = true;
                QVERIFY2(shown.isNull(), qPrintable(run.value().codes[size_t(i)].code));
            }
        }
        Q_UNUSED(sawSmall);  // the seed may give no small code; the assertion is for those there are
        QVERIFY(!ops::runCodeList(*mSession, {QStringLiteral("diabetes"), QStringLiteral("nonsense")}, mFeedback));
        QVERIFY(!ops::runCodeList(*mSession, {QStringLiteral("no_such_list"), QStringLiteral("gp")}, mFeedback));
    }
};

QTEST_GUILESS_MAIN(TestCodeListOps)
#include "tst_codelistops.moc"
