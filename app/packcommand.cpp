#include "packcommand.h"

#include "base/safefile.h"
#include "clioutput.h"
#include "governance/users.h"
#include "packs/pack.h"
#include "packs/packtemplate.h"
#include "report/packwriter.h"
#include "rules/rulecatalogue.h"
#include "session/session.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <cstdio>

using namespace phm::core;
using phm::cli::fail;
using phm::cli::levelNamed;
using phm::cli::out;

int runExportPacksCommand(const QStringList &args) {
    QCommandLineParser p;
    p.addOptions({{QStringLiteral("project"), QStringLiteral("Project file."), QStringLiteral("FILE")},
                  {QStringLiteral("level"), QStringLiteral("pcn, place, alliance or ics."), QStringLiteral("LEVEL"), QStringLiteral("pcn")},
                  {QStringLiteral("out"), QStringLiteral("Folder for the PDFs."), QStringLiteral("DIR")},
                  {QStringLiteral("force"), QStringLiteral("Replace PDFs already in the folder.")},
                  {QStringLiteral("area"), QStringLiteral("Only this area (code or name)."), QStringLiteral("AREA")},
                  {QStringLiteral("indicators"), QStringLiteral("Indicator ids, comma-separated (default: all)."), QStringLiteral("IDS")},
                  {QStringLiteral("template"), QStringLiteral("Pack template saved in the project (default: Standard)."),
                   QStringLiteral("NAME"), QStringLiteral("Standard")},
                  {QStringLiteral("title"), QStringLiteral("Pack title (default: the template's)."), QStringLiteral("TEXT")},
                  {QStringLiteral("json"), QStringLiteral("Print JSON.")}});
    p.process(args);
    const auto level = levelNamed(p.value(QStringLiteral("level")));
    if (!level || *level == Area::Practice || *level == Area::Lsoa)
        return fail(QStringLiteral("phm export-packs: --level must be pcn, place, alliance or ics"));
    if (!p.isSet(QStringLiteral("out"))) return fail(QStringLiteral("phm export-packs: --out DIR is required"));
    QElapsedTimer timer;
    timer.start();
    const QString projectPath = p.value(QStringLiteral("project"));
    Feedback fb;
    auto opened = Session::open(projectPath, fb);
    if (!opened) return fail(QStringLiteral("phm export-packs: %1").arg(opened.error().message));
    const Session &session = *opened.value();
    auto definitions = session.indicators();
    if (!definitions) return fail(QStringLiteral("phm export-packs: %1").arg(definitions.error().message));
    PackOptions options;
    auto layout = session.read([&](ProjectDb &db) { return findPackTemplate(db, p.value(QStringLiteral("template"))); });
    if (!layout) return fail(QStringLiteral("phm export-packs: %1").arg(layout.error().message));
    options.layout = layout.value();
    if (p.isSet(QStringLiteral("title"))) options.layout.title = p.value(QStringLiteral("title"));
    if (p.isSet(QStringLiteral("indicators")))
        options.layout.indicators = p.value(QStringLiteral("indicators")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (auto s = validatePackTemplate(options.layout, definitions.value()); !s)
        return fail(QStringLiteral("phm export-packs: %1").arg(s.error().message));
    options.policy = session.policy();  // the project's, what exportPacks applies, named in the output
    Feedback progress;
    auto packs = phm::report::exportPacks(session, definitions.value(), *level, options, p.value(QStringLiteral("out")),
                                          p.value(QStringLiteral("area")), &progress,
                                          OutputGuard::forProject(projectPath, p.isSet(QStringLiteral("force"))));
    if (!packs) return fail(QStringLiteral("phm export-packs: %1").arg(packs.error().message));
    // What was left out (a damaged saved evaluation) is said, not hidden.
    const QStringList warnings = progress.warnings();
    for (const QString &w : warnings) std::fputs(QStringLiteral("warning: %1\n").arg(w).toUtf8().constData(), stderr);
    QJsonArray written;
    for (const phm::report::WrittenPack &w : packs.value())
        written.append(QJsonObject{{QStringLiteral("area"), w.area},
                                   {QStringLiteral("area_code"), w.areaCode},
                                   {QStringLiteral("file"), w.file},
                                   {QStringLiteral("pages"), w.pages}});
    const QDir dir(p.value(QStringLiteral("out")));
    if (p.isSet(QStringLiteral("json")))
        out(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("packs"), written},
                                                        {QStringLiteral("policy"), options.policy.describe()},
                                                        {QStringLiteral("template"), options.layout.name},
                                                        {QStringLiteral("warnings"), QJsonArray::fromStringList(warnings)},
                                                        {QStringLiteral("ms"), double(timer.nsecsElapsed()) / 1e6}})
                                  .toJson()));
    else
        out(QStringLiteral("%1 packs written to %2 in %3 s\n")
                .arg(written.size())
                .arg(dir.path())
                .arg(timer.elapsed() / 1000.0, 0, 'f', 1));
    return 0;
}

