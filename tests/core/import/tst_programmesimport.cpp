// programmes.csv: imported like every other file (validated, linked, rejects with line and
// reason, counts that add up) plus the checks of its own: enrolled inside the extract window, an
// end not before the enrolment, one enrolment per person, programme and date.
#include "base/csvreader.h"
#include "evaluation/programmes.h"
#include "operations/evaluateop.h"
#include "testutil.h"

#include <QTemporaryDir>
#include <QTest>

using namespace phm::core;

class TestProgrammesImport : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;

    static QString registeredPersonId(const QString &extract) {
        CsvReader r(QDir(extract).filePath(QStringLiteral("persons.csv")));
        if (!r.open()) qFatal("cannot read persons.csv");
        r.next();
        // Someone still registered and alive at the end (registration_end and date_of_death empty).
        while (r.next() == CsvReader::Step::Record)
            if (r.fields()[7].empty() && r.fields()[8].empty())
                return QString::fromUtf8(r.fields()[0].data(), qsizetype(r.fields()[0].size()));
        qFatal("no one registered to the end");
    }

private slots:
    void badRowsAreRejectedWithReasons() {
        const QString extract = phm::test::makeExtract(mDir.filePath(QStringLiteral("extract")), 2000, 5, 0.0);
        const QString id = registeredPersonId(extract);
        QFile f(QDir(extract).filePath(QStringLiteral("programmes.csv")));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        const QString rows = QStringLiteral(
                                 "person_id,programme,enrolled_date,ended_date,referral_source\n"
                                 "%1,Virtual ward,2025-05-02,2025-07-01,hospital\n"  // line 2: fine
                                 "nobody-here,Virtual ward,2025-05-02,,gp\n"         // 3: unknown person
                                 "%1,Virtual ward,2031-01-01,,gp\n"                  // 4: after the extract ends
                                 "%1,Virtual ward,2025-06-01,2025-05-01,gp\n"        // 5: ended before enrolled
                                 "%1,Virtual ward,2025-05-02,2025-07-01,hospital\n"  // 6: the same row again
                                 "%1,Virtual ward,2025-05-02,,self\n"                // 7: same person, programme and date
                                 "%1,Virtual ward,2025-05-09,,a friend\n"            // 8: not a referral source
                                 "%1,,2025-05-09,,gp\n"                              // 9: no programme
                                 "%1,Frailty hub,2024-01-15,,gp\n")                  // 10: before the extract starts
                                 .arg(id);
        f.write(rows.toUtf8());
        f.close();
        Feedback fb;
        auto report = importExtract(extract, mDir.filePath(QStringLiteral("p.phm")), fb);
        QVERIFY2(report, report ? "" : qPrintable(report.error().message));
        const FileImportReport *programmes = nullptr;
        for (const FileImportReport &r : report.value().files)
            if (r.dataset == QLatin1String("programmes")) programmes = &r;
        QVERIFY(programmes);
        QCOMPARE(programmes->rowsRead, qint64(9));
        QCOMPARE(programmes->rowsImported, qint64(1));
        QCOMPARE(programmes->rowsRead, programmes->rowsImported + programmes->rowsRejected);
        const std::map<QString, qint64> expected = {{"unknown_person", 1},      {"outside_extract", 2}, {"date_order", 1},
                                                    {"duplicate_enrolment", 2}, {"invalid_value", 1},   {"missing_value", 1}};
        QCOMPARE(programmes->rejectsByReason, expected);
        // The rejects file names each line with its reason.
        CsvReader rejects(QDir(report.value().rejectsDir).filePath(QStringLiteral("programmes.csv")));
        QVERIFY(rejects.open());
        QCOMPARE(rejects.next(), CsvReader::Step::Record);
        std::map<int, QString> byLine;
        while (rejects.next() == CsvReader::Step::Record)
            byLine[QString::fromUtf8(rejects.fields()[0].data(), qsizetype(rejects.fields()[0].size())).toInt()] =
                QString::fromUtf8(rejects.fields()[1].data(), qsizetype(rejects.fields()[1].size()));
        QCOMPARE(byLine[3], QStringLiteral("unknown_person"));
        QCOMPARE(byLine[4], QStringLiteral("outside_extract"));
        QCOMPARE(byLine[5], QStringLiteral("date_order"));
        QCOMPARE(byLine[6], QStringLiteral("duplicate_enrolment"));
        QCOMPARE(byLine[10], QStringLiteral("outside_extract"));
        // What was imported is the one good enrolment.
        auto opened = openProject(mDir.filePath(QStringLiteral("p.phm")), fb);
        QVERIFY(opened);
        auto list = phm::test::onProject(mDir.filePath(QStringLiteral("p.phm")),
                                         [&](ProjectDb &db) { return evaluation::listProgrammes(db, *opened.value()); });
        QVERIFY(list);
        QCOMPARE(int(list.value().size()), 1);
        QCOMPARE(list.value()[0].name, QStringLiteral("Virtual ward"));
        QCOMPARE(list.value()[0].enrolled, int64_t(1));
        QCOMPARE(QString::fromStdString(isoDate(list.value()[0].first)), QStringLiteral("2025-05-02"));
        // One enrolled person is never evaluated: an error that says what is missing, not a number.
        auto session = Session::open(mDir.filePath(QStringLiteral("p.phm")), fb);
        QVERIFY(session);
        ops::EvaluateRequest r;
        r.programme = QStringLiteral("Virtual ward");
        auto few = ops::runEvaluation(*session.value(), r, fb);
        QVERIFY(!few);
        QVERIFY2(few.error().code == ErrorCode::TooFewPeople, qPrintable(few.error().message));
        QVERIFY2(few.error().message.contains(QStringLiteral("fewer than 10")), qPrintable(few.error().message));
    }

    void aProjectWithoutTheFileHasNoProgrammes() {
        QTemporaryDir dir;
        const QString extract = phm::test::makeExtract(dir.filePath(QStringLiteral("extract")), 500, 6, 0.0);
        QVERIFY(QFile::remove(QDir(extract).filePath(QStringLiteral("programmes.csv"))));
        Feedback fb;
        auto report = importExtract(extract, dir.filePath(QStringLiteral("p.phm")), fb);
        QVERIFY(report);
        auto opened = openProject(dir.filePath(QStringLiteral("p.phm")), fb);
        QVERIFY(opened);
        auto list = phm::test::onProject(dir.filePath(QStringLiteral("p.phm")),
                                         [&](ProjectDb &db) { return evaluation::listProgrammes(db, *opened.value()); });
        QVERIFY(list);
        QVERIFY(list.value().empty());
        auto missing = phm::test::onProject(dir.filePath(QStringLiteral("p.phm")), [&](ProjectDb &db) {
            return evaluation::loadProgramme(db, *opened.value(), QStringLiteral("Proactive care"));
        });
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::UnknownProgramme);
    }
};

QTEST_GUILESS_MAIN(TestProgrammesImport)
#include "tst_programmesimport.moc"
