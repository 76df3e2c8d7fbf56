#include "cohortcommands.h"

#include "clicredentials.h"
#include "clidisclosure.h"
#include "clioutput.h"

#include "base/dates.h"
#include "base/safefile.h"
#include "geo/areas.h"
#include "operations/cohortops.h"
#include "operations/segmentop.h"
#include "rules/rulecatalogue.h"
#include "rules/rulesql.h"
#include "session/session.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <optional>

using namespace phm::core;
using phm::cli::countText;
using phm::cli::fail;
using phm::cli::out;

namespace {
// --base, --index-date and --area as the cohort's base population.
Result<CohortBase> cohortBase(const QCommandLineParser &p, const Session &session) {
    CohortBase base;
    const QString kind = p.value(QStringLiteral("base"));
    if (kind != QLatin1String("everyone") && kind != QLatin1String("registered"))
        return Error{ErrorCode::BadArgument, QStringLiteral("--base takes everyone or registered, not `%1`").arg(kind), kind};
    base.everyone = kind == QLatin1String("everyone");
    if (p.isSet(QStringLiteral("index-date"))) {
        const auto day = parseIsoDate(p.value(QStringLiteral("index-date")).toStdString());
        if (!day)
            return Error{ErrorCode::BadArgument, QStringLiteral("--index-date takes YYYY-MM-DD"), p.value(QStringLiteral("index-date"))};
        base.indexDate = *day;
    }
    if (p.isSet(QStringLiteral("area"))) {
        auto area = ops::areaFromSpec(session.areas(), p.value(QStringLiteral("area")));
        if (!area) return area.error();
        base.area = area.value();
    }
    return base;
}
}  // namespace

namespace {

// The attrition, the count and any saved version as lines of text (from the published JSON).
void printCohortText(const QJsonObject &o, double ms, const QString &policy, const QString &savedName) {
    for (const QJsonValue &a : o.value(QStringLiteral("attrition")).toArray())
        out(QStringLiteral("%1  %2\n").arg(countText(a[QStringLiteral("count")]), 10).arg(a[QStringLiteral("clause")].toString()));
    out(QStringLiteral("%1 people (%2 ms, %3 engine; %4)\n")
            .arg(countText(o.value(QStringLiteral("count"))))
            .arg(ms, 0, 'f', 1)
            .arg(o.value(QStringLiteral("engine")).toString(), policy));
    if (o.contains(QStringLiteral("saved")))
        out(QStringLiteral("saved as \"%1\" version %2\n")
                .arg(savedName)
                .arg(o.value(QStringLiteral("saved")).toObject().value(QStringLiteral("version")).toInt()));
}

// phm cohort's options: the rule, the engine, the base population, saving and the ids file.
QList<QCommandLineOption> cohortOptions() {
    return {{QStringLiteral("project"), QStringLiteral("Project file."), QStringLiteral("FILE")},
            {QStringLiteral("rule"), QStringLiteral("Rule text (docs/rules.md)."), QStringLiteral("TEXT")},
            {QStringLiteral("rule-file"), QStringLiteral("File holding the rule."), QStringLiteral("F")},
            {QStringLiteral("engine"), QStringLiteral("mem (default) or sql."), QStringLiteral("E"), QStringLiteral("mem")},
            {QStringLiteral("sql"), QStringLiteral("Print the generated SQL.")},
            {QStringLiteral("json"), QStringLiteral("Print JSON.")},
            {QStringLiteral("repeat"), QStringLiteral("Evaluate N times and report the median time."), QStringLiteral("N"),
             QStringLiteral("1")},
            {QStringLiteral("save"), QStringLiteral("Save the rule as a new version of cohort NAME."), QStringLiteral("NAME")},
            {QStringLiteral("author"), QStringLiteral("Author of the saved version."), QStringLiteral("WHO")},
            {QStringLiteral("note"), QStringLiteral("Note on the saved version."), QStringLiteral("TEXT")},
            {QStringLiteral("by"), QStringLiteral("Break down by practice, pcn, place, care_alliance or lsoa."), QStringLiteral("AREA")},
            {QStringLiteral("ids"), QStringLiteral("Write the members' pseudonymised ids to FILE (CSV)."), QStringLiteral("FILE")},
            {QStringLiteral("base"),
             QStringLiteral("Count among: everyone in the extract (default), or registered (registered and alive at the index date)."),
             QStringLiteral("BASE"), QStringLiteral("everyone")},
            {QStringLiteral("index-date"), QStringLiteral("Evaluate at this date, YYYY-MM-DD (default: the extract end)."),
             QStringLiteral("DATE")},
            {QStringLiteral("area"), QStringLiteral("Count within this area: LEVEL:CODE, e.g. pcn:U12345 or place:Luton."),
             QStringLiteral("AREA")},
            {QStringLiteral("force"), QStringLiteral("Replace an existing output file (never the project or its key store).")},
            phm::cli::disclosureOption(),
            phm::cli::passphraseFileOption()};
}

}  // namespace

