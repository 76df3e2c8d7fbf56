// Issue 14, "Never lose a file": what the `phm` commands may replace, how they write, what a
// re-import keeps, and what the rejects folder and every written file may hold and who can read it.
#include "base/safefile.h"
#include "cohorts/cohortstore.h"
#include "cohortutil.h"
#include "governance/disclosurepolicy.h"
#include "governance/users.h"
#include "indicators/core20plus5.h"
#include "indicators/indicators.h"
#include "maturity/maturitystore.h"
#include "packs/packtemplate.h"
#include "rules/rulecatalogue.h"
#include "store/projectdb.h"
#include "testutil.h"

#include <sys/stat.h>
#include <QDirIterator>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTest>

using namespace phm;

namespace {
struct Run {
    int code = -1;
    QByteArray out, err;
};

const QFileDevice::Permissions kNotOwner = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
                                           QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;

bool ownerOnly(const QString &path) {
    const QFileInfo f(path);
    return f.exists() && (f.permissions() & kNotOwner) == 0;
}
}  // namespace

class TestFileSafety : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    QString mExtract, mProject;

    Run run(const QStringList &args, const QByteArray &passphrase = {}) {
        QProcess p;
        if (!passphrase.isEmpty()) {
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("PHM_KEYS_PASSPHRASE"), QString::fromLatin1(passphrase));
            p.setProcessEnvironment(env);
        }
        p.start(QStringLiteral(PHM_CLI), args);
        Run r;
        if (!p.waitForFinished(300000)) return r;
        r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    }
    QString path(const QString &name) const { return mDir.filePath(name); }
    // A fresh project of the shared extract.
    QString importCopy(const QString &name, const QString &extract = {}) {
        const QString project = path(name);
        const Run r = run({QStringLiteral("import"), QStringLiteral("--from"), extract.isEmpty() ? mExtract : extract,
                           QStringLiteral("--project"), project});
        if (r.code != 0) qWarning() << r.err;
        return r.code == 0 ? project : QString();
    }

