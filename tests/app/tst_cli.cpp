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

namespace {
// The font sizes a PDF's page streams set (the Tf operator), in points. QPdfWriter lays out at
// 300 dpi and writes whole device units, so 8 pt is 33 (8 × 300 / 72, less the fraction).
QList<double> pdfFontPoints(const QString &path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    const QByteArray pdf = f.readAll();
    QList<double> points;
    static const QRegularExpression size(QStringLiteral("/F\\d+ ([\\d.]+) Tf"));
    for (qsizetype at = 0; (at = pdf.indexOf("stream", at)) >= 0;) {
        const qsizetype start = pdf.indexOf('\n', at) + 1, end = pdf.indexOf("endstream", start);
        if (start <= 0 || end < 0) break;
        const qsizetype object = pdf.lastIndexOf(" obj", at);
        if (!pdf.mid(object, at - object).contains("FlateDecode")) {
            at = end + 9;
            continue;
        }
        QByteArray zlib = pdf.mid(start, end - start);
        const quint32 hint = quint32(std::min<qsizetype>(zlib.size() * 20, 64 << 20));
        zlib.prepend(char(hint & 0xff)).prepend(char((hint >> 8) & 0xff)).prepend(char((hint >> 16) & 0xff)).prepend(char(hint >> 24));
        const QString text = QString::fromLatin1(qUncompress(zlib));
        for (auto it = size.globalMatch(text); it.hasNext();) points << it.next().captured(1).toDouble() * 72.0 / 300.0;
        at = end + 9;  // past "endstream"
    }
    return points;
}
}  // namespace

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
        phm::test::provenAdmin(project);  // for --disclosure off below
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
        // info's counts leave through disclosure control (rounded to 5); the importer, an admin,
        // can see them exact.
        QVERIFY(std::abs(info.value(QStringLiteral("persons")).toInteger() - rep.value(QStringLiteral("persons")).toInteger()) < 5);
        QCOMPARE(info.value(QStringLiteral("persons")).toInteger() % 5, 0);
        const QJsonObject exact =
            QJsonDocument::fromJson(run({QStringLiteral("info"), QStringLiteral("--project"), project, QStringLiteral("--json"),
                                         QStringLiteral("--disclosure"), QStringLiteral("off")}))
                .object();
        QCOMPARE(exact.value(QStringLiteral("persons")).toInteger(), rep.value(QStringLiteral("persons")).toInteger());
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
        phm::test::provenAdmin(project);
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
            const QString words = t.simplified();  // a phrase may wrap onto the next line
            for (const QString &needle : {pack.value(QStringLiteral("area")).toString(), QStringLiteral("Key indicators against the place"),
                                          QStringLiteral("Population"), QStringLiteral("Inequalities"), QStringLiteral("Counts of 1 to 7"),
                                          QStringLiteral("funnel plots"), QStringLiteral("Neighbourhoods"),
                                          QStringLiteral("Crown copyright"), QStringLiteral("Page 1 of")})
                QVERIFY2(words.contains(needle), qPrintable(needle));
            // Nothing is cut short ("4,336,0…"): columns fit their numbers and text wraps; values
            // carry their unit.
            QVERIFY2(!t.contains(QChar(0x2026)), qPrintable(t.mid(t.indexOf(QChar(0x2026)) - 80, 120)));
            QVERIFY(t.contains(QStringLiteral("per 100,000")) && t.contains(QStringLiteral("Unit")));
            // No text below 8 pt: ticks, legends, footers and the boundary credit included.
            const QList<double> sizes = pdfFontPoints(pack.value(QStringLiteral("file")).toString());
            QVERIFY(sizes.size() > 100);
            for (double pt : sizes) QVERIFY2(pt >= 7.9, qPrintable(QString::number(pt)));
        }
        // A bad level is refused.
        QCOMPARE(run({QStringLiteral("export-packs"), QStringLiteral("--project"), project, QStringLiteral("--level"),
                      QStringLiteral("lsoa"), QStringLiteral("--out"), out},
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
        QVERIFY(p.readAllStandardError().contains("cancelled"));
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
