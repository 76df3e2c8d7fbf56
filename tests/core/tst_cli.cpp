// The `phm` command line is a public interface: commands, exit codes and JSON keys.
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>
#include <cmath>
#include <functional>

class TestCli : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;

    QByteArray run(const QStringList &args, int expectedExit = 0) {
        QProcess p;
        p.start(QStringLiteral(PHM_CLI), args);
        if (!p.waitForFinished(300000)) return {};
        if (p.exitCode() != expectedExit) qWarning() << args << p.readAllStandardError();
        return p.exitCode() == expectedExit ? p.readAllStandardOutput() : QByteArray("exit code mismatch");
    }

private slots:
    void generateImportInfo() {
        const QString x = mDir.filePath(QStringLiteral("x")), project = mDir.filePath(QStringLiteral("p.phm"));
        QVERIFY(run({QStringLiteral("generate"), QStringLiteral("--people"), QStringLiteral("2500"), QStringLiteral("--seed"),
                     QStringLiteral("4"), QStringLiteral("--out"), x}) != "exit code mismatch");
        const QJsonObject rep = QJsonDocument::fromJson(run({QStringLiteral("import"), QStringLiteral("--from"), x,
                                                             QStringLiteral("--project"), project, QStringLiteral("--json")}))
                                    .object();
        QVERIFY(rep.value(QStringLiteral("files")).isArray());
        for (const QJsonValue &v : rep.value(QStringLiteral("files")).toArray()) {
            const QJsonObject f = v.toObject();
            for (const char *key : {"file", "rows_read", "rows_imported", "rows_rejected"}) QVERIFY2(f.contains(QLatin1String(key)), key);
            QCOMPARE(f.value(QStringLiteral("rows_read")).toInteger(),
                     f.value(QStringLiteral("rows_imported")).toInteger() + f.value(QStringLiteral("rows_rejected")).toInteger());
        }
        QVERIFY(rep.value(QStringLiteral("persons")).toInteger() > 2400);
        QVERIFY(rep.value(QStringLiteral("linkage_rate")).toDouble() > 0.99);
        const QJsonObject info =
            QJsonDocument::fromJson(run({QStringLiteral("info"), QStringLiteral("--project"), project, QStringLiteral("--json")})).object();
        QCOMPARE(info.value(QStringLiteral("persons")).toInteger(), rep.value(QStringLiteral("persons")).toInteger());
        QCOMPARE(info.value(QStringLiteral("pcns")).toInt(), 23);
        QCOMPARE(info.value(QStringLiteral("places")).toInt(), 4);
        QVERIFY(info.value(QStringLiteral("practices")).toInt() > 80);
        QVERIFY(info.value(QStringLiteral("lsoas")).toInt() > 300);
        QVERIFY(info.value(QStringLiteral("events")).toObject().value(QStringLiteral("gp")).toInteger() > 10000);
    }

    void cohortJsonKeysAndErrors() {
        const QString x = mDir.filePath(QStringLiteral("cx")), project = mDir.filePath(QStringLiteral("c.phm"));
        phm::test::makeExtract(x, 2000, 3);
        QVERIFY(run({QStringLiteral("import"), QStringLiteral("--from"), x, QStringLiteral("--project"), project}) != "exit code mismatch");
        for (const QString &engine : {QStringLiteral("mem"), QStringLiteral("sql")}) {
            const QJsonObject o =
                QJsonDocument::fromJson(run({QStringLiteral("cohort"), QStringLiteral("--project"), project, QStringLiteral("--rule"),
                                             QStringLiteral("age >= 40 and has(gp, @hypertension)"), QStringLiteral("--engine"), engine,
                                             QStringLiteral("--json")}))
                    .object();
            QVERIFY(o.value(QStringLiteral("count")).toInteger() > 0);
            QVERIFY(o.contains(QStringLiteral("ms")));
            const QJsonArray attrition = o.value(QStringLiteral("attrition")).toArray();
            QCOMPARE(attrition.size(), 2);
            QCOMPARE(attrition.at(0).toObject().value(QStringLiteral("clause")).toString(), QStringLiteral("age >= 40"));
            QCOMPARE(attrition.at(1).toObject().value(QStringLiteral("count")).toInteger(), o.value(QStringLiteral("count")).toInteger());
        }
        // Exact sums need disclosure control off (the importing login is the project's admin).
        const QString off = QStringLiteral("--disclosure=off");
        const QJsonObject seg =
            QJsonDocument::fromJson(run({QStringLiteral("segment"), QStringLiteral("--project"), project, QStringLiteral("--json"), off}))
                .object();
        qint64 sum = 0;
        for (const QJsonValue &v : seg.value(QStringLiteral("segments")).toArray()) {
            QVERIFY(v.toObject().contains(QStringLiteral("name")));
            sum += v.toObject().value(QStringLiteral("count")).toInteger();
        }
        QCOMPARE(sum, seg.value(QStringLiteral("persons")).toInteger());
        const QJsonObject risk =
            QJsonDocument::fromJson(run({QStringLiteral("risk"), QStringLiteral("--project"), project, QStringLiteral("--json"), off}))
                .object();
        QVERIFY(risk.value(QStringLiteral("auroc")).toDouble() > 0.5);
        QCOMPARE(risk.value(QStringLiteral("tiers")).toArray().size(), 3);
        QVERIFY(sum > 1900);
        // stratify: eFI categories cover everyone registered now, the same segments as
        // `phm segment`, the same tiers as `phm risk`.
        const QJsonObject strat =
            QJsonDocument::fromJson(run({QStringLiteral("stratify"), QStringLiteral("--project"), project, QStringLiteral("--json"), off}))
                .object();
        QCOMPARE(strat.value(QStringLiteral("segments")).toArray().size(), seg.value(QStringLiteral("segments")).toArray().size());
        QCOMPARE(strat.value(QStringLiteral("tiers")), risk.value(QStringLiteral("tiers")));
        qint64 categorised = 0, tiered = 0;
        for (const QJsonValue &v : strat.value(QStringLiteral("efi")).toArray()) categorised += v[QStringLiteral("count")].toInteger();
        for (const QJsonValue &v : strat.value(QStringLiteral("tiers")).toArray()) tiered += v[QStringLiteral("count")].toInteger();
        QCOMPARE(categorised, tiered);  // both: everyone registered at the extract end
        QVERIFY(strat.value(QStringLiteral("ms")).toDouble() > 0);
        // profile: one row per PCN x indicator with the keys the issue names.
        const QJsonArray profile =
            QJsonDocument::fromJson(
                run({QStringLiteral("profile"), QStringLiteral("--project"), project, QStringLiteral("--level"), QStringLiteral("pcn"),
                     QStringLiteral("--indicators"), QStringLiteral("hypertension,emergency-admissions"), QStringLiteral("--format"),
                     QStringLiteral("json")}))
                .array();
        QCOMPARE(profile.size(), 2 * 23);
        for (const QJsonValue &v : profile) {
            const QJsonObject o = v.toObject();
            for (const char *key :
                 {"area", "indicator", "numerator", "denominator", "value", "lowercl", "uppercl", "comparator", "significance"})
                QVERIFY2(o.contains(QLatin1String(key)), key);
            QVERIFY(o.value(QStringLiteral("numerator")).toDouble() <= o.value(QStringLiteral("denominator")).toDouble() ||
                    o.value(QStringLiteral("indicator")).toString() != QLatin1String("hypertension"));
        }
        QCOMPARE(
            run({QStringLiteral("profile"), QStringLiteral("--project"), project, QStringLiteral("--indicators"), QStringLiteral("nope")},
                1),
            QByteArray());
        // core20: shares per place and the ICS; the clinical areas with Core20 against the rest.
        const QJsonObject core20 =
            QJsonDocument::fromJson(run({QStringLiteral("core20"), QStringLiteral("--project"), project, QStringLiteral("--level"),
                                         QStringLiteral("place"), QStringLiteral("--json")}))
                .object();
        QCOMPARE(core20.value(QStringLiteral("shares")).toArray().size(), 5);  // 4 places and the ICS
        QCOMPARE(core20.value(QStringLiteral("focus")).toString(), QStringLiteral("Integrated Care System"));
        const QJsonObject ics = core20.value(QStringLiteral("shares")).toArray().last().toObject();
        for (const char *key : {"numerator", "denominator", "value", "lowercl", "uppercl"})
            QVERIFY2(ics.value(QStringLiteral("core20")).toObject().contains(QLatin1String(key)), key);
        QCOMPARE(ics.value(QStringLiteral("plus")).toArray().size(), core20.value(QStringLiteral("plus_groups")).toArray().size());
        QVERIFY(core20.value(QStringLiteral("clinical")).toArray().size() >= 5);
        for (const QJsonValue &v : core20.value(QStringLiteral("clinical")).toArray())
            for (const char *key : {"clinical_area", "indicator", "everyone", "core20", "plus"})
                QVERIFY2(v.toObject().contains(QLatin1String(key)), key);
        QVERIFY(core20.value(QStringLiteral("missing")).toArray().isEmpty());
        // A bad PLUS group file is refused with the group named.
        QTemporaryDir dir;
        QFile groups(dir.filePath(QStringLiteral("plus.json")));
        QVERIFY(groups.open(QIODevice::WriteOnly));
        groups.write("{\"plus_groups\": [{\"name\": \"Travellers\", \"rule\": \"ethnicity = \"}]}");
        groups.close();
        QProcess p;
        p.start(QStringLiteral(PHM_CLI), {QStringLiteral("core20"), QStringLiteral("--project"), project, QStringLiteral("--plus-groups"),
                                          groups.fileName(), QStringLiteral("--save-plus-groups")});
        QVERIFY(p.waitForFinished());
        QCOMPARE(p.exitCode(), 1);
        QVERIFY2(p.readAllStandardError().contains("PLUS group \"Travellers\""), "error names the group");
        p.start(QStringLiteral(PHM_CLI), {QStringLiteral("cohort"), QStringLiteral("--project"), project, QStringLiteral("--rule"),
                                          QStringLiteral("imd_decil <= 2")});
        QVERIFY(p.waitForFinished());
        QCOMPARE(p.exitCode(), 1);
        const QByteArray message = p.readAllStandardError();
        QVERIFY2(message.contains("did you mean `imd_decile`?") && message.contains("^"), message.constData());
    }

    void everyOutputPassesDisclosureControl() {
        // Each command's counts, from the smallest areas and cohorts, through the default policy:
        // no count of 1 to 7 and none that is not a multiple of 5 leaves, the values derived from a
        // suppressed count go with it, and every output names the policy (core/publish).
        const QString project = mDir.filePath(QStringLiteral("c.phm"));  // 2,000 people, from cohortJsonKeysAndErrors
        const QStringList countKeys = {QStringLiteral("count"),
                                       QStringLiteral("numerator"),
                                       QStringLiteral("denominator"),
                                       QStringLiteral("registered"),
                                       QStringLiteral("population"),
                                       QStringLiteral("persons"),
                                       QStringLiteral("people"),
                                       QStringLiteral("n"),
                                       QStringLiteral("emergency_admissions_12m"),
                                       QStringLiteral("ae_attendances_12m")};
        int counts = 0, suppressed = 0;
        std::function<void(const QJsonValue &)> check = [&](const QJsonValue &v) {
            if (v.isArray())
                for (const QJsonValue &item : v.toArray()) check(item);
            if (!v.isObject()) return;
            const QJsonObject o = v.toObject();
            for (auto it = o.begin(); it != o.end(); ++it) {
                if (countKeys.contains(it.key())) {
                    ++counts;
                    if (it->isNull()) {
                        ++suppressed;
                        QVERIFY(o.value(QStringLiteral("suppressed")).toBool());
                        if (it.key() == QLatin1String("numerator") || it.key() == QLatin1String("denominator"))
                            QVERIFY2(o.value(QStringLiteral("value")).isNull() && o.value(QStringLiteral("lowercl")).isNull(),
                                     "a value from a suppressed count is suppressed");
                    } else {
                        const double c = it->toDouble();
                        QVERIFY2(c == 0 || (c >= 10 && std::fmod(c, 5) == 0), qPrintable(QStringLiteral("%1 = %2").arg(it.key()).arg(c)));
                    }
                }
                if (it->isObject() || it->isArray()) check(*it);
            }
        };
        auto json = [&](const QStringList &args) {
            const QByteArray bytes = run(QStringList{args.first(), QStringLiteral("--project"), project} + args.mid(1));
            const QJsonDocument doc = QJsonDocument::fromJson(bytes);
            if (doc.isObject())
                QVERIFY2(doc.object().value(QStringLiteral("disclosure"))[QStringLiteral("policy")].toString().contains(
                             QStringLiteral("1 to 7")),
                         qPrintable(args.first()));
            check(doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array()));
        };
        QVERIFY(run({QStringLiteral("cohort"), QStringLiteral("--project"), project, QStringLiteral("--rule"), QStringLiteral("age >= 95"),
                     QStringLiteral("--save"), QStringLiteral("oldest")}) != "exit code mismatch");
        json({QStringLiteral("cohort"), QStringLiteral("--rule"), QStringLiteral("age >= 90"), QStringLiteral("--by"),
              QStringLiteral("lsoa"), QStringLiteral("--json")});
        json({QStringLiteral("cohorts"), QStringLiteral("--json")});
        json({QStringLiteral("segment"), QStringLiteral("--where"), QStringLiteral("age >= 85"), QStringLiteral("--json")});
        json({QStringLiteral("risk"), QStringLiteral("--json")});
        json({QStringLiteral("stratify"), QStringLiteral("--json")});
        json({QStringLiteral("multimorbidity"), QStringLiteral("--json")});
        json({QStringLiteral("core20"), QStringLiteral("--level"), QStringLiteral("practice"), QStringLiteral("--json")});
        json({QStringLiteral("inequality"), QStringLiteral("--indicator"), QStringLiteral("diabetes"), QStringLiteral("--by"),
              QStringLiteral("ethnicity"), QStringLiteral("--json")});
        json({QStringLiteral("trend"), QStringLiteral("--indicator"), QStringLiteral("diabetes"), QStringLiteral("--level"),
              QStringLiteral("practice")});
        const int beforeProfile = suppressed;
        json({QStringLiteral("profile"), QStringLiteral("--level"), QStringLiteral("lsoa"), QStringLiteral("--indicators"),
              QStringLiteral("diabetes,emergency-admissions"), QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY(suppressed > beforeProfile);  // LSOAs of a 2,000-person ICS have small counts
        QVERIFY(counts > 1000);
        // The CSV too: no small or unrounded count in its numerator and denominator columns, and the
        // policy on every row.
        const QStringList csv =
            QString::fromUtf8(run({QStringLiteral("profile"), QStringLiteral("--project"), project, QStringLiteral("--level"),
                                   QStringLiteral("lsoa"), QStringLiteral("--indicators"), QStringLiteral("diabetes")}))
                .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        const QStringList header = csv.first().split(QLatin1Char(','));
        const auto numerator = header.indexOf(QStringLiteral("numerator")), denominator = header.indexOf(QStringLiteral("denominator"));
        QVERIFY(numerator > 0 && denominator > 0 && header.last() == QLatin1String("disclosure"));
        int blank = 0;
        for (const QString &line : csv.mid(1)) {
            QStringList cells{QString()};  // RFC 4180: commas inside quotes stay in the cell
            bool quoted = false;
            for (const QChar c : line) {
                if (c == QLatin1Char('"'))
                    quoted = !quoted;
                else if (c == QLatin1Char(',') && !quoted)
                    cells << QString();
                else
                    cells.last() += c;
            }
            QCOMPARE(cells.size(), header.size());
            for (const auto column : {numerator, denominator}) {
                if (cells[column].isEmpty()) {
                    ++blank;
                    continue;
                }
                const double c = cells[column].toDouble();
                QVERIFY2(c == 0 || (c >= 10 && std::fmod(c, 5) == 0), qPrintable(line));
            }
            QVERIFY(cells.last().contains(QStringLiteral("1 to 7")));
        }
        QVERIFY(blank > 0);
        // Only an admin may turn the policy off; an analyst is told so and gets nothing.
        QProcess analyst;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PHM_USER"), QStringLiteral("ann"));
        analyst.setProcessEnvironment(env);
        analyst.start(QStringLiteral(PHM_CLI), {QStringLiteral("segment"), QStringLiteral("--project"), project, QStringLiteral("--json"),
                                                QStringLiteral("--disclosure=off")});
        QVERIFY(analyst.waitForFinished());
        QCOMPARE(analyst.exitCode(), 1);
        QVERIFY(analyst.readAllStandardOutput().isEmpty());
        QVERIFY(
            analyst.readAllStandardError().contains("Only an admin can turn disclosure control off; ann is not a user of this project"));
        // Every run above is an export in the audit log, with its policy.
        const QJsonArray entries = QJsonDocument::fromJson(run({QStringLiteral("audit"), QStringLiteral("list"),
                                                                QStringLiteral("--project"), project, QStringLiteral("--json")}))
                                       .object()
                                       .value(QStringLiteral("entries"))
                                       .toArray();
        QStringList exported;
        for (const QJsonValue &e : entries)
            if (e[QStringLiteral("action")].toString() == QLatin1String("export")) {
                exported << e[QStringLiteral("detail")][QStringLiteral("command")].toString();
                QVERIFY(!e[QStringLiteral("detail")][QStringLiteral("policy")].toString().isEmpty());
            }
        for (const char *command :
             {"cohort", "cohorts", "segment", "risk", "stratify", "multimorbidity", "core20", "inequality", "trend", "profile"})
            QVERIFY2(exported.contains(QLatin1String(command)), command);
    }

    void projectPolicyIsSetOnceForEveryOutput() {
        // An admin sets a stricter policy for the project (1 to 9 suppressed, rounded to 10): every
        // command then follows it, and the change is audited; an analyst cannot change it.
        const QString project = mDir.filePath(QStringLiteral("strict.phm"));
        QVERIFY(QFile::copy(mDir.filePath(QStringLiteral("c.phm")), project));
        QCOMPARE(QJsonDocument::fromJson(run({QStringLiteral("disclosure"), QStringLiteral("show"), QStringLiteral("--project"), project,
                                              QStringLiteral("--json")}))
                     .object()
                     .value(QStringLiteral("largest"))
                     .toInt(),
                 7);
        QVERIFY(run({QStringLiteral("disclosure"), QStringLiteral("set"), QStringLiteral("--project"), project, QStringLiteral("--largest"),
                     QStringLiteral("9"), QStringLiteral("--round"), QStringLiteral("10")})
                    .contains("Counts of 1 to 9 suppressed, other counts rounded to the nearest 10"));
        const QJsonObject seg =
            QJsonDocument::fromJson(run({QStringLiteral("segment"), QStringLiteral("--project"), project, QStringLiteral("--where"),
                                         QStringLiteral("age >= 80"), QStringLiteral("--json")}))
                .object();
        QVERIFY(seg.value(QStringLiteral("disclosure"))[QStringLiteral("policy")].toString().contains(QStringLiteral("1 to 9")));
        for (const QJsonValue &v : seg.value(QStringLiteral("segments")).toArray()) {
            const QJsonValue c = v[QStringLiteral("count")];
            QVERIFY(c.isNull() || c.toDouble() == 0 || (c.toDouble() >= 10 && std::fmod(c.toDouble(), 10) == 0));
        }
        // Bounds that make no sense, and anyone but an admin, are refused.
        QCOMPARE(run({QStringLiteral("disclosure"), QStringLiteral("set"), QStringLiteral("--project"), project,
                      QStringLiteral("--largest"), QStringLiteral("0")},
                     1),
                 QByteArray());
        QProcess analyst;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PHM_USER"), QStringLiteral("ann"));
        analyst.setProcessEnvironment(env);
        analyst.start(QStringLiteral(PHM_CLI), {QStringLiteral("disclosure"), QStringLiteral("set"), QStringLiteral("--project"), project,
                                                QStringLiteral("--largest"), QStringLiteral("3")});
        QVERIFY(analyst.waitForFinished());
        QCOMPARE(analyst.exitCode(), 1);
        QVERIFY(analyst.readAllStandardError().contains("Only an admin can change the disclosure policy"));
        // The packs follow it too.
        const QJsonObject packs = QJsonDocument::fromJson(run({QStringLiteral("export-packs"), QStringLiteral("--project"), project,
                                                               QStringLiteral("--level"), QStringLiteral("ics"), QStringLiteral("--out"),
                                                               mDir.filePath(QStringLiteral("strict-packs")), QStringLiteral("--json")}))
                                      .object();
        QVERIFY(packs.value(QStringLiteral("policy")).toString().contains(QStringLiteral("1 to 9")));
        const QJsonArray entries = QJsonDocument::fromJson(run({QStringLiteral("audit"), QStringLiteral("list"),
                                                                QStringLiteral("--project"), project, QStringLiteral("--json")}))
                                       .object()
                                       .value(QStringLiteral("entries"))
                                       .toArray();
        bool logged = false;
        for (const QJsonValue &e : entries)
            logged |= e[QStringLiteral("action")].toString() == QLatin1String("set-policy") &&
                      e[QStringLiteral("detail")][QStringLiteral("largest")].toInt() == 9;
        QVERIFY(logged);
    }

    void maturityAndCycleFromTheCommandLine() {
        const QString project = mDir.filePath(QStringLiteral("p.phm")), file = mDir.filePath(QStringLiteral("maturity.json"));
        const QString pcn = QStringLiteral("U83511");  // HILLTON PCN, in every synthetic ICS
        QVERIFY(
            run({QStringLiteral("maturity"), QStringLiteral("assess"), QStringLiteral("--project"), project, QStringLiteral("--framework"),
                 QStringLiteral("PHM maturity matrix"), QStringLiteral("--level"), QStringLiteral("pcn"), QStringLiteral("--area"), pcn,
                 QStringLiteral("--date"), QStringLiteral("2026-10-01"), QStringLiteral("--assessor"), QStringLiteral("PCN board"),
                 QStringLiteral("--rating"), QStringLiteral("Infrastructure=Developing>Maturing@2027-03-31"), QStringLiteral("--rating"),
                 QStringLiteral("intelligence=Emerging")}) != "exit code mismatch");
        const QJsonArray shown = QJsonDocument::fromJson(run({QStringLiteral("maturity"), QStringLiteral("show"),
                                                              QStringLiteral("--project"), project, QStringLiteral("--json")}))
                                     .object()
                                     .value(QStringLiteral("assessments"))
                                     .toArray();
        QCOMPARE(shown.size(), 1);
        const QJsonObject rating = shown[0][QStringLiteral("ratings")].toArray()[0].toObject();
        QCOMPARE(rating.value(QStringLiteral("current")).toString(), QStringLiteral("Developing"));
        QCOMPARE(rating.value(QStringLiteral("target")).toString(), QStringLiteral("Maturing"));
        QCOMPARE(rating.value(QStringLiteral("target_date")).toString(), QStringLiteral("2027-03-31"));
        const QJsonObject started =
            QJsonDocument::fromJson(
                run({QStringLiteral("cycle"), QStringLiteral("start"), QStringLiteral("--project"), project, QStringLiteral("--pcn"), pcn,
                     QStringLiteral("--title"), QStringLiteral("Frailty MDT"), QStringLiteral("--json")}))
                .object();
        const QString id = QString::number(started.value(QStringLiteral("cycle"))[QStringLiteral("id")].toInteger());
        for (const auto &[stage, date] :
             {std::pair{"review", "2026-04-10"}, std::pair{"choose", "2026-05-01"}, std::pair{"design", "2026-06-01"},
              std::pair{"implement", "2026-07-01"}, std::pair{"evaluate", "2027-01-20"}})
            QVERIFY(run({QStringLiteral("cycle"), QStringLiteral("record"), QStringLiteral("--project"), project, QStringLiteral("--cycle"),
                         id, QStringLiteral("--stage"), QLatin1String(stage), QStringLiteral("--date"), QLatin1String(date)}) !=
                    "exit code mismatch");
        const QJsonObject d =
            QJsonDocument::fromJson(run({QStringLiteral("cycle"), QStringLiteral("dashboard"), QStringLiteral("--project"), project,
                                         QStringLiteral("--date"), QStringLiteral("2026-11-29"), QStringLiteral("--json")}))
                .object();
        QCOMPARE(d.value(QStringLiteral("completed")).toInt(), 1);
        QCOMPARE(d.value(QStringLiteral("pcns")).toInt(), 23);
        QCOMPARE(d.value(QStringLiteral("from")).toString(), QStringLiteral("2026-04-01"));
        QCOMPARE(d.value(QStringLiteral("furthest"))[QStringLiteral("evaluate")].toInt(), 1);
        // Export, then import: the same project already holds all of it.
        QVERIFY(run({QStringLiteral("maturity"), QStringLiteral("export"), QStringLiteral("--project"), project, QStringLiteral("--out"),
                     file}) != "exit code mismatch");
        const QJsonObject report =
            QJsonDocument::fromJson(run({QStringLiteral("maturity"), QStringLiteral("import"), QStringLiteral("--project"), project,
                                         QStringLiteral("--from"), file, QStringLiteral("--json")}))
                .object();
        QCOMPARE(report.value(QStringLiteral("assessments_skipped")).toInt(), 1);
        QCOMPARE(report.value(QStringLiteral("stages_skipped")).toInt(), 5);
        QCOMPARE(report.value(QStringLiteral("assessments_added")).toInt(), 0);
        // A malformed file is refused with its place, and exits 1.
        QFile bad(mDir.filePath(QStringLiteral("bad-maturity.json")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write(
            "{\"assessments\": [{\"framework\": \"PHM maturity matrix\", \"level\": \"pcn\", \"area\": \"U83511\", "
            "\"assessed_on\": \"2026-11-01\", \"assessor\": \"x\", \"ratings\": [{\"capability\": \"Intelligence\", \"current\": "
            "\"Great\"}]}]}");
        bad.close();
        QProcess p;
        p.start(QStringLiteral(PHM_CLI), {QStringLiteral("maturity"), QStringLiteral("import"), QStringLiteral("--project"), project,
                                          QStringLiteral("--from"), bad.fileName()});
        QVERIFY(p.waitForFinished());
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(p.readAllStandardError().contains("bad-maturity.json: assessments[0].ratings[0]: unknown level \"Great\""));
        // The PCN's pack shows its maturity and its cycle (a one-section template).
        QFile brief(mDir.filePath(QStringLiteral("maturity-template.json")));
        QVERIFY(brief.open(QIODevice::WriteOnly));
        brief.write(R"({"name": "Maturity only", "sections": ["maturity"]})");
        brief.close();
        QVERIFY(run({QStringLiteral("pack-templates"), QStringLiteral("import"), QStringLiteral("--project"), project,
                     QStringLiteral("--from"), brief.fileName()}) != "exit code mismatch");
        const QJsonObject packs =
            QJsonDocument::fromJson(run({QStringLiteral("export-packs"), QStringLiteral("--project"), project, QStringLiteral("--area"),
                                         pcn, QStringLiteral("--template"), QStringLiteral("Maturity only"), QStringLiteral("--out"),
                                         mDir.filePath(QStringLiteral("maturity-packs")), QStringLiteral("--json")}))
                .object();
        const QJsonObject pack = packs.value(QStringLiteral("packs")).toArray().first().toObject();
        QCOMPARE(pack.value(QStringLiteral("pages")).toInt(), 3);
        QProcess text;
        text.start(QStringLiteral("pdftotext"), {pack.value(QStringLiteral("file")).toString(), QStringLiteral("-")});
        QVERIFY(text.waitForFinished());
        const QString t = QString::fromUtf8(text.readAllStandardOutput()).simplified();
        for (const QString &needle : {QStringLiteral("PHM maturity and the PHM cycle"), QStringLiteral("PHM maturity matrix: assessed on"),
                                      QStringLiteral("Frailty MDT"), QStringLiteral("Evaluate the impact"), QStringLiteral("Developing"),
                                      QStringLiteral("1 of 1 PCNs here completed a full cycle")})
            QVERIFY2(t.contains(needle), qPrintable(needle));
        QVERIFY(run({QStringLiteral("pack-templates"), QStringLiteral("remove"), QStringLiteral("--project"), project,
                     QStringLiteral("--name"), QStringLiteral("Maturity only")}) != "exit code mismatch");
    }

    void statsOnAnAnalystsTable() {
        // phm stats over the package's own fixture, through the CLI: the JSON keys and values.
        const QString fixtures = QStringLiteral(PHM_SOURCE_DIR "/tests/data/pheindicatormethods/");
        const QJsonArray props =
            QJsonDocument::fromJson(run({QStringLiteral("stats"), QStringLiteral("proportion"), QStringLiteral("--input"),
                                         fixtures + QStringLiteral("test_Prop.csv"), QStringLiteral("--map"),
                                         QStringLiteral("x=Numerator,n=Denominator"), QStringLiteral("--json")}))
                .array();
        QCOMPARE(props.size(), 19);
        // DSR for non-independent events: people per event frequency (test_DSR_results.csv row 9).
        const QJsonArray nonind =
            QJsonDocument::fromJson(
                run({QStringLiteral("stats"), QStringLiteral("dsr"), QStringLiteral("--input"),
                     fixtures + QStringLiteral("test_DSR_nonind.csv"), QStringLiteral("--by"), QStringLiteral("area"),
                     QStringLiteral("--map"), QStringLiteral("x=persons,n=pop,eventfreq=freq,stdpop=esp2013"), QStringLiteral("--json")}))
                .array();
        QCOMPARE(nonind.size(), 4);
        QCOMPARE(nonind[0].toObject().value(QStringLiteral("total_count")).toDouble(), 895.0);
        QVERIFY(std::abs(nonind[0].toObject().value(QStringLiteral("lowercl")).toDouble() - 9532.94977862) < 1e-6);
        QVERIFY(std::abs(nonind[0].toObject().value(QStringLiteral("uppercl")).toDouble() - 11373.07483298) < 1e-6);
        // Rate funnels (testFunnels.R): the DSR limit lines and each row's significance.
        const QJsonArray lines =
            QJsonDocument::fromJson(
                run({QStringLiteral("stats"), QStringLiteral("funnel"), QStringLiteral("--input"),
                     fixtures + QStringLiteral("test_funnel_rate_funnels_input.csv"), QStringLiteral("--map"), QStringLiteral("x=ev"),
                     QStringLiteral("--statistic"), QStringLiteral("rate"), QStringLiteral("--rate-type"), QStringLiteral("dsr"),
                     QStringLiteral("--years"), QStringLiteral("3"), QStringLiteral("--limits"), QStringLiteral("--json")}))
                .array();
        QCOMPARE(lines.size(), 100);
        // test_funnel_rate_funnels.csv, first row: 1 event, 95% lower limit 20.85059119 per 100,000.
        QVERIFY(std::abs(lines[0].toObject().value(QStringLiteral("lower_2s_limit")).toDouble() - 20.85059119) < 1e-6);
        QVERIFY(std::abs(lines[0].toObject().value(QStringLiteral("baseline")).toDouble() - 116.1720835) < 1e-6);
        const QJsonArray rates =
            QJsonDocument::fromJson(run({QStringLiteral("stats"), QStringLiteral("funnel"), QStringLiteral("--input"),
                                         fixtures + QStringLiteral("test_funnel_rate_inputs.csv"), QStringLiteral("--map"),
                                         QStringLiteral("x=count,rate=rate_dsr,n=pop"), QStringLiteral("--statistic"),
                                         QStringLiteral("rate"), QStringLiteral("--json")}))
                .array();
        QCOMPARE(rates.size(), 40);
        for (const QJsonValue &v : rates)
            QCOMPARE(v.toObject().value(QStringLiteral("significance")).toString(),
                     v.toObject().value(QStringLiteral("dsr_per_100000_with_0")).toString());
        const QJsonObject area4 = props.at(3).toObject();
        QCOMPARE(area4.value(QStringLiteral("Area")).toString(), QStringLiteral("Area4"));
        QCOMPARE(area4.value(QStringLiteral("value")).toDouble(), 0.65);
        QVERIFY(std::abs(area4.value(QStringLiteral("lowercl")).toDouble() - 0.55254443296888) < 1e-12);  // test_Prop.csv row 4
        QVERIFY(std::abs(area4.value(QStringLiteral("uppercl")).toDouble() - 0.736357517569025) < 1e-12);
        // DSR by area with the file's own standard population, multiplier 10,000 (test_DSR_results row 1).
        const QJsonArray dsr =
            QJsonDocument::fromJson(run({QStringLiteral("stats"), QStringLiteral("dsr"), QStringLiteral("--input"),
                                         fixtures + QStringLiteral("test_multiarea_esp.csv"), QStringLiteral("--map"),
                                         QStringLiteral("x=count,n=pop,stdpop=esp2013"), QStringLiteral("--by"), QStringLiteral("area"),
                                         QStringLiteral("--multiplier"), QStringLiteral("10000"), QStringLiteral("--json")}))
                .array();
        QCOMPARE(dsr.size(), 3);
        QCOMPARE(dsr.at(0).toObject().value(QStringLiteral("area")).toString(), QStringLiteral("testdata_big"));
        QVERIFY(std::abs(dsr.at(0).toObject().value(QStringLiteral("value")).toDouble() - 1043.02479914694) < 1e-9);
        QVERIFY(dsr.at(2).toObject().value(QStringLiteral("value")).isNull());  // 9 events: not calculated
        // SII with RII: the keys the issue names, seeded so two runs agree.
        const QString sii = mDir.filePath(QStringLiteral("sii.csv"));
        QFile f(sii);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("place,quantile,population,value,lowercl,uppercl\n");
        for (int q = 1; q <= 10; ++q)
            for (const char *place : {"Luton", "Bedford"})
                f.write(QStringLiteral("%1,%2,%3,%4,%5,%6\n")
                            .arg(QLatin1String(place))
                            .arg(q)
                            .arg(1000 + 37 * q)
                            .arg(0.30 - 0.015 * q)
                            .arg(0.28 - 0.015 * q)
                            .arg(0.32 - 0.015 * q)
                            .toUtf8());
        f.close();
        const QStringList siiArgs = {QStringLiteral("stats"),
                                     QStringLiteral("sii"),
                                     QStringLiteral("--input"),
                                     sii,
                                     QStringLiteral("--by"),
                                     QStringLiteral("place"),
                                     QStringLiteral("--value-type"),
                                     QStringLiteral("2"),
                                     QStringLiteral("--rii"),
                                     QStringLiteral("--seed"),
                                     QStringLiteral("9"),
                                     QStringLiteral("--json")};
        const QByteArray first = run(siiArgs);
        QCOMPARE(run(siiArgs), first);
        const QJsonArray groups = QJsonDocument::fromJson(first).array();
        QCOMPARE(groups.size(), 2);
        for (const char *key : {"place", "value", "lowercl", "uppercl", "sii", "sii_lower", "sii_upper", "rii", "rii_lower", "rii_upper"})
            QVERIFY2(groups.at(0).toObject().contains(QLatin1String(key)), key);
        // Values fall by 0.015 a decile and deciles are nearly equal in size: SII close to -0.15.
        QVERIFY(std::abs(groups.at(0).toObject().value(QStringLiteral("sii")).toDouble() + 0.15) < 0.01);
    }

    void statsErrorsNameLineAndColumn() {
        auto error = [&](const QString &kind, const QByteArray &csv, const QStringList &extra = {}) {
            const QString path = mDir.filePath(QStringLiteral("bad.csv"));
            QFile f(path);
            f.open(QIODevice::WriteOnly | QIODevice::Truncate);
            f.write(csv);
            f.close();
            QProcess p;
            p.start(QStringLiteral(PHM_CLI), QStringList{QStringLiteral("stats"), kind, QStringLiteral("--input"), path} + extra);
            p.waitForFinished();
            return p.exitCode() == 1 ? QString::fromUtf8(p.readAllStandardError()) : QStringLiteral("exit %1").arg(p.exitCode());
        };
        QString e = error(QStringLiteral("proportion"), "area,x,n\nA,5,10\nB,-1,10\n");
        QVERIFY2(e.contains(QStringLiteral("bad.csv: line 3, column 2 (`x`): counts must not be negative")), qPrintable(e));
        e = error(QStringLiteral("proportion"), "area,x,n\nA,12,10\n");
        QVERIFY2(e.contains(QStringLiteral("line 2, column 2 (`x`): numerator 12 is greater than the denominator 10")), qPrintable(e));
        e = error(QStringLiteral("rate"), "area,events,n\nA,5,10\n");
        QVERIFY2(e.contains(QStringLiteral("line 1: no column `x`")) && e.contains(QStringLiteral("columns: area, events, n")),
                 qPrintable(e));
        e = error(QStringLiteral("dsr"), "ageband,x,n\n0-4,1,100\n3-9,2,100\n");
        QVERIFY2(e.contains(QStringLiteral("line 3, column 1 (`ageband`): `3-9` is not an ESP2013 age band")), qPrintable(e));
        e = error(QStringLiteral("rate"), "area,x,n\nA,five,10\n");
        QVERIFY2(e.contains(QStringLiteral("line 2, column 2 (`x`): `five` is not a number")), qPrintable(e));
        e = error(QStringLiteral("proportion"), "area,x,n\nA,1,10\n", {QStringLiteral("--confidence"), QStringLiteral("0.5")});
        QVERIFY2(e.contains(QStringLiteral("confidence level must be between")), qPrintable(e));
    }

    void exportPacksWritesReadablePdfs() {
        // Uses the project made by generateImportInfo (2,500 people).
        const QString project = mDir.filePath(QStringLiteral("p.phm")), out = mDir.filePath(QStringLiteral("packs"));
        const QJsonObject r =
            QJsonDocument::fromJson(run({QStringLiteral("export-packs"), QStringLiteral("--project"), project, QStringLiteral("--level"),
                                         QStringLiteral("place"), QStringLiteral("--out"), out, QStringLiteral("--json")}))
                .object();
        const QJsonArray packs = r.value(QStringLiteral("packs")).toArray();
        QCOMPARE(packs.size(), 4);  // the four places
        QVERIFY(r.value(QStringLiteral("policy")).toString().contains(QStringLiteral("1 to 7")));
        for (const QJsonValue &v : packs) {
            const QJsonObject pack = v.toObject();
            for (const char *key : {"area", "area_code", "file", "pages"}) QVERIFY2(pack.contains(QLatin1String(key)), key);
            // pdfinfo agrees on the page count; pdftotext finds the sections, the area and the policy
            // on the pages (text, not pictures of text).
            QProcess info;
            info.start(QStringLiteral("pdfinfo"), {pack.value(QStringLiteral("file")).toString()});
            QVERIFY(info.waitForFinished());
            QVERIFY(QString::fromUtf8(info.readAllStandardOutput())
                        .contains(QRegularExpression(QStringLiteral("Pages:\\s+%1\\b").arg(pack.value(QStringLiteral("pages")).toInt()))));
            QProcess text;
            text.start(QStringLiteral("pdftotext"),
                       {QStringLiteral("-layout"), pack.value(QStringLiteral("file")).toString(), QStringLiteral("-")});
            QVERIFY(text.waitForFinished());
            const QString t = QString::fromUtf8(text.readAllStandardOutput());
            for (const QString &needle : {pack.value(QStringLiteral("area")).toString(), QStringLiteral("Key indicators against the place"),
                                          QStringLiteral("Population"), QStringLiteral("Inequalities"), QStringLiteral("Counts of 1 to 7"),
                                          QStringLiteral("funnel plots"), QStringLiteral("Neighbourhoods"),
                                          QStringLiteral("Crown copyright"), QStringLiteral("Page 1 of")})
                QVERIFY2(t.contains(needle), qPrintable(needle));
        }
        // A bad level is refused.
        QCOMPARE(run({QStringLiteral("export-packs"), QStringLiteral("--project"), project, QStringLiteral("--level"),
                      QStringLiteral("lsoa"), QStringLiteral("--out"), out},
                     1),
                 QByteArray());
    }

    void packTemplatesShapeThePack() {
        // A template stored in the project chooses the sections, indicators, title and logo of the
        // pack; a malformed one is refused, naming what is wrong, and changes nothing.
        const QString project = mDir.filePath(QStringLiteral("p.phm")), out = mDir.filePath(QStringLiteral("brief"));
        const QString file = mDir.filePath(QStringLiteral("brief.json")), bad = mDir.filePath(QStringLiteral("bad.json"));
        // A real 1 x 1 PNG.
        const QString png =
            QStringLiteral("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        auto write = [](const QString &path, const QJsonObject &o) {
            QFile f(path);
            return f.open(QIODevice::WriteOnly) && f.write(QJsonDocument(o).toJson()) > 0;
        };
        QVERIFY(write(
            file,
            QJsonObject{{QStringLiteral("name"), QStringLiteral("Brief")},
                        {QStringLiteral("title"), QStringLiteral("Diabetes brief for the board")},
                        {QStringLiteral("sections"), QJsonArray{QStringLiteral("indicators"), QStringLiteral("population")}},
                        {QStringLiteral("indicators"), QJsonArray{QStringLiteral("diabetes"), QStringLiteral("emergency-admissions")}},
                        {QStringLiteral("logo_base64"), png}}));
        QVERIFY(run({QStringLiteral("pack-templates"), QStringLiteral("import"), QStringLiteral("--project"), project,
                     QStringLiteral("--from"), file})
                    .contains("Brief"));
        QVERIFY(write(bad, QJsonObject{{QStringLiteral("name"), QStringLiteral("Bad")},
                                       {QStringLiteral("sections"), QJsonArray{QStringLiteral("cover-art")}}}));
        QProcess refused;
        refused.start(QStringLiteral(PHM_CLI), {QStringLiteral("pack-templates"), QStringLiteral("import"), QStringLiteral("--project"),
                                                project, QStringLiteral("--from"), bad});
        QVERIFY(refused.waitForFinished());
        QCOMPARE(refused.exitCode(), 1);
        const QString why = QString::fromUtf8(refused.readAllStandardError());
        QVERIFY2(why.contains(QStringLiteral("bad.json: unknown section \"cover-art\"")), qPrintable(why));
        const QJsonArray templates = QJsonDocument::fromJson(run({QStringLiteral("pack-templates"), QStringLiteral("list"),
                                                                  QStringLiteral("--project"), project, QStringLiteral("--json")}))
                                         .object()
                                         .value(QStringLiteral("templates"))
                                         .toArray();
        QCOMPARE(templates.size(), 2);  // the built-in Standard and Brief; Bad was not saved
        QCOMPARE(templates[1].toObject().value(QStringLiteral("name")).toString(), QStringLiteral("Brief"));
        QVERIFY(templates[1].toObject().value(QStringLiteral("has_logo")).toBool());

        const QJsonObject r =
            QJsonDocument::fromJson(
                run({QStringLiteral("export-packs"), QStringLiteral("--project"), project, QStringLiteral("--level"), QStringLiteral("pcn"),
                     QStringLiteral("--template"), QStringLiteral("Brief"), QStringLiteral("--out"), out, QStringLiteral("--json")}))
                .object();
        QCOMPARE(r.value(QStringLiteral("template")).toString(), QStringLiteral("Brief"));
        const QJsonObject pack = r.value(QStringLiteral("packs")).toArray().first().toObject();
        QCOMPARE(pack.value(QStringLiteral("pages")).toInt(), 4);  // cover, contents and the two sections
        QProcess text;
        text.start(QStringLiteral("pdftotext"), {pack.value(QStringLiteral("file")).toString(), QStringLiteral("-")});
        QVERIFY(text.waitForFinished());
        const QString t = QString::fromUtf8(text.readAllStandardOutput());
        QVERIFY(t.contains(QStringLiteral("Diabetes brief for the board")));
        QVERIFY(t.contains(QRegularExpression(QStringLiteral("Population\\s+·\\s+page 3"))));
        QVERIFY(t.contains(QRegularExpression(QStringLiteral("Key indicators against the place and the ICS\\s+·\\s+page 4"))));
        for (const QString &absent : {QStringLiteral("Neighbourhoods"), QStringLiteral("funnel plots"), QStringLiteral("Hypertension")})
            QVERIFY2(!t.contains(absent), qPrintable(absent));
        QProcess images;  // the logo is on the cover
        images.start(QStringLiteral("pdfimages"), {QStringLiteral("-list"), QStringLiteral("-f"), QStringLiteral("1"), QStringLiteral("-l"),
                                                   QStringLiteral("1"), pack.value(QStringLiteral("file")).toString()});
        QVERIFY(images.waitForFinished());
        QCOMPARE(QString::fromUtf8(images.readAllStandardOutput()).count(QRegularExpression(QStringLiteral("\\n\\s*1\\s+\\d+\\s+image"))),
                 1);

        // The export is in the audit log with the policy.
        const QJsonArray entries = QJsonDocument::fromJson(run({QStringLiteral("audit"), QStringLiteral("list"),
                                                                QStringLiteral("--project"), project, QStringLiteral("--json")}))
                                       .object()
                                       .value(QStringLiteral("entries"))
                                       .toArray();
        const QJsonObject last = entries.last().toObject();
        QCOMPARE(last.value(QStringLiteral("action")).toString(), QStringLiteral("export-packs"));
        QVERIFY(
            last.value(QStringLiteral("detail")).toObject().value(QStringLiteral("policy")).toString().contains(QStringLiteral("1 to 7")));
        QCOMPARE(last.value(QStringLiteral("detail")).toObject().value(QStringLiteral("files")).toArray().size(),
                 r.value(QStringLiteral("packs")).toArray().size());
        // An unknown template is refused.
        QCOMPARE(run({QStringLiteral("export-packs"), QStringLiteral("--project"), project, QStringLiteral("--template"),
                      QStringLiteral("Nope"), QStringLiteral("--out"), out},
                     1),
                 QByteArray());
    }

    void errorsAreReportedWithExitCode() {
        QProcess p;
        p.start(QStringLiteral(PHM_CLI), {QStringLiteral("import"), QStringLiteral("--from"), mDir.filePath(QStringLiteral("nope")),
                                          QStringLiteral("--project"), mDir.filePath(QStringLiteral("q.phm"))});
        QVERIFY(p.waitForFinished());
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(p.readAllStandardError().contains("is not a folder"));
        QVERIFY(!QFile::exists(mDir.filePath(QStringLiteral("q.phm"))));
    }

    void terminatedImportCancelsCleanly() {
        const QString x = mDir.filePath(QStringLiteral("term")), project = mDir.filePath(QStringLiteral("t.phm"));
        phm::test::makeExtract(x, 120000, 13);
        phm::test::makeExtract(mDir.filePath(QStringLiteral("tiny")), 500, 13);
        QVERIFY(run({QStringLiteral("import"), QStringLiteral("--from"), mDir.filePath(QStringLiteral("tiny")), QStringLiteral("--project"),
                     project}) != "exit code mismatch");
        const QByteArray before = phm::test::fileHash(project);
        QProcess p;
        p.start(QStringLiteral(PHM_CLI), {QStringLiteral("import"), QStringLiteral("--from"), x, QStringLiteral("--project"), project});
        QVERIFY(p.waitForStarted());
        QTest::qWait(700);
        QCOMPARE(p.state(), QProcess::Running);
        p.terminate();  // SIGTERM, as Ctrl-C or a service manager would send
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(p.readAllStandardError().contains("canceled"));
        QCOMPARE(phm::test::fileHash(project), before);
        QVERIFY(QDir(mDir.path()).entryList({QStringLiteral("t.phm.*importing-*")}, QDir::AllEntries | QDir::Hidden).isEmpty());
    }

    void killedImportLeavesProjectUnchanged() {
        const QString x = mDir.filePath(QStringLiteral("big")), project = mDir.filePath(QStringLiteral("k.phm"));
        phm::test::makeExtract(x, 120000, 9);
        phm::test::makeExtract(mDir.filePath(QStringLiteral("small")), 1000, 9);
        QVERIFY(run({QStringLiteral("import"), QStringLiteral("--from"), mDir.filePath(QStringLiteral("small")),
                     QStringLiteral("--project"), project}) != "exit code mismatch");
        const QByteArray before = phm::test::fileHash(project);
        QProcess p;
        p.start(QStringLiteral(PHM_CLI), {QStringLiteral("import"), QStringLiteral("--from"), x, QStringLiteral("--project"), project});
        QVERIFY(p.waitForStarted());
        QTest::qWait(700);  // well inside a multi-second import
        QCOMPARE(p.state(), QProcess::Running);
        p.kill();  // SIGKILL: no cleanup code runs
        p.waitForFinished();
        QCOMPARE(phm::test::fileHash(project), before);
        // The next import removes the killed run's temporary copy of the data.
        QVERIFY(!QDir(mDir.path()).entryList({QStringLiteral("k.phm.importing-*")}, QDir::Files).isEmpty());
        QVERIFY(run({QStringLiteral("import"), QStringLiteral("--from"), mDir.filePath(QStringLiteral("small")),
                     QStringLiteral("--project"), project}) != "exit code mismatch");
        QVERIFY(QDir(mDir.path()).entryList({QStringLiteral("k.phm.*importing-*")}, QDir::AllEntries | QDir::Hidden).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
