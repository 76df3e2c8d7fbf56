// Map building blocks: GeoJSON boundaries (the bundled ONS LSOAs and bad input) and choropleth
// class breaks, checked against hand-worked values.
#include "geo/boundaries.h"
#include "geo/refdata.h"
#include "stats/classbreaks.h"

#include <QtTest>

using namespace phm::core;

class TestMaps : public QObject {
    Q_OBJECT
private slots:
    void bundledLsoas() {
        const Boundaries &b = lsoaBoundaries();
        // resources/refdata/SOURCE-boundaries.md: 533 LSOAs (Bedford 103, Central Beds 157, Luton 121, MK 152).
        QCOMPARE(int(b.shapes.size()), 533);
        QSet<QString> codes;
        for (const AreaShape &s : b.shapes) codes.insert(s.code);
        QCOMPARE(codes.size(), 533);
        for (const LsoaRef &l : ReferenceData::instance().blmkLsoas()) QVERIFY2(codes.contains(l.code), qPrintable(l.code));
        // BLMK lies between about 51.8 and 52.2 degrees north and 0.8 west and 0.3 east.
        QVERIFY(b.centreLatitude > 51.7 && b.centreLatitude < 52.3);
        QVERIFY2(b.bounds.top() > 51.7 && b.bounds.bottom() < 52.4,
                 qPrintable(QString::number(b.bounds.top()) + " " + QString::number(b.bounds.bottom())));
        // Every LSOA contains the point it is known for: Luton town centre (51.879 N, 0.417 W)
        // lies in a Luton LSOA and in exactly one shape.
        const QPointF luton = b.project(-0.4170, 51.8790);
        int hits = 0, hit = -1;
        for (int i = 0; i < int(b.shapes.size()); ++i)
            if (b.contains(i, luton)) {
                ++hits;
                hit = i;
            }
        QCOMPARE(hits, 1);
        QVERIFY2(b.shapes[size_t(hit)].name.startsWith("Luton"), qPrintable(b.shapes[size_t(hit)].name));
        QCOMPARE(b.indexOf(b.shapes[size_t(hit)].code), hit);
        QCOMPARE(b.indexOf("E01999999"), -1);
    }

    void polygonWithHole() {
        // A 10x10 square with a 2x2 hole, at the equator (no longitude scaling).
        const QByteArray geo =
            "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"code\":\"A\",\"name\":\"Square\"},"
            "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[4,4],[6,4],[6,6],[4,6],[4,4]]]}}]}";
        auto b = parseBoundaries(geo, "code", "name", "square.geojson");
        QVERIFY2(b.ok(), b.ok() ? "" : qPrintable(b.error().message));
        QCOMPARE(b.value().shapes.size(), size_t(1));
        QCOMPARE(b.value().shapes[0].rings.size(), size_t(2));
        QCOMPARE(b.value().centreLatitude, 5.0);
        QVERIFY(b.value().contains(0, b.value().project(2, 2)));
        QVERIFY(!b.value().contains(0, b.value().project(5, 5)));  // in the hole
        QVERIFY(!b.value().contains(0, b.value().project(11, 5)));
    }

    void badGeojson_data() {
        QTest::addColumn<QByteArray>("geo");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not json") << QByteArray("{\"type\":") << "bad.geojson: not JSON at character";
        QTest::newRow("not a collection") << QByteArray("{\"type\":\"Feature\"}") << "not a GeoJSON FeatureCollection";
        const QByteArray head = "{\"type\":\"FeatureCollection\",\"features\":[{\"properties\":{\"code\":\"A\"},\"geometry\":";
        QTest::newRow("point") << head + "{\"type\":\"Point\",\"coordinates\":[0,0]}}]}"
                               << "feature 1: geometry type \"Point\" is not Polygon or MultiPolygon";
        QTest::newRow("latitude") << head + "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,95],[1,1],[0,0]]]}}]}"
                                  << "feature 1: a position is not [longitude, latitude] in degrees";
        QTest::newRow("short ring") << head + "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,1],[0,0]]]}}]}"
                                    << "feature 1: a ring has fewer than 4 positions";
        QTest::newRow("no code") << QByteArray("{\"type\":\"FeatureCollection\",\"features\":[{\"properties\":{}}]}")
                                 << "feature 1: no \"code\" property";
    }
    void badGeojson() {
        QFETCH(QByteArray, geo);
        QFETCH(QString, expected);
        auto b = parseBoundaries(geo, "code", "name", "bad.geojson");
        QVERIFY(!b.ok());
        QVERIFY2(b.error().message.contains(expected), qPrintable(b.error().message));
        QVERIFY(b.error().message.startsWith("bad.geojson"));
    }

