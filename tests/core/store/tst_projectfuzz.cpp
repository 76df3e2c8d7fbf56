// Corruption fuzz test: a small project, copied and damaged in seeded random ways (byte flips,
// overwritten ranges, truncations, and column blocks, meta keys and tables patched through SQL),
// then opened, described, queried and profiled, and its stores read and written. Nothing may
// crash, and every failure must be a Result error that says what is wrong. scripts/fuzz.sh runs
// it under AddressSanitizer and UBSan, where any out-of-bounds access or undefined behaviour
// fails. PHM_FUZZ_ITERATIONS changes the number of cases (default 1200); the seeds are fixed.
#include "cohorts/cohortanalysis.h"
#include "cohorts/cohortstore.h"
#include "cohortutil.h"
#include "geo/areas.h"
#include "governance/disclosurepolicy.h"
#include "governance/users.h"
#include "indicators/indicators.h"
#include "indicators/inequality.h"
#include "indicators/profile.h"
#include "maturity/maturitystore.h"
#include "packs/packtemplate.h"
#include "rules/rulecatalogue.h"
#include "rules/ruleengine.h"
#include "rules/ruleparser.h"
#include "store/projectdb.h"
#include "stratify/segmentation.h"
#include "testutil.h"

#include <QTest>
#include <cstring>
#include <map>
#include <random>

using namespace phm::core;

class TestProjectFuzz : public QObject {
    Q_OBJECT
    // In memory where there is a tmpfs: each case commits a save, and fsync on a busy disk would
    // take most of the run.
    QTemporaryDir mDir{QDir(QStringLiteral("/dev/shm")).exists() ? QStringLiteral("/dev/shm/tst_projectfuzz-XXXXXX")
                                                                 : QDir::tempPath() + QStringLiteral("/tst_projectfuzz-XXXXXX")};
    QString mPath;
    QByteArray mBytes;
    rules::CodeLists mLists;
    std::vector<IndicatorDefinition> mIndicators;
    SegmentationTemplate mSegments;
    std::vector<std::pair<QString, int64_t>> mBlocks;  // name, bytes
    std::map<QString, int> mOutcomes;
    std::mt19937_64 mRng{20240514};

    uint64_t below(uint64_t n) { return n ? mRng() % n : 0; }

    // An error must say what happened: a code and a sentence (a project error names the file).
    void expectClear(const Error &e, const QString &path, bool names) {
        QVERIFY(!errorCodeName(e.code).isEmpty());
        QVERIFY2(!e.message.trimmed().isEmpty(), qPrintable(errorCodeName(e.code)));
        if (names) QVERIFY2(e.message.contains(path), qPrintable(errorCodeName(e.code) + QLatin1Char(' ') + e.message));
        ++mOutcomes[errorCodeName(e.code)];
    }
    template <class R>
    void expectOkOrClear(const R &r, const QString &path) {
        if (!r) expectClear(r.error(), path, false);
    }

    void damageBytes(QByteArray &b, int kind) {
        switch (kind) {
            case 0:  // bit flips anywhere, header included
                for (uint64_t k = 0, n = 1 + below(24); k < n; ++k) b[qsizetype(below(uint64_t(b.size())))] ^= char(1u << below(8));
                break;
            case 1: {  // a range overwritten with noise or zeros
                const qsizetype at = qsizetype(below(uint64_t(b.size()))), len = qsizetype(1 + below(8192));
                const bool zeros = below(2) == 0;
                for (qsizetype i = at; i < std::min(b.size(), at + len); ++i) b[i] = zeros ? '\0' : char(mRng());
                break;
            }
            default:  // truncated
                b.truncate(qsizetype(below(uint64_t(b.size()))));
        }
    }

