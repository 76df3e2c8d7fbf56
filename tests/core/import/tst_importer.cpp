// Import contract: counts add up, every injected fault gets its reason, failures change nothing.
#include "base/csvreader.h"
#include "base/csvwriter.h"
#include "import/importer.h"
#include "session/projectloader.h"
#include "store/projectdb.h"
#include "testutil.h"

#include <sys/stat.h>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace phm::core;

class TestImporter : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    QString mExtract;  // 4,000 people with faults at 40x the default rate
    QJsonObject mManifest;
    ImportReport mReport;

    QString path(const QString &name) const { return mDir.filePath(name); }
    QStringList leftovers() const {
        return QDir(mDir.path()).entryList({QStringLiteral("*.importing-*")}, QDir::AllEntries | QDir::Hidden);
    }
    // Imports a copy of the extract after applying `breakIt`; expects failure with `code`.
    Error expectFailure(const std::function<void(const QString &)> &breakIt) {
        static int n = 0;
        const QString broken = path(QStringLiteral("broken%1").arg(++n));
        phm::test::copyExtract(mExtract, broken);
        breakIt(broken);
        Feedback fb;
        auto r = importExtract(broken, path(QStringLiteral("good.phm")), fb);
        if (r) return Error{ErrorCode::UnexpectedSuccess, QString(), QString()};
        return r.error();
    }

