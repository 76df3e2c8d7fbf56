// Where an area is on the map: a place's LSOAs by residence, a PCN's or practice's catchment (the
// LSOAs where it registers most of the residents, counted by hand here), and the outline of a set
// of shapes (hand-drawn squares: shared edges cancel).
#include "geo/catchment.h"
#include "testutil.h"

#include <QTest>
#include <set>

using namespace phm::core;

class TestCatchment : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    ProjectPtr mProject;
    std::unique_ptr<AreaIndex> mAreas;

    static AreaShape square(double x, double y) {
        AreaShape s;
        s.rings = {{{x, y}, {x + 1, y}, {x + 1, y + 1}, {x, y + 1}, {x, y}}};
        return s;
    }

private slots:
    void initTestCase() {
        mProject = phm::test::makeProject(mDir.path(), 3000, 41);
        QVERIFY(mProject);
        mAreas = std::make_unique<AreaIndex>(*mProject);
    }

    void theIcsIsEveryLsoaAndAnLsoaItself() {
        QCOMPARE(int(lsoasOf(*mAreas, Area{Area::Ics, 0}).size()), mAreas->areaCount(Area::Lsoa));
        QCOMPARE(lsoasOf(*mAreas, Area{Area::Lsoa, 7}), std::vector<int>{7});
    }

    void placesPartitionTheLsoas() {
        std::set<int> seen;
        for (int p = 0; p < mAreas->areaCount(Area::Place); ++p)
            for (int l : lsoasOf(*mAreas, Area{Area::Place, p})) {
                QCOMPARE(mAreas->parentOf(Area{Area::Lsoa, l}), (Area{Area::Place, p}));
                QVERIFY2(seen.insert(l).second, "an LSOA in two places");
            }
        QCOMPARE(int(seen.size()), mAreas->areaCount(Area::Lsoa));
        // A care alliance is the LSOAs of its places.
        const Area alliance = mAreas->parentOf(Area{Area::Place, 0});
        QCOMPARE(alliance.kind, Area::Alliance);
        size_t ofPlaces = 0;
        for (int p = 0; p < mAreas->areaCount(Area::Place); ++p)
            if (mAreas->parentOf(Area{Area::Place, p}) == alliance) ofPlaces += lsoasOf(*mAreas, Area{Area::Place, p}).size();
        QCOMPARE(lsoasOf(*mAreas, alliance).size(), ofPlaces);
    }

    void aPcnsCatchmentIsWhereItRegistersMostResidents() {
        const int pcns = mAreas->areaCount(Area::Pcn), lsoas = mAreas->areaCount(Area::Lsoa);
        std::vector<std::vector<int>> residents(size_t(lsoas), std::vector<int>(size_t(pcns), 0));
        for (int32_t p = 0; p < int32_t(mProject->persons.count); ++p)
            if (mAreas->isRegistered(p)) ++residents[size_t(mAreas->areaOf(Area::Lsoa, p))][size_t(mAreas->areaOf(Area::Pcn, p))];
        std::set<int> covered;
        for (int pcn = 0; pcn < pcns; ++pcn)
            for (int l : lsoasOf(*mAreas, Area{Area::Pcn, pcn})) {
                const auto &row = residents[size_t(l)];
                QCOMPARE(row[size_t(pcn)], *std::max_element(row.begin(), row.end()));
                QVERIFY(row[size_t(pcn)] > 0);
                QVERIFY2(covered.insert(l).second, "an LSOA in two catchments");
            }
        int withResidents = 0;
        for (const auto &row : residents) withResidents += *std::max_element(row.begin(), row.end()) > 0 ? 1 : 0;
        QCOMPARE(int(covered.size()), withResidents);
    }

    void sharedEdgesCancelInAnOutline() {
        Boundaries b;
        b.shapes = {square(0, 0), square(1, 0), square(5, 5)};
        QCOMPARE(outlineOf(b, {0}).size(), size_t(4));
        QCOMPARE(outlineOf(b, {0, 1}).size(), size_t(6));  // the edge x = 1 is inside
        for (const QLineF &l : outlineOf(b, {0, 1})) QVERIFY(!(l.p1().x() == 1 && l.p2().x() == 1));
        QCOMPARE(outlineOf(b, {0, 1, 2}).size(), size_t(10));
        QCOMPARE(outlineOf(b, {-1, 99}).size(), size_t(0));  // out-of-range shapes are ignored
    }
};

QTEST_GUILESS_MAIN(TestCatchment)
#include "tst_catchment.moc"
