// Store round trip: what the CSV says is what the columnar tables and the SQL tables hold.
#include "base/csvreader.h"
#include "import/importer.h"
#include "session/projectloader.h"
#include "store/projectdb.h"
#include "testutil.h"

#include <QTest>

using namespace phm::core;

class TestProjectStore : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    QString mExtract, mProjectPath;
    ProjectPtr mProject;

    std::vector<std::vector<QString>> readCsv(const QString &file) {
        CsvReader r(QDir(mExtract).filePath(file));
        if (!r.open()) return {};
        std::vector<std::vector<QString>> rows;
        while (r.next() == CsvReader::Step::Record) {
            std::vector<QString> row;
            for (auto f : r.fields()) row.push_back(QString::fromUtf8(f.data(), qsizetype(f.size())));
            rows.push_back(row);
        }
        return rows;
    }

private slots:
    void initTestCase() {
        mExtract = phm::test::makeExtract(mDir.filePath(QStringLiteral("x")), 3000, 21, 0.0);
        mProjectPath = mDir.filePath(QStringLiteral("p.phm"));
        Feedback fb;
        QVERIFY(importExtract(mExtract, mProjectPath, fb));
        auto p = openProject(mProjectPath, fb);
        QVERIFY2(p, p ? "" : qPrintable(p.error().message));
        mProject = p.value();
    }

    void personsRoundTrip() {
        const auto rows = readCsv(QStringLiteral("persons.csv"));
        const PersonTable &t = mProject->persons;
        QCOMPARE(t.count, int32_t(rows.size() - 1));
        const auto &geo = mProject->geography;
        for (int32_t i = 0; i < t.count; ++i) {
            const auto &r = rows[size_t(i) + 1];
            QCOMPARE(QString::fromLatin1(t.id(i).data(), qsizetype(t.id(i).size())), r[0]);
            QCOMPARE(QStringLiteral("MFIU").at(t.sex[size_t(i)]), r[1].at(0));
            QCOMPARE(QStringLiteral("%1-%2").arg(t.birthYm[size_t(i)] / 12).arg(t.birthYm[size_t(i)] % 12 + 1, 2, 10, QLatin1Char('0')),
                     r[2]);
            QCOMPARE(geo.lsoas[t.lsoa[size_t(i)]].code, r[4]);
            QCOMPARE(geo.practices[t.practice[size_t(i)]].code, r[5]);
            QCOMPARE(QString::fromStdString(isoDate(t.regStart[size_t(i)])), r[6]);
            QCOMPARE(t.regEnd[size_t(i)] == kNoDate ? QString() : QString::fromStdString(isoDate(t.regEnd[size_t(i)])), r[7]);
            QCOMPARE(t.death[size_t(i)] == kNoDate ? QString() : QString::fromStdString(isoDate(t.death[size_t(i)])), r[8]);
            for (size_t f = 0; f < kPersonFlags.size(); ++f)
                QCOMPARE(t.flags[f].test(size_t(i)) ? QStringLiteral("1") : QStringLiteral("0"), r[9 + f]);
        }
    }

    void eventIndexRoundTrip() {
        const auto &t = mProject->persons;
        std::unordered_map<std::string, int32_t> pid;
        for (int32_t i = 0; i < t.count; ++i) pid.emplace(std::string(t.id(i)), i);
        // GP events: every CSV row is found under its person with the same code, date and value.
        const EventTable &gp = mProject->eventTable(Dataset::Gp);
        const auto rows = readCsv(QStringLiteral("gp_events.csv"));
        QCOMPARE(gp.rows, int64_t(rows.size() - 1));
        for (size_t k = 1; k < rows.size(); k += 37) {
            const auto &r = rows[k];
            const int32_t p = pid.at(r[0].toStdString());
            bool found = false;
            for (uint32_t e = gp.offsets[size_t(p)]; e < gp.offsets[size_t(p) + 1] && !found; ++e)
                found = QString::fromStdString(isoDate(gp.date[e])) == r[1] && gp.codes[gp.code[e]] == r[2] &&
                        (r[3].isEmpty() ? std::isnan(gp.value[e]) : qFuzzyCompare(gp.value[e], r[3].toFloat()));
            QVERIFY2(found, qPrintable(r[0] + QLatin1Char(' ') + r[2]));
        }
        // Every dataset: offsets cover all rows and events are in date order per person.
        for (const EventTable &e : mProject->events) {
            QCOMPARE(int64_t(e.offsets.back()), e.rows);
            for (int32_t p = 0; p < t.count; ++p)
                for (uint32_t k = e.offsets[size_t(p)] + 1; k < e.offsets[size_t(p) + 1]; ++k) QVERIFY(e.date[k - 1] <= e.date[k]);
        }
    }

    void sqlTablesMatchColumns() {
        auto db = ProjectDb::open(mProjectPath, false);
        QVERIFY(db);
        QCOMPARE(db.value()->schemaVersion(), kSchemaVersion);
        Statement persons(*db.value(), QStringLiteral("SELECT count(*) FROM person"));
        QVERIFY(persons.step());
        QCOMPARE(persons.columnInt(0), int64_t(mProject->persons.count));
        for (int d = kFirstEventDataset; d < kEventDatasetEnd; ++d) {
            Statement st(*db.value(), QStringLiteral("SELECT count(*), sum(pid) FROM %1").arg(QLatin1String(fileSpec(Dataset(d)).key)));
            QVERIFY(st.step());
            const EventTable &e = mProject->eventTable(Dataset(d));
            QCOMPARE(st.columnInt(0), e.rows);
            int64_t sum = 0;
            for (int32_t p = 0; p < mProject->persons.count; ++p) sum += int64_t(p) * (e.offsets[size_t(p) + 1] - e.offsets[size_t(p)]);
            QCOMPARE(st.columnInt(1), sum);
        }
    }

    void refusesNewerSchemaAndNonProjects() {
        const QString copy = mDir.filePath(QStringLiteral("newer.phm"));
        QVERIFY(QFile::copy(mProjectPath, copy));
        {
            auto db = ProjectDb::open(copy, true);
            QVERIFY(db);
            QVERIFY(db.value()->exec(QStringLiteral("PRAGMA user_version = 99")));
        }
        Feedback fb;
        auto r = openProject(copy, fb);
        QVERIFY(!r);
        QCOMPARE(errorCodeName(r.error().code), QStringLiteral("newer_schema"));
        const QString junk = mDir.filePath(QStringLiteral("junk.phm"));
        phm::test::writeFile(junk, "this is not a database");
        auto j = openProject(junk, fb);
        QVERIFY(!j);
        QCOMPARE(errorCodeName(j.error().code), QStringLiteral("not_a_project"));
    }
};

QTEST_GUILESS_MAIN(TestProjectStore)
#include "tst_projectstore.moc"