private slots:
    void initTestCase() {
        mExtract = phm::test::makeExtract(path(QStringLiteral("extract")), 4000, 3, 40.0);
        mManifest = QJsonDocument::fromJson(phm::test::readFile(QDir(mExtract).filePath(QStringLiteral("manifest.json")))).object();
        Feedback fb;
        auto r = importExtract(mExtract, path(QStringLiteral("good.phm")), fb);
        QVERIFY2(r, r ? "" : qPrintable(r.error().message));
        mReport = r.value();
    }

    void countsAddUpAndMatchManifest() {
        const QJsonArray files = mManifest.value(QStringLiteral("files")).toArray();
        QCOMPARE(int(mReport.files.size()), files.size());
        QSet<QString> reasonsSeen;
        for (int i = 0; i < files.size(); ++i) {
            const QJsonObject truth = files.at(i).toObject();
            const FileImportReport &f = mReport.files[size_t(i)];
            QCOMPARE(f.file, truth.value(QStringLiteral("file")).toString());
            QCOMPARE(f.rowsRead, f.rowsImported + f.rowsRejected);
            QCOMPARE(f.rowsRead, truth.value(QStringLiteral("rows")).toInteger());
            QCOMPARE(f.rowsImported, truth.value(QStringLiteral("expected_imported")).toInteger());
            const QJsonObject reasons = truth.value(QStringLiteral("expected_rejects_by_reason")).toObject();
            QCOMPARE(qsizetype(f.rejectsByReason.size()), reasons.size());
            for (auto it = reasons.begin(); it != reasons.end(); ++it) {
                QCOMPARE(f.rejectsByReason.at(it.key()), it.value().toInteger());
                reasonsSeen.insert(it.key());
            }
        }
        // Every fault type the generator injects was exercised at this rate.
        for (const char *r : {"unknown_lsoa", "unknown_practice", "unknown_person", "invalid_date", "date_order", "duplicate_id",
                              "duplicate_row", "malformed_row"})
            QVERIFY2(reasonsSeen.contains(QLatin1String(r)), r);
        QCOMPARE(mReport.persons, mManifest.value(QStringLiteral("expected_persons")).toInteger());
        QVERIFY(mReport.linkageRate() > 0.8 && mReport.linkageRate() < 1.0);
    }

    void aMovedProjectFindsItsRejects() {
        // The project file keeps no folder of the machine it was made on ...
        {
            auto db = ProjectDb::open(path(QStringLiteral("good.phm")), false);
            QVERIFY(db);
            const QString stored = db.value()->meta(QStringLiteral("import_report"));
            QVERIFY(!stored.isEmpty());
            QVERIFY2(!stored.contains(mDir.path()), qPrintable(stored.left(300)));
        }
        // ... so moved with its rejects, it points at them where they are now.
        QVERIFY(QDir().mkpath(path(QStringLiteral("moved"))));
        const QString moved = path(QStringLiteral("moved/renamed.phm"));
        QVERIFY(QFile::copy(path(QStringLiteral("good.phm")), moved));
        QVERIFY(QDir().mkpath(moved + QStringLiteral(".rejects")));
        QVERIFY(QFile::copy(QDir(mReport.rejectsDir).filePath(QStringLiteral("persons.csv")),
                            QDir(moved + QStringLiteral(".rejects")).filePath(QStringLiteral("persons.csv"))));
        Feedback fb;
        auto project = openProject(moved, fb);
        QVERIFY2(project, project ? "" : qPrintable(project.error().message));
        const ImportReport report = ImportReport::fromJson(project.value()->importReport);
        QCOMPARE(report.rejectsDir, QFileInfo(moved).absoluteFilePath() + QStringLiteral(".rejects"));
        QCOMPARE(report.project, QFileInfo(moved).absoluteFilePath());
        QVERIFY(QFileInfo::exists(QDir(report.rejectsDir).filePath(QStringLiteral("persons.csv"))));
        QCOMPARE(report.persons, mReport.persons);
    }

    void rejectsFileNamesLineAndReason() {
        for (const FileImportReport &f : mReport.files) {
            if (f.rowsRejected == 0) continue;
            CsvReader rejects(QDir(mReport.rejectsDir).filePath(f.file));
            QVERIFY(rejects.open());
            QCOMPARE(rejects.next(), CsvReader::Step::Record);  // header
            // Index the source file's lines to check each reject's line number and bytes.
            const QList<QByteArray> lines = phm::test::readFile(QDir(mExtract).filePath(f.file)).split('\n');
            qint64 n = 0;
            std::map<QString, qint64> reasons;
            while (rejects.next() == CsvReader::Step::Record) {
                const auto &r = rejects.fields();
                const int line = QByteArray(r[0].data(), qsizetype(r[0].size())).toInt();
                const QByteArray raw(r[4].data(), qsizetype(r[4].size()));
                const QByteArray source = lines.at(line - 1);  // a would-be formula gets a leading quote
                QCOMPARE(raw, looksLikeFormula(source.toStdString()) ? QByteArray("'") + source : source);
                ++reasons[QString::fromUtf8(r[1].data(), qsizetype(r[1].size()))];
                ++n;
            }
            QCOMPARE(n, f.rowsRejected);
            QVERIFY(reasons == f.rejectsByReason);
        }
    }

    void refusesFifosAndOtherNonRegularInputs() {
        for (const char *name : {"gp_events.csv", "manifest.json", "persons.csv"}) {
            QString fifo;
            const Error e = expectFailure([&](const QString &dir) {
                fifo = QDir(dir).filePath(QLatin1String(name));
                QFile::remove(fifo);
                QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);  // opening it would block for ever
            });
            QCOMPARE(errorCodeName(e.code), QStringLiteral("not_a_file"));
            QVERIFY2(e.message.startsWith(fifo + QStringLiteral(": not an ordinary file")), qPrintable(e.message));
        }
        // A folder where a file should be, too; and CsvReader alone refuses a FIFO.
        const Error dir = expectFailure([](const QString &d) {
            QFile::remove(QDir(d).filePath(QStringLiteral("ae_attendances.csv")));
            QDir(d).mkdir(QStringLiteral("ae_attendances.csv"));
        });
        QCOMPARE(errorCodeName(dir.code), QStringLiteral("not_a_file"));
        const QString fifo = path(QStringLiteral("reader.fifo"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        CsvReader reader(fifo);
        auto opened = reader.open();
        QVERIFY(!opened);
        QCOMPARE(errorCodeName(opened.error().code), QStringLiteral("not_a_file"));
    }

    void failedImportLeavesProjectUnchanged() {
        const QByteArray before = phm::test::fileHash(path(QStringLiteral("good.phm")));
        const QByteArray rejectsBefore = phm::test::fileHash(QDir(mReport.rejectsDir).filePath(QStringLiteral("persons.csv")));
        const Error e = expectFailure([](const QString &dir) {
            QFile f(QDir(dir).filePath(QStringLiteral("ae_attendances.csv")));
            QVERIFY(f.open(QIODevice::ReadWrite));
            f.write("attendance_ID");  // header no longer has attendance_id
        });
        QCOMPARE(errorCodeName(e.code), QStringLiteral("missing_column"));
        QVERIFY2(e.message.contains(QStringLiteral("ae_attendances.csv: line 1")), qPrintable(e.message));
        QVERIFY(e.message.contains(QStringLiteral("`attendance_id`")));
        QCOMPARE(phm::test::fileHash(path(QStringLiteral("good.phm"))), before);
        QCOMPARE(phm::test::fileHash(QDir(mReport.rejectsDir).filePath(QStringLiteral("persons.csv"))), rejectsBefore);
        QVERIFY(leftovers().isEmpty());
    }

    void canceledImportLeavesProjectUnchanged() {
        const QByteArray before = phm::test::fileHash(path(QStringLiteral("good.phm")));
        Feedback fb;
        fb.cancel();
        auto r = importExtract(mExtract, path(QStringLiteral("good.phm")), fb);
        QVERIFY(!r);
        QCOMPARE(errorCodeName(r.error().code), QStringLiteral("canceled"));
        QCOMPARE(phm::test::fileHash(path(QStringLiteral("good.phm"))), before);
        QVERIFY(leftovers().isEmpty());
    }

    void earlyFailureTouchesNothingElse() {
        // Regression: a failure before the temporary paths exist once deleted the working directory.
        const QString work = path(QStringLiteral("cwd"));
        QDir().mkpath(work);
        phm::test::writeFile(QDir(work).filePath(QStringLiteral("keep.txt")), "precious");
        const QString before = QDir::currentPath();
        QDir::setCurrent(work);
        Feedback fb;
        auto r = importExtract(QStringLiteral("no-such-folder"), QStringLiteral("x.phm"), fb);
        QDir::setCurrent(before);
        QVERIFY(!r);
        QCOMPARE(errorCodeName(r.error().code), QStringLiteral("no_folder"));
        QVERIFY(QFile::exists(QDir(work).filePath(QStringLiteral("keep.txt"))));
    }

    void badInputs_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("where");
        QTest::newRow("empty persons") << "persons.csv" << QByteArray() << "empty_file"
                                       << "persons.csv: line 1, column 1";
        QTest::newRow("semicolons") << "practices.csv" << QByteArray("practice_code;practice_name;pcn_code\nE1;A;U1\n") << "missing_column"
                                    << "looks ;-delimited";
        QTest::newRow("utf16") << "gp_events.csv" << QByteArray("\xFF\xFEp\0e\0r\0", 8) << "bad_encoding"
                               << "gp_events.csv: line 1";
        QTest::newRow("truncated in quote") << "mh_contacts.csv"
                                            << QByteArray("contact_id,person_id,contact_date,team_type\nM1,P1,2025-01-01,\"A0")
                                            << "unterminated_quote"
                                            << "mh_contacts.csv: line 2, column 18";
        QTest::newRow("binary") << "op_appointments.csv" << QByteArray("\x89PNG\r\n\x1a\n\0\0\0", 11) << "bad_encoding"
                                << "NUL";
        QTest::newRow("missing persons") << "persons.csv" << QByteArray("-") << "missing_file"
                                         << "persons.csv is missing";
    }
    void badInputs() {
        QFETCH(QString, file);
        QFETCH(QByteArray, content);
        QFETCH(QString, code);
        QFETCH(QString, where);
        const QByteArray before = phm::test::fileHash(path(QStringLiteral("good.phm")));
        const Error e = expectFailure([&](const QString &dir) {
            if (content == "-")
                QFile::remove(QDir(dir).filePath(file));
            else
                phm::test::writeFile(QDir(dir).filePath(file), content);
        });
        QCOMPARE(errorCodeName(e.code), code);
        QVERIFY2(e.message.contains(where), qPrintable(e.message));
        QCOMPARE(phm::test::fileHash(path(QStringLiteral("good.phm"))), before);
    }

    void rowLevelProblemsAreRejectedNotFatal() {
        // A truncated last line, a bad UTF-8 byte and an unknown enum value are rejects;
        // reordered and unknown columns are fine.
        const QString dir = path(QStringLiteral("rows"));
        phm::test::copyExtract(mExtract, dir);
        const QString firstPerson =
            QString::fromUtf8(phm::test::readFile(QDir(dir).filePath(QStringLiteral("persons.csv"))).split('\n').at(1).split(',').at(0));
        const QByteArray pid = firstPerson.toUtf8();
        phm::test::writeFile(QDir(dir).filePath(QStringLiteral("ambulance_incidents.csv")),
                             "conveyed,incident_date,person_id,incident_id,crew_notes\n"
                             "Y,2025-01-01," +
                                 pid +
                                 ",E1,ok\n"
                                 "Maybe,2025-01-02," +
                                 pid +
                                 ",E2,bad enum\n"
                                 "N,2025-01-03," +
                                 pid +
                                 ",E\xC3\x28,bad utf8\n"
                                 "N,2025-01-04," +
                                 pid);
        Feedback fb;
        auto r = importExtract(dir, path(QStringLiteral("rows.phm")), fb);
        QVERIFY2(r, r ? "" : qPrintable(r.error().message));
        const FileImportReport &amb = r.value().files[size_t(Dataset::Ambulance)];  // files in Dataset order
        QCOMPARE(amb.rowsRead, 4);
        QCOMPARE(amb.rowsImported, 1);
        QCOMPARE(amb.rejectsByReason.at(QStringLiteral("invalid_value")), 1);
        QCOMPARE(amb.rejectsByReason.at(QStringLiteral("invalid_utf8")), 1);
        QCOMPARE(amb.rejectsByReason.at(QStringLiteral("malformed_row")), 1);
        QCOMPARE(amb.unknownColumns, QStringList{QStringLiteral("crew_notes")});
    }
};

QTEST_GUILESS_MAIN(TestImporter)
#include "tst_importer.moc"
