// The workbench's pack designer (templates, preview, audited export) and governance dialogs
// (audit log for admins, identities for clinicians of their own practice), under
// QT_QPA_PLATFORM=offscreen on a synthetic project.
#include "assessmentdialog.h"
#include "auditlogdialog.h"
#include "breakdownview.h"
#include "cohortpanel.h"
#include "cohorts/cohortanalysis.h"
#include "cohorts/cohortstore.h"
#include "cohortutil.h"
#include "core20panel.h"
#include "cycledialog.h"
#include "dataoverviewwidget.h"
#include "frameworkdialog.h"
#include "geographymodel.h"
#include "governance/keystore.h"
#include "import/importer.h"
#include "importreportmodel.h"
#include "indicatoreditor.h"
#include "inequalitypanel.h"
#include "leaguetable.h"
#include "mainwindow.h"
#include "mappanel.h"
#include "mapview.h"
#include "maturity/maturitystore.h"
#include "maturitycharts.h"
#include "maturitypanel.h"
#include "overlapview.h"
#include "packdesigner.h"
#include "packexportdialog.h"
#include "packs/packtemplate.h"
#include "profilecache.h"
#include "profilepanel.h"
#include "projectcontroller.h"
#include "pyramidview.h"
#include "report/packwriter.h"
#include "revealdialog.h"
#include "riskpanel.h"
#include "rulepanelwidget.h"
#include "segmentationpanel.h"
#include "session/projectloader.h"
#include "taskrunner.h"
#include "testutil.h"
#include "trendview.h"
#include "windowparts.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QBuffer>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDate>
#include <QDateEdit>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPdfWriter>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTreeView>
#include <QUndoStack>

using namespace phm;
using phm::test::part;

class TestPacksGovernance : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    QString mProject;

