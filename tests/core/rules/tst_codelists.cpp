// A project's own code lists: added from a CSV with located errors, usable as @name at once in
// both engines and after reopening, never in place of a bundled list, removed with the saved
// cohorts that name it reported, and read back from an edited project file as hostile input.
#include "cohorts/cohortstore.h"
#include "governance/audit.h"
#include "operations/projectcodelists.h"
#include "rules/ruleengine.h"
#include "rules/ruleparser.h"
#include "rules/rulesql.h"
#include "store/projectdb.h"
#include "testutil.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace phm::core;

class TestCodeLists : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    QString mProject;
    SessionPtr mSession;
    Feedback mFeedback;

    QString csv(const QString &name, const QByteArray &text) {
        const QString path = mDir.filePath(name);
        phm::test::writeFile(path, text);
        return path;
    }
    int64_t count(const QString &rule, bool sql = false) {
        const rules::ParseResult parsed = rules::parseRule(rule, &mSession->codeLists());
        if (!parsed.ok()) qFatal("%s", qPrintable(parsed.error.format(rule)));
        auto r = sql ? rules::evaluateWithSql(mSession->project(), mSession->codeLists(), *parsed.expr)
                     : rules::MemoryEngine(mSession->project(), mSession->codeLists()).evaluate(*parsed.expr);
        if (!r) qFatal("%s", qPrintable(r.error().message));
        return r.value().count();
    }
    void reopen() {
        mSession.reset();
        auto s = Session::open(mProject, mFeedback);
        QVERIFY(s.ok());
        mSession = s.value();
    }

