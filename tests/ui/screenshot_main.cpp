// phm-screenshot: makes the pictures in README.md and docs/images. It opens a project in the
// workbench's main window and drives it as a user would: it finds the widgets by objectName or
// type (findChild), raises docks, enters a rule, picks an indicator, clicks buttons (click(), which
// leaves the keyboard focus where it was, so pictures do not change with it) and triggers menu
// actions, waits for the views to say they are up to date, and saves a picture. Not installed.
//   phm-screenshot --screenshot OUT.png [options] FILE
//     (nothing)                  the window with the first PCN selected
//     --rule TEXT [--tab N]      the rule in the cohort builder; N: 0 attrition, 1 by area
//     --dock NAME [--tab N]      raise a dock (segmentation, risk, profile, inequalities, core20,
//                                evaluation: the first programme evaluated, cohortLibrary,
//                                maturity: that dock alone); profile: N is the chart tab (2 trend)
//     --dock profile --indicator ID   select that indicator in the area profile first
//     --map ID                   the map of that indicator, an LSOA selected
//     --edit-indicator ID        the indicator editor on that indicator (Edit… in the profile)
//     --dialog packs|audit       the pack designer with a preview, or the audit log verified
//     --passphrase-file F        with --dialog audit: typed in when the log asks an admin for it
//     --size WxH                 the window at that size (e.g. 1366x728, a laptop less its task
//                                bar), every dock in place (the maturity dock too)
// Example (under QT_QPA_PLATFORM=offscreen):
//   build/tests/phm-screenshot --screenshot docs/images/risk.png --dock risk demo/demo.phm
#include "auditlogdialog.h"
#include "breakdownview.h"
#include "cohortlibrary.h"
#include "cohortpanel.h"
#include "core20panel.h"
#include "evaluationpanel.h"
#include "geo/areas.h"
#include "indicatoreditor.h"
#include "inequalitypanel.h"
#include "mainwindow.h"
#include "mappanel.h"
#include "maturitypanel.h"
#include "packdesigner.h"
#include "profilemodel.h"
#include "profilepanel.h"
#include "projectcontroller.h"
#include "riskpanel.h"
#include "segmentationpanel.h"
#include "trendview.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QCommandLineParser>
#include <QDockWidget>
#include <QFile>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>

using namespace phm;

