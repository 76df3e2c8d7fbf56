// The synthetic ICS: determinism and the realism later analysis depends on. Prevalence ranges
// bracket QOF 2022/23 (NHS England, Quality and Outcomes Framework, all-age register / list
// size) allowing for BLMK's younger population; the other checks follow docs/synthetic-data.md.
#include "import/importer.h"
#include "session/projectloader.h"
#include "testutil.h"

#include <QJsonDocument>
#include <QTest>
#include <algorithm>
#include <numeric>

using namespace phm::core;

namespace {
// Registered people at the extract end who have any of the codes in the GP record.
std::vector<char> withCode(const Project &p, const QStringList &codes) {
    const EventTable &gp = p.eventTable(Dataset::Gp);
    std::vector<char> wanted(gp.codes.size(), 0);
    for (size_t i = 0; i < gp.codes.size(); ++i) wanted[i] = codes.contains(gp.codes[i]);
    std::vector<char> has(size_t(p.persons.count), 0);
    for (int32_t i = 0; i < p.persons.count; ++i)
        for (uint32_t k = gp.offsets[size_t(i)]; k < gp.offsets[size_t(i) + 1]; ++k)
            if (wanted[gp.code[k]]) has[size_t(i)] = 1;
    return has;
}
}  // namespace

class TestGenerator : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    ProjectPtr mProject;