private slots:
    void initTestCase() {
        mProject =
            phm::test::importedProject(mDir.filePath(QStringLiteral("extract")), mDir.filePath(QStringLiteral("project.phm")), 3000, 5);
        reopen();
    }

    void anAddedListIsUsableAtOnceAndAfterReopening() {
        // The bundled diabetes codes under the analyst's own name, with a term column and a
        // duplicate: the same people as @diabetes, in both engines.
        auto codes = mSession->codeLists().codes(QStringLiteral("diabetes"));
        QVERIFY(codes);
        QByteArray text = "term,code\n";
        for (const QString &c : codes.value()) text += "a term," + c.toUtf8() + "\n";
        text += "again," + codes.value().first().toUtf8() + "\n";
        auto added = ops::addCodeList(*mSession, QStringLiteral("my-diabetes"), csv(QStringLiteral("mine.csv"), text));
        QVERIFY2(added, added ? "" : qPrintable(added.error().message));
        QCOMPARE(added.value()[QStringLiteral("codes")].toInteger(), codes.value().size());
        QCOMPARE(added.value()[QStringLiteral("replaced")].toBool(), false);
        const int64_t expected = count(QStringLiteral("has(gp, @diabetes)"));
        QVERIFY(expected > 50);
        QCOMPARE(count(QStringLiteral("has(gp, @my-diabetes)")), expected);
        QCOMPARE(count(QStringLiteral("has(gp, @my-diabetes)"), true), expected);
        {
            auto db = ProjectDb::open(mProject, false);
            const audit::Entry last = audit::entries(*db.value()).value().back();
            QCOMPARE(last.action, QStringLiteral("add-codelist"));
            QCOMPARE(last.detail.value(QStringLiteral("name")).toString(), QStringLiteral("my-diabetes"));
        }
        reopen();
        QCOMPARE(count(QStringLiteral("has(gp, @my-diabetes)")), expected);
        auto listed = ops::codeListsJson(*mSession);
        QVERIFY(listed);
        bool found = false;
        for (const QJsonValue &l : listed.value()[QStringLiteral("lists")].toArray())
            if (l[QStringLiteral("name")].toString() == QLatin1String("my-diabetes")) {
                found = true;
                QCOMPARE(l[QStringLiteral("kind")].toString(), QStringLiteral("project"));
                QCOMPARE(l[QStringLiteral("source")].toString(), QStringLiteral("mine.csv"));
            }
        QVERIFY(found);
        // Replacing it with one code changes what the rule finds, at once.
        auto replaced = ops::addCodeList(*mSession, QStringLiteral("my-diabetes"),
                                         csv(QStringLiteral("one.csv"), "code\n" + codes.value()[0].toUtf8() + "\n"));
        QVERIFY(replaced);
        QVERIFY(replaced.value()[QStringLiteral("replaced")].toBool());
        QVERIFY(count(QStringLiteral("has(gp, @my-diabetes)")) < expected);
    }

    void badFilesAndNamesAreRefusedWithWhereAndWhy() {
        auto error = [&](const QString &name, const QString &path) {
            auto r = ops::addCodeList(*mSession, name, path);
            return r ? QString() : r.error().message;
        };
        QVERIFY(error(QStringLiteral("x1"), csv(QStringLiteral("nocode.csv"), "term\nfoo\n"))
                    .contains(QStringLiteral("line 1, column 1: no `code` column")));
        QVERIFY2(error(QStringLiteral("x1"), csv(QStringLiteral("ctrl.csv"),
                                                 "term,code\na,123\nb,4\x07"
                                                 "5\n"))
                     .contains(QStringLiteral("ctrl.csv: line 3, column 2: the code holds a control character")),
                 qPrintable(error(QStringLiteral("x1"), mDir.filePath(QStringLiteral("ctrl.csv")))));
        QVERIFY(error(QStringLiteral("x1"), csv(QStringLiteral("empty.csv"), "code\n")).contains(QStringLiteral("no codes")));
        QVERIFY(error(QStringLiteral("diabetes"), csv(QStringLiteral("ok.csv"), "code\n123\n")).contains(QStringLiteral("bundled")));
        QVERIFY(error(QStringLiteral("Bad Name"), mDir.filePath(QStringLiteral("ok.csv"))).contains(QStringLiteral("lower-case")));
        QVERIFY(error(QStringLiteral("x1"), mDir.filePath(QStringLiteral("missing.csv"))).contains(QStringLiteral("cannot be read")));
        QVERIFY(!mSession->codeLists().contains(QStringLiteral("x1")));
    }

    void removingReportsTheCohortsThatNameIt() {
        QVERIFY(ops::addCodeList(*mSession, QStringLiteral("falls-local"), csv(QStringLiteral("falls.csv"), "code\n161898004\n")));
        QVERIFY(mSession->saveCohort(QStringLiteral("Fallers"), QStringLiteral("age >= 65 and has(gp, @falls-local)"), QStringLiteral("t"),
                                     {}, 0));
        auto removed = ops::removeCodeList(*mSession, QStringLiteral("falls-local"));
        QVERIFY(removed);
        QCOMPARE(removed.value()[QStringLiteral("used_by")].toArray(), QJsonArray{QStringLiteral("Fallers")});
        // The rule now names a list there is not: a located error, not an empty cohort.
        const rules::ParseResult parsed = rules::parseRule(QStringLiteral("age >= 65 and has(gp, @falls-local)"), &mSession->codeLists());
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error.format(QStringLiteral("age >= 65 and has(gp, @falls-local)")).contains(QStringLiteral("column")),
                 qPrintable(parsed.error.message));
        QVERIFY(!ops::removeCodeList(*mSession, QStringLiteral("falls-local")));
        QVERIFY(!ops::removeCodeList(*mSession, QStringLiteral("diabetes")));
    }

    void anEditedProjectFileIsReadAsHostile() {
        {
            auto db = ProjectDb::open(mProject, true);
            QVERIFY(db.value()->exec(QStringLiteral(
                "INSERT INTO codelist VALUES ('ctrl', '123' || char(10) || 'a' || char(7), 'x.csv', '2026-01-01T00:00:00Z', 'someone'), "
                "('diabetes', '1', 'x.csv', '2026-01-01T00:00:00Z', 'someone'), "
                "('huge', zeroblob(5000000), 'x.csv', '2026-01-01T00:00:00Z', 'someone'), "
                "('Not A Name', '1', 'x.csv', '2026-01-01T00:00:00Z', 'someone')")));
        }
        reopen();
        const std::vector<rules::DamagedCodeList> damaged = mSession->damagedCodeLists();
        QCOMPARE(damaged.size(), size_t(4));
        QStringList reasons;
        for (const auto &d : damaged) reasons << d.reason;
        const QString all = reasons.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QStringLiteral("control character")) && all.contains(QStringLiteral("bundled")) &&
                     all.contains(QStringLiteral("larger than 4 MB")) && all.contains(QStringLiteral("lower-case")),
                 qPrintable(all));
        // The bundled list is untouched, and the good list still reads.
        auto diabetes = mSession->codeLists().codes(QStringLiteral("diabetes"));
        QVERIFY(diabetes && diabetes.value().size() > 1);
        QVERIFY(mSession->codeLists().contains(QStringLiteral("my-diabetes")));
        QVERIFY(!mSession->codeLists().contains(QStringLiteral("ctrl")));
    }
};

QTEST_GUILESS_MAIN(TestCodeLists)
#include "tst_codelists.moc"