namespace {

struct Request {
    QString project, out, rule, dock, indicator, map, edited, dialog;
    QString passphrase;  // for the audit log, when it asks an admin for theirs
    int tab = 0;
    QSize size;  // empty: the window's own size
};

// A part of the window, found as a user finds it on screen; a missing part ends the run.
template <class T>
T *part(QObject *root, const QString &name = {}) {
    T *found = root->findChild<T *>(name);
    if (!found) qFatal("phm-screenshot: no %s named \"%s\"", T::staticMetaObject.className(), qPrintable(name));
    return found;
}

// Saves a picture of `w` once it has painted, and quits.
void saveLater(QWidget *w, const QString &out, int ms = 300) {
    QTimer::singleShot(ms, w, [w, out] {
        w->grab().save(out);
        QApplication::quit();
    });
}

// What the picture of the window waits for: the view the request shows saying it is up to date.
void waitForViews(ui::MainWindow &window, const Request &rq) {
    auto grab = [&window, out = rq.out] { saveLater(&window, out); };
    part<QTabWidget>(&window, QStringLiteral("cohortResults"))->setCurrentIndex(rq.tab);
    part<QTabWidget>(&window, QStringLiteral("profileCharts"))->setCurrentIndex(rq.tab);
    if (rq.tab == 1)  // the breakdown follows the count
        QObject::connect(part<ui::BreakdownView>(&window), &ui::BreakdownView::updated, &window, grab);
    else
        QObject::connect(part<ui::CohortPanel>(&window), &ui::CohortPanel::evaluated, &window, grab);
    if (rq.dock == QLatin1String("segmentation"))
        // Superseded requests never show, so the first update is the selected PCN's.
        QObject::connect(part<ui::SegmentationPanel>(&window), &ui::SegmentationPanel::updated, &window, grab);
    if (rq.dock == QLatin1String("profile") && rq.tab == 2)  // the trend is computed once its tab shows
        QObject::connect(part<ui::TrendView>(&window), &ui::TrendView::updated, &window, grab);
    else if (rq.dock == QLatin1String("profile"))
        QObject::connect(part<ui::ProfilePanel>(&window), &ui::ProfilePanel::updated, &window, [&window, grab, wanted = rq.indicator] {
            // With --indicator, show that indicator first: its row, selected in the table.
            auto *table = part<QTableView>(&window, QStringLiteral("profileTable"));
            const auto &defs = static_cast<ui::ProfileTableModel *>(table->model())->profileData().indicators;
            for (int i = 0; i < int(defs.size()); ++i)
                if (defs[size_t(i)].id == wanted) table->selectRow(i);
            grab();
        });
    if (rq.dock == QLatin1String("core20")) QObject::connect(part<ui::Core20Panel>(&window), &ui::Core20Panel::updated, &window, grab);
    if (rq.dock == QLatin1String("inequalities"))
        QObject::connect(part<ui::InequalityPanel>(&window), &ui::InequalityPanel::updated, &window, grab);
    if (rq.dock == QLatin1String("risk")) {  // once the model is trained
        auto *risk = part<ui::RiskPanel>(&window);
        QObject::connect(risk, &ui::RiskPanel::updated, &window, [risk, grab] {
            if (risk->model()) grab();
        });
    }
    if (rq.dock == QLatin1String("maturity") && rq.size.isValid())  // in place, as on a laptop
        QObject::connect(part<ui::MaturityPanel>(&window), &ui::MaturityPanel::updated, &window, grab);
    else if (rq.dock == QLatin1String("maturity"))  // the dock on its own, at a size an analyst would give it
        QObject::connect(part<ui::MaturityPanel>(&window), &ui::MaturityPanel::updated, &window, [&window, out = rq.out] {
            auto *shown = part<QDockWidget>(&window, QStringLiteral("maturity"));
            shown->setFloating(true);
            shown->resize(1280, 860);
            saveLater(shown, out, 400);
        });
    if (rq.dock == QLatin1String("evaluation")) {  // the first programme evaluated with the defaults
        auto *evaluation = part<ui::EvaluationPanel>(&window);
        QObject::connect(evaluation, &ui::EvaluationPanel::programmesLoaded, evaluation, [evaluation] { evaluation->run(); });
        QObject::connect(evaluation, &ui::EvaluationPanel::evaluated, &window, grab);
    }
    if (rq.dock == QLatin1String("cohortLibrary"))
        QObject::connect(part<ui::CohortLibrary>(&window), &ui::CohortLibrary::listed, &window, grab);
    if (!rq.map.isEmpty()) {
        auto *box = part<QComboBox>(&window, QStringLiteral("mapIndicator"));
        QObject::connect(part<ui::MapPanel>(&window), &ui::MapPanel::updated, &window, [box, grab, mapped = rq.map] {
            if (box->currentData().toString() == mapped) return grab();
            box->setCurrentIndex(box->findData(mapped));
        });
    }
}

// --edit-indicator: once the profile shows, select the indicator and click Edit…; the editor
// saves itself when its preview is on screen.
void editIndicator(ui::MainWindow &window, const Request &rq) {
    QObject::connect(
        part<ui::ProfilePanel>(&window), &ui::ProfilePanel::updated, &window,
        [&window, rq] {
            auto *table = part<QTableView>(&window, QStringLiteral("profileTable"));
            const auto &defs = static_cast<ui::ProfileTableModel *>(table->model())->profileData().indicators;
            for (int i = 0; i < int(defs.size()); ++i)
                if (defs[size_t(i)].id == rq.edited) table->selectRow(i);
            part<QPushButton>(&window, QStringLiteral("editIndicator"))->click();
            auto *editor = part<ui::IndicatorEditor>(&window);
            QObject::connect(editor, &ui::IndicatorEditor::previewed, editor, [editor, out = rq.out] {
                editor->grab().save(out);
                QApplication::quit();
            });
        },
        Qt::SingleShotConnection);
}

// --dialog packs: File > PCN packs, then Preview once the templates are read; --dialog audit:
// Governance > Audit log, then Verify chain once the log is read.
void openDialog(ui::MainWindow &window, const Request &rq) {
    if (rq.dialog == QLatin1String("packs")) {
        part<QAction>(&window, QStringLiteral("packsAction"))->trigger();
        auto *d = part<ui::PackDesigner>(&window);
        QObject::connect(
            d, &ui::PackDesigner::templatesLoaded, d, [d] { part<QPushButton>(d, QStringLiteral("packPreview"))->click(); },
            Qt::SingleShotConnection);
        QObject::connect(d, &ui::PackDesigner::previewReady, d, [d, out = rq.out] { saveLater(d, out); });
    } else if (rq.dialog == QLatin1String("audit")) {
        part<QAction>(&window, QStringLiteral("auditLogAction"))->trigger();
        auto *d = part<ui::AuditLogDialog>(&window);
        if (auto *asked = part<QLineEdit>(d, QStringLiteral("auditPassphrase")); asked->isVisible() && !rq.passphrase.isEmpty()) {
            asked->setText(rq.passphrase);
            part<QPushButton>(d, QStringLiteral("auditUnlock"))->click();
        }
        QObject::connect(d, &ui::AuditLogDialog::loaded, d, [d] { part<QPushButton>(d, QStringLiteral("auditVerify"))->click(); });
        QObject::connect(d, &ui::AuditLogDialog::verified, d, [d, out = rq.out] { saveLater(d, out); });
    } else {
        qFatal("phm-screenshot: --dialog is packs or audit");
    }
}

// Once the project is open: the first PCN selected, then what the request shows.
void showRequest(ui::MainWindow &window, const Request &rq) {
    window.selectArea(core::Area{core::Area::Pcn, 0});
    if (!rq.dialog.isEmpty()) return openDialog(window, rq);
    if (!rq.map.isEmpty()) return window.selectArea(core::Area{core::Area::Lsoa, 0});
    if (!rq.edited.isEmpty()) return;  // the editor opens from the profile
    if (!rq.dock.isEmpty()) {
        auto *shown = part<QDockWidget>(&window, rq.dock);
        shown->raise();
        window.resizeDocks({shown}, {400}, Qt::Vertical);
        // Docks that compute nothing are pictured once laid out.
        if (rq.dock == QLatin1String("dataOverview") || rq.dock == QLatin1String("geography")) saveLater(&window, rq.out, 600);
        return;
    }
    if (rq.rule.isEmpty()) return saveLater(&window, rq.out);
    auto *builder = part<QDockWidget>(&window, QStringLiteral("cohortBuilder"));
    builder->raise();
    window.resizeDocks({builder}, {400}, Qt::Vertical);
    part<QPlainTextEdit>(&window, QStringLiteral("ruleEditor"))->setPlainText(rq.rule);
}

Request parseRequest(const QApplication &app) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Saves a picture of the PHM Workbench on a project, then exits."));
    parser.addHelpOption();
    parser.addOptions(
        {{QStringLiteral("screenshot"), QStringLiteral("Save the picture to FILE (PNG)."), QStringLiteral("FILE")},
         {QStringLiteral("rule"), QStringLiteral("Show this rule in the cohort builder."), QStringLiteral("TEXT")},
         {QStringLiteral("tab"), QStringLiteral("The result tab (cohort builder) or chart tab (profile)."), QStringLiteral("N")},
         {QStringLiteral("dock"), QStringLiteral("Raise this dock (e.g. segmentation)."), QStringLiteral("NAME")},
         {QStringLiteral("indicator"), QStringLiteral("With --dock profile: select this indicator (an id)."), QStringLiteral("ID")},
         {QStringLiteral("map"), QStringLiteral("Map this indicator (an id) by LSOA."), QStringLiteral("ID")},
         {QStringLiteral("edit-indicator"), QStringLiteral("Open the indicator editor on this indicator."), QStringLiteral("ID")},
         {QStringLiteral("dialog"), QStringLiteral("Open this dialog (packs or audit)."), QStringLiteral("NAME")},
         {QStringLiteral("passphrase-file"), QStringLiteral("With --dialog audit: the admin's passphrase (first line of FILE)."),
          QStringLiteral("FILE")},
         {QStringLiteral("size"), QStringLiteral("The window's size, e.g. 1366x728."), QStringLiteral("WxH")}});
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("Project file to open."));
    parser.process(app);
    if (!parser.isSet(QStringLiteral("screenshot")) || parser.positionalArguments().isEmpty()) parser.showHelp(2);
    Request rq;
    rq.project = parser.positionalArguments().first();
    rq.out = parser.value(QStringLiteral("screenshot"));
    rq.rule = parser.value(QStringLiteral("rule"));
    rq.dock = parser.value(QStringLiteral("dock"));
    rq.indicator = parser.value(QStringLiteral("indicator"));
    rq.map = parser.value(QStringLiteral("map"));
    rq.edited = parser.value(QStringLiteral("edit-indicator"));
    rq.dialog = parser.value(QStringLiteral("dialog"));
    rq.tab = parser.value(QStringLiteral("tab")).toInt();
    if (parser.isSet(QStringLiteral("size"))) {
        const QStringList wh = parser.value(QStringLiteral("size")).split(QLatin1Char('x'));
        rq.size = wh.size() == 2 ? QSize(wh[0].toInt(), wh[1].toInt()) : QSize();
        if (!rq.size.isValid() || rq.size.isEmpty()) qFatal("phm-screenshot: --size is WIDTHxHEIGHT, e.g. 1366x728");
    }
    if (parser.isSet(QStringLiteral("passphrase-file"))) {
        QFile f(parser.value(QStringLiteral("passphrase-file")));
        if (!f.open(QIODevice::ReadOnly)) qFatal("phm-screenshot: cannot read %s", qPrintable(f.fileName()));
        rq.passphrase = QString::fromUtf8(f.readLine()).trimmed();
    }
    return rq;
}

}  // namespace

int main(int argc, char **argv) {
    QApplication app(argc, argv);
    // The workbench's settings (recent files) and name, as phm-workbench sets them.
    QApplication::setOrganizationName(QStringLiteral("PHM Workbench"));
    QApplication::setApplicationName(QStringLiteral("PHM Workbench"));
    const Request rq = parseRequest(app);
    ui::MainWindow window;
    if (rq.size.isValid()) window.setGeometry(QRect(QPoint(0, 0), rq.size));
    window.show();
    auto *controller = part<ui::ProjectController>(&window);
    if (rq.edited.isEmpty())
        waitForViews(window, rq);
    else
        editIndicator(window, rq);
    QObject::connect(controller, &ui::ProjectController::projectOpened, &window, [&window, rq] { showRequest(window, rq); });
    QObject::connect(controller, &ui::ProjectController::failed, &app, [] { QApplication::exit(1); });
    window.openProject(rq.project);
    return app.exec();
}