    void quantileBreaks() {
        // Hand-worked: 1..10 in quintiles, type-7 quantiles at 0, .2, .4, .6, .8, 1 are
        // 1, 2.8, 4.6, 6.4, 8.2, 10 (h = 9p; e.g. p = .2: h = 1.8, 2 + 0.8 x 1 = 2.8).
        std::vector<double> v{10, 9, 8, 7, 6, 5, 4, 3, 2, 1, NAN};
        const auto e = classBreaks(v, BreakMethod::Quantile, 5);
        const std::vector<double> expected{1, 2.8, 4.6, 6.4, 8.2, 10};
        QCOMPARE(e.size(), expected.size());
        for (size_t i = 0; i < e.size(); ++i) QVERIFY(std::abs(e[i] - expected[i]) < 1e-12);
        // Two values per class.
        std::vector<int> count(5, 0);
        for (int x = 1; x <= 10; ++x) ++count[size_t(classOf(x, e))];
        QCOMPARE(count, std::vector<int>(5, 2));
        QCOMPARE(classOf(NAN, e), -1);
        QCOMPARE(classOf(0.5, e), -1);
        QCOMPARE(classOf(1, e), 0);
        QCOMPARE(classOf(2.8, e), 0);  // an edge belongs to the class below
        QCOMPARE(classOf(2.81, e), 1);
        QCOMPARE(classOf(10, e), 4);
    }

    void deciles() {
        // 0..100: deciles at 0, 10, ..., 100; 101 values, the first class holds 11 (0..10).
        std::vector<double> v;
        for (int i = 0; i <= 100; ++i) v.push_back(i);
        const auto e = classBreaks(v, BreakMethod::Quantile, 10);
        QCOMPARE(int(e.size()), 11);
        for (int i = 0; i <= 10; ++i) QCOMPARE(e[size_t(i)], 10.0 * i);
        QCOMPARE(classOf(10, e), 0);
        QCOMPARE(classOf(11, e), 1);
        QCOMPARE(classOf(100, e), 9);
    }

    void tiedQuantilesMerge() {
        // Mostly zeros: sorted {0 x6, 1, 2, 3, 4}, quartile edges at h = 9p = 0, 2.25, 4.5, 6.75, 9
        // are 0, 0, 0, 1.75, 4 and merge to 0, 1.75, 4 (two classes, not four).
        const auto e = classBreaks({0, 0, 0, 0, 0, 0, 1, 2, 3, 4}, BreakMethod::Quantile, 4);
        QCOMPARE(e, (std::vector<double>{0, 1.75, 4}));
        QCOMPARE(classOf(0, e), 0);
        QCOMPARE(classOf(1, e), 0);
        QCOMPARE(classOf(2, e), 1);
        // One distinct value: one class.
        QCOMPARE(classBreaks({3, 3, 3}, BreakMethod::Quantile, 5), (std::vector<double>{3, 3}));
        QCOMPARE(classOf(3, std::vector<double>{3, 3}), 0);
        QVERIFY(classBreaks({NAN}, BreakMethod::EqualInterval, 5).empty());
    }

    void equalIntervals() {
        const auto e = classBreaks({2, 3, 7, 12}, BreakMethod::EqualInterval, 4);
        QCOMPARE(e, (std::vector<double>{2, 4.5, 7, 9.5, 12}));
        QCOMPARE(classOf(7, e), 1);
        QCOMPARE(classOf(12, e), 3);
    }

    void naturalBreaks() {
        // Three obvious clusters: the optimal 3-class partition ends classes at 3 and 12
        // (within-class sum of squares 2 + 2 + 2 = 6; any other split costs more).
        const auto e = classBreaks({21, 1, 2, 3, 10, 11, 12, 20, 22}, BreakMethod::NaturalBreaks, 3);
        QCOMPARE(e, (std::vector<double>{1, 3, 12, 22}));
        // Hand-worked two-class case: {1, 2, 4, 7, 8}: splits after 2 (SS 0.5 + 8.667), after 4
        // (4.667 + 0.5 = 5.167) and after 1 (0 + 20.75): the break falls at 4.
        QCOMPARE(classBreaks({1, 2, 4, 7, 8}, BreakMethod::NaturalBreaks, 2), (std::vector<double>{1, 4, 8}));
        // More classes than distinct values: one class per value.
        QCOMPARE(classBreaks({5, 1, 5, 1}, BreakMethod::NaturalBreaks, 4), (std::vector<double>{1, 5}));
        QCOMPARE(breakMethodName(BreakMethod::NaturalBreaks), QString("natural"));
    }
};

QTEST_GUILESS_MAIN(TestMaps)
#include "tst_maps.moc"
