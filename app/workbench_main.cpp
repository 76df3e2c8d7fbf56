// phm-workbench: the GUI. Thin: application setup, translations, the main window.
//   phm-workbench [FILE]    open FILE (a project) at start
// The pictures in README.md and docs/images are made by tests/ui/screenshot_main.cpp (phm-screenshot).
#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
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
    parser.addPositionalArgument(QStringLiteral("project"), QApplication::translate("main", "Project file to open."));
    parser.process(app);

    phm::ui::MainWindow window;
    window.restoreLayout();  // where the user left the window and its docks
    window.show();
    if (const QStringList files = parser.positionalArguments(); !files.isEmpty()) window.openProject(files.first());
    return app.exec();
}
