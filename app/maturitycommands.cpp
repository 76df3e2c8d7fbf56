// phm maturity (frameworks, export, import, show, assess) and phm cycle: argument parsing and
// printing over core/maturity.
#include "maturitycommands.h"

#include "base/safefile.h"
#include "clioutput.h"
#include "governance/users.h"
#include "maturity/maturitystore.h"
#include "session/session.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

using namespace phm::core;
using namespace phm::core::maturity;
using phm::cli::fail;
using phm::cli::out;

namespace {
const QCommandLineOption kProject(QStringLiteral("project"), QStringLiteral("Project file."), QStringLiteral("FILE"));
const QCommandLineOption kJson(QStringLiteral("json"), QStringLiteral("Print JSON."));

QString json(const QJsonObject &o) { return QString::fromUtf8(QJsonDocument(o).toJson()); }

// "Capability=value" options, by capability.
QMap<QString, QStringList> byCapability(const QStringList &values) {
    QMap<QString, QStringList> out;
    for (const QString &v : values) {
        const auto eq = v.indexOf(QLatin1Char('='));
        if (eq > 0) out[v.left(eq).trimmed().toLower()] << v.mid(eq + 1).trimmed();
    }
    return out;
}

// "Intelligence=Developing>Maturing@2027-03-31" as a rating of the framework.
Result<Rating> ratingOption(const QString &text, const Framework &f) {
    const auto eq = text.indexOf(QLatin1Char('='));
    if (eq <= 0)
        return Error{ErrorCode::Usage, QStringLiteral("--rating \"%1\": write Capability=Current[>Target][@YYYY-MM-DD]").arg(text), text};
    Rating r;
    r.capability = text.left(eq).trimmed();
    QString rest = text.mid(eq + 1).trimmed();
    if (const auto at = rest.indexOf(QLatin1Char('@')); at >= 0) {
        r.targetDate = QDate::fromString(rest.mid(at + 1).trimmed(), Qt::ISODate);
        if (!r.targetDate.isValid())
            return Error{ErrorCode::Usage, QStringLiteral("--rating \"%1\": the target date must be YYYY-MM-DD").arg(text), text};
        rest = rest.left(at);
    }
    const QStringList levels = rest.split(QLatin1Char('>'));
    r.current = f.levelIndex(levels.value(0).trimmed());
    r.target = levels.size() > 1 ? f.levelIndex(levels.value(1).trimmed()) : -1;
    if (r.current < 0 || (levels.size() > 1 && r.target < 0))
        return Error{ErrorCode::Usage,
                     QStringLiteral("--rating \"%1\": levels of %2 are %3").arg(text, f.name, f.levels.join(QStringLiteral(", "))), text};
    if (const int c = f.capabilityIndex(r.capability); c >= 0) r.capability = f.capabilities[size_t(c)].name;
    return r;
}

QString levelText(const Framework &f, int level) { return level >= 0 && level < f.levels.size() ? f.levels[level] : QStringLiteral("-"); }
}  // namespace

