#include "packcommand.h"

#include "clioutput.h"
#include "pack.h"
#include "packwriter.h"
#include "projectloader.h"
#include "rulecatalogue.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>

using namespace phm::core;
using phm::cli::fail;
using phm::cli::levelNamed;
using phm::cli::out;

int runExportPacksCommand(const QStringList &args) {
    QCommandLineParser p;
    p.addOptions(
        {{QStringLiteral("project"), QStringLiteral("Project file."), QStringLiteral("FILE")},
         {QStringLiteral("level"), QStringLiteral("pcn, place, alliance or ics."), QStringLiteral("LEVEL"), QStringLiteral("pcn")},
         {QStringLiteral("out"), QStringLiteral("Folder for the PDFs."), QStringLiteral("DIR")},
         {QStringLiteral("area"), QStringLiteral("Only this area (code or name)."), QStringLiteral("AREA")},
         {QStringLiteral("indicators"), QStringLiteral("Indicator ids, comma-separated (default: all)."), QStringLiteral("IDS")},
         {QStringLiteral("title"), QStringLiteral("Pack title."), QStringLiteral("TEXT"), QStringLiteral("Population health pack")},
         {QStringLiteral("json"), QStringLiteral("Print JSON.")}});
    p.process(args);
    const auto level = levelNamed(p.value(QStringLiteral("level")));
    if (!level || *level == Area::Practice || *level == Area::Lsoa)
        return fail(QStringLiteral("phm export-packs: --level must be pcn, place, alliance or ics"));
    if (!p.isSet(QStringLiteral("out"))) return fail(QStringLiteral("phm export-packs: --out DIR is required"));
    QElapsedTimer timer;
    timer.start();
    const rules::CodeLists lists;
    const QString projectPath = p.value(QStringLiteral("project"));
    auto definitions = loadIndicators({}, &lists, projectPath);
    if (!definitions) return fail(QStringLiteral("phm export-packs: %1").arg(definitions.error().message));
    Feedback fb;
    auto opened = openProject(projectPath, fb);
    if (!opened) return fail(QStringLiteral("phm export-packs: %1").arg(opened.error().message));
    const AreaIndex areas(*opened.value());
    PackOptions options;
    options.title = p.value(QStringLiteral("title"));
    options.indicators = p.value(QStringLiteral("indicators")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    auto packs = phm::ui::exportPacks(areas, lists, definitions.value(), *level, options, p.value(QStringLiteral("out")),
                                      p.value(QStringLiteral("area")));
    if (!packs) return fail(QStringLiteral("phm export-packs: %1").arg(packs.error().message));
    QJsonArray written;
    for (const phm::ui::WrittenPack &w : packs.value())
        written.append(QJsonObject{{QStringLiteral("area"), w.area},
                                   {QStringLiteral("area_code"), w.areaCode},
                                   {QStringLiteral("file"), w.file},
                                   {QStringLiteral("pages"), w.pages}});
    const QDir dir(p.value(QStringLiteral("out")));
    if (p.isSet(QStringLiteral("json")))
        out(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("packs"), written},
                                                        {QStringLiteral("policy"), options.policy.describe()},
                                                        {QStringLiteral("ms"), double(timer.nsecsElapsed()) / 1e6}})
                                  .toJson()));
    else
        out(QStringLiteral("%1 packs written to %2 in %3 s\n")
                .arg(written.size())
                .arg(dir.path())
                .arg(timer.elapsed() / 1000.0, 0, 'f', 1));
    return 0;
}
