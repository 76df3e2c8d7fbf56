// The views of an area, driven through the main window (offscreen): the area profile with its
// drill-down, funnel and trend, the LSOA map, inequalities within the area, and the league table.
#include "assessmentdialog.h"
#include "auditlogdialog.h"
#include "breakdownview.h"
#include "cohortpanel.h"
#include "cohorts/cohortanalysis.h"
#include "cohorts/cohortbase.h"
#include "cohorts/cohortstore.h"
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
#include "segmentflowview.h"
#include "segmentmovementdialog.h"
#include "taskrunner.h"
#include "testutil.h"
#include "trendview.h"
#include "windowparts.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QBuffer>
#include <QCategoryAxis>
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
#include <QScatterSeries>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTreeView>
#include <QUndoStack>
#include <cmath>

using namespace phm;
using phm::test::part;

class TestAreaViews : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    QString mProject;

private slots:
    void initTestCase() {
        mProject = test::importedProject(mDir.filePath(QStringLiteral("x")), mDir.filePath(QStringLiteral("p.phm")), 5000, 17);
        test::provenAdmin(mProject);
    }

    void areaProfileFollowsTheSelection() {
        ui::MainWindow w;
        QSignalSpy opened(part<ui::ProjectController>(w), &ui::ProjectController::projectOpened);
        part<ui::ProjectController>(w)->openProject(mProject);
        QVERIFY(opened.wait(20000));
        const core::Area pcn{core::Area::Pcn, 3};
        w.selectArea(pcn);
        ui::ProfileTableModel *m = part<ui::ProfilePanel>(w)->model();
        QTRY_VERIFY_WITH_TIMEOUT(m->areaIndex() == pcn.index && m->profileData().level == core::Area::Pcn, 60000);
        QAbstractItemModelTester tester(m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(m->rowCount(), int(m->profileData().indicators.size()));
        // The table shows the core profile's row for this PCN and indicator.
        const core::ProfileRow *row = m->row(0);
        QVERIFY(row && row->area.index == pcn.index);
        auto expected = core::computeProfile(*part<ui::ProjectController>(w)->areas(), *part<ui::ProjectController>(w)->codeLists(),
                                             {m->profileData().indicators[0]}, core::Area::Pcn);
        QVERIFY(expected);
        QCOMPARE(row->value.numerator, expected.value().rows[size_t(pcn.index)].value.numerator);
        QCOMPARE(m->data(m->index(0, ui::ProfileTableModel::Compared)).toString(), core::significanceName(row->vsIcs));
        QVERIFY(m->data(m->index(0, ui::ProfileTableModel::Spine), ui::ProfileTableModel::SpineRole).value<ui::SpineValues>().valid);
        // Drill-down: double-clicking an indicator puts the rule for its people in the cohort builder.
        emit part<ui::ProfilePanel>(w)->table()->doubleClicked(m->index(0, 0));
        QVERIFY2(part<ui::CohortPanel>(w)->editor()->toPlainText().contains(
                     QStringLiteral("pcn = '%1'").arg(part<ui::ProjectController>(w)->areas()->code(pcn))),
                 qPrintable(part<ui::CohortPanel>(w)->editor()->toPlainText()));
        // The funnel plot has the areas and the control limits for a proportion.
        QVERIFY(part<ui::ProfilePanel>(w)->funnel()->chart()->series().size() >= 7);
        // The trend is computed when its tab shows: one point per covered quarter end, the last
        // at the extract end with the profile's value.
        w.show();
        part<ui::ProfilePanel>(w)->findChild<QTabWidget *>()->setCurrentWidget(part<ui::ProfilePanel>(w)->trend());
        QTRY_VERIFY_WITH_TIMEOUT(part<ui::ProfilePanel>(w)->trend()->trend() != nullptr, 60000);
        const core::Trend *trend = part<ui::ProfilePanel>(w)->trend()->trend();
        QCOMPARE(trend->points.back().date, part<ui::ProjectController>(w)->project()->extractEnd);
        QCOMPARE(trend->points.back().byArea[size_t(pcn.index)].numerator, m->row(0)->value.numerator);
        QVERIFY(part<ui::ProfilePanel>(w)->trend()->chart()->series().size() >= 2);
        // Its ticks are at the quarter ends the points are at, not at even spacings between them.
        auto *quarters = qobject_cast<QCategoryAxis *>(part<ui::ProfilePanel>(w)->trend()->chart()->axes(Qt::Horizontal).value(0));
        QVERIFY(quarters && !quarters->categoriesLabels().isEmpty());
        for (const QString &label : quarters->categoriesLabels()) {
            const double x = quarters->endValue(label);
            QVERIFY2(std::any_of(trend->points.begin(), trend->points.end(),
                                 [&](const core::TrendPoint &p) {
                                     return QDateTime::fromMSecsSinceEpoch(qint64(x), Qt::UTC).date() == QDate(1970, 1, 1).addDays(p.date);
                                 }),
                     qPrintable(label));
        }
        // A user's indicator file adds an indicator to the profile.
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("mine.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(
            "{\"indicators\": [{\"id\": \"carers-65\", \"name\": \"Carers aged 65+\", \"numerator\": \"carer\", "
            "\"denominator\": \"registered and age >= 65\"}]}");
        f.close();
        const int before = m->rowCount();
        QVERIFY(part<ui::ProfilePanel>(w)->setIndicatorFile(f.fileName()));
        QTRY_COMPARE_WITH_TIMEOUT(m->rowCount(), before + 1, 60000);
        QCOMPARE(m->profileData().indicators.back().id, QStringLiteral("carers-65"));
        // Another level computes its own profile; coming back reuses the first.
        w.selectArea(core::Area{core::Area::Place, 0});
        QTRY_VERIFY_WITH_TIMEOUT(m->profileData().level == core::Area::Place, 60000);
        QCOMPARE(m->areaIndex(), 0);
    }

    void segmentMovementShowsPublishedFlows() {
        ui::MainWindow w;
        QSignalSpy opened(part<ui::ProjectController>(w), &ui::ProjectController::projectOpened);
        part<ui::ProjectController>(w)->openProject(mProject);
        QVERIFY(opened.wait(20000));
        ui::SegmentMovementDialog *dialog = part<ui::SegmentationPanel>(w)->openMovement();
        QVERIFY(dialog);
        dialog->resize(900, 700);
        // The same template a year earlier (the default).
        QVERIFY(dialog->dateEdit()->isEnabled());
        QSignalSpy compared(dialog, &ui::SegmentMovementDialog::compared);
        QVERIFY(dialog->compare());
        QVERIFY(!dialog->compare());  // one at a time
        QVERIFY(compared.wait(60000));
        QVERIFY2(compared.first().first().toBool(), qPrintable(dialog->status()->text()));
        const ui::SegmentFlowView *view = dialog->flowView();
        QVERIFY(!view->flows().empty());
        // Only published counts are drawn: none in the suppressed range, all rounded to 5.
        for (const ui::SegmentFlow &f : view->flows()) {
            QVERIFY2(f.count > 7, qPrintable(QStringLiteral("%1 -> %2: %3").arg(f.from, f.to).arg(f.count)));
            QCOMPARE(std::fmod(f.count, 5.0), 0.0);
        }
        QVERIFY(view->suppressed() > 0);  // 5,000 people: some movements are small
        QVERIFY(dialog->table()->rowCount() > 0);
        // Most people stay in their segment from one year to the next.
        double stayed = 0;
        for (const ui::SegmentFlow &f : view->flows()) stayed += f.from == f.to ? f.count : 0;
        QVERIFY2(stayed > 0.5 * view->shown(), qPrintable(QString::number(stayed)));
        const QString dir = qEnvironmentVariable("PHM_SCREENSHOT_DIR");
        if (!dir.isEmpty()) dialog->grab().save(QDir(dir).filePath(QStringLiteral("segment-movement.png")));
        // Another template on the same day.
        dialog->compareBox()->setCurrentIndex(1);
        QVERIFY(!dialog->dateEdit()->isEnabled());
        compared.clear();
        QVERIFY(dialog->compare());
        QVERIFY(compared.wait(60000));
        QVERIFY(compared.first().first().toBool());
        QVERIFY(!view->flows().empty());
        delete dialog;
    }

    void mapShowsIndicatorsOverLsoas() {
        ui::MainWindow w;
        w.resize(1280, 820);
        w.show();
        QSignalSpy opened(part<ui::ProjectController>(w), &ui::ProjectController::projectOpened);
        part<ui::ProjectController>(w)->openProject(mProject);
        QVERIFY(opened.wait(20000));
        ui::MapPanel *map = part<ui::MapPanel>(w);
        ui::MapView *view = map->view();
        QCOMPARE(view->shapeCount(), 533);
        // The LSOA profile is computed off the UI thread; the map fills when it arrives.
        QTRY_VERIFY_WITH_TIMEOUT(map->indicatorBox()->count() > 0 && !map->breaks().empty(), 60000);
        const ui::ProfileData *data = part<ui::ProfileCache>(w)->profile(core::Area::Lsoa);
        QVERIFY(data && data->profile);
        const auto areas = part<ui::ProjectController>(w)->areas();
        // Every LSOA of the project has its shape (the generator uses the ICS's real LSOAs).
        for (int i = 0; i < areas->areaCount(core::Area::Lsoa); ++i) QVERIFY(map->shapeOfLsoa(i) >= 0);
        // Quintiles: class edges are the quintiles of the LSOAs' values, and darker means higher.
        const int indicator = map->indicatorBox()->currentIndex();
        std::vector<std::pair<double, int>> valueShape;
        std::vector<double> values;
        for (const core::ProfileRow &r : data->profile->rows)
            if (r.indicator == indicator && !std::isnan(r.value.ci.value)) {
                valueShape.emplace_back(r.value.ci.value, map->shapeOfLsoa(r.area.index));
                values.push_back(r.value.ci.value);
            }
        QVERIFY(valueShape.size() > 100);
        QCOMPARE(map->breaks(), core::classBreaks(values, core::BreakMethod::Quantile, 5));
        std::sort(valueShape.begin(), valueShape.end());
        QVERIFY(view->fill(valueShape.front().second).lightness() > view->fill(valueShape.back().second).lightness());
        for (size_t k = 1; k < valueShape.size(); ++k)
            if (core::classOf(valueShape[k].first, map->breaks()) == core::classOf(valueShape[k - 1].first, map->breaks()))
                QCOMPARE(view->fill(valueShape[k].second), view->fill(valueShape[k - 1].second));
        map->setClasses(core::BreakMethod::Quantile, 10);
        QCOMPARE(map->breaks(), core::classBreaks(values, core::BreakMethod::Quantile, 10));  // tied deciles merged
        // Coloured by significance: each LSOA in the Fingertips colour of its comparison with the ICS.
        map->setColouring(ui::MapPanel::BySignificance);
        for (const core::ProfileRow &r : data->profile->rows)
            if (r.indicator == indicator && !std::isnan(r.value.ci.value))
                QCOMPARE(view->fill(map->shapeOfLsoa(r.area.index)), ui::significanceColour(r.vsIcs));
        // Choosing an indicator in the profile table moves the map to it.
        w.selectArea(core::Area{core::Area::Pcn, 0});
        QTRY_VERIFY_WITH_TIMEOUT(part<ui::ProfilePanel>(w)->model()->profileData().level == core::Area::Pcn, 60000);
        part<ui::ProfilePanel>(w)->table()->selectRow(2);
        QCOMPARE(map->indicatorBox()->currentIndex(), 2);
        // A click (press and release in place) on an LSOA selects it in the navigator, and its
        // profile follows; the map outlines it.
        const QPoint centre = view->viewport()->rect().center();
        const int shape = view->shapeAt(centre);
        QVERIFY(shape >= 0);
        QSignalSpy selected(map, &ui::MapPanel::areaSelected);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, centre);
        QCOMPARE(selected.count(), 1);
        const auto lsoa = selected.at(0).at(0).value<core::Area>();
        QCOMPARE(lsoa.kind, core::Area::Lsoa);
        QCOMPARE(map->shapeOfLsoa(lsoa.index), shape);
        QCOMPARE(part<ui::GeographyModel>(w)->area(part<QTreeView>(w, QStringLiteral("navigator"))->currentIndex())->index, lsoa.index);
        QCOMPARE(view->selectedShape(), shape);
        QTRY_VERIFY_WITH_TIMEOUT(part<ui::ProfilePanel>(w)->model()->profileData().level == core::Area::Lsoa, 60000);
        QCOMPARE(part<ui::ProfilePanel>(w)->model()->areaIndex(), lsoa.index);
        // Saved as an image, the map leaves the workbench: LSOAs whose value rests on a small
        // count are suppressed on it, the export is audited, and the view is as it was after.
        std::vector<QColor> before;
        for (int s = 0; s < view->shapeCount(); ++s) before.push_back(view->fill(s));
        QTemporaryDir out;
        QSignalSpy saved(map, &ui::MapPanel::imageSaved);
        map->exportImage(out.filePath(QStringLiteral("map.png")));
        QVERIFY(saved.wait(20000));
        QVERIFY2(saved.first().first().toBool(), qPrintable(saved.first().last().toString()));
        QVERIFY(!QImage(out.filePath(QStringLiteral("map.png"))).isNull());
        QCOMPARE(QFileInfo(out.filePath(QStringLiteral("map.png"))).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());  // written through core/base/safefile: owner-only
        for (int s = 0; s < view->shapeCount(); ++s) QCOMPARE(view->fill(s), before[size_t(s)]);
        const auto log = test::readAuditLog(mProject, test::provenAdmin(mProject));
        QVERIFY(log);
        const core::audit::Entry &last = log.value().back();
        QCOMPARE(last.action, QStringLiteral("export-image"));
        QCOMPARE(last.detail.value(QStringLiteral("file")).toString(), QStringLiteral("map.png"));
        QVERIFY(last.detail.value(QStringLiteral("suppressed")).toInt() > 0);  // a 5,000-person ICS has small LSOA counts
    }

    void inequalitiesWithinTheSelectedArea() {
        ui::MainWindow w;
        QSignalSpy opened(part<ui::ProjectController>(w), &ui::ProjectController::projectOpened);
        part<ui::ProjectController>(w)->openProject(mProject);
        QVERIFY(opened.wait(20000));
        ui::InequalityPanel *panel = part<ui::InequalityPanel>(w);
        const core::Area place{core::Area::Place, 0};
        w.selectArea(place);
        QTRY_VERIFY_WITH_TIMEOUT(panel->result().has_value() && panel->model()->rowCount() > 0, 60000);
        // The panel shows the core's numbers for the place's own people, decile by decile.
        const auto areas = part<ui::ProjectController>(w)->areas();
        const auto scope = core::areaMembers(*areas, place);
        const auto indicators = core::loadIndicators({}, part<ui::ProjectController>(w)->codeLists().get()).value();
        core::InequalityOptions options;
        options.repetitions = 10000;
        auto expected = core::computeInequality(*part<ui::ProjectController>(w)->project(), *part<ui::ProjectController>(w)->codeLists(),
                                                indicators.front(), core::InequalityDimension::ImdDecile, &scope, options);
        QVERIFY(expected);
        QCOMPARE(panel->result()->groups.size(), expected.value().groups.size());
        for (size_t g = 0; g < expected.value().groups.size(); ++g)
            QCOMPARE(panel->result()->groups[g].value.numerator, expected.value().groups[g].value.numerator);
        QCOMPARE(panel->model()->rowCount(), int(expected.value().groups.size()) + 1);  // and "All"
        QVERIFY(panel->result()->sii.has_value() == expected.value().sii.has_value());
        if (expected.value().sii) QCOMPARE(panel->result()->sii->sii, expected.value().sii->sii);
        // By sex: another grouping, no SII.
        QSignalSpy updated(panel, &ui::InequalityPanel::updated);
        panel->setDimension(core::InequalityDimension::Sex);
        QVERIFY(updated.wait(60000));
        QVERIFY(!panel->result()->sii.has_value());
        QVERIFY(panel->result()->groups.size() < expected.value().groups.size());
        // The profile's indicator selection carries over.
        part<ui::ProfilePanel>(w)->selectIndicator(3);
        QTRY_COMPARE_WITH_TIMEOUT(panel->findChild<QComboBox *>()->currentIndex(), 3, 60000);
    }

    void leagueTableRanksAndDrillsDownToPractices() {
        ui::MainWindow w;
        QSignalSpy opened(part<ui::ProjectController>(w), &ui::ProjectController::projectOpened);
        part<ui::ProjectController>(w)->openProject(mProject);
        QVERIFY(opened.wait(20000));
        const auto areas = part<ui::ProjectController>(w)->areas();
        const core::Area pcn{core::Area::Pcn, 1};
        w.selectArea(pcn);
        ui::LeagueTable *league = part<ui::ProfilePanel>(w)->league();
        QTRY_COMPARE_WITH_TIMEOUT(league->model()->rowCount(), areas->areaCount(core::Area::Pcn), 60000);
        // Ranked by value, highest first (column 3 holds the value for sorting).
        for (int r = 1; r < league->model()->rowCount(); ++r)
            QVERIFY(league->model()->item(r - 1, 3)->data(Qt::UserRole).toDouble() >=
                    league->model()->item(r, 3)->data(Qt::UserRole).toDouble());
        // Drill down: the PCN's own practices, once the practice level is computed.
        int practices = 0;
        for (int i = 0; i < areas->areaCount(core::Area::Practice); ++i)
            if (areas->parentOf(core::Area{core::Area::Practice, i}) == pcn) ++practices;
        QVERIFY(practices > 0);
        league->childrenBox()->setChecked(true);
        QTRY_COMPARE_WITH_TIMEOUT(league->model()->rowCount(), practices, 60000);
        // Double-clicking a row selects that practice in the navigator.
        QSignalSpy requested(part<ui::ProfilePanel>(w), &ui::ProfilePanel::areaRequested);
        QTableView *view = league->findChild<QTableView *>();
        emit view->doubleClicked(league->model()->index(0, 1));
        QCOMPARE(requested.count(), 1);
        QCOMPARE(part<ui::GeographyModel>(w)->area(part<QTreeView>(w, QStringLiteral("navigator"))->currentIndex())->kind,
                 core::Area::Practice);
        QCOMPARE(areas->parentOf(*part<ui::GeographyModel>(w)->area(part<QTreeView>(w, QStringLiteral("navigator"))->currentIndex())), pcn);
    }
};

QTEST_MAIN(TestAreaViews)
#include "tst_areaviews.moc"
