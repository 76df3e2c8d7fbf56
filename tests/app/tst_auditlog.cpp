// The audit trail cannot be rewritten or silently lost (issue 14): verify fails loudly on what it
// cannot read, the head is anchored in a journal outside the project file, writers are serialised
// with imports, and no identifier is stored in an entry.
#include "cohorts/cohortstore.h"
#include "cohortutil.h"
#include "governance/audit.h"
#include "governance/auditjournal.h"
#include "governance/identifiers.h"
#include "store/projectdb.h"
#include "store/projectlock.h"
#include "testutil.h"

#include <sys/stat.h>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QThread>

using namespace phm::core;

class TestAuditLog : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    QString mExtract, mPath;

    struct Run {
        int exit = -1;
        QByteArray out, err;
    };
    Run run(const QStringList &args) {
        QProcess p;
        p.start(QStringLiteral(PHM_CLI), args);
        Run r;
        if (!p.waitForFinished(300000)) return r;
        r.exit = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    }
    Run verifyCli(const QString &project, const QStringList &more = {}) {
        return run(QStringList{QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--project"), project} + more);
    }
    QString copyOf(const QString &name, bool withJournal) {
        const QString copy = mDir.filePath(name);
        QFile::remove(copy);
        QFile::remove(audit::journalPath(copy));
        if (!QFile::copy(mPath, copy)) qFatal("copy failed");
        if (withJournal && !QFile::copy(audit::journalPath(mPath), audit::journalPath(copy))) qFatal("journal copy failed");
        return copy;
    }
    void tamper(const QString &path, const QString &sql) {
        auto opened = ProjectDb::open(path, true);
        if (!opened) qFatal("open failed");
        if (!opened.value()->exec(QStringLiteral("DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS "
                                                 "audit_log_no_delete; ") +
                                  sql))
            qFatal("tamper failed: %s", qPrintable(sql));
    }
    std::vector<audit::Entry> entriesOf(const QString &path) {
        auto opened = ProjectDb::open(path, false);
        if (!opened) qFatal("open failed");
        auto all = audit::entries(*opened.value());
        if (!all) qFatal("entries failed");
        return all.value();
    }
    // Rewrites the chain consistently from entry `from` on (hashes and head recomputed), as someone
    // who can write the project file and knows the format would.
    void rechain(const QString &path, qint64 from, const QString &newUser) {
        tamper(path, QStringLiteral("UPDATE audit_log SET user = '%1' WHERE seq = %2").arg(newUser).arg(from));
        std::vector<audit::Entry> all = entriesOf(path);
        auto opened = ProjectDb::open(path, true);
        ProjectDb &db = *opened.value();
        for (size_t i = size_t(from - 1); i < all.size(); ++i) {
            all[i].prevHash = i == 0 ? QString(64, QLatin1Char('0')) : all[i - 1].hash;
            all[i].hash = audit::entryHash(all[i]);
            QVERIFY(db.exec(QStringLiteral("UPDATE audit_log SET prev_hash = '%1', hash = '%2' WHERE seq = %3")
                                .arg(all[i].prevHash, all[i].hash)
                                .arg(all[i].seq)));
        }
        QVERIFY(db.setMeta(QStringLiteral("audit.head"), QStringLiteral("%1 %2").arg(all.back().seq).arg(all.back().hash)));
    }
    audit::Verification verifyOk(const QString &path, const audit::VerifyOptions &options = {}) {
        auto v = audit::verifyProject(path, options);
        if (!v) qFatal("verify could not read %s: %s", qPrintable(path), qPrintable(v.error().message));
        return v.value();
    }

private slots:
    void initTestCase() {
        qputenv("PHM_USER", "ada");
        mExtract = phm::test::makeExtract(mDir.filePath(QStringLiteral("x")), 3000, 5);
        mPath = mDir.filePath(QStringLiteral("p.phm"));
        const Run r = run({QStringLiteral("import"), QStringLiteral("--from"), mExtract, QStringLiteral("--project"), mPath});
        QVERIFY2(r.exit == 0, r.err.constData());
    }

    // 4. One identifier check for every free-text field.
    void identifiersAreFound_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("redacted");
        const QString r = QStringLiteral("[redacted]");
        QTest::newRow("nhs spaced") << "call 943 476 5919 today"
                                    << "call " + r + " today";
        QTest::newRow("nhs hyphens") << "ref 943-476-5919."
                                     << "ref " + r + ".";
        QTest::newRow("nhs plain") << "9434765919 seen" << r + " seen";
        QTest::newRow("ten digits, bad check digit") << "id 1234567890"
                                                     << "id " + r;
        QTest::newRow("dd/mm/yyyy") << "born 03/04/1950, frail"
                                    << "born " + r + ", frail";
        QTest::newRow("d.m.yy") << "seen 3.4.50 in clinic"
                                << "seen " + r + " in clinic";
        QTest::newRow("yyyy-mm-dd") << "dob 1950-04-03"
                                    << "dob " + r;
        QTest::newRow("d Month yyyy") << "born 3 April 1950 at home"
                                      << "born " + r + " at home";
        QTest::newRow("Month d, yyyy") << "since April 3, 1950"
                                       << "since " + r;
        QTest::newRow("postcode") << "lives at LU1 2AB now"
                                  << "lives at " + r + " now";
        QTest::newRow("postcode lower, no space") << "mk93xs" << r;
        QTest::newRow("known name") << "review for Mrs Okonkwo-Baptiste please"
                                    << "review for Mrs " + r + " please";
        QTest::newRow("known name, other case") << "OKONKWO-BAPTISTE asked" << r + " asked";
    }
    void identifiersAreFound() {
        QFETCH(QString, text);
        QFETCH(QString, redacted);
        const QStringList names{QStringLiteral("Okonkwo-Baptiste"), QStringLiteral("Ann")};
        QVERIFY2(containsIdentifier(text, names), qPrintable(text));
        QCOMPARE(redactIdentifiers(text, names), redacted);
    }
    void ordinaryTextIsKept_data() {
        QTest::addColumn<QString>("text");
        QTest::newRow("policy") << "Counts of 1 to 7 suppressed, other counts rounded to the nearest 5";
        QTest::newRow("codes") << "practice E81001, LSOA E01017504, ICS E54000024, pcn U12345";
        QTest::newRow("rule") << "age >= 65 and efi_category = 'severe' and ltc_count >= 2";
        QTest::newRow("file") << "ids-2024.csv, Luton-E38000102.pdf";
        QTest::newRow("names not known") << "review in Annual clinic";
        QTest::newRow("counts") << "123456789 rows, 12345 persons";
    }
    void ordinaryTextIsKept() {
        QFETCH(QString, text);
        QVERIFY2(!containsIdentifier(text, {QStringLiteral("Ann")}), qPrintable(text));
        QCOMPARE(redactIdentifiers(text, {QStringLiteral("Ann")}), text);
    }

    void auditEntriesAreStoredRedacted() {
        // Defence in depth: every string of an entry's detail, however it got there, is checked.
        const QJsonObject detail{{QStringLiteral("note"), QStringLiteral("call 943 476 5919 at LU1 2AB")},
                                 {QStringLiteral("files"), QJsonArray{QStringLiteral("ok.csv"), QStringLiteral("born 1950-04-03.csv")}},
                                 {QStringLiteral("count"), 12},
                                 {QStringLiteral("clean"), QStringLiteral("frailty review")}};
        QVERIFY(audit::record(mPath, QStringLiteral("ada"), QStringLiteral("admin"), QStringLiteral("test-redaction"), detail));
        const audit::Entry e = entriesOf(mPath).back();
        QCOMPARE(e.action, QStringLiteral("test-redaction"));
        QCOMPARE(e.detail.value(QStringLiteral("note")).toString(), QStringLiteral("call [redacted] at [redacted]"));
        QCOMPARE(e.detail.value(QStringLiteral("files")).toArray().at(1).toString(), QStringLiteral("born [redacted].csv"));
        QCOMPARE(e.detail.value(QStringLiteral("clean")).toString(), QStringLiteral("frailty review"));
        QCOMPARE(e.detail.value(QStringLiteral("count")).toInt(), 12);
        QCOMPARE(e.detail.value(QStringLiteral("redacted")).toBool(), true);
        QVERIFY(!QJsonDocument(e.detail).toJson().contains("5919"));
        QVERIFY(!phm::test::readFile(mPath).contains("943 476 5919"));
        QVERIFY(verifyOk(mPath).ok);
        // An entry with nothing to redact carries no mark.
        QVERIFY(audit::record(mPath, QStringLiteral("ada"), QStringLiteral("admin"), QStringLiteral("test-clean"),
                              QJsonObject{{QStringLiteral("note"), QStringLiteral("frailty review")}}));
        QVERIFY(!entriesOf(mPath).back().detail.contains(QStringLiteral("redacted")));
    }

    // 1. Verify fails loudly on anything it cannot read.
    void verifyRefusesWhatItCannotRead() {
        const QString folder = mDir.filePath(QStringLiteral("folder.phm"));
        QVERIFY(QDir().mkpath(folder));
        const QString text = mDir.filePath(QStringLiteral("text.phm"));
        phm::test::writeFile(text, "this is not a database\n");
        const QString empty = mDir.filePath(QStringLiteral("empty.phm"));
        phm::test::writeFile(empty, "");
        const QString foreign = mDir.filePath(QStringLiteral("foreign.phm"));
        {
            auto db = ProjectDb::create(foreign);
            QVERIFY(db.value()->exec(QStringLiteral("CREATE TABLE t(x); INSERT INTO t VALUES (1)")));
        }
        const QString noTable = copyOf(QStringLiteral("notable.phm"), false);
        tamper(noTable, QStringLiteral("DROP TABLE audit_log"));
        const QString noHead = copyOf(QStringLiteral("nohead.phm"), false);
        tamper(noHead, QStringLiteral("DELETE FROM meta WHERE key = 'audit.head'"));
        const QString bare = mDir.filePath(QStringLiteral("bare.phm"));  // our schema, never imported, no entry
        {
            auto db = ProjectDb::create(bare);
            QVERIFY(db.value()->migrate());
            QVERIFY(db.value()->exec(QStringLiteral("PRAGMA application_id = 1346915671")));
        }
        const struct {
            QString path;
            const char *why;
        } cases[] = {{mDir.filePath(QStringLiteral("missing.phm")), "no file"},
                     {folder, "folder"},
                     {text, "not a PHM Workbench project"},
                     {empty, "not a PHM Workbench project"},
                     {foreign, "not a PHM Workbench project"},
                     {noTable, "no audit log"},
                     {noHead, "head"},
                     {bare, "no entries"}};
        for (const auto &c : cases) {
            auto v = audit::verifyProject(c.path, {});
            QVERIFY2(!v, qPrintable(c.path));
            QVERIFY2(v.error().message.contains(QLatin1String(c.why)), qPrintable(v.error().message));
            const Run r = verifyCli(c.path);
            QVERIFY2(r.exit == 2, qPrintable(QStringLiteral("%1: exit %2 %3").arg(c.path).arg(r.exit).arg(QString::fromUtf8(r.err))));
            QVERIFY2(r.err.contains("cannot verify: "), r.err.constData());
            QVERIFY(!r.out.contains("intact"));
            const Run j = verifyCli(c.path, {QStringLiteral("--json")});
            QCOMPARE(j.exit, 2);
            const QJsonObject o = QJsonDocument::fromJson(j.out).object();
            QCOMPARE(o.value(QStringLiteral("ok")).toBool(true), false);
            QCOMPARE(o.value(QStringLiteral("status")).toString(), QStringLiteral("cannot_verify"));
            QVERIFY(o.value(QStringLiteral("problem")).toString().contains(QLatin1String(c.why)));
        }
        // A project another process holds locked is not read as empty.
        const QString locked = copyOf(QStringLiteral("locked.phm"), true);
        auto holder = ProjectDb::open(locked, true);
        QVERIFY(holder.value()->exec(QStringLiteral("BEGIN EXCLUSIVE")));
        const Run r = verifyCli(locked);
        QCOMPARE(r.exit, 2);
        QVERIFY2(r.err.contains("cannot verify: ") && r.err.contains("locked"), r.err.constData());
        QVERIFY(holder.value()->exec(QStringLiteral("ROLLBACK")));
        holder.value().reset();
        QCOMPARE(verifyCli(locked).exit, 0);
        // An emptied log in an imported project is a broken chain (exit 1), not "0 entries".
        const QString emptied = copyOf(QStringLiteral("emptied.phm"), false);
        tamper(emptied, QStringLiteral("DELETE FROM audit_log; DELETE FROM meta WHERE key = 'audit.head'"));
        const Run e = verifyCli(emptied, {QStringLiteral("--json")});
        QCOMPARE(e.exit, 1);
        const QJsonObject o = QJsonDocument::fromJson(e.out).object();
        QCOMPARE(o.value(QStringLiteral("status")).toString(), QStringLiteral("broken"));
        QCOMPARE(o.value(QStringLiteral("first_bad")).toInt(), 1);
        QVERIFY(o.value(QStringLiteral("problem")).toString().startsWith(QStringLiteral("entry 1 is missing")));
    }

    // 2. The head is anchored in a journal beside the project.
    void everyAppendIsJournalled() {
        const QString journal = audit::journalPath(mPath);
        QVERIFY(QFileInfo::exists(journal));
        struct stat st {};
        QCOMPARE(::stat(QFile::encodeName(journal).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 0777), 0600);
        const std::vector<audit::Entry> all = entriesOf(mPath);
        const QList<QByteArray> lines = phm::test::readFile(journal).trimmed().split('\n');
        QCOMPARE(qsizetype(lines.size()), qsizetype(all.size()));  // the import entry and every append since
        for (size_t i = 0; i < all.size(); ++i) {
            const QList<QByteArray> f = lines[qsizetype(i)].split(' ');
            QCOMPARE(f.value(0).toLongLong(), all[i].seq);
            QCOMPARE(QString::fromLatin1(f.value(1)), all[i].hash);
        }
        const audit::Verification v = verifyOk(mPath);
        QVERIFY(v.ok);
        QVERIFY(v.anchored);
        QCOMPARE(v.anchoredSeq, all.back().seq);
        const Run r = verifyCli(mPath, {QStringLiteral("--json")});
        QCOMPARE(r.exit, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        for (const char *key : {"ok", "entries", "first_bad", "problem"}) QVERIFY2(o.contains(QLatin1String(key)), key);
        QCOMPARE(o.value(QStringLiteral("anchored")).toBool(), true);
        QCOMPARE(o.value(QStringLiteral("status")).toString(), QStringLiteral("intact"));
        QCOMPARE(o.value(QStringLiteral("head")).toString(), QStringLiteral("%1:%2").arg(all.back().seq).arg(all.back().hash));
    }

    void aRewrittenChainShowsAgainstTheJournal() {
        const qint64 n = qint64(entriesOf(mPath).size());
        QVERIFY(n >= 3);
        // Rewritten consistently from entry 2 on, head included: the chain alone looks intact...
        const QString alone = copyOf(QStringLiteral("rewritten-alone.phm"), false);
        rechain(alone, 2, QStringLiteral("mallory"));
        audit::Verification v = verifyOk(alone);
        QVERIFY(v.ok);
        QVERIFY(!v.anchored);  // ...but it is not said to be anchored
        Run r = verifyCli(alone, {QStringLiteral("--json")});
        QCOMPARE(r.exit, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value(QStringLiteral("anchored")).toBool(true), false);
        r = verifyCli(alone);
        QVERIFY2(r.out.contains("no audit journal"), r.out.constData());
        // ...and with its journal the rewrite is found at the entry it starts from.
        const QString rewritten = copyOf(QStringLiteral("rewritten.phm"), true);
        rechain(rewritten, 2, QStringLiteral("mallory"));
        v = verifyOk(rewritten);
        QVERIFY(!v.ok);
        QCOMPARE(v.firstBad, qint64(2));
        QVERIFY2(v.problem.startsWith(QStringLiteral("entry 2 ")) && v.problem.contains(QStringLiteral("journal")), qPrintable(v.problem));
        r = verifyCli(rewritten);
        QCOMPARE(r.exit, 1);
        QVERIFY(r.err.contains("entry 2 "));
        // Newest entries removed and the head rewritten to match: the journal still has them.
        const QString truncated = copyOf(QStringLiteral("truncated.phm"), true);
        const std::vector<audit::Entry> all = entriesOf(mPath);
        tamper(truncated, QStringLiteral("DELETE FROM audit_log WHERE seq > %1; INSERT OR REPLACE INTO meta VALUES ('audit.head', '%1 %2')")
                              .arg(n - 2)
                              .arg(all[size_t(n - 3)].hash));
        v = verifyOk(truncated);
        QVERIFY(!v.ok);
        QCOMPARE(v.firstBad, n - 1);
        QVERIFY2(v.problem.contains(QStringLiteral("missing")), qPrintable(v.problem));
        // A journal that is itself edited is broken, naming the entry of the line.
        const QString badJournal = copyOf(QStringLiteral("badjournal.phm"), true);
        QByteArray bytes = phm::test::readFile(audit::journalPath(badJournal));
        const qsizetype second = bytes.indexOf('\n') + 1;
        const qsizetype hashAt = bytes.indexOf(' ', second) + 1;
        bytes[hashAt] = bytes[hashAt] == 'a' ? 'b' : 'a';
        phm::test::writeFile(audit::journalPath(badJournal), bytes);
        v = verifyOk(badJournal);
        QVERIFY(!v.ok);
        QCOMPARE(v.firstBad, qint64(2));
        QVERIFY2(v.problem.contains(QStringLiteral("journal")), qPrintable(v.problem));
        QCOMPARE(verifyCli(badJournal).exit, 1);
    }

    void aHeadWrittenDownElsewhereIsChecked() {
        const std::vector<audit::Entry> all = entriesOf(mPath);
        const Run h = run({QStringLiteral("audit"), QStringLiteral("head"), QStringLiteral("--project"), mPath});
        QCOMPARE(h.exit, 0);
        const QString head = QString::fromUtf8(h.out).trimmed();
        QCOMPARE(head, QStringLiteral("%1:%2").arg(all.back().seq).arg(all.back().hash));
        QCOMPARE(verifyCli(mPath, {QStringLiteral("--head"), head}).exit, 0);
        const QString older = QStringLiteral("%1:%2").arg(all[1].seq).arg(all[1].hash);
        QCOMPARE(verifyCli(mPath, {QStringLiteral("--head"), older}).exit, 0);  // an earlier head still holds
        const Run wrong = verifyCli(mPath, {QStringLiteral("--head"), QStringLiteral("2:%1").arg(QString(64, QLatin1Char('c')))});
        QCOMPARE(wrong.exit, 1);
        QVERIFY2(wrong.err.contains("entry 2 "), wrong.err.constData());
        // A rewritten copy, even with the journal gone, does not match the head from the ticket.
        const QString alone = copyOf(QStringLiteral("rewritten-head.phm"), false);
        rechain(alone, 1, QStringLiteral("mallory"));
        const Run rewritten = verifyCli(alone, {QStringLiteral("--head"), head, QStringLiteral("--json")});
        QCOMPARE(rewritten.exit, 1);
        QCOMPARE(QJsonDocument::fromJson(rewritten.out).object().value(QStringLiteral("first_bad")).toInteger(), all.back().seq);
        const Run later =
            verifyCli(mPath, {QStringLiteral("--head"), QStringLiteral("%1:%2").arg(all.back().seq + 5).arg(head.section(':', 1))});
        QCOMPARE(later.exit, 1);
        QVERIFY2(later.err.contains("missing"), later.err.constData());
        QCOMPARE(verifyCli(mPath, {QStringLiteral("--head"), QStringLiteral("nonsense")}).exit, 2);
    }

    void aJournalWithoutItsProjectIsNotTakenOver() {
        // A new project where a journal remains (its project deleted or moved) would never match
        // it: the import refuses, leaving the journal, until it is moved away on purpose.
        const QString q = mDir.filePath(QStringLiteral("q.phm"));
        const QStringList import{QStringLiteral("import"), QStringLiteral("--from"), mExtract, QStringLiteral("--project"), q};
        QCOMPARE(run(import).exit, 0);
        QVERIFY(QFile::remove(q));
        const QByteArray journal = phm::test::readFile(audit::journalPath(q));
        QVERIFY(!journal.isEmpty());
        const Run refused = run(import);
        QCOMPARE(refused.exit, 1);
        QVERIFY2(refused.err.contains("audit journal") && refused.err.contains(QFile::encodeName(audit::journalPath(q))),
                 refused.err.constData());
        QVERIFY(!QFileInfo::exists(q));
        QCOMPARE(phm::test::readFile(audit::journalPath(q)), journal);
        QVERIFY(QFile::rename(audit::journalPath(q), audit::journalPath(q) + QStringLiteral(".old")));
        QCOMPARE(run(import).exit, 0);
        QCOMPARE(verifyCli(q).exit, 0);
    }

    // 3. Writers are serialised with imports.
    void appendsDuringAnImportAreKept() {
        const qint64 before = qint64(entriesOf(mPath).size());
        QProcess import;
        import.start(QStringLiteral(PHM_CLI),
                     {QStringLiteral("import"), QStringLiteral("--from"), mExtract, QStringLiteral("--project"), mPath});
        QVERIFY(import.waitForStarted());
        const QString temp = mPath + QStringLiteral(".importing-%1").arg(import.processId());
        QElapsedTimer t;
        t.start();
        while (!QFileInfo::exists(temp) && import.state() == QProcess::Running && t.elapsed() < 60000) QThread::msleep(5);
        QVERIFY2(QFileInfo::exists(temp), "the import did not start writing");
        // A cohort saved while the import runs waits for it too, and is in the new file.
        QVERIFY(phm::test::Cohorts{mPath}.save(QStringLiteral("during-import"), QStringLiteral("age >= 65"), QStringLiteral("ada"), {}, 0));
        QVERIFY2(import.state() != QProcess::Running || !QFileInfo::exists(temp), "the save did not wait for the import");
        // Appended while the import runs: each waits for it and lands in the new file.
        for (int i = 0; i < 3; ++i)
            QVERIFY(audit::record(mPath, QStringLiteral("ada"), QStringLiteral("admin"), QStringLiteral("during-import"),
                                  QJsonObject{{QStringLiteral("i"), i}}));
        Run info = run({QStringLiteral("info"), QStringLiteral("--project"), mPath, QStringLiteral("--json")});
        QCOMPARE(info.exit, 0);
        QVERIFY(import.waitForFinished(300000));
        QCOMPARE(import.exitCode(), 0);
        QVERIFY(phm::test::Cohorts{mPath}.find(QStringLiteral("during-import")));
        QVERIFY(!QFileInfo::exists(lockPath(mPath)));  // nothing left beside the project
        const std::vector<audit::Entry> all = entriesOf(mPath);
        QCOMPARE(qint64(all.size()), before + 5);  // the import, three appends, one export
        int during = 0, imports = 0;
        for (size_t i = size_t(before); i < all.size(); ++i) {
            during += all[i].action == QStringLiteral("during-import");
            imports += all[i].action == QStringLiteral("import");
        }
        QCOMPARE(during, 3);
        QCOMPARE(imports, 1);
        QCOMPARE(all[size_t(before)].action, QStringLiteral("import"));  // the appends waited for it
        const audit::Verification v = verifyOk(mPath);
        QVERIFY2(v.ok, qPrintable(v.problem));
        QVERIFY(v.anchored);
        QCOMPARE(v.anchoredSeq, all.back().seq);
    }

    void twoImportsAtOnceLoseNothing() {
        const qint64 before = qint64(entriesOf(mPath).size());
        QProcess a, b;
        for (QProcess *p : {&a, &b})
            p->start(QStringLiteral(PHM_CLI),
                     {QStringLiteral("import"), QStringLiteral("--from"), mExtract, QStringLiteral("--project"), mPath});
        QVERIFY(a.waitForFinished(300000) && b.waitForFinished(300000));
        int succeeded = 0;
        for (QProcess *p : {&a, &b}) {
            if (p->exitCode() == 0) {
                ++succeeded;
                continue;
            }
            const QByteArray why = p->readAllStandardError();
            QVERIFY2(why.contains("another import of") && why.contains(QFile::encodeName(mPath)), why.constData());
        }
        QVERIFY(succeeded >= 1);
        const std::vector<audit::Entry> all = entriesOf(mPath);
        QCOMPARE(qint64(all.size()), before + succeeded);
        for (size_t i = size_t(before); i < all.size(); ++i) QCOMPARE(all[i].action, QStringLiteral("import"));
        QVERIFY(verifyOk(mPath).ok);
    }

    void aLockedProjectFailsClearly() {
        // An import refuses at once while another holds the project; an append waits, bounded.
        auto held = ProjectLock::acquire(mPath, QStringLiteral("import"), 0);
        QVERIFY(held);
        const Run second = run({QStringLiteral("import"), QStringLiteral("--from"), mExtract, QStringLiteral("--project"), mPath});
        QCOMPARE(second.exit, 1);
        QVERIFY2(second.err.contains("another import of"), second.err.constData());
        qputenv("PHM_LOCK_WAIT_SECONDS", "1");
        QElapsedTimer t;
        t.start();
        const Run append = run({QStringLiteral("info"), QStringLiteral("--project"), mPath});
        qunsetenv("PHM_LOCK_WAIT_SECONDS");
        QVERIFY(t.elapsed() >= 900);
        QCOMPARE(append.exit, 1);
        QVERIFY2(append.err.contains("waited") && append.err.contains("import"), append.err.constData());
        held.value().reset();
        QCOMPARE(run({QStringLiteral("info"), QStringLiteral("--project"), mPath}).exit, 0);
    }
};

QTEST_GUILESS_MAIN(TestAuditLog)
#include "tst_auditlog.moc"
