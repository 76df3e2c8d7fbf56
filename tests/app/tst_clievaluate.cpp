// `phm programmes list` and `phm evaluate`: their JSON keys are a public interface (docs/evaluation.md),
// their counts leave through disclosure control, and a bad request is an error with a reason.
#include "store/projectdb.h"
#include "testutil.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <cmath>

class TestCliEvaluate : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    QString mProject;

    QByteArray run(const QStringList &args, int expectedExit = 0, QByteArray *err = nullptr) {
        QProcess p;
        p.start(QStringLiteral(PHM_CLI), args);
        if (!p.waitForFinished(300000)) return {};
        if (err) *err = p.readAllStandardError();
        return p.exitCode() == expectedExit ? p.readAllStandardOutput() : QByteArray("exit code mismatch");
    }
    QJsonObject json(QStringList args) {
        args << QStringLiteral("--project") << mProject << QStringLiteral("--json");
        return QJsonDocument::fromJson(run(args)).object();
    }

private slots:
    void initTestCase() {
        mProject = phm::test::importedProject(mDir.filePath(QStringLiteral("x")), mDir.filePath(QStringLiteral("p.phm")), 40000, 9);
    }

    void programmesList() {
        const QJsonObject o = json({QStringLiteral("programmes"), QStringLiteral("list")});
        const QJsonArray list = o.value(QStringLiteral("programmes")).toArray();
        QCOMPARE(list.size(), 2);
        for (const QJsonValue &p : list)
            for (const char *k : {"name", "source", "enrolled", "first", "last"}) QVERIFY2(p.toObject().contains(QLatin1String(k)), k);
        QCOMPARE(std::fmod(list[0][QStringLiteral("enrolled")].toDouble(), 5.0), 0.0);  // rounded as a count
        QVERIFY(o.contains(QStringLiteral("disclosure")));
    }

    void differenceInDifferencesKeys() {
        const QJsonObject o = json({QStringLiteral("evaluate"), QStringLiteral("--programme"), QStringLiteral("Proactive care"),
                                    QStringLiteral("--replicates"), QStringLiteral("100")});
        for (const char *k : {"programme", "outcome", "method", "treated", "controls", "balance", "effect", "per_1000_per_year",
                              "cost_per_month", "pre_trend", "event_study", "monthly", "naive", "summary"})
            QVERIFY2(o.contains(QLatin1String(k)), k);
        QCOMPARE(o[QStringLiteral("method")].toString(), QStringLiteral("did"));
        QCOMPARE(o[QStringLiteral("outcome")].toString(), QStringLiteral("emergency_admissions"));
        for (const char *k : {"estimate", "lower", "upper", "relative", "relative_lower", "relative_upper"})
            QVERIFY2(o[QStringLiteral("effect")].toObject().contains(QLatin1String(k)), k);
        const QJsonObject b = o[QStringLiteral("balance")].toArray().first().toObject();
        for (const char *k : {"covariate", "smd_before", "smd_after"}) QVERIFY2(b.contains(QLatin1String(k)), k);
        const QJsonObject t = o[QStringLiteral("pre_trend")].toArray().first().toObject();
        for (const char *k : {"period", "estimate", "lower", "upper"}) QVERIFY2(t.contains(QLatin1String(k)), k);
        QCOMPARE(t[QStringLiteral("period")].toInt(), -4);
        // Statistics to three significant figures, counts rounded.
        const double e = o[QStringLiteral("effect")][QStringLiteral("relative")].toDouble();
        QCOMPARE(QString::number(e, 'g', 12), QString::number(e, 'g', 3));
        QCOMPARE(std::fmod(o[QStringLiteral("treated")].toDouble(), 5.0), 0.0);
        // The same seed, the same answer.
        const QJsonObject again = json({QStringLiteral("evaluate"), QStringLiteral("--programme"), QStringLiteral("Proactive care"),
                                        QStringLiteral("--replicates"), QStringLiteral("100")});
        QCOMPARE(again[QStringLiteral("effect")].toObject(), o[QStringLiteral("effect")].toObject());
    }

    void interruptedTimeSeriesKeys() {
        const QJsonObject o = json({QStringLiteral("evaluate"), QStringLiteral("--method"), QStringLiteral("its"), QStringLiteral("--area"),
                                    QStringLiteral("Luton"), QStringLiteral("--start"), QStringLiteral("2025-04-01"),
                                    QStringLiteral("--outcome"), QStringLiteral("ae")});
        QCOMPARE(o[QStringLiteral("method")].toString(), QStringLiteral("its"));
        for (const char *k :
             {"area", "start", "effect", "level_change", "level_change_se", "slope_change", "slope_change_se", "series", "newey_west_lag"})
            QVERIFY2(o.contains(QLatin1String(k)), k);
        QCOMPARE(o[QStringLiteral("series")].toArray().size(), 24);
        QCOMPARE(o[QStringLiteral("newey_west_lag")].toInt(), 2);
        // Prais-Winsten by default; Newey-West on request, its errors reported beside either.
        QCOMPARE(o[QStringLiteral("errors")].toString(), QStringLiteral("prais_winsten"));
        QVERIFY(o[QStringLiteral("rho")].isDouble());
        QVERIFY(o[QStringLiteral("level_change_se_newey_west")].toDouble() > 0);
        const QJsonObject nw =
            json({QStringLiteral("evaluate"), QStringLiteral("--method"), QStringLiteral("its"), QStringLiteral("--area"),
                  QStringLiteral("Luton"), QStringLiteral("--start"), QStringLiteral("2025-04-01"), QStringLiteral("--outcome"),
                  QStringLiteral("ae"), QStringLiteral("--its-errors"), QStringLiteral("newey-west")});
        QCOMPARE(nw[QStringLiteral("errors")].toString(), QStringLiteral("newey_west"));
        QCOMPARE(nw[QStringLiteral("level_change_se")], nw[QStringLiteral("level_change_se_newey_west")]);
        QByteArray err;
        run({QStringLiteral("evaluate"), QStringLiteral("--project"), mProject, QStringLiteral("--method"), QStringLiteral("its"),
             QStringLiteral("--area"), QStringLiteral("Luton"), QStringLiteral("--its-errors"), QStringLiteral("ols")},
            1, &err);
        QVERIFY2(err.contains("--its-errors must be prais-winsten or newey-west"), err.constData());
    }

    void freezeSaveAndList() {
        // A saved cohort (not defined by a matching covariate, so there are controls) frozen into a programme, evaluated and saved; the
        // list shows it.
        QVERIFY(run({QStringLiteral("cohort"), QStringLiteral("--project"), mProject, QStringLiteral("--rule"),
                     QStringLiteral("age >= 70 and has(gp, @diabetes)"), QStringLiteral("--save"),
                     QStringLiteral("Older with diabetes")}) != "exit code mismatch");
        const QString day =
            json({QStringLiteral("programmes"), QStringLiteral("list")})[QStringLiteral("programmes")][0][QStringLiteral("last")]
                .toString();
        QVERIFY(!day.isEmpty());
        const QJsonObject frozen = json({QStringLiteral("programmes"), QStringLiteral("freeze"), QStringLiteral("--name"),
                                         QStringLiteral("Older with diabetes wave"), QStringLiteral("--cohort"),
                                         QStringLiteral("Older with diabetes"), QStringLiteral("--index-date"), day});
        for (const char *k : {"programme", "cohort", "cohort_version", "index_date", "members", "base", "disclosure"})
            QVERIFY2(frozen.contains(QLatin1String(k)), k);
        QCOMPARE(frozen[QStringLiteral("index_date")].toString(), day);
        QVERIFY(frozen[QStringLiteral("members")].toDouble() > 10);
        QByteArray err;
        QCOMPARE(run({QStringLiteral("programmes"), QStringLiteral("freeze"), QStringLiteral("--project"), mProject,
                      QStringLiteral("--name"), QStringLiteral("Older with diabetes wave"), QStringLiteral("--cohort"),
                      QStringLiteral("Older with diabetes"), QStringLiteral("--index-date"), day},
                     1, &err),
                 QByteArray());
        QVERIFY2(err.contains("already a programme"), err.constData());
        const QJsonObject saved = json({QStringLiteral("evaluate"), QStringLiteral("--programme"),
                                        QStringLiteral("Older with diabetes wave"), QStringLiteral("--replicates"), QStringLiteral("100"),
                                        QStringLiteral("--save"), QStringLiteral("Older with diabetes, admissions")});
        QVERIFY2(saved.contains(QStringLiteral("saved_id")), QJsonDocument(saved).toJson().constData());
        QCOMPARE(saved[QStringLiteral("programme_source")].toString(), QStringLiteral("cohort Older with diabetes version 1"));
        const QJsonArray list = json({QStringLiteral("evaluations"), QStringLiteral("list")})[QStringLiteral("evaluations")].toArray();
        QCOMPARE(list.size(), 1);
        for (const char *k : {"id", "name", "programme", "saved_at", "saved_by", "settings", "result"})
            QVERIFY2(list[0].toObject().contains(QLatin1String(k)), k);
        QCOMPARE(list[0][QStringLiteral("id")].toInteger(), saved[QStringLiteral("saved_id")].toInteger());
        QCOMPARE(list[0][QStringLiteral("result")][QStringLiteral("treated")], saved[QStringLiteral("treated")]);
        QCOMPARE(list[0][QStringLiteral("settings")][QStringLiteral("replicates")].toInt(), 100);
        // The packs now carry it in their Evaluation section.
        const QString packs = mDir.filePath(QStringLiteral("packs"));
        QVERIFY(run({QStringLiteral("export-packs"), QStringLiteral("--project"), mProject, QStringLiteral("--level"),
                     QStringLiteral("place"), QStringLiteral("--out"), packs}) != "exit code mismatch");
        const QStringList pdfs = QDir(packs).entryList({QStringLiteral("*.pdf")});
        QVERIFY(!pdfs.isEmpty());
        QProcess text;
        text.start(QStringLiteral("pdftotext"), {QDir(packs).filePath(pdfs.front()), QStringLiteral("-")});
        QVERIFY(text.waitForFinished());
        const QString words = QString::fromUtf8(text.readAllStandardOutput()).simplified();
        QVERIFY(words.contains(QStringLiteral("Evaluation: did it work?")));
        QVERIFY(words.contains(QStringLiteral("Older with diabetes, admissions")));
        // The pack's sentence is the published one, written again from the figures it shows.
        QVERIFY2(words.contains(list[0][QStringLiteral("result")][QStringLiteral("summary")].toString().left(60)), qPrintable(words));
        // A damaged saved evaluation (an edited project file) is left out of the packs and said,
        // not a failed export.
        {
            auto db = phm::core::ProjectDb::open(mProject, true);
            QVERIFY(db);
            QVERIFY(
                db.value()->exec(QStringLiteral("INSERT INTO evaluation(name, programme, settings, result, saved_at, saved_by) "
                                                "VALUES ('damaged', 'Proactive care', '{}', '[1, 2', '2026-01-01', 'x')")));
        }
        err.clear();
        const QJsonObject exported =
            QJsonDocument::fromJson(
                run({QStringLiteral("export-packs"), QStringLiteral("--project"), mProject, QStringLiteral("--level"),
                     QStringLiteral("place"), QStringLiteral("--out"), mDir.filePath(QStringLiteral("packs2")), QStringLiteral("--json")},
                    0, &err))
                .object();
        QCOMPARE(exported[QStringLiteral("packs")].toArray().size(), pdfs.size());
        QCOMPARE(exported[QStringLiteral("warnings")].toArray().size(), 1);
        QVERIFY2(err.contains("warning:") && err.contains("not a JSON object"), err.constData());
        {
            auto db = phm::core::ProjectDb::open(mProject, true);
            QVERIFY(db.value()->exec(QStringLiteral("DELETE FROM evaluation WHERE name = 'damaged'")));
        }
    }

    void textAndErrors() {
        const QString text =
            QString::fromUtf8(run({QStringLiteral("evaluate"), QStringLiteral("--project"), mProject, QStringLiteral("--programme"),
                                   QStringLiteral("Social prescribing"), QStringLiteral("--replicates"), QStringLiteral("100")}));
        QVERIFY2(text.contains(QStringLiteral("Balance")) && text.contains(QStringLiteral("interval")), qPrintable(text));
        QByteArray err;
        QCOMPARE(
            run({QStringLiteral("evaluate"), QStringLiteral("--project"), mProject, QStringLiteral("--programme"), QStringLiteral("Nope")},
                1, &err),
            QByteArray());
        QVERIFY2(err.contains("no programme called \"Nope\"") && err.contains("Proactive care"), err.constData());
        run({QStringLiteral("evaluate"), QStringLiteral("--project"), mProject, QStringLiteral("--programme"),
             QStringLiteral("Proactive care"), QStringLiteral("--outcome"), QStringLiteral("deaths")},
            1, &err);
        QVERIFY2(err.contains("--outcome must be one of emergency_admissions"), err.constData());
        run({QStringLiteral("evaluate"), QStringLiteral("--project"), mProject, QStringLiteral("--method"), QStringLiteral("its")}, 1,
            &err);
        QVERIFY2(err.contains("--area"), err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliEvaluate)
#include "tst_clievaluate.moc"
