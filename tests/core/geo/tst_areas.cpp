// AreaIndex on a hand-built project whose answers can be worked out on paper, and on a
// generated one where the tiers must add up.
#include "geo/areas.h"
#include "import/importer.h"
#include "session/projectloader.h"
#include "testutil.h"

#include <QTest>

using namespace phm::core;

namespace {
// Two practices in one PCN/place, two LSOAs; extract end 2026-03-31.
Project tinyProject() {
    Project p;
    p.extractEnd = daysFromCivil(2026, 3, 31);
    p.geography.lsoas = {
        Lsoa{QStringLiteral("E01000001"), QStringLiteral("A 001A"), {}, QStringLiteral("Luton"), 1, 100, 50.0, {}, true},
        Lsoa{QStringLiteral("E01000002"), QStringLiteral("A 001B"), {}, QStringLiteral("Luton"), 10, 32000, 2.0, {}, true}};
    Practice a, b;
    a.name = QStringLiteral("North");
    b.name = QStringLiteral("South");
    b.pcn = a.pcn = 0;
    p.geography.practices = {a, b};
    p.geography.pcnNames = {QStringLiteral("PCN 1")};
    p.geography.pcnCodes = {QStringLiteral("U1")};
    p.geography.places = {QStringLiteral("Luton")};
    p.geography.alliances = {QStringLiteral("BL")};
    // person: sex (0 M, 1 F), birth year-month, practice, lsoa, registered?, died?
    struct Row {
        uint8_t sex;
        int by, bm;
        uint16_t practice, lsoa;
        bool left;
        bool died;
    };
    const Row rows[] = {
        {0, 2026, 1, 0, 0, false, false},  // boy aged 0 -> band 0-4, North, LSOA 1
        {1, 1990, 4, 0, 1, false, false},  // woman aged 35 (born Apr 1990) -> 35-39
        {1, 1990, 3, 1, 1, false, false},  // woman aged 36 (born Mar 1990) -> 35-39
        {0, 1930, 6, 1, 0, false, false},  // man aged 95 -> 90+
        {0, 1960, 1, 1, 0, true, false},   // left before the end: not counted
        {1, 1950, 1, 0, 0, false, true},   // died before the end: not counted
    };
    PersonTable &t = p.persons;
    for (const Row &r : rows) {
        t.sex.push_back(r.sex);
        t.birthYm.push_back(r.by * 12 + r.bm - 1);
        t.practice.push_back(r.practice);
        t.lsoa.push_back(r.lsoa);
        t.regStart.push_back(daysFromCivil(2020, 1, 1));
        t.regEnd.push_back(r.left || r.died ? daysFromCivil(2025, 6, 1) : kNoDate);
        t.death.push_back(r.died ? daysFromCivil(2025, 6, 1) : kNoDate);
        ++t.count;
    }
    return p;
}
}  // namespace

class TestAreas : public QObject {
    Q_OBJECT
private slots:
    void handWorkedPyramid() {
        const Project p = tinyProject();
        const AreaIndex areas(p);
        QCOMPARE(areas.ageAtEnd(1), 35);  // completed years at 31 Mar 2026 for an April 1990 birth
        QCOMPARE(areas.ageAtEnd(2), 36);
        QCOMPARE(areas.population({Area::Ics, 0}), 4);
        QCOMPARE(areas.population({Area::Practice, 0}), 2);
        QCOMPARE(areas.population({Area::Practice, 1}), 2);
        QCOMPARE(areas.population({Area::Lsoa, 0}), 2);  // residents: the boy and the 95-year-old
        const Pyramid ics = areas.pyramid({Area::Ics, 0});
        QCOMPARE(ics.male[0], 1);
        QCOMPARE(ics.female[7], 2);  // 35-39
        QCOMPARE(ics.male[18], 1);   // 90+
        QCOMPARE(ics.total(), 4);
        const Pyramid south = areas.pyramid({Area::Practice, 1});
        QCOMPARE(south.total(), 2);
        QCOMPARE(south.female[7], 1);
        QCOMPARE(Pyramid::bandLabel(7), QStringLiteral("35-39"));
        QCOMPARE(Pyramid::bandLabel(18), QStringLiteral("90+"));
    }

    void tiersAddUp() {
        QTemporaryDir dir;
        const ProjectPtr opened = phm::test::makeProject(dir.path(), 8000, 31);
        const Project &p = *opened;
        const AreaIndex areas(p);
        const int64_t ics = areas.population({Area::Ics, 0});
        int64_t places = 0, pcns = 0, practices = 0, lsoas = 0;
        for (int i = 0; i < int(p.geography.places.size()); ++i) places += areas.population({Area::Place, i});
        for (int i = 0; i < int(p.geography.pcnCodes.size()); ++i) pcns += areas.population({Area::Pcn, i});
        for (int i = 0; i < int(p.geography.practices.size()); ++i) practices += areas.population({Area::Practice, i});
        for (int i = 0; i < int(p.geography.lsoas.size()); ++i) lsoas += areas.population({Area::Lsoa, i});
        QCOMPARE(places, ics);
        QCOMPARE(pcns, ics);
        QCOMPARE(practices, ics);
        QCOMPARE(lsoas, ics);                                  // everyone registered lives in some LSOA
        QCOMPARE(areas.pyramid({Area::Ics, 0}).total(), ics);  // every synthetic person is M or F
        QVERIFY(ics < p.persons.count);                        // leavers and deaths are excluded
    }
};

QTEST_GUILESS_MAIN(TestAreas)
#include "tst_areas.moc"