    void patchBlock(ProjectDb &db) {
        const auto &[name, bytes] = mBlocks[size_t(below(mBlocks.size()))];
        Statement read(db, QStringLiteral("SELECT data, rows FROM column_block WHERE name = ?"));
        read.bindText(1, name);
        if (!read.step()) return;
        QByteArray data(static_cast<const char *>(read.columnBlob(0)), read.columnBytes(0));
        int64_t rows = read.columnInt(1);
        read.reset();
        const int64_t width = rows > 0 ? std::clamp<int64_t>(bytes / rows, 1, 8) : 1;  // the element's size
        const int64_t extremes[] = {-1, 0, 1, INT32_MIN, INT32_MAX, UINT32_MAX, int64_t(1) << 40, INT64_MIN, INT64_MAX};
        switch (below(5)) {
            case 0:  // the row count
                rows = below(2) ? extremes[below(std::size(extremes))] : rows + int64_t(below(5)) - 2;
                break;
            case 1:  // elements set to extreme or random values, in the element's width
                for (uint64_t k = 0, n = 1 + below(4); k < n && !data.isEmpty(); ++k) {
                    // Extreme, random, or small (which often passes the checks, so the engines run on it).
                    const uint64_t how = below(3);
                    const int64_t v = how == 0 ? extremes[below(std::size(extremes))] : how == 1 ? int64_t(mRng()) : int64_t(below(64));
                    const qsizetype at = qsizetype(below(uint64_t(std::max<int64_t>(1, data.size() / width)))) * qsizetype(width);
                    std::memcpy(data.data() + at, &v, size_t(std::min<int64_t>(width, std::min<int64_t>(8, data.size() - at))));
                }
                break;
            case 2:  // cut short, with or without the count to match
                data.truncate(qsizetype(below(uint64_t(data.size()) + 1)));
                if (below(2)) rows = data.size() / width;
                break;
            case 3:  // random bytes
                data = QByteArray(qsizetype(below(512)), '\0');
                for (char &c : data) c = char(mRng());
                break;
            default:  // gone
                db.exec(QStringLiteral("DELETE FROM column_block WHERE name = '%1'").arg(name));
                return;
        }
        Statement write(db, QStringLiteral("UPDATE column_block SET data = ?, rows = ? WHERE name = ?"));
        write.bindBlob(1, data.constData(), size_t(data.size()));
        write.bind(2, rows);
        write.bindText(3, name);
        write.stepDone();
    }

    void patchTables(ProjectDb &db) {
        const QString noise = QString::number(qint64(mRng()) >> below(64));
        const QStringList statements = {
            QStringLiteral("UPDATE meta SET value = '%1' WHERE key = 'extract_end'").arg(noise),
            QStringLiteral("UPDATE meta SET value = '%1' WHERE key = 'extract_start'").arg(noise),
            QStringLiteral("UPDATE meta SET value = '{\"x\": [' WHERE key = 'import_report'"),
            QStringLiteral("DELETE FROM meta"),
            QStringLiteral("UPDATE lsoa SET imd_decile = %1 WHERE idx = %2").arg(noise).arg(below(40)),
            QStringLiteral("DELETE FROM lsoa WHERE idx >= %1").arg(below(600)),
            QStringLiteral("DELETE FROM practice WHERE idx >= %1").arg(below(120)),
            QStringLiteral("UPDATE practice SET pcn_code = NULL, place = NULL"),
            QStringLiteral("PRAGMA user_version = %1").arg(noise),
            QStringLiteral("PRAGMA application_id = %1").arg(int32_t(mRng())),
            QStringLiteral("INSERT INTO cohort(name) VALUES ('x'); INSERT INTO cohort_version VALUES "
                           "((SELECT id FROM cohort WHERE name = 'x'), 1, '((((in_cohort(\"x\")', 'a', 'not a date', NULL, %1)")
                .arg(noise),
            QStringLiteral("INSERT INTO pack_template VALUES ('t', '{\"sections\": 7, \"indicators\": [[[', 'x', 'y')"),
            QStringLiteral("INSERT INTO maturity_framework VALUES ('f', '{\"capabilities\": [{\"levels\": -1}]}', 'x', 'y')"),
            QStringLiteral("INSERT INTO meta VALUES ('disclosure.policy', '{\"threshold\": %1}')").arg(noise),
            QStringLiteral("DROP TABLE app_user"),
            QStringLiteral("DROP TABLE column_block"),
            QStringLiteral("UPDATE app_user SET role = 'root'"),
        };
        db.exec(statements[qsizetype(below(uint64_t(statements.size())))]);
    }

