// The project session (core/session/session): what it loads, a connection per thread, the
// indicator cache, and the change signals views listen to.
#include "cohorts/cohortstore.h"
#include "cohortutil.h"
#include "indicators/core20plus5.h"
#include "operations/cohortops.h"
#include "packs/packtemplate.h"
#include "session/session.h"
#include "store/projectdb.h"
#include "testutil.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

using namespace phm::core;

class TestSession : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    QString mPath;

    SessionPtr open(bool loadData = true) {
        Feedback fb;
        SessionOptions options;
        options.loadData = loadData;
        auto s = Session::open(mPath, fb, options);
        if (!s) qFatal("session: %s", qPrintable(s.error().message));
        return s.value();
    }

private slots:
    void initTestCase() {
        phm::test::makeProject(mDir.path(), 3000, 41);
        mPath = mDir.filePath(QStringLiteral("project.phm"));
    }

    void loadsTheProjectAndItsParts() {
        const SessionPtr s = open();
        QVERIFY(s->hasData());
        QCOMPARE(s->project().persons.count, 3000);
        QCOMPARE(s->path(), mPath);
        QVERIFY(s->areas().areaCount(Area::Pcn) > 0);
        QVERIFY(s->codeLists().contains(QStringLiteral("hypertension")));
        // The environment's login, not proven by anything: an analyst or unproven.
        QVERIFY(!s->user().proven);
        QVERIFY(s->policy().enabled);
        QCOMPARE(s->policy().largest, 7);
    }

    void storeOnlySessionLoadsNothing() {
        const SessionPtr s = open(false);
        QVERIFY(!s->hasData());
        QVERIFY(s->projectPtr() == nullptr);
        QVERIFY(s->indicators().ok());  // indicators, cohorts and policy still read from the file
    }

    void missingProjectIsAnErrorAndCreatesNothing() {
        Feedback fb;
        const QString nowhere = mDir.filePath(QStringLiteral("nowhere.phm"));
        QVERIFY(!Session::open(nowhere, fb).ok());
        QVERIFY(!QFile::exists(nowhere));
    }

    void oneConnectionPerThread() {
        const SessionPtr s = open(false);
        auto here = s->connection();
        QVERIFY(here.ok());
        QCOMPARE(s->connection().value(), here.value());  // kept, not reopened
        ProjectDb *there = QtConcurrent::run([s] { return s->connection().value(); }).result();
        QVERIFY(there != nullptr);
        QVERIFY(there != here.value());  // never shared across threads
    }

    void offIsRefusedForAnUnprovenUser() {
        const SessionPtr s = open(false);
        QVERIFY(s->outputPolicy(false).ok());
        QVERIFY(!s->outputPolicy(true).ok());
    }

    void indicatorChangesAreAnnouncedAndSeen() {
        const SessionPtr s = open(false);
        const size_t before = s->indicators().value().size();
        QSignalSpy changed(s.get(), &Session::indicatorsChanged);
        IndicatorDefinition d;
        d.id = QStringLiteral("my-over-80s");
        d.name = QStringLiteral("People over 80");
        d.numerator = QStringLiteral("age >= 80");
        QVERIFY(s->saveIndicator(d).ok());
        QCOMPARE(changed.count(), 1);
        const auto after = s->indicators().value();
        QCOMPARE(after.size(), before + 1);  // the cached list was refreshed
        QVERIFY(findIndicator(after, d.id) != nullptr);
        QVERIFY(s->removeIndicator(d.id).ok());
        QCOMPARE(changed.count(), 2);
        QCOMPARE(s->indicators().value().size(), before);
        // A definition that does not parse is refused and announces nothing.
        d.numerator = QStringLiteral("age >>= 80");
        QVERIFY(!s->saveIndicator(d).ok());
        QCOMPARE(changed.count(), 2);
    }

    void cohortAndPlusGroupChangesAreAnnounced() {
        const SessionPtr s = open(false);
        QVERIFY(s->savedCohorts().ok());  // the thread's connection is open before the write
        QSignalSpy cohorts(s.get(), &Session::cohortsChanged);
        auto saved = s->saveCohort(QStringLiteral("over 70s"), QStringLiteral("age >= 70"), QStringLiteral("me"), {}, 12);
        QVERIFY(saved.ok());
        QCOMPARE(saved.value().version, 1);
        QCOMPARE(cohorts.count(), 1);
        QVERIFY(phm::test::Cohorts{mPath}.find(QStringLiteral("over 70s")).ok());
        // Read back through the session's own connection, opened before the write.
        const auto listed = s->savedCohorts();
        QVERIFY(listed.ok());
        QVERIFY(std::any_of(listed.value().begin(), listed.value().end(),
                            [](const SavedCohort &c) { return c.name == QLatin1String("over 70s"); }));
        // What in_cohort runs is read anew after the write: the saved rule, not a stale one.
        QCOMPARE(ops::cohortRules(*s).current.at(QStringLiteral("over 70s")), QStringLiteral("age >= 70"));
        QVERIFY(s->removeCohort(QStringLiteral("over 70s")).ok());
        QCOMPARE(cohorts.count(), 2);
        QVERIFY(!phm::test::Cohorts{mPath}.find(QStringLiteral("over 70s")).ok());
        QVERIFY(!ops::cohortRules(*s).current.count(QStringLiteral("over 70s")));

        QSignalSpy plus(s.get(), &Session::plusGroupsChanged);
        const std::vector<PlusGroup> groups{{QStringLiteral("Carers"), QStringLiteral("carer")}};
        QVERIFY(s->savePlusGroups(groups).ok());
        QCOMPARE(plus.count(), 1);
        QVERIFY(s->plusGroups().value() == groups);
        QVERIFY(s->packTemplates().ok());  // the standard template at least
        QVERIFY(!s->packTemplates().value().empty());
    }

    void maturityRecordsAndTheirChanges() {
        const SessionPtr s = open(false);
        auto records = s->maturityRecords();
        QVERIFY(records.ok());
        QVERIFY(!records.value().frameworks.empty());  // the shipped frameworks at least
        QCOMPARE(records.value().areas.front().level, QStringLiteral("ics"));
        QVERIFY(records.value().areas.size() > 1);  // places and PCNs follow
        QSignalSpy changed(s.get(), &Session::maturityChanged);
        QVERIFY(s->saveFramework(records.value().frameworks.front()).ok());  // the project's own copy now
        QCOMPARE(changed.count(), 1);
        QVERIFY(s->maturityRecords().ok());  // read again through a reopened connection
        QVERIFY(!s->startCycle(QStringLiteral("no-such-pcn"), QStringLiteral("t")).ok());
        QCOMPARE(changed.count(), 1);  // a refused write announces nothing
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