int runCohortCommand(const QStringList &args) {
    QCommandLineParser p;
    p.addOptions(cohortOptions());
    p.process(args);
    QString rule = p.value(QStringLiteral("rule"));
    if (p.isSet(QStringLiteral("rule-file"))) {
        QFile f(p.value(QStringLiteral("rule-file")));
        if (!f.open(QIODevice::ReadOnly)) return fail(QStringLiteral("phm cohort: cannot read %1").arg(f.fileName()));
        rule = QString::fromUtf8(f.readAll());
    }
    if (rule.trimmed().isEmpty()) return fail(QStringLiteral("phm cohort: give --rule TEXT or --rule-file F"));
    std::optional<Area::Kind> by;
    if (p.isSet(QStringLiteral("by")) && !(by = ops::breakdownKind(p.value(QStringLiteral("by")))))
        return fail(QStringLiteral("phm cohort: --by takes practice, pcn, place, care_alliance or lsoa"));
    const auto policy = phm::cli::outputPolicy(p, p.value(QStringLiteral("project")));
    if (!policy) return fail(QStringLiteral("phm cohort: %1").arg(policy.error().message));
    Feedback fb;
    auto opened = Session::open(p.value(QStringLiteral("project")), fb);
    if (!opened) return fail(QStringLiteral("phm cohort: %1").arg(opened.error().message));
    Session &session = *opened.value();
    // Checked against the bundled lists and the project's own.
    auto request = ops::parseCohortRule(rule, session.codeLists());
    if (!request) return fail(QStringLiteral("phm cohort: %1").arg(request.error().message));
    request.value().sqlEngine = p.value(QStringLiteral("engine")) == QLatin1String("sql");
    request.value().by = by;
    request.value().repeat = p.value(QStringLiteral("repeat")).toInt();
    if (auto base = cohortBase(p, session); base)
        request.value().base = base.value();
    else
        return fail(QStringLiteral("phm cohort: %1").arg(base.error().message));
    if (p.isSet(QStringLiteral("sql"))) {
        auto sql = rules::SqlCompiler(session.project(), session.codeLists()).selectPeople(*request.value().parsed);
        if (!sql) return fail(QStringLiteral("phm cohort: %1").arg(sql.error().message));
        out(sql.value() + QLatin1Char('\n'));
        if (!p.isSet(QStringLiteral("json"))) return 0;
    }
    auto run = ops::runCohort(session, request.value(), fb);
    if (!run) return fail(QStringLiteral("phm cohort: %1").arg(run.error().message));
    const rules::EvaluationResult &r = run.value().evaluation;
    QJsonObject o = ops::cohortJson(run.value());
    if (p.isSet(QStringLiteral("save"))) {
        auto saved = session.saveCohort(p.value(QStringLiteral("save")), rule, p.value(QStringLiteral("author")),
                                        p.value(QStringLiteral("note")), r.count());
        if (!saved) return fail(QStringLiteral("phm cohort: %1").arg(saved.error().message));
        o.insert(QStringLiteral("saved"), QJsonObject{{QStringLiteral("name"), p.value(QStringLiteral("save"))},
                                                      {QStringLiteral("version"), saved.value().version}});
    }
    // Counts leave through disclosure control; the run (and any ids file) is in the audit log.
    QJsonObject detail{{QStringLiteral("rule"), rule.simplified()}};
    if (p.isSet(QStringLiteral("ids"))) {  // pseudonymised ids, one per member: an export of its own
        detail.insert(QStringLiteral("ids_file"), QFileInfo(p.value(QStringLiteral("ids"))).fileName());
        detail.insert(QStringLiteral("ids"), qint64(r.count()));
    }
    // The ids file is checked and opened (as a temporary beside it) before the export is audited.
    SafeFile ids(p.value(QStringLiteral("ids")));
    if (p.isSet(QStringLiteral("ids")))
        if (auto s = ids.open(OutputGuard::forProject(session.path(), p.isSet(QStringLiteral("force")))); !s)
            return fail(QStringLiteral("phm cohort: %1").arg(s.error().message));
    auto published = session.publishObject(o, ops::cohortFields(), policy.value(), QStringLiteral("cohort"), detail);
    if (!published) return fail(QStringLiteral("phm cohort: %1").arg(published.error().message));
    o = published.value();
    if (p.isSet(QStringLiteral("ids"))) {
        if (auto s = ids.write(ops::memberIdsCsv(session.project(), r.people)); !s)
            return fail(QStringLiteral("phm cohort: %1").arg(s.error().message));
        if (auto s = ids.commit(); !s) return fail(QStringLiteral("phm cohort: %1").arg(s.error().message));
    }
    if (p.isSet(QStringLiteral("json"))) {
        out(QString::fromUtf8(QJsonDocument(o).toJson()));
        return 0;
    }
    printCohortText(o, run.value().ms, policy.value().describe(), p.value(QStringLiteral("save")));
    return 0;
}

