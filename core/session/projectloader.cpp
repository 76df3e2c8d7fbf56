#include "session/projectloader.h"
#include "base/parallel.h"

#include "geo/refdata.h"
#include "rules/personmeasures.h"
#include "stratify/personscores.h"

#include "store/columnblocks.h"
#include "store/projectcheck.h"
#include "store/projectdb.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <set>

namespace phm::core {

namespace {
// The activity window and import report from the meta table, checked.
QString readMeta(ProjectDb &d, Project &p) {
    for (const auto &[key, day] : {std::pair{"extract_start", &p.extractStart}, std::pair{"extract_end", &p.extractEnd}}) {
        bool ok = false;
        const QString text = d.meta(QLatin1String(key));
        *day = text.toInt(&ok);
        if (text.isEmpty()) return QStringLiteral("meta %1: missing").arg(QLatin1String(key));
        if (!ok || *day < firstValidDay() || *day > lastValidDay())
            return QStringLiteral("meta %1: \"%2\" is not a day from 1800 to 2199").arg(QLatin1String(key), text.left(40));
    }
    if (p.extractStart > p.extractEnd) return QStringLiteral("meta extract_start: after extract_end");
    QJsonParseError parsed;
    const QJsonDocument report = QJsonDocument::fromJson(d.meta(QStringLiteral("import_report")).toUtf8(), &parsed);
    if (!report.isObject()) return QStringLiteral("meta import_report: not a JSON object (%1)").arg(parsed.errorString());
    p.importReport = report.object();
    // Paths are where the project is now: the rejects are always written next to it.
    p.importReport.insert(QStringLiteral("project"), p.path);
    p.importReport.insert(QStringLiteral("rejects_dir"), p.path + QStringLiteral(".rejects"));
    return {};
}
}  // namespace

Result<ProjectPtr> openProject(const QString &path, Feedback &feedback) {
    auto db = ProjectDb::open(path, false);  // checks that the file is a project of a schema we know
    if (!db) return db.error();
    ProjectDb &d = *db.value();
    auto project = std::make_shared<Project>();
    project->path = QFileInfo(path).absoluteFilePath();
    project->derived = makeDerivedCache();
    setPersonValuesSource(*project, stratifiedValues);  // risk_score, risk_tier and segment('…') in rules
    project->schemaVersion = d.schemaVersion();
    feedback.setPhase(QCoreApplication::translate("phm::core", "Reading geography"));
    auto geo = readGeography(d);
    if (!geo) return geo.error();
    project->geography = std::move(geo.value());
    // The IMD domains are reference data, joined by code (an LSOA the national file does not
    // know keeps ranks of 0: not known, matched by no rule on them).
    const auto &england = ReferenceData::instance().englandLsoas();
    for (Lsoa &l : project->geography.lsoas)
        if (const auto it = england.constFind(l.code); it != england.constEnd()) l.domainRank = it->domainRank;
    if (feedback.isCanceled()) return Error{ErrorCode::Canceled, QStringLiteral("open cancelled"), {}};
    feedback.setPhase(QCoreApplication::translate("phm::core", "Reading column blocks"));
    feedback.setProgress(10);
    if (auto s = readColumnBlocks(d, project->persons, project->events); !s) return s.error();
    feedback.setProgress(85);
    if (const QString problem = readMeta(d, *project); !problem.isEmpty()) return damagedProjectError(path, problem);
    // Nothing below (nor any analysis) checks an index again: everything is checked here.
    if (const QString problem = projectProblem(*project); !problem.isEmpty()) return damagedProjectError(path, problem);
    feedback.setProgress(90);
    {  // GP events are most of the rows: index them on one core and the rest on the other.
        parallelInvoke(
            [&] {
                for (size_t e = 1; e < project->events.size(); ++e) project->events[e].buildCodeIndex();
            },
            [&] { project->events[0].buildCodeIndex(); });
    }
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
