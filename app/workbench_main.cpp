// phm-workbench: the GUI. Thin: application setup, translations, the main window.
//   phm-workbench [FILE]                       open a project
//   phm-workbench --screenshot OUT.png [--rule TEXT [--tab N]] [--dock NAME] [--map INDICATOR] [--dialog packs|audit] FILE
//                                              open FILE, select the first PCN (and evaluate TEXT in the
//                                              cohort builder), save a picture, exit
#include "auditlogdialog.h"
#include "breakdownview.h"
#include "cohortpanel.h"
#include "core20panel.h"
#include "geo/areas.h"
#include "indicatoreditor.h"
#include "inequalitypanel.h"
#include "mainwindow.h"
#include "mappanel.h"
#include "maturitypanel.h"
#include "packdesigner.h"
#include "profilepanel.h"
#include "projectcontroller.h"
#include "pyramidview.h"
#include "riskpanel.h"
#include "segmentationpanel.h"
#include "trendview.h"

#include <QApplication>
#include <QComboBox>
#include <QCommandLineParser>
#include <QDockWidget>
#include <QLibraryInfo>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QTranslator>

int main(int argc, char **argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("PHM Workbench"));
    QApplication::setApplicationName(QStringLiteral("PHM Workbench"));
    QApplication::setApplicationVersion(QStringLiteral(PHM_VERSION));

    QTranslator qtTranslator, translator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    if (translator.load(QLocale(), QStringLiteral("phm"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Population health management workbench"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(
        {QStringLiteral("screenshot"), QApplication::translate("main", "Save a screenshot to FILE and exit."), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("rule"), QApplication::translate("main", "With --screenshot: show this rule in the cohort builder."),
                      QStringLiteral("TEXT")});
    parser.addOption({QStringLiteral("dock"), QApplication::translate("main", "With --screenshot: raise this dock (e.g. segmentation)."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("tab"), QApplication::translate("main", "With --rule: show this result tab (0 attrition, 1 by area)."),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("map"), QApplication::translate("main", "With --screenshot: map this indicator (an id) by LSOA."),
                      QStringLiteral("ID")});
    parser.addOption({QStringLiteral("indicator"), QApplication::translate("main", "With --dock profile: select this indicator (an id)."),
                      QStringLiteral("ID")});
    parser.addOption({QStringLiteral("edit-indicator"),
                      QApplication::translate("main", "With --screenshot: open the indicator editor on this indicator and save it."),
                      QStringLiteral("ID")});
    parser.addOption({QStringLiteral("dialog"),
                      QApplication::translate("main", "With --screenshot: open this dialog (packs or audit) and save it."),
                      QStringLiteral("NAME")});
    parser.addPositionalArgument(QStringLiteral("project"), QApplication::translate("main", "Project file to open."));
    parser.process(app);

    phm::ui::MainWindow window;
    window.show();
    const QStringList files = parser.positionalArguments();
    if (!files.isEmpty()) window.controller()->openProject(files.first());
    if (parser.isSet(QStringLiteral("screenshot"))) {
        const QString out = parser.value(QStringLiteral("screenshot"));
        const QString rule = parser.value(QStringLiteral("rule"));
        auto grab = [&window, out] {
            QTimer::singleShot(300, &window, [&window, out] {
                window.grab().save(out);
                QApplication::quit();
            });
        };
        const QString dock = parser.value(QStringLiteral("dock"));
        const int tab = parser.value(QStringLiteral("tab")).toInt();
        window.cohortPanel()->tabs()->setCurrentIndex(tab);
        if (auto *charts = window.profilePanel()->findChild<QTabWidget *>()) charts->setCurrentIndex(tab);
        if (tab == 1)  // the breakdown follows the count
            QObject::connect(window.cohortPanel()->breakdown(), &phm::ui::BreakdownView::updated, &window, grab);
        else
            QObject::connect(window.cohortPanel(), &phm::ui::CohortPanel::evaluated, &window, grab);
        if (dock == QLatin1String("segmentation"))
            // Superseded requests never show, so the first update is the selected PCN's.
            QObject::connect(window.segmentationPanel(), &phm::ui::SegmentationPanel::updated, &window, grab);
        if (dock == QLatin1String("profile") && tab == 2)  // the trend is computed once its tab shows
            QObject::connect(window.profilePanel()->trend(), &phm::ui::TrendView::updated, &window, grab);
        else if (dock == QLatin1String("profile"))
            QObject::connect(window.profilePanel(), &phm::ui::ProfilePanel::updated, &window, [&window, grab, &parser] {
                // With --indicator, show that indicator first.
                const QString wanted = parser.value(QStringLiteral("indicator"));
                const auto &defs = window.profilePanel()->model()->profileData().indicators;
                for (int i = 0; i < int(defs.size()); ++i)
                    if (defs[size_t(i)].id == wanted) window.profilePanel()->table()->selectRow(i);
                grab();
            });
        if (dock == QLatin1String("core20")) QObject::connect(window.core20Panel(), &phm::ui::Core20Panel::updated, &window, grab);
        if (dock == QLatin1String("maturity"))  // the dock on its own, at a size an analyst would give it
            QObject::connect(window.maturityPanel(), &phm::ui::MaturityPanel::updated, &window, [&window, out] {
                auto *shown = window.findChild<QDockWidget *>(QStringLiteral("maturity"));
                shown->setFloating(true);
                shown->resize(1280, 860);
                QTimer::singleShot(400, &window, [shown, out] {
                    shown->grab().save(out);
                    QApplication::quit();
                });
            });
        if (dock == QLatin1String("inequalities"))
            QObject::connect(window.inequalityPanel(), &phm::ui::InequalityPanel::updated, &window, grab);
        if (dock == QLatin1String("risk"))  // once the model is trained
            QObject::connect(window.riskPanel(), &phm::ui::RiskPanel::updated, &window, [&window, grab] {
                if (window.riskPanel()->model()) grab();
            });
        const QString edited = parser.value(QStringLiteral("edit-indicator"));
        if (!edited.isEmpty())
            QObject::connect(window.controller(), &phm::ui::ProjectController::projectOpened, &window, [&window, edited, out] {
                auto all = phm::core::loadIndicators({}, window.controller()->codeLists().get());
                for (const auto &d : all.value())
                    if (d.id == edited) {
                        auto *editor = new phm::ui::IndicatorEditor(window.controller(), d, &window);
                        QObject::connect(editor, &phm::ui::IndicatorEditor::previewed, editor, [editor, out] {
                            editor->grab().save(out);
                            QApplication::quit();
                        });
                        editor->show();
                    }
            });
        // --dialog packs: the pack designer with the first PCN's preview; --dialog audit: the audit
        // log after its chain is verified.
        const QString dialog = parser.value(QStringLiteral("dialog"));
        auto grabDialog = [out](QWidget *d) {
            QTimer::singleShot(300, d, [d, out] {
                d->grab().save(out);
                QApplication::quit();
            });
        };
        if (dialog == QLatin1String("packs"))
            QObject::connect(window.controller(), &phm::ui::ProjectController::projectOpened, &window, [&window, grabDialog] {
                auto *d = new phm::ui::PackDesigner(window.controller(), &window);
                QObject::connect(
                    d, &phm::ui::PackDesigner::templatesLoaded, d, [d] { d->previewButton()->click(); }, Qt::SingleShotConnection);
                QObject::connect(d, &phm::ui::PackDesigner::previewReady, d, [d, grabDialog] { grabDialog(d); });
                d->show();
            });
        if (dialog == QLatin1String("audit"))
            QObject::connect(window.controller(), &phm::ui::ProjectController::projectOpened, &window, [&window, grabDialog] {
                auto *d = new phm::ui::AuditLogDialog(window.controller()->project()->path, window.controller()->user(), &window);
                QObject::connect(d, &phm::ui::AuditLogDialog::loaded, d, [d] { d->verifyButton()->click(); });
                QObject::connect(d, &phm::ui::AuditLogDialog::verified, d, [d, grabDialog] { grabDialog(d); });
                d->show();
            });
        const QString mapped = parser.value(QStringLiteral("map"));
        if (!mapped.isEmpty())
            QObject::connect(window.mapPanel(), &phm::ui::MapPanel::updated, &window, [&window, mapped, grab] {
                QComboBox *box = window.mapPanel()->indicatorBox();
                if (box->currentData().toString() == mapped) return grab();
                box->setCurrentIndex(box->findData(mapped));
            });
        QObject::connect(window.controller(), &phm::ui::ProjectController::projectOpened, &window,
                         [&window, rule, grab, dock, mapped, edited, dialog] {
                             window.selectArea(phm::core::Area{phm::core::Area::Pcn, 0});
                             if (!dialog.isEmpty()) return;  // the dialog grabs itself
                             if (!mapped.isEmpty()) return window.selectArea(phm::core::Area{phm::core::Area::Lsoa, 0});
                             if (!edited.isEmpty()) return;  // the editor grabs itself
                             if (!dock.isEmpty()) {
                                 auto *shown = window.findChild<QDockWidget *>(dock);
                                 shown->raise();
                                 window.resizeDocks({shown}, {400}, Qt::Vertical);
                                 return;
                             }
                             if (rule.isEmpty()) return grab();
                             auto *builder = window.findChild<QDockWidget *>(QStringLiteral("cohortBuilder"));
                             builder->raise();
                             window.resizeDocks({builder}, {400}, Qt::Vertical);
                             window.cohortPanel()->editor()->setPlainText(rule);
                         });
        QObject::connect(window.controller(), &phm::ui::ProjectController::failed, &app, [] { QApplication::exit(1); });
    }
    return app.exec();
}