namespace {

// The project's records only (nothing loaded into memory).
Result<SessionPtr> recordsSession(const QString &project) {
    Feedback fb;
    SessionOptions options;
    options.loadData = false;
    return Session::open(project, fb, options);
}

int listFrameworks(const QCommandLineParser &p, const Session &session) {
    auto all = session.read([](ProjectDb &db) { return frameworks(db); });
    if (!all) return fail(QStringLiteral("phm maturity: %1").arg(all.error().message));
    QJsonArray list;
    QString text;
    for (const Framework &f : all.value()) {
        list.append(f.toJson());
        QStringList caps;
        for (const Capability &c : f.capabilities) caps << (c.optional ? c.name + QStringLiteral(" (optional)") : c.name);
        text += QStringLiteral("%1\n  levels: %2\n  capabilities: %3\n")
                    .arg(f.name, f.levels.join(QStringLiteral(" < ")), caps.join(QStringLiteral(", ")));
    }
    out(p.isSet(kJson) ? json(QJsonObject{{QStringLiteral("frameworks"), list}}) : text);
    return 0;
}

int exportMaturity(const QCommandLineParser &p, const Session &session) {
    if (!p.isSet(QStringLiteral("out"))) return fail(QStringLiteral("phm maturity export: --out FILE is required"));
    const QString &project = session.path();
    auto all = session.exportMaturity();
    if (!all) return fail(QStringLiteral("phm maturity export: %1").arg(all.error().message));
    const QString file = p.value(QStringLiteral("out"));
    if (auto s =
            writeFileSafely(file, QJsonDocument(all.value()).toJson(), OutputGuard::forProject(project, p.isSet(QStringLiteral("force"))));
        !s)
        return fail(QStringLiteral("phm maturity export: %1").arg(s.error().message));
    out(QStringLiteral("%1 frameworks, %2 assessments, %3 cycles written to %4\n")
            .arg(all.value().value(QStringLiteral("frameworks")).toArray().size())
            .arg(all.value().value(QStringLiteral("assessments")).toArray().size())
            .arg(all.value().value(QStringLiteral("cycles")).toArray().size())
            .arg(file));
    return 0;
}

int importMaturity(const QCommandLineParser &p, Session &session) {
    QFile f(p.value(QStringLiteral("from")));
    if (!f.open(QIODevice::ReadOnly)) return fail(QStringLiteral("phm maturity import: cannot read \"%1\"").arg(f.fileName()));
    auto report = session.importMaturity(f.readAll(), f.fileName());
    if (!report) return fail(QStringLiteral("phm maturity import: %1 (nothing was imported)").arg(report.error().message));
    const ImportReport &r = report.value();
    out(p.isSet(kJson) ? json(r.toJson())
                       : QStringLiteral("frameworks: %1 saved, %2 unchanged; assessments: %3 added, %4 already held; cycles: %5 added, "
                                        "%6 stages added, %7 already held\n")
                             .arg(r.frameworksSaved)
                             .arg(r.frameworksUnchanged)
                             .arg(r.assessmentsAdded)
                             .arg(r.assessmentsSkipped)
                             .arg(r.cyclesAdded)
                             .arg(r.stagesAdded)
                             .arg(r.stagesSkipped));
    return 0;
}

int assess(const QCommandLineParser &p, Session &session, const std::vector<Framework> &all) {
    const Framework *f = findFramework(all, p.value(QStringLiteral("framework")));
    if (!f) return fail(QStringLiteral("phm maturity assess: no framework called \"%1\"").arg(p.value(QStringLiteral("framework"))));
    Assessment a;
    a.framework = f->name;
    a.level = p.value(QStringLiteral("level"));
    a.area = p.value(QStringLiteral("area"));
    a.assessedOn = QDate::fromString(p.value(QStringLiteral("date")), Qt::ISODate);
    a.assessor = p.value(QStringLiteral("assessor"));
    a.note = p.value(QStringLiteral("note"));
    const auto evidence = byCapability(p.values(QStringLiteral("evidence"))), links = byCapability(p.values(QStringLiteral("link")));
    for (const QString &text : p.values(QStringLiteral("rating"))) {
        auto r = ratingOption(text, *f);
        if (!r) return fail(QStringLiteral("phm maturity assess: %1").arg(r.error().message));
        r.value().evidence = evidence.value(r.value().capability.toLower()).join(QLatin1Char('\n'));
        r.value().links = links.value(r.value().capability.toLower());
        a.ratings.push_back(r.value());
    }
    auto stored = session.addAssessment(a);
    if (!stored) return fail(QStringLiteral("phm maturity assess: %1").arg(stored.error().message));
    out(p.isSet(kJson) ? json(QJsonObject{{QStringLiteral("assessment"), stored.value().toJson(*f)}})
                       : QStringLiteral("assessment %1 of %2 recorded\n").arg(stored.value().id).arg(a.area));
    return 0;
}

// The assessments `show` lists: the newest of each area (or all with --history), filtered by
// --framework, --level and --area.
std::vector<Assessment> shownAssessments(const QCommandLineParser &p, const std::vector<Framework> &all,
                                         const std::vector<Assessment> &stored) {
    std::vector<Assessment> shown;
    QStringList names;
    for (const Framework &f : all)
        if (!p.isSet(QStringLiteral("framework")) || f.name.compare(p.value(QStringLiteral("framework")), Qt::CaseInsensitive) == 0)
            names << f.name;
    for (const QString &name : names) {
        std::vector<Assessment> some;
        if (p.isSet(QStringLiteral("history"))) {
            for (const Assessment &a : stored)
                if (a.framework == name) some.push_back(a);
        } else {
            some = latestByArea(stored, name);
        }
        for (const Assessment &a : some)
            if ((!p.isSet(QStringLiteral("level")) || a.level == p.value(QStringLiteral("level"))) &&
                (!p.isSet(QStringLiteral("area")) || a.area == p.value(QStringLiteral("area"))))
                shown.push_back(a);
    }
    return shown;
}

int showAssessments(const QCommandLineParser &p, const Session &session, const std::vector<Framework> &all) {
    auto stored = session.read([](ProjectDb &db) { return assessments(db); });
    if (!stored) return fail(QStringLiteral("phm maturity show: %1").arg(stored.error().message));
    QJsonArray list;
    QString text;
    for (const Assessment &a : shownAssessments(p, all, stored.value())) {
        const Framework &f = *findFramework(all, a.framework);
        list.append(a.toJson(f));
        text += QStringLiteral("%1 %2 %3, %4 by %5\n").arg(a.framework, a.level, a.area, a.assessedOn.toString(Qt::ISODate), a.assessor);
        for (const Rating &r : a.ratings)
            text += QStringLiteral("  %1 %2 -> %3%4\n")
                        .arg(r.capability, -28)
                        .arg(levelText(f, r.current), -10)
                        .arg(levelText(f, r.target),
                             r.targetDate.isValid() ? QStringLiteral(" by ") + r.targetDate.toString(Qt::ISODate) : QString());
    }
    out(p.isSet(kJson) ? json(QJsonObject{{QStringLiteral("assessments"), list}}) : text);
    return 0;
}

}  // namespace