    // Everything a reader of the project does, on the damaged file.
    void exercise(const QString &path) {
        Feedback fb;
        auto opened = openProject(path, fb);
        if (!opened) {
            expectClear(opened.error(), path, true);
        } else {
            ++mOutcomes[QStringLiteral("opened")];
            const Project &p = *opened.value();
            const QJsonObject info = projectInfo(p);
            QCOMPARE(info.value(QStringLiteral("persons")).toInt(), p.persons.count);
            const rules::ParseResult rule =
                rules::parseRule(QStringLiteral("registered and age >= 17 and has(gp, @diabetes, last 2 years)"), &mLists);
            QVERIFY(rule.ok());
            rules::MemoryEngine engine(p, mLists);
            engine.setCohortResolver(makeCohortResolver(p, mLists, phm::test::cohortRules(path)));
            auto selected = engine.evaluate(*rule.expr);
            expectOkOrClear(selected, path);
            const rules::ParseResult cohort = rules::parseRule(QStringLiteral("in_cohort(\"x\") or carer"), &mLists);
            expectOkOrClear(engine.evaluate(*cohort.expr), path);
            const AreaIndex areas(p);
            auto profile = computeProfile(areas, mLists, mIndicators, Area::Pcn);
            expectOkOrClear(profile, path);
            for (InequalityDimension d : {InequalityDimension::ImdDecile, InequalityDimension::EthnicGroup, InequalityDimension::Sex,
                                          InequalityDimension::AgeBand, InequalityDimension::Rurality})
                expectOkOrClear(computeInequality(p, mLists, mIndicators.front(), d), path);
            expectOkOrClear(segmentPopulation(p, mLists, mSegments), path);
            const rules::ParseResult derived =
                rules::parseRule(QStringLiteral("efi_category = 'severe' or ltc_count >= 2 or cost(all, last 12 months) > 1000"), &mLists);
            QVERIFY(derived.ok());
            expectOkOrClear(engine.evaluate(*derived.expr), path);
        }
        expectOkOrClear(phm::test::Cohorts{path}.list(), path);
        expectOkOrClear(phm::test::findUser(path, QStringLiteral("ann")), path);
        expectOkOrClear(phm::test::onProject(path, [](ProjectDb &db) { return listPackTemplates(db); }), path);
        expectOkOrClear(phm::test::onProject(path, [](ProjectDb &db) { return maturity::frameworks(db); }), path);
        expectOkOrClear(phm::test::onProject(path, [](ProjectDb &db) { return maturity::assessments(db); }), path);
        expectOkOrClear(phm::test::onProject(path, [](ProjectDb &db) { return projectPolicy(db); }), path);
        expectOkOrClear(phm::test::onProject(path, [&](ProjectDb &db) { return projectIndicators(db, &mLists); }), path);
        expectOkOrClear(phm::test::Cohorts{path}.save(QStringLiteral("fuzz"), QStringLiteral("carer"), QStringLiteral("ann"), {}, 1), path);
    }

private slots:
    void initTestCase() {
        phm::test::makeProject(mDir.path(), 300, 11);
        mPath = mDir.filePath(QStringLiteral("project.phm"));
        mBytes = phm::test::readFile(mPath);
        auto loaded = loadIndicators({}, &mLists);
        QVERIFY(loaded);
        for (const IndicatorDefinition &d : loaded.value())
            if (mIndicators.size() < 4) mIndicators.push_back(d);
        auto segments = loadSegmentationTemplate(QStringLiteral("bridges-to-health"));
        QVERIFY(segments);
        mSegments = segments.value();
        auto db = ProjectDb::open(mPath, false);
        QVERIFY(db);
        Statement st(*db.value(), QStringLiteral("SELECT name, length(data) FROM column_block ORDER BY name"));
        while (st.step()) mBlocks.emplace_back(st.columnText(0), st.columnInt(1));
        QVERIFY(mBlocks.size() > 60);
    }

    void damagedProjectsNeverCrash() {
        const int iterations =
            qEnvironmentVariableIsSet("PHM_FUZZ_ITERATIONS") ? qEnvironmentVariableIntValue("PHM_FUZZ_ITERATIONS") : 1200;
        for (int i = 0; i < iterations; ++i) {
            const QString path = mDir.filePath(QStringLiteral("fuzz.phm"));
            QFile::remove(path);
            const int kind = i % 6;
            if (kind < 3) {
                QByteArray bytes = mBytes;
                damageBytes(bytes, kind);
                phm::test::writeFile(path, bytes);
            } else {
                QVERIFY(QFile::copy(mPath, path));
                auto db = ProjectDb::open(path, true);
                QVERIFY(db);
                for (uint64_t k = 0, n = 1 + below(3); k < n; ++k) kind == 5 ? patchTables(*db.value()) : patchBlock(*db.value());
            }
            exercise(path);
            if (QTest::currentTestFailed()) qFatal("case %d (kind %d) failed", i, kind);
        }
        QString summary;
        for (const auto &[outcome, n] : mOutcomes) summary += QStringLiteral(" %1=%2").arg(outcome).arg(n);
        qInfo("outcomes:%s", qPrintable(summary));
        // The damage must have been seen, and some damage must leave a project that still opens.
        QVERIFY(mOutcomes[QStringLiteral("corrupt_project")] > iterations / 10);
        QVERIFY(mOutcomes[QStringLiteral("opened")] > 0);
    }
};

QTEST_GUILESS_MAIN(TestProjectFuzz)
#include "tst_projectfuzz.moc"