int runPackTemplatesCommand(const QStringList &args) {
    QCommandLineParser p;
    p.addOptions({{QStringLiteral("project"), QStringLiteral("Project file."), QStringLiteral("FILE")},
                  {QStringLiteral("name"), QStringLiteral("Template name."), QStringLiteral("NAME")},
                  {QStringLiteral("from"), QStringLiteral("Template JSON to save."), QStringLiteral("FILE")},
                  {QStringLiteral("out"), QStringLiteral("Where to write the template's JSON."), QStringLiteral("FILE")},
                  {QStringLiteral("force"), QStringLiteral("Replace an existing output file (never the project or its key store).")},
                  {QStringLiteral("json"), QStringLiteral("Print JSON.")}});
    p.addPositionalArgument(QStringLiteral("action"), QStringLiteral("list, export, import or remove"));
    p.process(args);
    const QString action = p.positionalArguments().value(0);
    const QString project = p.value(QStringLiteral("project"));
    const QString usage = QStringLiteral("usage: phm pack-templates list|export|import|remove --project P [--name N] [--from F] [--out F]");
    if (project.isEmpty() || !QFile::exists(project)) return fail(QStringLiteral("phm pack-templates: no project at \"%1\"").arg(project));
    Feedback fb;
    SessionOptions records;
    records.loadData = false;  // the project's records only
    auto opened = Session::open(project, fb, records);
    if (!opened) return fail(QStringLiteral("phm pack-templates: %1").arg(opened.error().message));
    Session &session = *opened.value();
    if (action == QLatin1String("import")) {
        const QString from = p.value(QStringLiteral("from"));
        QFile f(from);
        if (!f.open(QIODevice::ReadOnly)) return fail(QStringLiteral("phm pack-templates import: cannot read \"%1\"").arg(from));
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
        if (!doc.isObject())
            return fail(QStringLiteral("phm pack-templates import: %1: %2 at offset %3")
                            .arg(from, error.error == QJsonParseError::NoError ? QStringLiteral("not a JSON object") : error.errorString())
                            .arg(error.offset));
        auto t = PackTemplate::fromJson(doc.object(), from);
        if (!t) return fail(QStringLiteral("phm pack-templates import: %1").arg(t.error().message));
        auto definitions = session.indicators();
        if (!definitions) return fail(QStringLiteral("phm pack-templates import: %1").arg(definitions.error().message));
        if (auto s = validatePackTemplate(t.value(), definitions.value()); !s)
            return fail(QStringLiteral("phm pack-templates import: %1").arg(s.error().message));
        if (auto s = session.savePackTemplate(t.value()); !s)
            return fail(QStringLiteral("phm pack-templates import: %1").arg(s.error().message));
    } else if (action == QLatin1String("remove")) {
        if (auto s = session.removePackTemplate(p.value(QStringLiteral("name"))); !s)
            return fail(QStringLiteral("phm pack-templates remove: %1").arg(s.error().message));
    } else if (action == QLatin1String("export")) {
        const QString name = p.isSet(QStringLiteral("name")) ? p.value(QStringLiteral("name")) : QStringLiteral("Standard");
        auto t = session.read([&](ProjectDb &db) { return findPackTemplate(db, name); });
        if (!t) return fail(QStringLiteral("phm pack-templates export: %1").arg(t.error().message));
        const QByteArray json = QJsonDocument(t.value().toJson()).toJson();
        if (!p.isSet(QStringLiteral("out"))) {
            out(QString::fromUtf8(json));
            return 0;
        }
        if (auto s =
                writeFileSafely(p.value(QStringLiteral("out")), json, OutputGuard::forProject(project, p.isSet(QStringLiteral("force"))));
            !s)
            return fail(QStringLiteral("phm pack-templates export: %1").arg(s.error().message));
        return 0;
    } else if (action != QLatin1String("list")) {
        return fail(usage);
    }
    auto all = session.packTemplates();
    if (!all) return fail(QStringLiteral("phm pack-templates: %1").arg(all.error().message));
    QJsonArray rows;
    QString text;
    for (const PackTemplate &t : all.value()) {
        QJsonObject o = t.toJson();
        o.remove(QStringLiteral("logo_base64"));
        o.insert(QStringLiteral("has_logo"), !t.logo.isEmpty());
        rows.append(o);
        text += QStringLiteral("%1  %2 (%3 sections)\n").arg(t.name, -20).arg(t.title).arg(t.sections.size());
    }
    out(p.isSet(QStringLiteral("json")) ? QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("templates"), rows}}).toJson())
                                        : text);
    return 0;
}