int runMaturityCommand(const QStringList &args) {
    QCommandLineParser p;
    p.addOptions({kProject,
                  kJson,
                  {QStringLiteral("out"), QStringLiteral("Exchange file to write."), QStringLiteral("FILE")},
                  {QStringLiteral("force"), QStringLiteral("Replace an existing output file (never the project or its key store).")},
                  {QStringLiteral("from"), QStringLiteral("Exchange file to import."), QStringLiteral("FILE")},
                  {QStringLiteral("framework"), QStringLiteral("Framework name."), QStringLiteral("NAME")},
                  {QStringLiteral("level"), QStringLiteral("ics, place or pcn."), QStringLiteral("LEVEL")},
                  {QStringLiteral("area"), QStringLiteral("Area code (PCN ODS code, place name)."), QStringLiteral("CODE")},
                  {QStringLiteral("history"), QStringLiteral("Every assessment, not only the newest of each area.")},
                  {QStringLiteral("date"), QStringLiteral("Date assessed."), QStringLiteral("YYYY-MM-DD")},
                  {QStringLiteral("assessor"), QStringLiteral("Who assessed."), QStringLiteral("WHO")},
                  {QStringLiteral("note"), QStringLiteral("A note on the assessment."), QStringLiteral("TEXT")},
                  {QStringLiteral("rating"), QStringLiteral("Capability=Current[>Target][@YYYY-MM-DD], repeated."), QStringLiteral("R")},
                  {QStringLiteral("evidence"), QStringLiteral("Capability=text, repeated."), QStringLiteral("E")},
                  {QStringLiteral("link"), QStringLiteral("Capability=URL, repeated."), QStringLiteral("L")}});
    p.addPositionalArgument(QStringLiteral("action"), QStringLiteral("frameworks, export, import, show or assess"));
    p.process(args);
    const QString action = p.positionalArguments().value(0), project = p.value(kProject);
    if (project.isEmpty() || !QFile::exists(project)) return fail(QStringLiteral("phm maturity: no project at \"%1\"").arg(project));
    auto opened = recordsSession(project);
    if (!opened) {
        if (action == QLatin1String("export")) return fail(QStringLiteral("phm maturity export: %1").arg(opened.error().message));
        if (action == QLatin1String("import"))
            return fail(QStringLiteral("phm maturity import: %1 (nothing was imported)").arg(opened.error().message));
        return fail(QStringLiteral("phm maturity: %1").arg(opened.error().message));
    }
    Session &session = *opened.value();
    if (action == QLatin1String("frameworks")) return listFrameworks(p, session);
    if (action == QLatin1String("export")) return exportMaturity(p, session);
    if (action == QLatin1String("import")) return importMaturity(p, session);
    auto all = session.read([](ProjectDb &db) { return frameworks(db); });
    if (!all) return fail(QStringLiteral("phm maturity: %1").arg(all.error().message));
    if (action == QLatin1String("assess")) return assess(p, session, all.value());
    if (action != QLatin1String("show"))
        return fail(QStringLiteral("usage: phm maturity frameworks|export|import|show|assess --project P [options]"));
    return showAssessments(p, session, all.value());
}

