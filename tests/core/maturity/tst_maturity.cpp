// PHM maturity: frameworks as data (shipped and malformed), assessments with history, export and
// import (round trip, all or nothing, located errors) and the PHM cycle with its dashboard.
#include "cohorts/cohortstore.h"
#include "cohortutil.h"
#include "import/importer.h"
#include "maturity/maturitystore.h"
#include "store/projectdb.h"
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace phm::core;
using namespace phm::core::maturity;

namespace {
// The store's functions, each through a connection of its own (for writing when it writes).
using phm::test::onProject;
auto assessableAreas(const QString &p) {
    return onProject(p, [](ProjectDb &db) { return maturity::assessableAreas(db); });
}
auto frameworks(const QString &p) {
    return onProject(p, [](ProjectDb &db) { return maturity::frameworks(db); });
}
auto assessments(const QString &p) {
    return onProject(p, [](ProjectDb &db) { return maturity::assessments(db); });
}
auto cycles(const QString &p) {
    return onProject(p, [](ProjectDb &db) { return maturity::cycles(db); });
}
auto exportAll(const QString &p) {
    return onProject(p, [](ProjectDb &db) { return maturity::exportAll(db); });
}
auto addAssessment(const QString &p, const Assessment &a, const QString &author) {
    return onProject(
        p, [&](ProjectDb &db) { return maturity::addAssessment(db, a, author); }, true);
}
auto startCycle(const QString &p, const QString &pcn, const QString &title, const QString &author) {
    return onProject(
        p, [&](ProjectDb &db) { return maturity::startCycle(db, pcn, title, author); }, true);
}
auto recordStage(const QString &p, qint64 id, const cycle::StageRecord &stage, const QString &author) {
    return onProject(
        p, [&](ProjectDb &db) { return maturity::recordStage(db, id, stage, author); }, true);
}
auto saveFramework(const QString &p, const Framework &f, const QString &author) {
    return onProject(
        p, [&](ProjectDb &db) { return maturity::saveFramework(db, f, author); }, true);
}
auto importAll(const QString &p, const QByteArray &json, const QString &source, const QString &author) {
    return onProject(
        p, [&](ProjectDb &db) { return maturity::importAll(db, json, source, author); }, true);
}

QJsonObject parse(const char *json) { return QJsonDocument::fromJson(json).object(); }

// The content of an exported file without what the store adds (ids, when and by whom).
QJsonArray withoutBookkeeping(const QJsonArray &items) {
    QJsonArray out;
    for (const QJsonValue &v : items) {
        QJsonObject o = v.toObject();
        for (const char *key : {"id", "recorded_at", "recorded_by"}) o.remove(QLatin1String(key));
        QJsonArray stages;
        for (const QJsonValue &s : o.value(QStringLiteral("stages")).toArray()) {
            QJsonObject so = s.toObject();
            so.remove(QStringLiteral("recorded_at"));
            so.remove(QStringLiteral("recorded_by"));
            stages.append(so);
        }
        if (o.contains(QStringLiteral("stages"))) o.insert(QStringLiteral("stages"), stages);
        out.append(o);
    }
    return out;
}
}  // namespace

class TestMaturity : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    QString mPath;
    QString mPcn, mPcn2, mPlace;

    Assessment assessment(const QString &area, const QString &on, int intelligence, int target = -1) {
        Assessment a;
        a.framework = QStringLiteral("PHM maturity matrix");
        a.level = QStringLiteral("pcn");
        a.area = area;
        a.assessedOn = QDate::fromString(on, Qt::ISODate);
        a.assessor = QStringLiteral("PCN board");
        a.ratings = {Rating{QStringLiteral("Infrastructure"),
                            1,
                            2,
                            QDate(2027, 3, 31),
                            QStringLiteral("Linked data since May"),
                            {QStringLiteral("https://example.org/dsa")}},
                     Rating{QStringLiteral("Intelligence"), intelligence, target, {}, {}, {}}};
        return a;
    }

