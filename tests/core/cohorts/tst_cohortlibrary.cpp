// The cohort library's edits through the session: rename (refused when the name is taken or
// another cohort's rule uses it), a description kept beside the versions, delete; each audited
// and announced with cohortsChanged. Also an export recorded through the session.
#include "cohorts/cohortstore.h"
#include "governance/audit.h"
#include "governance/tableexport.h"
#include "import/importer.h"
#include "session/session.h"
#include "store/projectdb.h"
#include "testutil.h"

#include <QSignalSpy>
#include <QTest>

using namespace phm::core;

class TestCohortLibrary : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    QString mPath;
    SessionPtr mSession;

    // The newest audit entry's action and detail.
    audit::Entry lastEntry() {
        auto db = ProjectDb::open(mPath, false);
        auto all = audit::entries(*db.value());
        return all.value().back();
    }
    const SavedCohort *find(const std::vector<SavedCohort> &all, const QString &name) {
        for (const SavedCohort &c : all)
            if (c.name == name) return &c;
        return nullptr;
    }

private slots:
    void initTestCase() {
        const QString x = phm::test::makeExtract(mDir.filePath(QStringLiteral("x")), 300, 3, 0.0);
        mPath = mDir.filePath(QStringLiteral("p.phm"));
        Feedback fb;
        QVERIFY(importExtract(x, mPath, fb));
        SessionOptions options;
        options.loadData = false;
        auto s = Session::open(mPath, fb, options);
        QVERIFY(s);
        mSession = s.value();
    }

    void renameKeepsVersionsAndDescription() {
        QVERIFY(
            mSession->saveCohort(QStringLiteral("Frail"), QStringLiteral("age >= 80"), QStringLiteral("ana"), QStringLiteral("first"), 40));
        QVERIFY(
            mSession->saveCohort(QStringLiteral("Frail"), QStringLiteral("age >= 85"), QStringLiteral("bo"), QStringLiteral("older"), 20));
        QSignalSpy changed(mSession.get(), &Session::cohortsChanged);
        QVERIFY(mSession->setCohortDescription(QStringLiteral("Frail"), QStringLiteral("  Proactive care list  ")));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(lastEntry().action, QStringLiteral("cohort-described"));
        QVERIFY(mSession->renameCohort(QStringLiteral("Frail"), QStringLiteral("Frail elderly")));
        QCOMPARE(changed.count(), 2);
        const audit::Entry renamed = lastEntry();
        QCOMPARE(renamed.action, QStringLiteral("cohort-renamed"));
        QCOMPARE(renamed.detail.value(QStringLiteral("new_name")).toString(), QStringLiteral("Frail elderly"));
        auto all = mSession->savedCohorts();
        QVERIFY(all);
        QVERIFY(!find(all.value(), QStringLiteral("Frail")));
        const SavedCohort *c = find(all.value(), QStringLiteral("Frail elderly"));
        QVERIFY(c);
        QCOMPARE(int(c->history.size()), 2);
        QCOMPARE(c->history[0].author, QStringLiteral("ana"));
        QCOMPARE(c->current().note, QStringLiteral("older"));
        QCOMPARE(c->description, QStringLiteral("Proactive care list"));
        QVERIFY(mSession->setCohortDescription(QStringLiteral("Frail elderly"), QString()));
        QVERIFY(find(mSession->savedCohorts().value(), QStringLiteral("Frail elderly"))->description.isEmpty());
    }

    void renameIsRefusedWhenItWouldBreakSomething() {
        QVERIFY(mSession->saveCohort(QStringLiteral("Base"), QStringLiteral("age >= 18"), {}, {}, 0));
        QVERIFY(mSession->saveCohort(QStringLiteral("Uses base"), QStringLiteral("in_cohort(\"Base\") and sex = 'F'"), {}, {}, 0));
        QSignalSpy changed(mSession.get(), &Session::cohortsChanged);
        auto taken = mSession->renameCohort(QStringLiteral("Base"), QStringLiteral("Uses base"));
        QVERIFY(!taken);
        QVERIFY(taken.error().message.contains(QStringLiteral("already")));
        auto used = mSession->renameCohort(QStringLiteral("Base"), QStringLiteral("Adults"));
        QVERIFY(!used);
        QVERIFY2(used.error().message.contains(QStringLiteral("Uses base")), qPrintable(used.error().message));
        QVERIFY(!mSession->renameCohort(QStringLiteral("Nobody"), QStringLiteral("Somebody")));
        QVERIFY(!mSession->renameCohort(QStringLiteral("Base"), QStringLiteral("  ")));
        QVERIFY(!mSession->setCohortDescription(QStringLiteral("Nobody"), QStringLiteral("x")));
        QCOMPARE(changed.count(), 0);
        QVERIFY(find(mSession->savedCohorts().value(), QStringLiteral("Base")));
    }

    void deleteTakesTheDescription() {
        QVERIFY(mSession->saveCohort(QStringLiteral("Temp"), QStringLiteral("age < 5"), {}, {}, 0));
        QVERIFY(mSession->setCohortDescription(QStringLiteral("Temp"), QStringLiteral("scratch")));
        QVERIFY(mSession->removeCohort(QStringLiteral("Temp")));
        QCOMPARE(lastEntry().action, QStringLiteral("cohort-deleted"));
        QVERIFY(!find(mSession->savedCohorts().value(), QStringLiteral("Temp")));
        auto db = ProjectDb::open(mPath, false);
        QVERIFY(db.value()->meta(QStringLiteral("cohort.description.Temp")).isEmpty());
        // Saved again under the old name, it starts without the old description.
        QVERIFY(mSession->saveCohort(QStringLiteral("Temp"), QStringLiteral("age < 5"), {}, {}, 0));
        QVERIFY(find(mSession->savedCohorts().value(), QStringLiteral("Temp"))->description.isEmpty());
    }

    void exportIsRecorded() {
        QVERIFY(mSession->recordExport(QStringLiteral("copy-table"), tableexport::exportDetail(QStringLiteral("Breakdown"), 4, 2)));
        const audit::Entry e = lastEntry();
        QCOMPARE(e.action, QStringLiteral("copy-table"));
        QCOMPARE(e.detail.value(QStringLiteral("panel")).toString(), QStringLiteral("Breakdown"));
        QCOMPARE(e.detail.value(QStringLiteral("rows")).toInt(), 4);
        QVERIFY(e.detail.contains(QStringLiteral("policy")));
    }
};

QTEST_GUILESS_MAIN(TestCohortLibrary)
#include "tst_cohortlibrary.moc"