namespace {
// phm cycle record: the next stage of a cycle, with its date, cohorts, note and evaluation.
int recordCycleStage(const QCommandLineParser &p, Session &session) {
    const auto stage = cycle::stageNamed(p.value(QStringLiteral("stage")));
    if (!stage) return fail(QStringLiteral("phm cycle record: --stage must be review, choose, design, implement or evaluate"));
    cycle::StageRecord record{*stage,
                              QDate::fromString(p.value(QStringLiteral("date")), Qt::ISODate),
                              p.values(QStringLiteral("cohort")),
                              p.value(QStringLiteral("note")),
                              {},
                              {},
                              0};
    if (p.isSet(QStringLiteral("evaluation"))) {
        bool ok = false;
        record.evaluation = p.value(QStringLiteral("evaluation")).toLongLong(&ok);
        if (!ok || record.evaluation <= 0) return fail(QStringLiteral("phm cycle record: --evaluation takes a saved evaluation's id"));
    }
    auto c = session.recordStage(p.value(QStringLiteral("cycle")).toLongLong(), record);
    if (!c) return fail(QStringLiteral("phm cycle record: %1").arg(c.error().message));
    out(p.isSet(kJson) ? json(QJsonObject{{QStringLiteral("cycle"), c.value().toJson()}})
                       : QStringLiteral("cycle %1 of %2: %3 reached on %4\n")
                             .arg(c.value().id)
                             .arg(c.value().pcn, cycle::stageName(*stage), record.reachedOn.toString(Qt::ISODate)));
    return 0;
}
}  // namespace