int runCohortsCommand(const QStringList &args) {
    QCommandLineParser p;
    p.addOptions({{QStringLiteral("project"), QStringLiteral("Project file."), QStringLiteral("FILE")},
                  {QStringLiteral("overlap"), QStringLiteral("Overlap of 2-4 saved cohorts, comma-separated."), QStringLiteral("A,B")},
                  {QStringLiteral("delete"), QStringLiteral("Delete a saved cohort."), QStringLiteral("NAME")},
                  {QStringLiteral("json"), QStringLiteral("Print JSON.")},
                  phm::cli::disclosureOption(),
                  phm::cli::passphraseFileOption()});
    p.process(args);
    const QString path = p.value(QStringLiteral("project"));
    const auto policy = phm::cli::outputPolicy(p, path);
    if (!policy) return fail(QStringLiteral("phm cohorts: %1").arg(policy.error().message));
    const bool overlap = p.isSet(QStringLiteral("overlap"));
    Feedback fb;
    SessionOptions options;
    options.loadData = overlap;  // only the overlap evaluates rules
    auto opened = Session::open(path, fb, options);
    if (!opened) return fail(QStringLiteral("phm cohorts: %1").arg(opened.error().message));
    Session &session = *opened.value();
    if (p.isSet(QStringLiteral("delete"))) {
        if (auto s = session.removeCohort(p.value(QStringLiteral("delete"))); !s)
            return fail(QStringLiteral("phm cohorts: %1").arg(s.error().message));
        return 0;
    }
    if (overlap) {
        const QStringList names = p.value(QStringLiteral("overlap")).split(QLatin1Char(','), Qt::SkipEmptyParts);
        auto regions = ops::cohortOverlapJson(session, names);
        if (!regions) return fail(QStringLiteral("phm cohorts: %1").arg(regions.error().message));
        auto published = session.publishObject(regions.value(), ops::cohortFields(), policy.value(), QStringLiteral("cohorts"),
                                               {{QStringLiteral("overlap"), names.join(QLatin1Char(','))}});
        if (!published) return fail(QStringLiteral("phm cohorts: %1").arg(published.error().message));
        if (p.isSet(QStringLiteral("json")))
            out(QString::fromUtf8(QJsonDocument(published.value()).toJson()));
        else
            for (const QJsonValue &v : published.value().value(QStringLiteral("regions")).toArray())
                out(QStringLiteral("%1  only %2\n")
                        .arg(countText(v.toObject().value(QStringLiteral("count"))), 10)
                        .arg(v.toObject().value(QStringLiteral("cohorts")).toVariant().toStringList().join(QStringLiteral(" + "))));
        return 0;
    }
    auto list = ops::savedCohortsJson(session);
    if (!list) return fail(QStringLiteral("phm cohorts: %1").arg(list.error().message));
    // The counts saved with each version leave through disclosure control like any other.
    auto published = session.publishObject(list.value(), ops::cohortFields(), policy.value(), QStringLiteral("cohorts"));
    if (!published) return fail(QStringLiteral("phm cohorts: %1").arg(published.error().message));
    if (p.isSet(QStringLiteral("json"))) {
        out(QString::fromUtf8(QJsonDocument(published.value()).toJson()));
        return 0;
    }
    for (const QJsonValue &c : published.value().value(QStringLiteral("cohorts")).toArray()) {
        const QJsonObject current = c[QStringLiteral("versions")].toArray().last().toObject();
        out(QStringLiteral("%1 (v%2, %3 people, %4 by %5)\n    %6\n")
                .arg(c[QStringLiteral("name")].toString())
                .arg(current.value(QStringLiteral("version")).toInt())
                .arg(countText(current.value(QStringLiteral("count"))), current.value(QStringLiteral("saved_at")).toString(),
                     current.value(QStringLiteral("author")).toString(), current.value(QStringLiteral("rule")).toString().simplified()));
    }
    return 0;
}

