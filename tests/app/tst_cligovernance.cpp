// The `phm` commands of governance, disclosure, pack templates and PHM maturity: what they print,
// refuse and record (a public interface like the rest of the CLI).
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>
#include <cmath>
#include <functional>

class TestCliGovernance : public QObject {
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
    void initTestCase() {
        // p.phm: 2,500 people (seed 4); c.phm: 2,000 (seed 3), as in tst_cli.
        const QString x = mDir.filePath(QStringLiteral("x"));
        QVERIFY(run({QStringLiteral("generate"), QStringLiteral("--people"), QStringLiteral("2500"), QStringLiteral("--seed"),
                     QStringLiteral("4"), QStringLiteral("--out"), x}) != "exit code mismatch");
        QVERIFY(run({QStringLiteral("import"), QStringLiteral("--from"), x, QStringLiteral("--project"),
                     mDir.filePath(QStringLiteral("p.phm"))}) != "exit code mismatch");
        const QString cx = mDir.filePath(QStringLiteral("cx"));
        phm::test::makeExtract(cx, 2000, 3);
        QVERIFY(run({QStringLiteral("import"), QStringLiteral("--from"), cx, QStringLiteral("--project"),
                     mDir.filePath(QStringLiteral("c.phm"))}) != "exit code mismatch");
        // The importing admin sets a passphrase; privileged commands get it through PHM_PASSPHRASE.
        phm::test::provenAdmin(mDir.filePath(QStringLiteral("p.phm")));
        phm::test::provenAdmin(mDir.filePath(QStringLiteral("c.phm")));
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

    void everyOutputPassesDisclosureControl() {
        // Each command's counts, from the smallest areas and cohorts, through the default policy:
        // no count of 1 to 7 and none that is not a multiple of 5 leaves, the values derived from a
        // suppressed count go with it, and every output names the policy (core/governance/publish).
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

    void anAdminSignsTheLogAndAnAuditorTrustsTheKey() {
        // phm audit sign (a proven admin) and phm audit verify --trust FINGERPRINT.
        const QString project = mDir.filePath(QStringLiteral("signed.phm"));
        QVERIFY(QFile::copy(mDir.filePath(QStringLiteral("c.phm")), project));
        const QJsonObject s = QJsonDocument::fromJson(run({QStringLiteral("audit"), QStringLiteral("sign"), QStringLiteral("--project"),
                                                           project, QStringLiteral("--json")}))
                                  .object();
        const QString fingerprint = s.value(QStringLiteral("fingerprint")).toString();
        QCOMPARE(fingerprint.size(), 32);
        QVERIFY(s.value(QStringLiteral("signed_seq")).toInteger() > 0);
        const QJsonObject v = QJsonDocument::fromJson(run({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--project"),
                                                           project, QStringLiteral("--trust"), fingerprint, QStringLiteral("--json")}))
                                  .object();
        QVERIFY(v.value(QStringLiteral("ok")).toBool());
        QVERIFY(v.value(QStringLiteral("trust_checked")).toBool());
        QCOMPARE(v.value(QStringLiteral("signed_to")).toInteger(), s.value(QStringLiteral("signed_seq")).toInteger());
        QCOMPARE(v.value(QStringLiteral("signers")).toArray().first().toString(), fingerprint);
        // Every admin action signs the log up to itself: after adding a user, the newest signature
        // covers the set-user entry (the entry just before it).
        QVERIFY(run({QStringLiteral("users"), QStringLiteral("set"), QStringLiteral("--project"), project, QStringLiteral("--name"),
                     QStringLiteral("ann"), QStringLiteral("--role"), QStringLiteral("analyst")}) != "exit code mismatch");
        const QJsonObject after = QJsonDocument::fromJson(run({QStringLiteral("audit"), QStringLiteral("verify"),
                                                               QStringLiteral("--project"), project, QStringLiteral("--json")}))
                                      .object();
        QCOMPARE(after.value(QStringLiteral("signed_to")).toInteger(), after.value(QStringLiteral("entries")).toInteger() - 1);
        // Another key is not trusted: exit 1.
        QVERIFY(run({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--project"), project, QStringLiteral("--trust"),
                     QStringLiteral("0000000000000000")},
                    1) != "exit code mismatch");
        // Without the passphrase the login alone cannot sign.
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("PHM_PASSPHRASE"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(PHM_CLI), {QStringLiteral("audit"), QStringLiteral("sign"), QStringLiteral("--project"), project});
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 1);
        QVERIFY2(p.readAllStandardError().contains("passphrase"), "the refusal says how to prove it");
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
};

QTEST_GUILESS_MAIN(TestCliGovernance)
#include "tst_cligovernance.moc"
