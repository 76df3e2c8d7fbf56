// Pack content: built through disclosure control, so every small count that would reach a PDF
// is suppressed (checked against the raw profile and pyramid), shown counts are rounded, and the
// "what the data says" list only names indicators significantly worse than the ICS.
#include "base/dates.h"
#include "governance/disclosure.h"
#include "packs/pack.h"
#include "rules/rulecatalogue.h"
#include "testutil.h"

#include <QJsonObject>
#include <QTest>
#include <algorithm>
#include <cmath>

using namespace phm::core;

class TestPack : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    ProjectPtr mProject;
    rules::CodeLists mLists;

private slots:
    void initTestCase() { mProject = phm::test::makeProject(mDir.path(), 6000, 41); }

    void smallCountsNeverReachAPack() {
        const AreaIndex areas(*mProject);
        const auto definitions = loadIndicators({}, &mLists).value();
        const PackOptions options;
        const auto records = phm::test::onProject(mProject->path, [](ProjectDb &db) { return maturity::records(db); }).value();
        auto packs = buildPacks(areas, mLists, definitions, records, Area::Pcn, options);
        QVERIFY2(packs, packs ? "" : qPrintable(packs.error().message));
        QCOMPARE(int(packs.value().size()), areas.areaCount(Area::Pcn));
        auto raw = computeProfile(areas, mLists, definitions, Area::Pcn);
        QVERIFY(raw);
        int suppressed = 0, shown = 0;
        for (const ProfileRow &r : raw.value().rows) {
            const PackIndicator &pi = packs.value()[size_t(r.area.index)].indicators[size_t(r.indicator)];
            QCOMPARE(pi.definition.id, definitions[size_t(r.indicator)].id);
            if (r.value.numerator >= 1 && r.value.numerator <= 7) {
                QVERIFY(std::isnan(pi.numerator));
                QVERIFY(std::isnan(pi.value.value) && std::isnan(pi.value.lower) && std::isnan(pi.value.upper));
                QCOMPARE(pi.vsIcs, Significance::NotCompared);
                ++suppressed;
            } else if (!std::isnan(pi.numerator)) {
                QCOMPARE(std::fmod(pi.numerator, 5.0), 0.0);  // rounded to 5
                QVERIFY(std::abs(pi.numerator - r.value.numerator) <= 2.5);
                ++shown;
            }
        }
        QVERIFY(suppressed > 0 && shown > 0);  // a 6,000-person ICS has both
        for (const PackData &pack : packs.value()) {
            const Pyramid pyramid = areas.pyramid(pack.area);
            for (int b = 0; b < kPyramidBands; ++b)
                for (const auto &[band, published] : {std::pair{double(pyramid.male[size_t(b)]), pack.male[size_t(b)]},
                                                      std::pair{double(pyramid.female[size_t(b)]), pack.female[size_t(b)]}})
                    if (band >= 1 && band <= 7) QVERIFY(std::isnan(published));
            QCOMPARE(int(pack.deprivation.size()), 10);
            for (const PackRow &r : pack.deprivation) QVERIFY(std::isnan(r.count) || std::fmod(r.count, 5.0) == 0);
            QVERIFY(pack.policy.contains(QStringLiteral("1 to 7")));
            QCOMPARE(pack.registered, disclosure::publish(double(areas.population(pack.area)), options.policy));
            // Funnels against the peers (this area marked once) and the area's neighbourhoods.
            QCOMPARE(int(pack.funnels.size()), 4);
            for (const FunnelPlot &f : pack.funnels) {
                QVERIFY(!f.limits.empty() && !std::isnan(f.baseline));
                QVERIFY(std::count_if(f.points.begin(), f.points.end(), [](const auto &pt) { return pt.self; }) <= 1);
            }
            QCOMPARE(pack.map.values.size(), pack.map.shapes.size());
            QVERIFY(pack.map.breaks.size() <= 6);  // quintiles (fewer when a small ICS has few LSOA values)
            // Segments, risk tiers and frailty: published counts only, and shown counts within the area.
            QVERIFY(!pack.segments.empty());
            QCOMPARE(int(pack.riskTiers.size()), 3);
            QCOMPARE(int(pack.frailty.size()), 4);
            for (const PackSegment &seg : pack.segments) {
                QVERIFY(std::isnan(seg.people) || std::fmod(seg.people, 5.0) == 0);
                if (std::isnan(seg.people)) QVERIFY(std::isnan(seg.costPerHead) && std::isnan(seg.emergencyAdmissions));
            }
            for (const auto *rows : {&pack.riskTiers, &pack.frailty})
                for (const PackRow &r : *rows) QVERIFY(std::isnan(r.count) || std::fmod(r.count, 5.0) == 0);
            QVERIFY(pack.auroc > 0.5);
            // Priorities name only indicators significantly worse than the ICS.
            int worse = 0;
            for (const PackIndicator &pi : pack.indicators) worse += pi.vsIcs == Significance::Worse;
            QCOMPARE(int(pack.priorities.size()), std::min(worse, 5));
        }
        // One pack for the ICS; canceling stops.
        auto ics = buildPacks(areas, mLists, definitions, records, Area::Ics, options);
        QVERIFY(ics && ics.value().size() == 1);
        Feedback fb;
        fb.cancel();
        QCOMPARE(errorCodeName(buildPacks(areas, mLists, definitions, records, Area::Pcn, options, &fb).error().code),
                 QStringLiteral("canceled"));
        PackOptions unknown;
        unknown.layout.indicators = QStringList{QStringLiteral("nope")};
        QVERIFY(!buildPacks(areas, mLists, definitions, records, Area::Pcn, unknown));
    }

    void savedEvaluationsFillTheirSection() {
        const AreaIndex areas(*mProject);
        const auto definitions = loadIndicators({}, &mLists).value();
        auto records = phm::test::onProject(mProject->path, [](ProjectDb &db) { return maturity::records(db); }).value();
        PackOptions options;
        // Without a saved evaluation the section is left out.
        options.onlyArea = 0;
        auto none = buildPacks(areas, mLists, definitions, records, Area::Pcn, options);
        QVERIFY(none);
        const auto &sections = none.value().front().sections;
        QVERIFY(std::find(sections.begin(), sections.end(), PackSection::Evaluation) == sections.end());
        // Two saved evaluations; the first PCN's cycle names the second at its evaluate stage.
        for (qint64 id : {3, 7}) {
            evaluation::SavedEvaluation e;
            e.id = id;
            e.name = QStringLiteral("Evaluation %1").arg(id);
            e.programme = QStringLiteral("Proactive care");
            e.result = QJsonObject{{QStringLiteral("method"), QStringLiteral("did")},
                                   {QStringLiteral("treated"), 1230},
                                   {QStringLiteral("effect"), QJsonObject{{QStringLiteral("relative"), -0.2},
                                                                          {QStringLiteral("relative_lower"), -0.26},
                                                                          {QStringLiteral("relative_upper"), -0.13}}},
                                   {QStringLiteral("summary"), QStringLiteral("A sentence.")}};
            options.evaluations.push_back(e);
        }
        cycle::Cycle c{1, areas.code(Area{Area::Pcn, 0}), QStringLiteral("Frailty"), {}};
        for (int s = 0; s < cycle::kStages; ++s)
            c.stages.push_back(cycle::StageRecord{cycle::Stage(s), QDate(2025, 4, 1).addMonths(s), {}, {}, {}, {}, s == 4 ? 7 : 0});
        records.cycles.push_back(c);
        auto first = buildPacks(areas, mLists, definitions, records, Area::Pcn, options);
        QVERIFY2(first, first ? "" : qPrintable(first.error().message));
        const PackData &pack = first.value().front();
        QVERIFY(std::find(pack.sections.begin(), pack.sections.end(), PackSection::Evaluation) != pack.sections.end());
        QCOMPARE(int(pack.evaluations.size()), 2);
        QCOMPARE(pack.evaluations[0].id, qint64(7));  // the one this PCN's cycle rests on comes first
        QVERIFY(pack.evaluations[0].linked);
        QVERIFY(!pack.evaluations[1].linked);
        QCOMPARE(pack.evaluations[0].relative, -0.2);
        QCOMPARE(pack.evaluations[0].treated, 1230.0);
        // Another PCN's pack lists both, linked to neither.
        options.onlyArea = 1;
        auto second = buildPacks(areas, mLists, definitions, records, Area::Pcn, options);
        QVERIFY(second);
        QCOMPARE(second.value().front().evaluations[0].id, qint64(3));
        for (const auto &e : second.value().front().evaluations) QVERIFY(!e.linked);
    }

    void programmesCountThePeopleEnrolledFromTheArea() {
        const AreaIndex areas(*mProject);
        const auto definitions = loadIndicators({}, &mLists).value();
        const auto records = phm::test::onProject(mProject->path, [](ProjectDb &db) { return maturity::records(db); }).value();
        // 30 people of the first PCN and 20 of others, enrolled over two days.
        evaluation::Programme p;
        p.name = QStringLiteral("Virtual ward");
        p.source = QStringLiteral("programmes.csv");
        int here = 0, elsewhere = 0;
        for (int32_t person = 0; person < mProject->persons.count && (here < 30 || elsewhere < 20); ++person) {
            const bool in = areas.contains(Area{Area::Pcn, 0}, person);
            if (in ? here >= 30 : elsewhere >= 20) continue;
            (in ? here : elsewhere) += 1;
            p.people.push_back(person);
            p.enrolled.push_back(mProject->extractEnd - 100 - int32_t(p.people.size() % 2));
            p.ended.push_back(kNoDate);
        }
        QCOMPARE(here + elsewhere, 50);
        PackOptions options;
        options.onlyArea = 0;
        options.policy.roundTo = 1;  // exact beyond the suppressed range, to check the counting
        options.programmes.push_back(p);
        auto packs = buildPacks(areas, mLists, definitions, records, Area::Pcn, options);
        QVERIFY(packs);
        const PackData &pack = packs.value().front();
        // The section is there for the programme alone, with no saved evaluation.
        QVERIFY(std::find(pack.sections.begin(), pack.sections.end(), PackSection::Evaluation) != pack.sections.end());
        QCOMPARE(int(pack.programmes.size()), 1);
        QCOMPARE(pack.programmes[0].here, 30.0);
        QCOMPARE(pack.programmes[0].ics, 50.0);
        QCOMPARE(pack.programmes[0].first, displayDate(mProject->extractEnd - 101));
        QCOMPARE(pack.programmes[0].last, displayDate(mProject->extractEnd - 100));
        // A handful enrolled from an area is not published.
        p.people.resize(33), p.enrolled.resize(33), p.ended.resize(33);
        options.programmes = {p};
        options.onlyArea = -1;
        auto all = buildPacks(areas, mLists, definitions, records, Area::Pcn, options);
        QVERIFY(all);
        for (const PackData &other : all.value()) {
            const double n = other.programmes[0].here;
            QVERIFY2(std::isnan(n) || n == 0 || n > options.policy.largest, qPrintable(other.areaName));
        }
    }
};

QTEST_GUILESS_MAIN(TestPack)
#include "tst_pack.moc"