private slots:
    void initTestCase() {
        mProject = test::importedProject(mDir.filePath(QStringLiteral("x")), mDir.filePath(QStringLiteral("p.phm")), 5000, 17);
    }

    void packDesignerSavesPreviewsAndExports() {
        // A copy of the project, so the saved template and the audit entries stay in this test.
        const QString copy = mDir.filePath(QStringLiteral("designer.phm"));
        QVERIFY(QFile::copy(mProject, copy));
        const core::User admin = test::provenAdmin(copy);
        ui::MainWindow w;
        QSignalSpy opened(part<ui::ProjectController>(w), &ui::ProjectController::projectOpened);
        part<ui::ProjectController>(w)->openProject(copy);
        QVERIFY(opened.wait(20000));
        ui::PackDesigner d(part<ui::ProjectController>(w));
        QSignalSpy loaded(&d, &ui::PackDesigner::templatesLoaded);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(d.templateList()->count(), 1);  // the built-in Standard
        QCOMPARE(d.nameEdit()->text(), QStringLiteral("Standard"));
        QCOMPARE(d.sectionList()->count(), 10);
        // A two-section brief with one indicator fewer and a logo.
        d.nameEdit()->setText(QStringLiteral("Board brief"));
        d.titleEdit()->setText(QStringLiteral("Board brief"));
        for (int i = 0; i < d.sectionList()->count(); ++i) {
            const QString key = d.sectionList()->item(i)->data(Qt::UserRole).toString();
            d.sectionList()->item(i)->setCheckState(
                key == QLatin1String("population") || key == QLatin1String("indicators") ? Qt::Checked : Qt::Unchecked);
        }
        d.indicatorList()->item(0)->setCheckState(Qt::Unchecked);
        QImage logo(40, 20, QImage::Format_RGB32);
        logo.fill(Qt::darkBlue);
        QByteArray png;
        QBuffer buffer(&png);
        QVERIFY(logo.save(&buffer, "PNG"));
        d.setLogo(png);
        QSignalSpy saved(&d, &ui::PackDesigner::saved);
        d.saveButton()->click();
        QVERIFY(saved.wait(20000));
        QVERIFY(saved.first().first().toBool());
        auto stored = test::onProject(copy, [](core::ProjectDb &db) { return core::findPackTemplate(db, QStringLiteral("Board brief")); });
        QVERIFY(stored);
        QCOMPARE(int(stored.value().sections.size()), 2);
        QCOMPARE(stored.value().logo, png);
        QCOMPARE(stored.value().indicators.size(), d.indicatorList()->count() - 1);
        QVERIFY(!stored.value().indicators.contains(d.indicatorList()->item(0)->data(Qt::UserRole).toString()));
        QVERIFY(loaded.wait(20000));  // the list is read again, with the new template selected
        QCOMPARE(d.templateList()->count(), 2);
        QCOMPARE(d.templateList()->currentItem()->text(), QStringLiteral("Board brief"));
        // The preview shows the pages the PDF will have: cover, contents and two sections, the
        // indicator table (8 pt, nothing cut) continuing on a second page under its header.
        QSignalSpy previewed(&d, &ui::PackDesigner::previewReady);
        d.previewArea()->setCurrentIndex(1);
        d.previewButton()->click();
        QVERIFY(previewed.wait(60000));
        QVERIFY(previewed.first().first().toBool());
        QCOMPARE(d.previewPages(), 5);
        // A refused template (no sections) is not saved and says why.
        for (int i = 0; i < d.sectionList()->count(); ++i) d.sectionList()->item(i)->setCheckState(Qt::Unchecked);
        saved.clear();
        d.saveButton()->click();
        QCOMPARE(saved.size(), 1);
        QVERIFY(!saved.first().first().toBool());
        QVERIFY(d.status()->text().contains(QStringLiteral("at least one section")));
        d.sectionList()->item(1)->setCheckState(Qt::Checked);
        // Export with the template: the packs have its pages, and the export is audited.
        QTemporaryDir out;
        QSignalSpy exported(&d, &ui::PackDesigner::exported);
        d.exportTo(core::Area::Place, out.path());
        QVERIFY(exported.wait(60000));
        QVERIFY(exported.first().first().toBool());
        QCOMPARE(QDir(out.path()).entryList({QStringLiteral("*.pdf")}, QDir::Files).size(), 4);
        auto log = test::readAuditLog(copy, admin);
        QVERIFY(log);
        const core::audit::Entry &last = log.value().back();
        QCOMPARE(last.action, QStringLiteral("export-packs"));
        QCOMPARE(last.detail.value(QStringLiteral("level")).toString(), QStringLiteral("place"));
        QCOMPARE(last.detail.value(QStringLiteral("template")).toString(), QStringLiteral("Board brief"));
        QCOMPARE(last.detail.value(QStringLiteral("files")).toArray().size(), 4);
        // The folder is offered as a link, not a box in the way.
        QVERIFY(d.status()->text().contains(QUrl::fromLocalFile(out.path()).toString()));
        QVERIFY(d.status()->openExternalLinks());
        // Only one area: its pack alone.
        QTemporaryDir one;
        exported.clear();
        const auto areas = part<ui::ProjectController>(w)->areas();
        d.exportTo(core::Area::Place, one.path(), false, areas->code(core::Area{core::Area::Place, 2}));
        QVERIFY(exported.wait(60000));
        QVERIFY(exported.first().first().toBool());
        QCOMPARE(QDir(one.path()).entryList({QStringLiteral("*.pdf")}, QDir::Files).size(), 1);
    }

    void theExportAsksWhatToExport() {
        QTemporaryDir dir;
        QVERIFY(QFile::copy(mProject, dir.filePath(QStringLiteral("p.phm"))));
        core::Feedback fb;
        auto project = core::openProject(dir.filePath(QStringLiteral("p.phm")), fb);
        QVERIFY(project);
        const core::AreaIndex areas(*project.value());
        const core::Area shown{core::Area::Pcn, 3};
        ui::PackExportDialog ask(areas, shown);
        // By default only the area in the preview.
        QCOMPARE(ask.level(), core::Area::Pcn);
        QCOMPARE(ask.onlyArea(), 3);
        QVERIFY(ask.findChild<QRadioButton *>(QStringLiteral("scope0"))->text().contains(areas.name(shown)));
        // Every place: the level, no single area; the counts are on the buttons.
        auto *places = ask.findChild<QRadioButton *>(QStringLiteral("scope%1").arg(int(core::Area::Place) + 1));
        QVERIFY(places->text().contains(QString::number(areas.areaCount(core::Area::Place))));
        places->setChecked(true);
        QCOMPARE(ask.level(), core::Area::Place);
        QCOMPARE(ask.onlyArea(), -1);
        ask.findChild<QRadioButton *>(QStringLiteral("scope%1").arg(int(core::Area::Ics) + 1))->setChecked(true);
        QCOMPARE(ask.level(), core::Area::Ics);
        ask.setFolder(dir.path());
        QCOMPARE(ask.folder(), dir.path());
    }

    void governanceDialogsFollowTheRoles() {
        const QString copy = mDir.filePath(QStringLiteral("governance.phm"));
        QVERIFY(QFile::copy(mProject, copy));
        ui::MainWindow w;
        QSignalSpy opened(part<ui::ProjectController>(w), &ui::ProjectController::projectOpened);
        part<ui::ProjectController>(w)->openProject(copy);
        QVERIFY(opened.wait(20000));
        // Whoever imported the project is its first admin, and the status bar says so.
        const core::User admin = part<ui::ProjectController>(w)->user();
        QCOMPARE(admin.role, core::Role::Admin);
        QVERIFY(w.findChild<QLabel *>(QStringLiteral("currentUser"))->text().contains(QStringLiteral("admin")));
        QVERIFY(!admin.proven);  // the login names the admin; the passphrase proves her
        const core::User proven = test::provenAdmin(copy);
        {  // The admin gives her passphrase, reads the log and verifies the chain.
            ui::AuditLogDialog log(part<ui::ProjectController>(w)->session(), admin);
            QCOMPARE(log.entryCount(), 0);
            QVERIFY(log.passphrase()->isVisibleTo(&log));
            if (const QString shots = qEnvironmentVariable("PHM_SCREENSHOTS"); !shots.isEmpty())
                log.grab().save(QDir(shots).filePath(QStringLiteral("audit-log-passphrase.png")));
            QSignalSpy loaded(&log, &ui::AuditLogDialog::loaded);
            log.passphrase()->setText(QStringLiteral("not it"));
            log.unlockButton()->click();
            QVERIFY(loaded.wait(20000));
            QVERIFY(log.status()->text().startsWith(QStringLiteral("Refused")));
            QCOMPARE(log.entryCount(), 0);
            loaded.clear();
            log.passphrase()->setText(QString::fromLatin1(test::kTestPassphrase));
            log.unlockButton()->click();
            QVERIFY(loaded.wait(20000));
            QVERIFY(log.entryCount() >= 1);  // the import
            QSignalSpy verified(&log, &ui::AuditLogDialog::verified);
            log.verifyButton()->click();
            QVERIFY(verified.wait(20000));
            QVERIFY(verified.first().first().toBool());
            QVERIFY(log.status()->text().contains(QStringLiteral("Chain intact")));
        }
        const core::User ann{QStringLiteral("ann"), core::Role::Analyst, {}, true, {}, {}};
        {  // An analyst is refused the log and cannot reveal identities.
            ui::AuditLogDialog log(part<ui::ProjectController>(w)->session(), ann);
            QCOMPARE(log.entryCount(), 0);
            QCOMPARE(log.status()->text(), QStringLiteral("Only an admin can read the audit log; ann is an analyst."));
            QVERIFY(!log.verifyButton()->isEnabled());
            ui::RevealDialog reveal(part<ui::ProjectController>(w)->session(), ann);
            QCOMPARE(reveal.status()->text(), QStringLiteral("Only a clinician can reveal identities; ann is an analyst."));
            QVERIFY(!reveal.revealButton()->isEnabled());
        }
        // A clinician of the first practice, a sealed key store and a saved cohort of everyone.
        const core::Project &project = *part<ui::ProjectController>(w)->project();
        const QString practice = project.geography.practices.front().code;
        const core::User clinician{QStringLiteral("dr_lee"), core::Role::Clinician, practice, true, {}, {}};
        QVERIFY(test::setUser(copy, proven, clinician));
        QVERIFY(core::setPassphrase(copy, proven, QStringLiteral("dr_lee"), "correct horse battery"));
        const QString keys = core::defaultKeyStorePath(copy);
        QVERIFY(test::sealKeyStore(project, keys));
        QVERIFY(phm::test::Cohorts{copy}.save(QStringLiteral("everyone"), QStringLiteral("age >= 0"), QStringLiteral("dr_lee"), {}, 0));
        ui::RevealDialog reveal(part<ui::ProjectController>(w)->session(), clinician);
        QSignalSpy cohorts(&reveal, &ui::RevealDialog::cohortsLoaded);
        QVERIFY(cohorts.wait(20000));
        QCOMPARE(reveal.cohort()->currentText(), QStringLiteral("everyone"));
        QCOMPARE(reveal.keyStore()->text(), keys);
        QSignalSpy done(&reveal, &ui::RevealDialog::revealFinished);
        // A wrong passphrase is refused (and audited by the core).
        reveal.reason()->setPlainText(QStringLiteral("Invite to the practice's frailty review clinic"));
        reveal.passphrase()->setText(QStringLiteral("wrong"));
        reveal.revealButton()->click();
        QVERIFY(reveal.passphrase()->text().isEmpty());  // taken from the field at once
        QVERIFY(done.wait(30000));
        QVERIFY(!done.first().first().toBool());
        QVERIFY(reveal.status()->text().contains(QStringLiteral("Refused")));
        QCOMPARE(reveal.table()->model()->rowCount(), 0);
        // The right one shows the practice's patients only.
        done.clear();
        reveal.passphrase()->setText(QStringLiteral("correct horse battery"));
        reveal.revealButton()->click();
        QVERIFY(done.wait(30000));
        QVERIFY2(done.first().first().toBool(), qPrintable(reveal.status()->text()));
        const QAbstractItemModel *m = reveal.table()->model();
        QVERIFY(m->rowCount() > 0);
        qint64 atPractice = 0;
        for (int32_t p = 0; p < int32_t(project.persons.count); ++p)
            if (project.geography.practices[size_t(project.persons.practice[size_t(p)])].code == practice &&
                project.persons.isRegistered(p, project.extractEnd))
                ++atPractice;
        QCOMPARE(qint64(m->rowCount()), atPractice);
        for (int r = 0; r < m->rowCount(); ++r) {
            QCOMPARE(m->index(r, 4).data().toString(), practice);
            QVERIFY(core::validNhsNumber(m->index(r, 0).data().toString()));
        }
        // Closing clears the identities from memory.
        reveal.reject();
        QCOMPARE(m->rowCount(), 0);
        // Both attempts are in the log, the refusal first.
        const auto log = test::readAuditLog(copy, proven).value();
        QCOMPARE(log[log.size() - 2].action, QStringLiteral("reidentify-refused"));
        QCOMPARE(log.back().action, QStringLiteral("reidentify"));
        QCOMPARE(log.back().detail.value(QStringLiteral("revealed")).toInteger(), atPractice);
    }
};

QTEST_MAIN(TestPacksGovernance)
#include "tst_packsgovernance.moc"
