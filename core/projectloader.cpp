#include "projectloader.h"

#include "personmeasures.h"

#include "columnblocks.h"
#include "projectdb.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <set>
#include <thread>

namespace phm::core {

Result<ProjectPtr> openProject(const QString &path, Feedback &feedback) {
    if (!QFileInfo(path).isFile()) return Error{QStringLiteral("no_project"), QStringLiteral("%1: no such project file").arg(path), path};
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly) || f.read(16) != QByteArray("SQLite format 3\0", 16))
            return Error{QStringLiteral("not_a_project"),
                         QStringLiteral("%1 is not a PHM Workbench project (not an SQLite file)").arg(path), path};
    }
    auto db = ProjectDb::open(path, false);
    if (!db) return db.error();
    ProjectDb &d = *db.value();
    const int version = d.schemaVersion();
    if (version < 1)
        return Error{QStringLiteral("not_a_project"), QStringLiteral("%1 is an SQLite file but not a PHM Workbench project").arg(path),
                     path};
    if (version > kSchemaVersion)
        return Error{QStringLiteral("newer_schema"),
                     QStringLiteral("%1 needs a newer PHM Workbench (schema %2, this build reads up to %3)")
                         .arg(path)
                         .arg(version)
                         .arg(kSchemaVersion),
                     path};
    auto project = std::make_shared<Project>();
    project->path = QFileInfo(path).absoluteFilePath();
    project->derived = makeDerivedCache();
    project->schemaVersion = version;
    feedback.setPhase(QCoreApplication::translate("phm::core", "Reading geography"));
    auto geo = readGeography(d);
    if (!geo) return geo.error();
    project->geography = std::move(geo.value());
    if (feedback.isCanceled()) return Error{QStringLiteral("canceled"), QStringLiteral("open canceled"), {}};
    feedback.setPhase(QCoreApplication::translate("phm::core", "Reading column blocks"));
    feedback.setProgress(10);
    if (auto s = readColumnBlocks(d, project->persons, project->events); !s) return s.error();
    feedback.setProgress(90);
    {  // GP events are most of the rows: index them on one core and the rest on the other.
        std::thread gp([&] { project->events[0].buildCodeIndex(); });
        for (size_t e = 1; e < project->events.size(); ++e) project->events[e].buildCodeIndex();
        gp.join();
    }
    feedback.setProgress(95);
    project->extractStart = d.meta(QStringLiteral("extract_start")).toInt();
    project->extractEnd = d.meta(QStringLiteral("extract_end")).toInt();
    project->importReport = QJsonDocument::fromJson(d.meta(QStringLiteral("import_report")).toUtf8()).object();
    feedback.setProgress(100);
    return ProjectPtr(project);
}

QJsonObject projectInfo(const Project &p) {
    QJsonObject events;
    qint64 totalEvents = 0;
    for (int e = 0; e < kEventDatasetCount; ++e) {
        events.insert(QLatin1String(fileSpec(Dataset(e + kFirstEventDataset)).key), qint64(p.events[size_t(e)].rows));
        totalEvents += p.events[size_t(e)].rows;
    }
    std::set<uint16_t> lsoasUsed;
    for (uint16_t l : p.persons.lsoa) lsoasUsed.insert(l);
    qint64 registered = 0;
    for (int32_t i = 0; i < p.persons.count; ++i) registered += p.persons.isRegistered(i, p.extractEnd);
    return QJsonObject{{QStringLiteral("project"), p.path},
                       {QStringLiteral("schema_version"), p.schemaVersion},
                       {QStringLiteral("persons"), p.persons.count},
                       {QStringLiteral("registered_at_extract_end"), registered},
                       {QStringLiteral("practices"), qint64(p.geography.practices.size())},
                       {QStringLiteral("pcns"), qint64(p.geography.pcnCodes.size())},
                       {QStringLiteral("places"), qint64(p.geography.places.size())},
                       {QStringLiteral("care_alliances"), qint64(p.geography.alliances.size())},
                       {QStringLiteral("lsoas"), qint64(lsoasUsed.size())},
                       {QStringLiteral("events"), events},
                       {QStringLiteral("events_total"), totalEvents},
                       {QStringLiteral("extract_start"), QString::fromStdString(isoDate(p.extractStart))},
                       {QStringLiteral("extract_end"), QString::fromStdString(isoDate(p.extractEnd))},
                       {QStringLiteral("linkage_rate"), p.importReport.value(QStringLiteral("linkage_rate"))}};
}

}  // namespace phm::core
