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

namespace {
// A file name from an area's name: letters, digits and dashes.
QString slug(const QString &name) {
    QString s;
    for (const QChar c : name.toLower()) s += c.isLetterOrNumber() ? c : QLatin1Char('-');
    while (s.contains(QStringLiteral("--"))) s.replace(QStringLiteral("--"), QStringLiteral("-"));
    return s.remove(QRegularExpression(QStringLiteral("^-|-$")));
}
}  // namespace

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
    auto packs = buildPacks(areas, lists, definitions.value(), *level, options);
    if (!packs) return fail(QStringLiteral("phm export-packs: %1").arg(packs.error().message));
    const QDir dir(p.value(QStringLiteral("out")));
    if (!QDir().mkpath(dir.path())) return fail(QStringLiteral("phm export-packs: cannot create %1").arg(dir.path()));
    const QString wanted = p.value(QStringLiteral("area"));
    QJsonArray written;
    for (const PackData &pack : packs.value()) {
        if (!wanted.isEmpty() && pack.areaCode.compare(wanted, Qt::CaseInsensitive) != 0 &&
            pack.areaName.compare(wanted, Qt::CaseInsensitive) != 0)
            continue;
        const QString file = dir.filePath(slug(pack.areaName) + QStringLiteral(".pdf"));
        auto pages = phm::ui::writePackPdf(pack, file);
        if (!pages) return fail(QStringLiteral("phm export-packs: %1").arg(pages.error().message));
        written.append(QJsonObject{{QStringLiteral("area"), pack.areaName},
                                   {QStringLiteral("area_code"), pack.areaCode},
                                   {QStringLiteral("file"), file},
                                   {QStringLiteral("pages"), pages.value()}});
    }
    if (!wanted.isEmpty() && written.isEmpty()) return fail(QStringLiteral("phm export-packs: no area `%1` at this level").arg(wanted));
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