int runCycleCommand(const QStringList &args) {
    QCommandLineParser p;
    p.addOptions({kProject,
                  kJson,
                  {QStringLiteral("pcn"), QStringLiteral("PCN ODS code."), QStringLiteral("CODE")},
                  {QStringLiteral("title"), QStringLiteral("The opportunity the cycle works on."), QStringLiteral("TEXT")},
                  {QStringLiteral("cycle"), QStringLiteral("Cycle id (phm cycle list)."), QStringLiteral("ID")},
                  {QStringLiteral("stage"), QStringLiteral("review, choose, design, implement or evaluate."), QStringLiteral("STAGE")},
                  {QStringLiteral("date"), QStringLiteral("Date reached (record) or a day in the financial year (dashboard)."),
                   QStringLiteral("YYYY-MM-DD")},
                  {QStringLiteral("cohort"), QStringLiteral("Saved cohort used at this stage, repeated."), QStringLiteral("NAME")},
                  {QStringLiteral("note"), QStringLiteral("A note."), QStringLiteral("TEXT")},
                  {QStringLiteral("evaluation"), QStringLiteral("evaluate: the saved evaluation it rests on (phm evaluations list)."),
                   QStringLiteral("ID")}});
    p.addPositionalArgument(QStringLiteral("action"), QStringLiteral("start, record, list or dashboard"));
    p.process(args);
    const QString action = p.positionalArguments().value(0), project = p.value(kProject);
    if (project.isEmpty() || !QFile::exists(project)) return fail(QStringLiteral("phm cycle: no project at \"%1\"").arg(project));
    auto opened = recordsSession(project);
    if (!opened) {
        if (action == QLatin1String("start")) return fail(QStringLiteral("phm cycle start: %1").arg(opened.error().message));
        if (action == QLatin1String("record")) return fail(QStringLiteral("phm cycle record: %1").arg(opened.error().message));
        return fail(QStringLiteral("phm cycle: %1").arg(opened.error().message));
    }
    Session &session = *opened.value();
    if (action == QLatin1String("start")) {
        auto c = session.startCycle(p.value(QStringLiteral("pcn")), p.value(QStringLiteral("title")));
        if (!c) return fail(QStringLiteral("phm cycle start: %1").arg(c.error().message));
        out(p.isSet(kJson) ? json(QJsonObject{{QStringLiteral("cycle"), c.value().toJson()}})
                           : QStringLiteral("cycle %1 started for %2\n").arg(c.value().id).arg(c.value().pcn));
        return 0;
    }
    if (action == QLatin1String("record")) return recordCycleStage(p, session);
    auto all = session.read([](ProjectDb &db) { return cycles(db); });
    if (!all) return fail(QStringLiteral("phm cycle: %1").arg(all.error().message));
    if (action == QLatin1String("list")) {
        QJsonArray list;
        QString text;
        for (const cycle::Cycle &c : all.value()) {
            if (p.isSet(QStringLiteral("pcn")) && c.pcn != p.value(QStringLiteral("pcn"))) continue;
            list.append(c.toJson());
            text += QStringLiteral("%1  %2  %3: %4\n")
                        .arg(c.id, 4)
                        .arg(c.pcn, c.title, c.reached() ? cycle::stageName(*c.reached()) : QStringLiteral("not started"));
        }
        out(p.isSet(kJson) ? json(QJsonObject{{QStringLiteral("cycles"), list}}) : text);
        return 0;
    }
    if (action != QLatin1String("dashboard"))
        return fail(QStringLiteral("usage: phm cycle start|record|list|dashboard --project P [options]"));
    const QDate day =
        p.isSet(QStringLiteral("date")) ? QDate::fromString(p.value(QStringLiteral("date")), Qt::ISODate) : QDate::currentDate();
    if (!day.isValid()) return fail(QStringLiteral("phm cycle dashboard: --date must be YYYY-MM-DD"));
    auto areas = session.read([](ProjectDb &db) { return assessableAreas(db); });
    if (!areas) return fail(QStringLiteral("phm cycle dashboard: %1").arg(areas.error().message));
    QStringList pcns;
    for (const AssessableArea &a : areas.value())
        if (a.level == QLatin1String("pcn")) pcns << a.code;
    const auto [from, to] = cycle::financialYear(day);
    const cycle::Dashboard d = cycle::dashboard(all.value(), pcns, from, to);
    QJsonObject furthest;
    for (int s = 0; s < cycle::kStages; ++s) furthest.insert(cycle::stageKey(cycle::Stage(s)), d.furthest[size_t(s)]);
    if (p.isSet(kJson)) {
        out(json(QJsonObject{{QStringLiteral("from"), from.toString(Qt::ISODate)},
                             {QStringLiteral("to"), to.toString(Qt::ISODate)},
                             {QStringLiteral("pcns"), d.pcns},
                             {QStringLiteral("completed"), d.completed},
                             {QStringLiteral("evaluated"), d.evidenced},
                             {QStringLiteral("share"), d.share},
                             {QStringLiteral("furthest"), furthest},
                             {QStringLiteral("not_started"), d.notStarted}}));
        return 0;
    }
    out(QStringLiteral("%1 of %2 PCNs (%3%) completed a full PHM cycle between %4 and %5\n")
            .arg(d.completed)
            .arg(d.pcns)
            .arg(100 * d.share, 0, 'f', 0)
            .arg(from.toString(Qt::ISODate), to.toString(Qt::ISODate)));
    for (int s = 0; s < cycle::kStages; ++s)
        out(QStringLiteral("  furthest stage %1: %2\n").arg(cycle::stageName(cycle::Stage(s)), -24).arg(d.furthest[size_t(s)]));
    out(QStringLiteral("  completed with a saved evaluation: %1\n").arg(d.evidenced));
    out(QStringLiteral("  no cycle yet: %1\n").arg(d.notStarted));
    return 0;
}