private slots:
    void initTestCase() {
        phm::test::makeProject(mDir.path(), 3000, 5);
        mPath = mDir.filePath(QStringLiteral("project.phm"));
        auto areas = assessableAreas(mPath);
        QVERIFY(areas);
        for (const AssessableArea &a : areas.value()) {
            if (a.level == QLatin1String("pcn") && mPcn.isEmpty())
                mPcn = a.code;
            else if (a.level == QLatin1String("pcn") && mPcn2.isEmpty())
                mPcn2 = a.code;
            if (a.level == QLatin1String("place") && mPlace.isEmpty()) mPlace = a.code;
        }
        QCOMPARE(areas.value().front().level, QStringLiteral("ics"));
        QCOMPARE(int(std::count_if(areas.value().begin(), areas.value().end(),
                                   [](const AssessableArea &a) { return a.level == QLatin1String("pcn"); })),
                 23);  // the BLMK ICS's PCNs
    }

    void shippedFrameworks() {
        const auto &all = builtInFrameworks();
        QCOMPARE(int(all.size()), 4);
        const Framework &matrix = all.front();
        QCOMPARE(matrix.name, QStringLiteral("PHM maturity matrix"));
        QCOMPARE(matrix.levels, (QStringList{QStringLiteral("Emerging"), QStringLiteral("Developing"), QStringLiteral("Maturing"),
                                             QStringLiteral("Thriving")}));
        QStringList names;
        for (const Capability &c : matrix.capabilities) names << c.name;
        QCOMPARE(names, (QStringList{QStringLiteral("Infrastructure"), QStringLiteral("Intelligence"), QStringLiteral("Interventions"),
                                     QStringLiteral("Incentives")}));
        QVERIFY(matrix.capabilities.back().optional);  // Incentives as an option
        QVERIFY(matrix.summary.contains(QStringLiteral("Not the official text")));
        QCOMPARE(int(all[1].capabilities.size()), 6);  // infrastructure ... innovation, inequalities
        QCOMPARE(all[2].capabilities[3].name, QStringLiteral("Impacts"));
        QVERIFY(all[3].name.contains(QStringLiteral("PCN")));
        for (const Framework &f : all)
            for (const Capability &c : f.capabilities) QCOMPARE(c.descriptors.size(), f.levels.size());
    }

    void malformedFrameworksAreRefusedWithTheirPlace() {
        auto error = [](const char *json) {
            auto f = frameworkFromJson(parse(json), QStringLiteral("f.json: frameworks[0]"));
            return f ? QString() : f.error().message;
        };
        QCOMPARE(error(R"({"levels": ["A", "B"], "capabilities": [{"name": "X", "descriptors": ["a", "b"]}]})"),
                 QStringLiteral("f.json: frameworks[0]: \"name\" must be a non-empty string"));
        QCOMPARE(error(R"({"name": "F", "levels": ["A", "B"], "capabilities": [{"name": "X", "descriptors": ["a", "b"]},
                          {"name": "Y", "descriptors": ["a", "b"]}, {"name": "x", "descriptors": ["a", "b"]}]})"),
                 QStringLiteral("f.json: frameworks[0].capabilities[2]: duplicate capability \"x\""));
        QCOMPARE(
            error(R"({"name": "F", "levels": ["A", "B", "C"], "capabilities": [{"name": "X", "descriptors": ["a", "b"]}]})"),
            QStringLiteral("f.json: frameworks[0].capabilities[0]: \"descriptors\" must give one descriptor for each of the 3 levels"));
        QCOMPARE(error(R"({"name": "F", "levels": ["A"], "capabilities": []})"),
                 QStringLiteral("f.json: frameworks[0]: \"levels\" must list at least two levels, lowest first"));
        QCOMPARE(error(R"({"name": "F", "levels": ["A", "a"], "capabilities": []})"),
                 QStringLiteral("f.json: frameworks[0].levels[1]: duplicate level \"a\""));
        QCOMPARE(error(R"({"name": "F", "colour": "red", "levels": ["A", "B"], "capabilities": []})"),
                 QStringLiteral("f.json: frameworks[0]: unknown key \"colour\""));
        QCOMPARE(lineAndColumn("{\n  \"a\": x\n}", 9), QStringLiteral("line 2, column 8"));
    }

    void assessmentsAreCheckedAndKeptAsHistory() {
        auto first = addAssessment(mPath, assessment(mPcn, QStringLiteral("2026-04-10"), 0, 2), QStringLiteral("ann"));
        QVERIFY2(first, first ? "" : qPrintable(first.error().message));
        QVERIFY(first.value().id > 0);
        QCOMPARE(first.value().recordedBy, QStringLiteral("ann"));
        QVERIFY(addAssessment(mPath, assessment(mPcn, QStringLiteral("2026-10-02"), 1, 2), QStringLiteral("ann")));
        QVERIFY(addAssessment(mPath, assessment(mPcn2, QStringLiteral("2026-09-01"), 2, 3), QStringLiteral("bob")));
        // Refusals name what is wrong and store nothing.
        auto refused = [&](Assessment a) {
            auto r = addAssessment(mPath, a, QStringLiteral("ann"));
            return r ? QString() : r.error().message;
        };
        Assessment below = assessment(mPcn, QStringLiteral("2026-11-01"), 2, 1);
        QCOMPARE(refused(below), QStringLiteral("assessment.ratings[1]: the target (Developing) is below the current level (Maturing)"));
        Assessment twice = assessment(mPcn, QStringLiteral("2026-11-01"), 1);
        twice.ratings.push_back(twice.ratings.back());
        QCOMPARE(refused(twice), QStringLiteral("assessment.ratings[2]: \"Intelligence\" is rated twice"));
        Assessment nowhere = assessment(QStringLiteral("U00000"), QStringLiteral("2026-11-01"), 1);
        QCOMPARE(refused(nowhere), QStringLiteral("assessment: no pcn \"U00000\" in this project"));
        Assessment badLink = assessment(mPcn, QStringLiteral("2026-11-01"), 1);
        badLink.ratings[0].links = {QStringLiteral("javascript:alert(1)")};
        QVERIFY(refused(badLink).contains(QStringLiteral("is not an http(s) or file link")));
        Assessment unknownCapability = assessment(mPcn, QStringLiteral("2026-11-01"), 1);
        unknownCapability.ratings[0].capability = QStringLiteral("Insights");
        QCOMPARE(refused(unknownCapability),
                 QStringLiteral("assessment.ratings[0]: \"Insights\" is not a capability of PHM maturity matrix"));

        auto all = assessments(mPath);
        QVERIFY(all);
        QCOMPARE(int(all.value().size()), 3);  // both of mPcn's are kept
        const auto latest = latestByArea(all.value(), QStringLiteral("PHM maturity matrix"));
        QCOMPARE(int(latest.size()), 2);
        const Assessment &mine = latest.front().area == mPcn ? latest.front() : latest.back();
        QCOMPARE(mine.assessedOn, QDate(2026, 10, 2));
        QCOMPARE(mine.rating(QStringLiteral("intelligence"))->current, 1);
        // As the areas stood on 1 July: mPcn's April assessment; mPcn2 not yet assessed.
        const auto july = latestByArea(all.value(), QStringLiteral("PHM maturity matrix"), QDate(2026, 7, 1));
        QCOMPARE(int(july.size()), 1);
        QCOMPARE(july.front().assessedOn, QDate(2026, 4, 10));
        // History cannot be rewritten, even with SQL.
        auto db = ProjectDb::open(mPath, true);
        QVERIFY(!db.value()->exec(QStringLiteral("UPDATE maturity_assessment SET assessed_on = '2020-01-01'")));
        QVERIFY(!db.value()->exec(QStringLiteral("DELETE FROM maturity_assessment")));
    }

    void aFrameworkInUseKeepsWhatAssessmentsUse() {
        Framework changed = builtInFrameworks().front();
        changed.capabilities.erase(changed.capabilities.begin() + 1);  // drop Intelligence
        auto s = saveFramework(mPath, changed, QStringLiteral("ann"));
        QVERIFY(!s);
        QVERIFY2(s.error().message.contains(QStringLiteral("would lose the capability \"Intelligence\"")), qPrintable(s.error().message));
        Framework reworded = builtInFrameworks().front();
        reworded.capabilities[0].descriptors[0] = QStringLiteral("Our own words for emerging infrastructure.");
        QVERIFY(saveFramework(mPath, reworded, QStringLiteral("ann")));
        QCOMPARE(frameworks(mPath).value().front().capabilities[0].descriptors[0],
                 QStringLiteral("Our own words for emerging infrastructure."));
    }

    void theCycleIsRecordedInOrder() {
        QVERIFY(phm::test::Cohorts{mPath}.save(QStringLiteral("Frail 75+"), QStringLiteral("age >= 75"), QStringLiteral("ann"), {}, 0));
        auto c = startCycle(mPath, mPcn, QStringLiteral("Frailty: proactive MDT review"), QStringLiteral("ann"));
        QVERIFY(c);
        using cycle::Stage;
        auto stage = [&](Stage s, const char *on, QStringList cohorts = {}) {
            return recordStage(mPath, c.value().id,
                               cycle::StageRecord{s, QDate::fromString(QLatin1String(on), Qt::ISODate), cohorts, {}, {}, {}},
                               QStringLiteral("ann"));
        };
        QVERIFY(stage(Stage::Review, "2026-04-20", {QStringLiteral("Frail 75+")}));
        auto skipped = stage(Stage::Design, "2026-05-01");
        QVERIFY(!skipped);
        QVERIFY2(skipped.error().message.contains(QStringLiteral("the next stage is \"choose\", not \"design\"")),
                 qPrintable(skipped.error().message));
        auto early = stage(Stage::Choose, "2026-04-01");
        QVERIFY(!early && early.error().message.contains(QStringLiteral("before \"review\" (2026-04-20)")));
        auto unknown = stage(Stage::Choose, "2026-05-01", {QStringLiteral("Nobody")});
        QVERIFY(!unknown && unknown.error().message.contains(QStringLiteral("no saved cohort called \"Nobody\"")));
        QVERIFY(stage(Stage::Choose, "2026-05-01"));
        QVERIFY(stage(Stage::Design, "2026-06-01"));
        QVERIFY(stage(Stage::Implement, "2026-07-01"));
        auto done = stage(Stage::Evaluate, "2027-01-15");
        QVERIFY(done);
        QVERIFY(done.value().complete());
        QVERIFY(!stage(Stage::Evaluate, "2027-02-01"));  // complete: nothing after evaluate
        // A second PCN part-way.
        auto other = startCycle(mPath, mPcn2, QStringLiteral("Hypertension case finding"), QStringLiteral("bob"));
        QVERIFY(recordStage(mPath, other.value().id, cycle::StageRecord{Stage::Review, QDate(2026, 9, 1), {}, {}, {}, {}},
                            QStringLiteral("bob")));
        QVERIFY(!startCycle(mPath, QStringLiteral("U00000"), QStringLiteral("x"), QStringLiteral("ann")));

        // Dashboard for the financial year 2026/27: one of 23 PCNs completed a full cycle.
        QStringList pcns;
        const auto areas = assessableAreas(mPath);
        for (const AssessableArea &a : areas.value())
            if (a.level == QLatin1String("pcn")) pcns << a.code;
        const auto [from, to] = cycle::financialYear(QDate(2026, 11, 29));
        QCOMPARE(from, QDate(2026, 4, 1));
        QCOMPARE(to, QDate(2027, 3, 31));
        const cycle::Dashboard d = cycle::dashboard(cycles(mPath).value(), pcns, from, to);
        QCOMPARE(d.pcns, 23);
        QCOMPARE(d.completed, 1);
        QCOMPARE(d.share, 1.0 / 23);
        QCOMPARE(d.furthest[size_t(Stage::Evaluate)], 1);
        QCOMPARE(d.furthest[size_t(Stage::Review)], 1);
        QCOMPARE(d.notStarted, 21);
        // The year before: nothing completed.
        const auto [lastFrom, lastTo] = cycle::financialYear(QDate(2026, 3, 31));
        QCOMPARE(cycle::dashboard(cycles(mPath).value(), pcns, lastFrom, lastTo).completed, 0);
    }

    void exportAndImportRoundTrip() {
        auto exported = exportAll(mPath);
        QVERIFY(exported);
        const QJsonObject file = exported.value();
        QCOMPARE(file.value(QStringLiteral("assessments")).toArray().size(), 3);
        QCOMPARE(file.value(QStringLiteral("cycles")).toArray().size(), 2);
        const QByteArray bytes = QJsonDocument(file).toJson();
        // Into the same project: nothing new.
        auto again = importAll(mPath, bytes, QStringLiteral("export.json"), QStringLiteral("ann"));
        QVERIFY2(again, again ? "" : qPrintable(again.error().message));
        QCOMPARE(again.value().assessmentsAdded, 0);
        QCOMPARE(again.value().assessmentsSkipped, 3);
        QCOMPARE(again.value().stagesAdded, 0);
        QCOMPARE(again.value().cyclesAdded, 0);
        QCOMPARE(assessments(mPath).value().size(), size_t(3));
        // Into another project of the same ICS (a copy without maturity data): the same content.
        const QString other = mDir.filePath(QStringLiteral("other.phm"));
        QVERIFY(QFile::copy(mDir.filePath(QStringLiteral("project.phm")), other));
        {
            auto db = ProjectDb::open(other, true);
            QVERIFY(db.value()->exec(QStringLiteral("DROP TRIGGER maturity_assessment_no_delete")));
            QVERIFY(db.value()->exec(QStringLiteral("DROP TRIGGER phm_cycle_stage_no_delete")));
            QVERIFY(db.value()->exec(QStringLiteral("DROP TRIGGER phm_cycle_no_delete")));
            for (const char *t : {"maturity_assessment", "phm_cycle_stage", "phm_cycle", "maturity_framework"})
                QVERIFY(db.value()->exec(QStringLiteral("DELETE FROM %1").arg(QLatin1String(t))));
        }
        QVERIFY(assessments(other).value().empty());
        auto imported = importAll(other, bytes, QStringLiteral("export.json"), QStringLiteral("carol"));
        QVERIFY2(imported, imported ? "" : qPrintable(imported.error().message));
        QCOMPARE(imported.value().assessmentsAdded, 3);
        QCOMPARE(imported.value().cyclesAdded, 2);
        QCOMPARE(imported.value().stagesAdded, 6);
        QCOMPARE(imported.value().frameworksSaved, 1);  // the reworded matrix; the other three are as shipped
        const QJsonObject back = exportAll(other).value();
        for (const char *key : {"frameworks", "assessments", "cycles"})
            QCOMPARE(withoutBookkeeping(back.value(QLatin1String(key)).toArray()),
                     withoutBookkeeping(file.value(QLatin1String(key)).toArray()));
    }

    void aBadImportChangesNothing() {
        const QByteArray before = phm::test::fileHash(mPath);
        auto error = [&](const QByteArray &json) {
            auto r = importAll(mPath, json, QStringLiteral("in.json"), QStringLiteral("ann"));
            return r ? QString() : r.error().message;
        };
        // A syntax error names the line and column (the message after them is Qt's).
        QVERIFY(error("{\n  \"assessments\": [\n    {\"framework\": }\n  ]\n}").startsWith(QStringLiteral("in.json: line 3, column ")));
        // A good assessment first, then one with an unknown level: neither is stored.
        QJsonObject good = assessment(mPcn, QStringLiteral("2026-11-20"), 2, 3).toJson(builtInFrameworks().front());
        QJsonObject bad = good;
        QJsonArray ratings = bad.value(QStringLiteral("ratings")).toArray();
        QJsonObject r0 = ratings[0].toObject();
        r0.insert(QStringLiteral("current"), QStringLiteral("Excellent"));
        ratings[0] = r0;
        bad.insert(QStringLiteral("ratings"), ratings);
        const QByteArray file = QJsonDocument(QJsonObject{{QStringLiteral("assessments"), QJsonArray{good, bad}}}).toJson();
        QCOMPARE(error(file), QStringLiteral("in.json: assessments[1].ratings[0]: unknown level \"Excellent\" for \"current\" (levels: "
                                             "Emerging, Developing, Maturing, Thriving)"));
        QCOMPARE(
            error(
                R"({"frameworks": [{"name": "F", "levels": ["A", "B"], "capabilities": [{"name": "X", "descriptors": ["a", "b"]}, {"name": "X", "descriptors": ["a", "b"]}]}]})"),
            QStringLiteral("in.json: frameworks[0].capabilities[1]: duplicate capability \"X\""));
        QCOMPARE(error(R"({"cycles": [{"pcn": "U00000", "title": "x", "stages": []}]})"),
                 QStringLiteral("in.json: cycles[0]: no PCN \"U00000\" in this project"));
        QCOMPARE(error(R"({"assessment": []})"), QStringLiteral("in.json: unknown key \"assessment\""));
        QCOMPARE(phm::test::fileHash(mPath), before);  // the project is as it was
    }

    void reimportKeepsTheHistory() {
        // Re-importing the extract replaces the data, not what the ICS recorded about itself.
        const auto before = exportAll(mPath).value();
        Feedback fb;
        QVERIFY(importExtract(mDir.filePath(QStringLiteral("extract")), mPath, fb));
        const auto after = exportAll(mPath).value();
        for (const char *key : {"frameworks", "assessments", "cycles"})
            QCOMPARE(after.value(QLatin1String(key)), before.value(QLatin1String(key)));
        QVERIFY(addAssessment(mPath, assessment(mPcn, QStringLiteral("2026-12-01"), 2), QStringLiteral("ann")));
        QCOMPARE(assessments(mPath).value().back().id, 4);  // ids go on from the kept ones
    }
};

QTEST_GUILESS_MAIN(TestMaturity)
#include "tst_maturity.moc"
