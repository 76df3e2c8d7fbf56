// Segmentation: one segment per person, highest priority wins, counts add up to everyone, and
// activity per segment adds up to the population's activity.
#include "import/importer.h"
#include "rules/rulecatalogue.h"
#include "rules/ruleparser.h"
#include "session/projectloader.h"
#include "stratify/segmentation.h"
#include "testutil.h"

#include <QTest>

using namespace phm::core;

class TestSegmentation : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    ProjectPtr mProject;
    rules::CodeLists mLists;

    rules::Selection select(const QString &rule) {
        const rules::ParseResult parsed = rules::parseRule(rule, &mLists);
        if (!parsed.ok()) qFatal("%s", qPrintable(parsed.error.format(rule)));
        return rules::MemoryEngine(*mProject, mLists).evaluate(*parsed.expr).value().people;
    }

private slots:
    void initTestCase() { mProject = phm::test::makeProject(mDir.path(), 6000, 12); }

    void bundledTemplatesLoad() {
        const QStringList ids = segmentationTemplateIds();
        QCOMPARE(ids,
                 QStringList({QStringLiteral("bridges-to-health"), QStringLiteral("cheshire-merseyside"), QStringLiteral("nhse-core")}));
        QCOMPARE(int(loadSegmentationTemplate(QStringLiteral("bridges-to-health")).value().segments.size()), 8);  // Lynn 2007
        QCOMPARE(int(loadSegmentationTemplate(QStringLiteral("cheshire-merseyside")).value().segments.size()), 9);
        QCOMPARE(int(loadSegmentationTemplate(QStringLiteral("nhse-core")).value().segments.size()), 7);
        for (const QString &id : ids) QVERIFY(loadSegmentationTemplate(id).value().segments.back().rule.isEmpty());  // catch-all last
        auto missing = loadSegmentationTemplate(QStringLiteral("no-such-template"));
        QVERIFY(!missing);
        QVERIFY(missing.error().message.contains(QStringLiteral("bridges-to-health")));
    }

    void highestPriorityWins_data() {
        QTest::addColumn<QString>("id");
        for (const QString &id : segmentationTemplateIds()) QTest::newRow(qPrintable(id)) << id;
    }
    void highestPriorityWins() {
        QFETCH(QString, id);
        const SegmentationTemplate t = loadSegmentationTemplate(id).value();
        auto r = segmentPopulation(*mProject, mLists, t);
        QVERIFY2(r, r ? "" : qPrintable(r.error().message));
        const SegmentationResult &s = r.value();
        int64_t sum = 0;
        for (const auto &seg : s.segments) sum += seg.count;
        QCOMPARE(sum, int64_t(mProject->persons.count));
        const rules::Selection registered = select(QStringLiteral("registered"));
        QCOMPARE(s.segments[0].count, int64_t(registered.size() - registered.count()));
        // Members of segment k satisfy rule k and none of the earlier rules.
        rules::Selection earlier(registered.size());
        for (size_t k = 0; k < t.segments.size(); ++k) {
            rules::Selection members(registered.size());
            for (size_t i = 0; i < s.segmentOf.size(); ++i)
                if (s.segmentOf[i] == k + 1) members.set(i);
            QCOMPARE(int64_t(members.count()), s.segments[k + 1].count);
            QVERIFY(members.is_subset_of(registered));
            if (!t.segments[k].rule.isEmpty()) QVERIFY2(members.is_subset_of(select(t.segments[k].rule)), qPrintable(t.segments[k].name));
            QVERIFY(!members.intersects(earlier));
            if (!t.segments[k].rule.isEmpty()) earlier |= select(t.segments[k].rule) & registered;
        }
        QVERIFY(s.segments.back().count > 0);  // someone is healthy
    }

    void scopeAndTransitions() {
        const SegmentationTemplate t = loadSegmentationTemplate(QStringLiteral("cheshire-merseyside")).value();
        const rules::Selection luton = select(QStringLiteral("place = 'Luton'"));
        auto scoped = segmentPopulation(*mProject, mLists, t, kNoDate, &luton);
        QVERIFY(scoped);
        int64_t sum = 0;
        for (const auto &seg : scoped.value().segments) sum += seg.count;
        QCOMPARE(scoped.value().persons, int64_t(luton.count()));
        QCOMPARE(sum, int64_t(luton.count()));
        // Same template, same date: nobody moves.
        auto again = segmentPopulation(*mProject, mLists, t, kNoDate, &luton);
        for (const SegmentTransition &m : transitions(scoped.value(), again.value())) QCOMPARE(m.from, m.to);
        // A year earlier: people move, and every person is counted once.
        const int32_t yearBefore = rules::windowStart(rules::Window{rules::Window::Months, 12}, mProject->extractEnd);
        auto earlier = segmentPopulation(*mProject, mLists, t, yearBefore, &luton);
        QVERIFY(earlier);
        int64_t moved = 0, total = 0;
        for (const SegmentTransition &m : transitions(earlier.value(), scoped.value())) {
            total += m.count;
            if (m.from != m.to) moved += m.count;
        }
        QCOMPARE(total, int64_t(luton.count()));
        QVERIFY(moved > 0);
    }

    void activityAddsUp() {
        auto r = segmentPopulation(*mProject, mLists, loadSegmentationTemplate(QStringLiteral("nhse-core")).value());
        QVERIFY(r);
        int64_t emergency = 0, ae = 0;
        for (const auto &seg : r.value().segments) emergency += seg.emergencyAdmissions, ae += seg.aeAttendances;
        // Independently: the same windows through the rule engine's counts, person by person.
        const rules::Selection anyEmergency = select(QStringLiteral("count(apc, emergency, last 12 months) >= 1"));
        const rules::Selection anyAe = select(QStringLiteral("count(ae, last 12 months) >= 1"));
        QVERIFY(emergency >= int64_t(anyEmergency.count()));  // each person with one or more
        QVERIFY(ae >= int64_t(anyAe.count()));
        QVERIFY(emergency < 4 * int64_t(anyEmergency.count()) + 1);
        // The frailty segment uses far more emergency care per head than the healthy one.
        const auto &frail = r.value().segments[1];
        const auto &healthy = r.value().segments.back();
        QVERIFY(double(frail.emergencyAdmissions) / double(frail.count) > 5 * double(healthy.emergencyAdmissions) / double(healthy.count));
    }
};

QTEST_GUILESS_MAIN(TestSegmentation)
#include "tst_segmentation.moc"