private slots:
    void initTestCase() {
        const QString extract = phm::test::makeExtract(mDir.filePath(QStringLiteral("x")), 60000, 11, 0.0);
        Feedback fb;
        auto r = importExtract(extract, mDir.filePath(QStringLiteral("p.phm")), fb);
        QVERIFY2(r, r ? "" : qPrintable(r.error().message));
        auto o = openProject(mDir.filePath(QStringLiteral("p.phm")), fb);
        QVERIFY(o);
        mProject = o.value();
    }

    void sameSeedSameBytes() {
        // Same seed and size give identical files, whatever the number of threads.
        const QString a = phm::test::makeExtract(mDir.filePath(QStringLiteral("a")), 9000, 5, 1.0, 1);
        const QString b = phm::test::makeExtract(mDir.filePath(QStringLiteral("b")), 9000, 5, 1.0, 2);
        const QString c = phm::test::makeExtract(mDir.filePath(QStringLiteral("c")), 9000, 6, 1.0, 2);
        for (const FileSpec &f : dataSpec()) {
            const QString name = QLatin1String(f.file);
            QCOMPARE(phm::test::fileHash(QDir(a).filePath(name)), phm::test::fileHash(QDir(b).filePath(name)));
        }
        QCOMPARE(phm::test::fileHash(QDir(a).filePath(QStringLiteral("manifest.json"))),
                 phm::test::fileHash(QDir(b).filePath(QStringLiteral("manifest.json"))));
        QVERIFY(phm::test::fileHash(QDir(a).filePath(QStringLiteral("persons.csv"))) !=
                phm::test::fileHash(QDir(c).filePath(QStringLiteral("persons.csv"))));
    }

    void realGeography() {
        const Project &p = *mProject;
        QCOMPARE(int(p.geography.pcnCodes.size()), 23);
        QCOMPARE(int(p.geography.places.size()), 4);
        QCOMPARE(int(p.geography.alliances.size()), 2);
        // People register mostly with practices in their own place.
        int64_t same = 0;
        for (int32_t i = 0; i < p.persons.count; ++i)
            same += p.geography.lsoas[p.persons.lsoa[size_t(i)]].place == p.geography.practices[p.persons.practice[size_t(i)]].place;
        QVERIFY2(double(same) / p.persons.count > 0.95, qPrintable(QString::number(double(same) / p.persons.count)));
    }

    void prevalence_data() {
        QTest::addColumn<QString>("list");
        QTest::addColumn<double>("lo");
        QTest::addColumn<double>("hi");
        QTest::newRow("hypertension") << "38341003" << 10.0 << 16.0;
        QTest::newRow("diabetes") << "44054006" << 5.0 << 9.5;
        QTest::newRow("asthma") << "195967001" << 5.0 << 8.0;
        QTest::newRow("copd") << "13645005" << 1.0 << 2.5;
        QTest::newRow("chd") << "53741008" << 2.0 << 4.0;
        QTest::newRow("af") << "49436004" << 1.2 << 2.8;
        QTest::newRow("heart failure") << "84114007" << 0.5 << 1.5;
        QTest::newRow("ckd") << "433144002" << 2.5 << 5.0;
        QTest::newRow("stroke") << "230690007" << 1.0 << 2.5;
        QTest::newRow("cancer") << "363346000" << 2.0 << 4.5;
        QTest::newRow("depression") << "35489007" << 8.0 << 14.0;
        QTest::newRow("smi") << "58214004" << 0.6 << 1.3;
        QTest::newRow("dementia") << "52448006" << 0.35 << 1.0;
        QTest::newRow("learning disability") << "110359009" << 0.3 << 0.8;
    }
    void prevalence() {
        QFETCH(QString, list);
        QFETCH(double, lo);
        QFETCH(double, hi);
        const Project &p = *mProject;
        const auto has = withCode(p, {list});
        int64_t n = 0, cases = 0;
        for (int32_t i = 0; i < p.persons.count; ++i)
            if (p.persons.isRegistered(i, p.extractEnd)) {
                ++n;
                cases += has[size_t(i)];
            }
        const double pct = 100.0 * double(cases) / double(n);
        QVERIFY2(pct >= lo && pct <= hi, qPrintable(QStringLiteral("%1%").arg(pct)));
    }

    void deprivationGradient() {
        // Among people aged 40+ (deprived BLMK neighbourhoods are younger, which would confound a
        // crude comparison), diabetes and COPD are commoner in the most deprived quintile.
        const Project &p = *mProject;
        for (const char *code : {"44054006", "13645005"}) {
            const auto has = withCode(p, {QLatin1String(code)});
            std::array<double, 6> n{}, cases{};
            for (int32_t i = 0; i < p.persons.count; ++i) {
                if (p.persons.ageAt(i, p.extractEnd) < 40) continue;
                const int q = (p.geography.lsoas[p.persons.lsoa[size_t(i)]].imdDecile + 1) / 2;
                n[size_t(q)] += 1;
                cases[size_t(q)] += has[size_t(i)];
            }
            const double ratio = (cases[1] / n[1]) / (cases[5] / n[5]);
            QVERIFY2(ratio > 1.2, qPrintable(QStringLiteral("%1 ratio %2").arg(QLatin1String(code)).arg(ratio)));
        }
    }

    void multimorbidityAndFrailtyRiseWithAge() {
        const Project &p = *mProject;
        const EventTable &gp = p.eventTable(Dataset::Gp);
        double young = 0, old = 0, nYoung = 0, nOld = 0;
        for (int32_t i = 0; i < p.persons.count; ++i) {
            const int age = p.persons.ageAt(i, p.extractEnd);
            const double events = gp.offsets[size_t(i) + 1] - gp.offsets[size_t(i)];
            if (age >= 20 && age < 40) young += events, ++nYoung;
            if (age >= 75) old += events, ++nOld;
        }
        QVERIFY(old / nOld > 3 * young / nYoung);
    }

    void emergencyAdmissionsConcentrated() {
        // A small high-risk group accounts for a large share of emergency admissions.
        const Project &p = *mProject;
        const EventTable &apc = p.eventTable(Dataset::Apc);
        std::vector<int> perPerson(size_t(p.persons.count), 0);
        int64_t total = 0;
        const int emergencyFirst = 4, emergencyLast = 13;  // enum indexes 21..28 (+1 storage offset)
        for (int32_t i = 0; i < p.persons.count; ++i)
            for (uint32_t k = apc.offsets[size_t(i)]; k < apc.offsets[size_t(i) + 1]; ++k)
                if (apc.attr1[k] >= emergencyFirst && apc.attr1[k] <= emergencyLast) ++perPerson[size_t(i)], ++total;
        std::sort(perPerson.begin(), perPerson.end(), std::greater<>());
        const int64_t top = std::accumulate(perPerson.begin(), perPerson.begin() + p.persons.count / 20, int64_t(0));
        const double rate = double(total) / p.persons.count / 2.0;
        QVERIFY2(rate > 0.05 && rate < 0.14, qPrintable(QString::number(rate)));
        QVERIFY2(double(top) / double(total) > 0.4, qPrintable(QString::number(double(top) / double(total))));
    }

    void lutonIsMoreDiverse() {
        const Project &p = *mProject;
        std::map<QString, std::pair<double, double>> share;  // place -> (White British, all)
        for (int32_t i = 0; i < p.persons.count; ++i) {
            auto &s = share[p.geography.lsoas[p.persons.lsoa[size_t(i)]].place];
            s.first += p.persons.ethnicity[size_t(i)] == 1;  // A, stored as index + 1
            s.second += 1;
        }
        const double luton = share[QStringLiteral("Luton")].first / share[QStringLiteral("Luton")].second;
        const double central = share[QStringLiteral("Central Bedfordshire")].first / share[QStringLiteral("Central Bedfordshire")].second;
        QVERIFY2(luton < 0.5 && central > 0.7, qPrintable(QStringLiteral("%1 %2").arg(luton).arg(central)));
    }

    void nothingHappensAfterTheExtractEnd() {
        const Project &p = *mProject;
        for (const EventTable &e : p.events)
            QVERIFY2(e.rows == 0 || e.maxDate <= p.extractEnd, qPrintable(QString::fromStdString(isoDate(e.maxDate))));
        for (int32_t i = 0; i < p.persons.count; ++i) QVERIFY(p.persons.regStart[size_t(i)] <= p.extractEnd);
    }

    void deathsAndMoves() {
        const Project &p = *mProject;
        int64_t died = 0, left = 0, joined = 0;
        for (int32_t i = 0; i < p.persons.count; ++i) {
            died += p.persons.death[size_t(i)] != kNoDate;
            left += p.persons.regEnd[size_t(i)] != kNoDate && p.persons.death[size_t(i)] == kNoDate;
            joined += p.persons.regStart[size_t(i)] >= p.extractStart;
        }
        const double deathRate = double(died) / p.persons.count / 2.0;
        QVERIFY2(deathRate > 0.005 && deathRate < 0.012, qPrintable(QString::number(deathRate)));
        QVERIFY(left > p.persons.count / 50);
        QVERIFY(joined > p.persons.count / 50);
    }
};

QTEST_GUILESS_MAIN(TestGenerator)
#include "tst_generator.moc"
