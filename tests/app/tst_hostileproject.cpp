// A hostile or corrupt project file never crashes the program: every attack found by review is a
// case here, and each must end in a clear error naming the file (issue 14).
#include "cohorts/cohortstore.h"
#include "cohortutil.h"
#include "governance/users.h"
#include "store/projectdb.h"
#include "testutil.h"

#include <QProcess>
#include <QTest>
#include <cstring>
#include <functional>

using namespace phm::core;
using phm::test::findUser;
using phm::test::readAuditLog;
using phm::test::removeUser;
using phm::test::setUser;

namespace {
constexpr int64_t kApplicationIdPhmw = 0x50484D57;
}

class TestHostileProject : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    QString mPath;
    int mCopies = 0;

    QString copy() {
        const QString c = mDir.filePath(QStringLiteral("copy%1.phm").arg(++mCopies));
        if (!QFile::copy(mPath, c)) qFatal("copy failed");
        return c;
    }
    // Edits a copy behind the workbench's back, as an attacker with sqlite3 would.
    static void sql(const QString &path, const QString &statements) {
        auto db = ProjectDb::open(path, true);
        if (!db) qFatal("patch open: %s", qPrintable(db.error().message));
        if (auto s = db.value()->exec(statements); !s) qFatal("patch failed: %s", qPrintable(s.error().message));
    }
    // Rewrites one column block's bytes (and optionally its row count).
    static void patchBlock(const QString &path, const QString &name, const std::function<void(QByteArray &)> &edit,
                           std::optional<int64_t> rows = std::nullopt) {
        auto db = ProjectDb::open(path, true);
        if (!db) qFatal("patch open: %s", qPrintable(db.error().message));
        Statement read(*db.value(), QStringLiteral("SELECT data, rows FROM column_block WHERE name = ?"));
        read.bindText(1, name);
        if (!read.step()) qFatal("no block %s", qPrintable(name));
        QByteArray bytes(static_cast<const char *>(read.columnBlob(0)), read.columnBytes(0));
        const int64_t oldRows = read.columnInt(1);
        read.reset();
        edit(bytes);
        Statement write(*db.value(), QStringLiteral("UPDATE column_block SET data = ?, rows = ? WHERE name = ?"));
        write.bindBlob(1, bytes.constData(), size_t(bytes.size()));
        write.bind(2, rows.value_or(oldRows));
        write.bindText(3, name);
        if (!write.stepDone()) qFatal("patch write failed");
    }
    template <class T>
    static void setElement(QByteArray &b, size_t i, T v) {
        QVERIFY(b.size() >= qsizetype((i + 1) * sizeof(T)));
        std::memcpy(b.data() + i * sizeof(T), &v, sizeof(T));
    }
    static Error openError(const QString &path) {
        Feedback fb;
        auto r = openProject(path, fb);
        if (r) return Error{ErrorCode::Opened, QStringLiteral("opened"), {}};
        return r.error();
    }
    static Error saveError(const QString &path) {
        auto r = phm::test::Cohorts{path}.save(QStringLiteral("C"), QStringLiteral("carer"), QStringLiteral("ann"), {}, 1);
        if (r) return Error{ErrorCode::Saved, QStringLiteral("saved"), {}};
        return r.error();
    }
    static void expectNotAProject(const QString &path) {
        const QByteArray before = phm::test::fileHash(path);
        for (const Error &e : {openError(path), saveError(path)}) {
            QCOMPARE(errorCodeName(e.code), QStringLiteral("not_a_project"));
            QCOMPARE(e.message, QStringLiteral("%1: this is not a PHM Workbench project").arg(path));
        }
        auto user = findUser(path, QStringLiteral("ann"));
        QVERIFY(!user);
        QCOMPARE(errorCodeName(user.error().code), QStringLiteral("not_a_project"));
        QCOMPARE(phm::test::fileHash(path), before);  // nothing was added to someone else's file
    }
    static void expectDamaged(const QString &path, const QString &what) {
        const Error e = openError(path);
        QVERIFY2(e.code == ErrorCode::CorruptProject, qPrintable(errorCodeName(e.code) + QLatin1Char(' ') + e.message));
        QVERIFY2(e.message.startsWith(QStringLiteral("%1: the project is damaged: ").arg(path)), qPrintable(e.message));
        QVERIFY2(e.message.contains(what), qPrintable(e.message + QStringLiteral(" lacks ") + what));
    }