private slots:
    void initTestCase() {
        ::umask(022);  // the usual default: files would be world-readable unless we say otherwise
        mExtract = test::makeExtract(path(QStringLiteral("extract")), 1500, 5);
        mProject = importCopy(QStringLiteral("p.phm"));
        QVERIFY(!mProject.isEmpty());
    }

    void safeFileHelper() {
        const QString file = path(QStringLiteral("safe.txt"));
        test::writeFile(file, "old");
        core::SafeFile refused(file);
        QCOMPARE(core::errorCodeName(refused.open(core::OutputGuard{}).error().code), QStringLiteral("file_exists"));
        {
            core::SafeFile canceled(file);
            QVERIFY(canceled.open(core::OutputGuard{true, {}}));
            QVERIFY(canceled.write("new"));
        }  // never committed: the old file stays, no temporary is left
        QCOMPARE(test::readFile(file), QByteArray("old"));
        QCOMPARE(QDir(mDir.path()).entryList({QStringLiteral("safe.txt*")}, QDir::Files | QDir::Hidden).size(), 1);
        QVERIFY(core::writeFileSafely(file, "new", core::OutputGuard{true, {}}));
        QCOMPARE(test::readFile(file), QByteArray("new"));
        QVERIFY(ownerOnly(file));
        // The project, even through a symbolic link, is never an output.
        const QString link = path(QStringLiteral("link-to-project"));
        QVERIFY(QFile::link(mProject, link));
        QCOMPARE(core::errorCodeName(core::checkOutputPath(link, core::OutputGuard::forProject(mProject, true)).error().code),
                 QStringLiteral("protected_file"));
        QCOMPARE(core::errorCodeName(
                     core::checkOutputPath(mProject + QStringLiteral(".keys"), core::OutputGuard::forProject(mProject, true)).error().code),
                 QStringLiteral("protected_file"));
        QCOMPARE(core::errorCodeName(core::checkOutputPath(mDir.path(), core::OutputGuard{true, {}}).error().code),
                 QStringLiteral("is_folder"));
        // A device is written in place: /dev/full fails like a full disk, and stays a device.
        if (QFileInfo::exists(QStringLiteral("/dev/full"))) {
            const core::Status full = core::writeFileSafely(QStringLiteral("/dev/full"), QByteArray(100000, 'x'), core::OutputGuard{});
            QVERIFY(!full);
            QVERIFY2(full.error().message.contains(QStringLiteral("/dev/full")), qPrintable(full.error().message));
            QVERIFY(!QFileInfo(QStringLiteral("/dev/full")).isFile());
        }
    }

    void outputsRefuseToReplaceFiles_data() {
        QTest::addColumn<QStringList>("command");  // the output path is appended
        QTest::newRow("cohort --ids") << QStringList{QStringLiteral("cohort"), QStringLiteral("--rule"), QStringLiteral("age >= 40"),
                                                     QStringLiteral("--ids")};
        QTest::newRow("maturity export") << QStringList{QStringLiteral("maturity"), QStringLiteral("export"), QStringLiteral("--out")};
        QTest::newRow("pack-templates export") << QStringList{QStringLiteral("pack-templates"), QStringLiteral("export"),
                                                              QStringLiteral("--out")};
    }
    void outputsRefuseToReplaceFiles() {
        QFETCH(QStringList, command);
        const QStringList base = QStringList(command.mid(0, command.size() - 1)) << QStringLiteral("--project") << mProject;
        const QString option = command.last();
        const QString precious =
            path(QStringLiteral("precious-%1.txt").arg(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('_')));
        test::writeFile(precious, "an analyst's own notes\n");
        // An existing file the command did not create: refused, named, untouched.
        Run r = run(QStringList(base) << option << precious);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QFileInfo(precious).fileName().toUtf8()), r.err.constData());
        QVERIFY2(r.err.contains("--force"), r.err.constData());
        QCOMPARE(test::readFile(precious), QByteArray("an analyst's own notes\n"));
        // With --force it is replaced, owner-only.
        r = run(QStringList(base) << option << precious << QStringLiteral("--force"));
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(test::readFile(precious) != QByteArray("an analyst's own notes\n"));
        QVERIFY(ownerOnly(precious));
        // The project itself is never an output, --force or not.
        const QByteArray before = test::fileHash(mProject);
        r = run(QStringList(base) << option << mProject << QStringLiteral("--force"));
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QFileInfo(mProject).fileName().toUtf8()), r.err.constData());
        QCOMPARE(test::fileHash(mProject), before);
        // A new file is written, owner-only, and no temporary is left beside it.
        const QString fresh = path(QStringLiteral("fresh-%1.out").arg(QString::number(qHash(QTest::currentDataTag()))));
        r = run(QStringList(base) << option << fresh);
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(ownerOnly(fresh));
        QCOMPARE(QDir(mDir.path()).entryList({QFileInfo(fresh).fileName() + QStringLiteral(".*")}, QDir::Files | QDir::Hidden).size(), 0);
    }

    void generateRefusesToReplaceAnExtract() {
        const QString persons = QDir(mExtract).filePath(QStringLiteral("persons.csv"));
        const QByteArray before = test::fileHash(persons);
        Run r = run({QStringLiteral("generate"), QStringLiteral("--people"), QStringLiteral("300"), QStringLiteral("--out"), mExtract});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(mExtract.toUtf8()) && r.err.contains(".csv") && r.err.contains("--force"), r.err.constData());
        QCOMPARE(test::fileHash(persons), before);
        const QString fresh = path(QStringLiteral("extract-fresh"));
        r = run({QStringLiteral("generate"), QStringLiteral("--people"), QStringLiteral("300"), QStringLiteral("--out"), fresh});
        QVERIFY2(r.code == 0, r.err.constData());
        const QStringList files = QDir(fresh).entryList(QDir::Files | QDir::Hidden);
        QVERIFY(files.contains(QStringLiteral("persons.csv")) && files.contains(QStringLiteral("manifest.json")));
        for (const QString &f : files) QVERIFY2(ownerOnly(QDir(fresh).filePath(f)), qPrintable(f));
        r = run({QStringLiteral("generate"), QStringLiteral("--people"), QStringLiteral("300"), QStringLiteral("--seed"),
                 QStringLiteral("9"), QStringLiteral("--out"), fresh, QStringLiteral("--force")});
        QVERIFY2(r.code == 0, r.err.constData());
        QCOMPARE(QDir(fresh).entryList(QDir::Files | QDir::Hidden).size(), files.size());  // replaced, no leftovers
    }

    void writeErrorsFailTheCommand() {
        // /dev/full: every write fails with "no space left on device".
        if (!QFileInfo::exists(QStringLiteral("/dev/full"))) QSKIP("no /dev/full");
        for (const QStringList &command :
             {QStringList{QStringLiteral("cohort"), QStringLiteral("--rule"), QStringLiteral("age >= 40"), QStringLiteral("--ids")},
              QStringList{QStringLiteral("maturity"), QStringLiteral("export"), QStringLiteral("--out")},
              QStringList{QStringLiteral("pack-templates"), QStringLiteral("export"), QStringLiteral("--out")}}) {
            const Run r = run(QStringList(command) << QStringLiteral("/dev/full") << QStringLiteral("--project") << mProject);
            QVERIFY2(r.code == 1, qPrintable(command.join(QLatin1Char(' '))));
            QVERIFY2(r.err.contains("/dev/full"), r.err.constData());
        }
        QVERIFY(QFileInfo(QStringLiteral("/dev/full")).exists() && !QFileInfo(QStringLiteral("/dev/full")).isFile());
    }

    void packsOnAFullDiskFail() {
        // A small tmpfs stands in for a full disk (needs root; skipped otherwise).
        const QString full = path(QStringLiteral("full"));
        QVERIFY(QDir().mkpath(full));
        QProcess mount;
        mount.start(QStringLiteral("mount"), {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                                              QStringLiteral("size=96k"), QStringLiteral("tmpfs"), full});
        if (!mount.waitForFinished() || mount.exitCode() != 0) QSKIP("cannot mount a small tmpfs (not root?)");
        auto unmount = qScopeGuard([&] { QProcess::execute(QStringLiteral("umount"), {full}); });
        const Run r = run({QStringLiteral("export-packs"), QStringLiteral("--project"), mProject, QStringLiteral("--level"),
                           QStringLiteral("place"), QStringLiteral("--out"), full});
        QVERIFY2(r.code == 1, r.out.constData());
        QVERIFY2(r.err.contains(".pdf"), r.err.constData());
        QCOMPARE(QDir(full).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot).size(), 0);
    }

    void packFilesAreUniquePerArea() {
        // Two PCNs whose names read the same once made into file names.
        const QString extract = path(QStringLiteral("extract-names"));
        test::copyExtract(mExtract, extract);
        QByteArray practices = test::readFile(QDir(extract).filePath(QStringLiteral("practices.csv")));
        QList<QByteArray> lines = practices.split('\n');
        QSet<QByteArray> pcns;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            QList<QByteArray> f = lines[i].split(',');
            if (f.size() < 4) continue;
            if (!pcns.contains(f[2]) && pcns.size() < 2) pcns.insert(f[2]);
            if (!pcns.contains(f[2])) continue;
            f[3] = f[2] == *pcns.begin() ? "North & South PCN" : "North - South PCN";
            lines[i] = f.join(',');
        }
        QCOMPARE(pcns.size(), 2);
        test::writeFile(QDir(extract).filePath(QStringLiteral("practices.csv")), lines.join('\n'));
        const QString project = importCopy(QStringLiteral("names.phm"), extract);
        QVERIFY(!project.isEmpty());
        const QString out = path(QStringLiteral("packs-names"));
        const Run r = run({QStringLiteral("export-packs"), QStringLiteral("--project"), project, QStringLiteral("--level"),
                           QStringLiteral("pcn"), QStringLiteral("--out"), out, QStringLiteral("--json")});
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonArray packs = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("packs")).toArray();
        QVERIFY(packs.size() > 2);
        QSet<QString> files;
        for (const QJsonValue &v : packs) {
            const QString file = v[QStringLiteral("file")].toString();
            QVERIFY2(QFileInfo(file).fileName().contains(v[QStringLiteral("area_code")].toString(), Qt::CaseInsensitive), qPrintable(file));
            QVERIFY(ownerOnly(file));
            files.insert(file);
        }
        QCOMPARE(files.size(), packs.size());
        QCOMPARE(QDir(out).entryList({QStringLiteral("*.pdf")}, QDir::Files).size(), packs.size());
        // A second export into the same folder does not replace the packs unless asked.
        const QByteArray before = test::fileHash(packs.at(0)[QStringLiteral("file")].toString());
        Run again = run({QStringLiteral("export-packs"), QStringLiteral("--project"), project, QStringLiteral("--level"),
                         QStringLiteral("pcn"), QStringLiteral("--out"), out});
        QCOMPARE(again.code, 1);
        QVERIFY2(again.err.contains("--force"), again.err.constData());
        QCOMPARE(test::fileHash(packs.at(0)[QStringLiteral("file")].toString()), before);
        again = run({QStringLiteral("export-packs"), QStringLiteral("--project"), project, QStringLiteral("--level"), QStringLiteral("pcn"),
                     QStringLiteral("--out"), out, QStringLiteral("--force")});
        QVERIFY2(again.code == 0, again.err.constData());
    }

    void reimportKeepsWhatTheProjectHolds() {
        const QString project = importCopy(QStringLiteral("keep.phm"));
        QVERIFY(!project.isEmpty());
        const core::rules::CodeLists lists;
        const core::User admin = phm::test::provenAdmin(project);
        phm::test::Cohorts cohorts{project};
        QVERIFY(cohorts.save(QStringLiteral("over 40"), QStringLiteral("age >= 40"), QStringLiteral("ann"), QStringLiteral("first"), 10));
        QVERIFY(cohorts.save(QStringLiteral("over 40"), QStringLiteral("age >= 41"), QStringLiteral("bob"), QStringLiteral("second"), 9));
        core::IndicatorDefinition mine = core::loadIndicators({}, &lists).value().front();
        mine.id = QStringLiteral("my-indicator");
        mine.name = QStringLiteral("My indicator");
        QVERIFY(test::onProject(
            project, [&](core::ProjectDb &db) { return core::saveProjectIndicator(db, mine, &lists); }, true));
        const std::vector<core::PlusGroup> groups = {{QStringLiteral("Older people"), QStringLiteral("age >= 75")}};
        QVERIFY(test::onProject(
            project, [&](core::ProjectDb &db) { return core::savePlusGroups(db, groups, &lists); }, true));
        core::PackTemplate layout;
        layout.name = QStringLiteral("Board brief");
        QVERIFY(test::onProject(
            project, [&](core::ProjectDb &db) { return core::savePackTemplate(db, layout, QStringLiteral("ann")); }, true));
        QVERIFY(test::setUser(project, admin, core::User{QStringLiteral("carol"), core::Role::Analyst, {}, true, {}, {}}));
        core::disclosure::Policy policy;
        policy.largest = 9;
        policy.roundTo = 10;
        QVERIFY(test::onProject(
            project, [&](core::ProjectDb &db) { return core::setProjectPolicy(db, admin, policy); }, true));
        const auto areas = test::onProject(project, [](core::ProjectDb &db) { return core::maturity::assessableAreas(db); });
        QVERIFY(areas);
        QString pcn;
        for (const core::maturity::AssessableArea &a : areas.value())
            if (a.level == QLatin1String("pcn") && pcn.isEmpty()) pcn = a.code;
        QVERIFY(!pcn.isEmpty());
        QVERIFY(test::onProject(
            project,
            [&](core::ProjectDb &db) { return core::maturity::startCycle(db, pcn, QStringLiteral("Frailty"), QStringLiteral("ann")); },
            true));
        const qint64 entries = test::readAuditLog(project, admin).value().size();

        const Run r = run({QStringLiteral("import"), QStringLiteral("--from"), mExtract, QStringLiteral("--project"), project});
        QVERIFY2(r.code == 0, r.err.constData());

        auto kept = cohorts.find(QStringLiteral("over 40"));
        QVERIFY2(kept, kept ? "" : qPrintable(kept.error().message));
        QCOMPARE(int(kept.value().history.size()), 2);
        QCOMPARE(kept.value().history[0].note, QStringLiteral("first"));
        QCOMPARE(kept.value().current().rule, QStringLiteral("age >= 41"));
        const auto indicators = test::onProject(project, [&](core::ProjectDb &db) { return core::projectIndicators(db, &lists); });
        QVERIFY(indicators);
        QVERIFY(core::findIndicator(indicators.value(), QStringLiteral("my-indicator")));
        QCOMPARE(test::onProject(project, [&](core::ProjectDb &db) { return core::loadPlusGroups(db, &lists); }).value(), groups);
        QVERIFY(test::onProject(project, [](core::ProjectDb &db) { return core::findPackTemplate(db, QStringLiteral("Board brief")); }));
        QVERIFY(test::findUser(project, QStringLiteral("carol")).value().listed);
        QCOMPARE(test::onProject(project, [](core::ProjectDb &db) { return core::projectPolicy(db); }).value().roundTo, 10);
        QCOMPARE(int(test::onProject(project, [](core::ProjectDb &db) { return core::maturity::cycles(db); }).value().size()), 1);
        QCOMPARE(qint64(test::readAuditLog(project, admin).value().size()), entries + 1);
        QVERIFY(core::verifyAuditLog(project).value().ok);
    }

    void importRefusesFilesThatAreNotProjects_data() {
        QTest::addColumn<QString>("kind");
        QTest::newRow("text") << QStringLiteral("text");
        QTest::newRow("empty") << QStringLiteral("empty");
        QTest::newRow("foreign sqlite") << QStringLiteral("sqlite");
    }
    void importRefusesFilesThatAreNotProjects() {
        QFETCH(QString, kind);
        const QString target = path(QStringLiteral("not-a-project-%1").arg(kind));
        if (kind == QLatin1String("text")) test::writeFile(target, "some notes\n");
        if (kind == QLatin1String("empty")) test::writeFile(target, {});
        if (kind == QLatin1String("sqlite")) {
            auto db = core::ProjectDb::create(target);
            QVERIFY(db);
            QVERIFY(db.value()->exec(QStringLiteral("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)")));
            QVERIFY(db.value()->exec(QStringLiteral("INSERT INTO meta VALUES ('owner', 'another program')")));
        }
        const QByteArray before = test::fileHash(target);
        const Run r = run({QStringLiteral("import"), QStringLiteral("--from"), mExtract, QStringLiteral("--project"), target});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(QFileInfo(target).fileName().toUtf8()), r.err.constData());
        QVERIFY2(r.err.contains("--force"), r.err.constData());
        QCOMPARE(test::fileHash(target), before);
        QVERIFY(!QFileInfo::exists(target + QStringLiteral(".rejects")));
    }

    void rejectsHoldNoIgnoredColumns() {
        // Identifiers slipped into an extract: columns outside the data spec are ignored, and
        // must not reach the rejects files either.
        const QString extract = path(QStringLiteral("extract-ids"));
        test::copyExtract(mExtract, extract);
        const QString persons = QDir(extract).filePath(QStringLiteral("persons.csv"));
        QList<QByteArray> lines = test::readFile(persons).split('\n');
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (lines[i].isEmpty()) continue;
            lines[i] += i == 0 ? QByteArray(",nhs_number,name") : QByteArray(",9434765919,Zebedee Quill");
        }
        lines.insert(2, lines[1]);  // a duplicate person: rejected
        test::writeFile(persons, lines.join('\n'));
        const QString project = importCopy(QStringLiteral("ids.phm"), extract);
        QVERIFY(!project.isEmpty());
        const QString rejects = project + QStringLiteral(".rejects");
        const QByteArray personRejects = test::readFile(QDir(rejects).filePath(QStringLiteral("persons.csv")));
        QVERIFY2(personRejects.contains("duplicate"), personRejects.constData());
        QStringList files;
        for (QDirIterator it(rejects, QDir::Files); it.hasNext();) files << it.next();
        QVERIFY(!files.isEmpty());
        for (const QString &f : files) {
            const QByteArray bytes = test::readFile(f);
            QVERIFY2(!bytes.contains("9434765919") && !bytes.contains("Zebedee"), qPrintable(f));
        }
        for (const QString &f : files) QVERIFY2(ownerOnly(f), qPrintable(f));
        QVERIFY(ownerOnly(rejects));
        QVERIFY(ownerOnly(project));
    }

    void keyStoreReplacementKeepsTheOldStore() {
        const QString project = importCopy(QStringLiteral("keys.phm"));
        QVERIFY(!project.isEmpty());
        test::provenAdmin(project);  // keys create is for a proven admin
        const QString keys = project + QStringLiteral(".keys");
        const QStringList create = {QStringLiteral("keys"), QStringLiteral("create"), QStringLiteral("--project"), project,
                                    QStringLiteral("--synthetic")};
        Run r = run(create, test::kTestPassphrase);
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(ownerOnly(keys));
        const QByteArray first = test::fileHash(keys);
        // Over an existing store: only with --force.
        r = run(create, test::kTestPassphrase);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("--force"), r.err.constData());
        QCOMPARE(test::fileHash(keys), first);
        // With --force, but the audit entry cannot be written (the project is locked for writing): the old
        // store stays.
        {
            auto db = core::ProjectDb::open(project, true);
            QVERIFY(db);
            QVERIFY(db.value()->exec(QStringLiteral("BEGIN IMMEDIATE")));
            r = run(QStringList(create) << QStringLiteral("--force"), test::kTestPassphrase);
            QVERIFY(db.value()->exec(QStringLiteral("ROLLBACK")));
        }
        QCOMPARE(r.code, 1);
        QCOMPARE(test::fileHash(keys), first);
        QCOMPARE(QDir(mDir.path()).entryList({QStringLiteral("keys.phm.keys.*")}, QDir::Files | QDir::Hidden).size(), 0);
        r = run(QStringList(create) << QStringLiteral("--force"), test::kTestPassphrase);
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY(test::fileHash(keys) != first);
        // The key store is never the output of an import.
        const QByteArray second = test::fileHash(keys);
        QCOMPARE(run({QStringLiteral("import"), QStringLiteral("--from"), mExtract, QStringLiteral("--project"), keys}).code, 1);
        QCOMPARE(test::fileHash(keys), second);
    }

    void reimportDeletesOnlyItsOwnFiles() {
        const QString project = importCopy(QStringLiteral("own.phm"));
        QVERIFY(!project.isEmpty());
        const QString notes = QDir(project + QStringLiteral(".rejects")).filePath(QStringLiteral("my-notes.txt"));
        test::writeFile(notes, "what I found in the rejects\n");
        const Run r = run({QStringLiteral("import"), QStringLiteral("--from"), mExtract, QStringLiteral("--project"), project});
        QVERIFY2(r.code == 0, r.err.constData());
        QCOMPARE(test::readFile(notes), QByteArray("what I found in the rejects\n"));
        QVERIFY(QFileInfo::exists(QDir(project + QStringLiteral(".rejects")).filePath(QStringLiteral("persons.csv"))) ||
                QDir(project + QStringLiteral(".rejects")).entryList(QDir::Files).size() >= 1);
    }
};

QTEST_GUILESS_MAIN(TestFileSafety)
#include "tst_filesafety.moc"