int runSegmentCommand(const QStringList &args) {
    QCommandLineParser p;
    p.addOptions(
        {{QStringLiteral("project"), QStringLiteral("Project file."), QStringLiteral("FILE")},
         {QStringLiteral("template"), QStringLiteral("Template id or JSON file."), QStringLiteral("ID"),
          QStringLiteral("cheshire-merseyside")},
         {QStringLiteral("where"), QStringLiteral("Segment only people matching RULE, e.g. \"pcn = 'U83511'\"."), QStringLiteral("RULE")},
         {QStringLiteral("date"), QStringLiteral("Index date (default: the extract end)."), QStringLiteral("YYYY-MM-DD")},
         {QStringLiteral("compare-template"), QStringLiteral("Also segment with this template and count movements."), QStringLiteral("ID")},
         {QStringLiteral("compare-date"), QStringLiteral("Also segment at this date and count movements."), QStringLiteral("YYYY-MM-DD")},
         {QStringLiteral("json"), QStringLiteral("Print JSON.")},
         phm::cli::disclosureOption(),
         phm::cli::passphraseFileOption()});
    p.process(args);
    const auto policy = phm::cli::outputPolicy(p, p.value(QStringLiteral("project")));
    if (!policy) return fail(QStringLiteral("phm segment: %1").arg(policy.error().message));
    ops::SegmentRequest request;
    request.templateId = p.value(QStringLiteral("template"));
    request.where = p.value(QStringLiteral("where"));
    request.compareTemplate = p.value(QStringLiteral("compare-template"));
    for (auto [option, day] : {std::pair{"date", &request.indexDate}, std::pair{"compare-date", &request.compareDate}}) {
        if (!p.isSet(QLatin1String(option))) continue;
        *day = parseIsoDate(p.value(QLatin1String(option)).toStdString());
        if (!*day) return fail(QStringLiteral("phm segment: dates are YYYY-MM-DD"));
    }
    Feedback fb;
    auto opened = Session::open(p.value(QStringLiteral("project")), fb);
    if (!opened) return fail(QStringLiteral("phm segment: %1").arg(opened.error().message));
    const Session &session = *opened.value();
    auto run = ops::runSegmentation(session, request, fb);
    if (!run) return fail(QStringLiteral("phm segment: %1").arg(run.error().message));
    const SegmentationResult &r = run.value().result;
    const double ms = run.value().ms;
    auto published =
        session.publishObject(ops::segmentationJson(run.value()), ops::segmentationFields(), policy.value(), QStringLiteral("segment"),
                              {{QStringLiteral("template"), r.templateName}, {QStringLiteral("where"), request.where}});
    if (!published) return fail(QStringLiteral("phm segment: %1").arg(published.error().message));
    const QJsonObject o = published.value();
    if (p.isSet(QStringLiteral("json"))) {
        out(QString::fromUtf8(QJsonDocument(o).toJson()));
        return 0;
    }
    out(QStringLiteral("%1 (%2 people, %3 ms; %4)\n")
            .arg(r.templateName, countText(o.value(QStringLiteral("persons"))))
            .arg(ms, 0, 'f', 0)
            .arg(policy.value().describe()));
    for (const QJsonValue &v : o.value(QStringLiteral("segments")).toArray()) {
        const QJsonObject s = v.toObject();
        out(QStringLiteral("%1 %2%  %3  (emergency admissions %4, A&E %5, cost £%6 in 12 months)\n")
                .arg(countText(s.value(QStringLiteral("count"))), 9)
                .arg(s.value(QStringLiteral("percent")).isDouble() ? QString::number(s.value(QStringLiteral("percent")).toDouble(), 'f', 1)
                                                                   : QStringLiteral("*"),
                     5)
                .arg(s.value(QStringLiteral("name")).toString(), countText(s.value(QStringLiteral("emergency_admissions_12m"))),
                     countText(s.value(QStringLiteral("ae_attendances_12m"))), countText(s.value(QStringLiteral("cost_12m")))));
    }
    for (const QJsonValue &v : o.value(QStringLiteral("transitions")).toArray())
        out(QStringLiteral("  %1  %2 -> %3\n")
                .arg(countText(v.toObject().value(QStringLiteral("count"))), 9)
                .arg(v.toObject().value(QStringLiteral("from")).toString(), v.toObject().value(QStringLiteral("to")).toString()));
    return 0;
}