private slots:
    void initTestCase() {
        phm::test::makeProject(mDir.path(), 300, 5);
        mPath = mDir.filePath(QStringLiteral("project.phm"));
    }

    void aGoodProjectIsStamped() {
        auto db = ProjectDb::open(mPath, false);
        QVERIFY(db);
        Statement st(*db.value(), QStringLiteral("PRAGMA application_id"));
        QVERIFY(st.step());
        QCOMPARE(st.columnInt(0), kApplicationIdPhmw);
        QCOMPARE(errorCodeName(openError(mPath).code), QStringLiteral("opened"));
    }

    void textEmptyAndForeignFilesAreNotProjects() {
        const QString text = mDir.filePath(QStringLiteral("notes.phm")), empty = mDir.filePath(QStringLiteral("empty.phm"));
        phm::test::writeFile(text, QByteArray("person_id,sex\nP1,F\n").repeated(400));
        phm::test::writeFile(empty, {});
        expectNotAProject(text);
        expectNotAProject(empty);
        // Another program's SQLite database, and one that says it belongs to another program.
        const QString foreign = mDir.filePath(QStringLiteral("foreign.db")), otherApp = copy();
        QVERIFY(ProjectDb::create(foreign).value()->exec(QStringLiteral("CREATE TABLE t(x); INSERT INTO t VALUES (1)")));
        sql(otherApp, QStringLiteral("PRAGMA application_id = 42"));
        expectNotAProject(foreign);
        expectNotAProject(otherApp);
        QVERIFY(!ProjectDb::open(mDir.filePath(QStringLiteral("absent.phm")), true));  // opening never creates
        QVERIFY(!QFile::exists(mDir.filePath(QStringLiteral("absent.phm"))));
        QVERIFY(!ProjectDb::open(mDir.path(), false));  // a folder
    }

    void anOldProjectIsKnownByItsMetaKeys() {
        const QString old = copy();
        sql(old, QStringLiteral("PRAGMA application_id = 0"));
        QCOMPARE(errorCodeName(openError(old).code), QStringLiteral("opened"));
        QCOMPARE(errorCodeName(saveError(old).code), QStringLiteral("saved"));
        auto db = ProjectDb::open(old, false);
        Statement st(*db.value(), QStringLiteral("PRAGMA application_id"));
        QVERIFY(st.step());
        QCOMPARE(st.columnInt(0), kApplicationIdPhmw);  // stamped when written
        // Without the meta keys, an unstamped file is someone else's.
        const QString stripped = copy();
        sql(stripped, QStringLiteral("PRAGMA application_id = 0; DELETE FROM meta"));
        expectNotAProject(stripped);
    }

    void badSchemaVersionsAreRefused() {
        for (int version : {-1, 0, -2147483647}) {
            const QString c = copy();
            sql(c, QStringLiteral("PRAGMA user_version = %1").arg(version));
            for (const Error &e : {openError(c), saveError(c)}) {
                QVERIFY2(e.code == ErrorCode::CorruptProject, qPrintable(e.message));
                QCOMPARE(
                    e.message,
                    QStringLiteral("%1: the project is damaged: schema version %2 is not one PHM Workbench writes").arg(c).arg(version));
            }
        }
        const QString newer = copy();
        sql(newer, QStringLiteral("PRAGMA user_version = 99"));
        QCOMPARE(errorCodeName(openError(newer).code), QStringLiteral("newer_schema"));
        QCOMPARE(errorCodeName(saveError(newer).code), QStringLiteral("newer_schema"));
    }

    void truncatedProjectsAreDamaged() {
        const QByteArray bytes = phm::test::readFile(mPath);
        for (qsizetype keep : {qsizetype(16), qsizetype(100), qsizetype(4096), bytes.size() / 3, bytes.size() - 4096}) {
            const QString c = mDir.filePath(QStringLiteral("cut%1.phm").arg(keep));
            phm::test::writeFile(c, bytes.left(keep));
            for (const Error &e : {openError(c), saveError(c)}) {
                QVERIFY2(e.code == ErrorCode::CorruptProject || e.code == ErrorCode::NotAProject,
                         qPrintable(errorCodeName(e.code) + QLatin1Char(' ') + e.message));
                QVERIFY2(e.message.startsWith(c + QStringLiteral(": ")), qPrintable(e.message));
            }
        }
    }

    void aLockedProjectGivesAClearError() {
        const QString c = copy();
        auto locker = ProjectDb::open(c, true);
        QVERIFY(locker);
        QVERIFY(locker.value()->exec(QStringLiteral("BEGIN IMMEDIATE; INSERT INTO meta VALUES ('x', 'y')")));  // a writer
        QCOMPARE(errorCodeName(openError(c).code), QStringLiteral("opened"));                                  // readers go on
        const Error write = saveError(c);
        QCOMPARE(errorCodeName(write.code), QStringLiteral("locked"));
        QVERIFY2(write.message.startsWith(QStringLiteral("%1: the project is locked by another program").arg(c)),
                 qPrintable(write.message));
        QVERIFY(locker.value()->exec(QStringLiteral("COMMIT; BEGIN EXCLUSIVE")));  // nobody may read now
        const Error read = openError(c);
        QCOMPARE(errorCodeName(read.code), QStringLiteral("locked"));
        QCOMPARE(errorCodeName(saveError(c).code), QStringLiteral("locked"));
        QVERIFY(locker.value()->exec(QStringLiteral("ROLLBACK")));
        QCOMPARE(errorCodeName(saveError(c).code), QStringLiteral("saved"));
    }

    void patchedColumnBlocksAreDamaged_data() {
        QTest::addColumn<int>("attack");
        QTest::addColumn<QString>("what");
        const std::vector<std::pair<const char *, const char *>> rows = {
            {"negative row count", "person.sex"},
            {"row count beyond the data", "person.sex"},
            {"huge row count", "event.gp.date"},
            {"missing block", "person.lsoa: missing"},
            {"short block", "person.practice"},
            {"block stored as text", "event.ae.cost"},
            {"id offsets past the id bytes", "person.id_offsets"},
            {"event offsets go backwards", "event.gp.offsets"},
            {"event offsets past the rows", "event.apc.offsets"},
            {"code beyond the dictionary", "event.gp.code"},
            {"dictionary emptied", "event.gp.code"},
            {"lsoa beyond the geography", "person.lsoa"},
            {"practice beyond the geography", "person.practice"},
            {"sex out of range", "person.sex"},
            {"ethnicity out of range", "person.ethnicity"},
            {"attribute out of range", "event.apc.attr1"},
            {"date out of range", "event.gp.date"},
            {"birth month out of range", "person.birth_ym"},
            {"infinite cost", "event.apc.cost"},
            {"events out of date order", "event.gp.date"},
            {"flag bitset short", "person.flag.carer"},
            {"no practices", "person.practice"},
            {"deprivation decile out of range", "lsoa"},
            {"extract end not a date", "extract_end"},
            {"extract end missing", "extract_end"},
            {"import report not JSON", "import_report"},
        };
        for (size_t i = 0; i < rows.size(); ++i) QTest::newRow(rows[i].first) << int(i) << QString::fromLatin1(rows[i].second);
    }
    void patchedColumnBlocksAreDamaged() {
        QFETCH(int, attack);
        QFETCH(QString, what);
        const QString c = copy();
        Feedback fb;
        auto opened = openProject(mPath, fb);
        QVERIFY(opened);
        const Project &p = *opened.value();
        const EventTable &gp = p.eventTable(Dataset::Gp);
        int32_t busy = 0;  // a person with at least two GP events on different days
        while (busy < p.persons.count && (gp.offsets[size_t(busy) + 1] - gp.offsets[size_t(busy)] < 2 ||
                                          gp.date[gp.offsets[size_t(busy)]] == gp.date[gp.offsets[size_t(busy) + 1] - 1]))
            ++busy;
        QVERIFY(busy < p.persons.count);
        const auto nothing = [](QByteArray &) {};
        switch (attack) {
            case 0:
                patchBlock(c, QStringLiteral("person.sex"), nothing, -5);
                break;
            case 1:
                patchBlock(c, QStringLiteral("person.sex"), nothing, p.persons.count + 1);
                break;
            case 2:
                patchBlock(c, QStringLiteral("event.gp.date"), nothing, int64_t(1) << 40);
                break;
            case 3:
                sql(c, QStringLiteral("DELETE FROM column_block WHERE name = 'person.lsoa'"));
                break;
            case 4:
                patchBlock(
                    c, QStringLiteral("person.practice"), [](QByteArray &b) { b.chop(2); }, p.persons.count - 1);
                break;
            case 5:
                sql(c, QStringLiteral("UPDATE column_block SET data = 'not numbers' WHERE name = 'event.ae.cost'"));
                break;
            case 6:
                patchBlock(c, QStringLiteral("person.id_offsets"), [&](QByteArray &b) { setElement(b, 3, uint32_t(1) << 30); });
                break;
            case 7:
                patchBlock(c, QStringLiteral("event.gp.offsets"), [&](QByteArray &b) { setElement(b, 5, uint32_t(0)); });
                break;
            case 8:
                patchBlock(c, QStringLiteral("event.apc.offsets"),
                           [&](QByteArray &b) { setElement(b, size_t(p.persons.count), uint32_t(1) << 31); });
                break;
            case 9:
                patchBlock(c, QStringLiteral("event.gp.code"), [&](QByteArray &b) { setElement(b, 7, uint32_t(0xFFFFFF)); });
                break;
            case 10:
                patchBlock(
                    c, QStringLiteral("event.gp.codes"), [](QByteArray &b) { b.clear(); }, 0);
                break;
            case 11:
                patchBlock(c, QStringLiteral("person.lsoa"), [&](QByteArray &b) { setElement(b, 2, uint16_t(60000)); });
                break;
            case 12:
                patchBlock(c, QStringLiteral("person.practice"), [&](QByteArray &b) { setElement(b, 2, uint16_t(9999)); });
                break;
            case 13:
                patchBlock(c, QStringLiteral("person.sex"), [&](QByteArray &b) { setElement(b, 1, uint8_t(200)); });
                break;
            case 14:
                patchBlock(c, QStringLiteral("person.ethnicity"), [&](QByteArray &b) { setElement(b, 1, uint8_t(250)); });
                break;
            case 15:
                patchBlock(c, QStringLiteral("event.apc.attr1"), [&](QByteArray &b) { setElement(b, 0, uint8_t(255)); });
                break;
            case 16:
                patchBlock(c, QStringLiteral("event.gp.date"), [&](QByteArray &b) { setElement(b, 0, int32_t(2147483000)); });
                break;
            case 17:
                patchBlock(c, QStringLiteral("person.birth_ym"), [&](QByteArray &b) { setElement(b, 0, int32_t(-2147483000)); });
                break;
            case 18:
                patchBlock(c, QStringLiteral("event.apc.cost"), [&](QByteArray &b) { setElement(b, 0, float(INFINITY)); });
                break;
            case 19:
                patchBlock(c, QStringLiteral("event.gp.date"),
                           [&](QByteArray &b) { setElement(b, gp.offsets[size_t(busy)], gp.date[gp.offsets[size_t(busy) + 1] - 1] + 1); });
                break;
            case 20:
                patchBlock(c, QStringLiteral("person.flag.carer"), [](QByteArray &b) { b.chop(8); });
                break;
            case 21:
                sql(c, QStringLiteral("DELETE FROM practice"));
                break;
            case 22:
                sql(c, QStringLiteral("UPDATE lsoa SET imd_decile = 99 WHERE idx = 3"));
                break;
            case 23:
                sql(c, QStringLiteral("UPDATE meta SET value = 'soon' WHERE key = 'extract_end'"));
                break;
            case 24:
                sql(c, QStringLiteral("DELETE FROM meta WHERE key = 'extract_end'"));
                break;
            case 25:
                sql(c, QStringLiteral("UPDATE meta SET value = '{\"persons\": ' WHERE key = 'import_report'"));
                break;
            default:
                QFAIL("no such attack");
        }
        expectDamaged(c, what);
    }

    void phmInfoReportsDamageAndDoesNotCrash() {
        const QString c = copy();
        patchBlock(
            c, QStringLiteral("person.sex"), [](QByteArray &) {}, -5);
        for (const QStringList &args : {QStringList{QStringLiteral("info"), QStringLiteral("--project"), c},
                                        QStringList{QStringLiteral("users"), QStringLiteral("list"), QStringLiteral("--project"), c}}) {
            QProcess phm;
            phm.start(QStringLiteral(PHM_CLI), args);
            QVERIFY(phm.waitForFinished(60000));
            QCOMPARE(phm.exitStatus(), QProcess::NormalExit);
            if (args.first() == QStringLiteral("info")) {
                QCOMPARE(phm.exitCode(), 1);
                QVERIFY2(phm.readAllStandardError().contains("the project is damaged: column block person.sex"), "no clear error");
            }
        }
        const QString text = mDir.filePath(QStringLiteral("cli.txt"));
        phm::test::writeFile(text, "hello\n");
        QProcess phm;
        phm.start(QStringLiteral(PHM_CLI),
                  {QStringLiteral("users"), QStringLiteral("set"), QStringLiteral("--project"), text, QStringLiteral("--name"),
                   QStringLiteral("bob"), QStringLiteral("--role"), QStringLiteral("analyst")});
        QVERIFY(phm.waitForFinished(60000));
        QCOMPARE(phm.exitStatus(), QProcess::NormalExit);
        QVERIFY(phm.exitCode() != 0);
        QVERIFY(phm.readAllStandardError().contains("this is not a PHM Workbench project"));
        QCOMPARE(phm::test::readFile(text), QByteArray("hello\n"));
    }
};

QTEST_GUILESS_MAIN(TestHostileProject)
#include "tst_hostileproject.moc"
