#include "cohortcommands.h"

#include "clicredentials.h"
#include "clidisclosure.h"
#include "clioutput.h"

#include "base/csvwriter.h"
#include "base/dates.h"
#include "base/safefile.h"
#include "cohorts/cohortanalysis.h"
#include "cohorts/cohortstore.h"
#include "geo/areas.h"
#include "rules/rulecatalogue.h"
#include "rules/ruleparser.h"
#include "rules/rulesql.h"
#include "session/projectloader.h"
#include "stratify/segmentation.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

using namespace phm::core;
using phm::cli::countText;
using phm::cli::fail;
using phm::cli::out;

namespace {

// What the commands' counts are (core/governance/publish): the attrition steps are nested subsets, not parts
// of a line; a saved cohort's versions neither.
const disclosure::OutputFields kCohortFields = [] {
    disclosure::OutputFields f;
    f.counts = {QStringLiteral("count"), QStringLiteral("population"), QStringLiteral("persons")};
    f.notLines = {QStringLiteral("attrition"), QStringLiteral("versions")};
    f.labels = {QStringLiteral("ms"), QStringLiteral("version"), QStringLiteral("index_date")};
    return f;
}();
// A segment's share is recomputed from the published counts of the segments; costs are sums of
// money, not counts, published to three significant figures.
const disclosure::OutputFields kSegmentFields = [] {
    disclosure::OutputFields f;
    f.counts = {QStringLiteral("count"), QStringLiteral("persons"), QStringLiteral("emergency_admissions_12m"),
                QStringLiteral("ae_attendances_12m")};
    f.derived = {{QStringLiteral("percent"), {QStringLiteral("count")}, disclosure::Derivation::Share},
                 {QStringLiteral("cost_12m"), {QStringLiteral("count")}, disclosure::Derivation::Magnitude}};
    f.labels = {QStringLiteral("ms"), QStringLiteral("index_date")};
    return f;
}();

std::optional<Area::Kind> areaKind(const QString &name) {
    if (name == QLatin1String("practice")) return Area::Practice;
    if (name == QLatin1String("pcn")) return Area::Pcn;
    if (name == QLatin1String("place")) return Area::Place;
    if (name == QLatin1String("care_alliance")) return Area::Alliance;
    if (name == QLatin1String("lsoa")) return Area::Lsoa;
    return std::nullopt;
}

// Evaluates a saved or ad-hoc rule with the in-memory engine and saved cohorts available.
Result<rules::EvaluationResult> evaluate(const Project &project, const rules::CodeLists &lists, const rules::Expr &rule) {
    rules::MemoryEngine engine(project, lists);
    engine.setCohortResolver(makeCohortResolver(project, lists, project.path));
    return engine.evaluate(rule);
}
}  // namespace

int runCohortCommand(const QStringList &args) {
    QCommandLineParser p;
    p.addOptions(
        {{QStringLiteral("project"), QStringLiteral("Project file."), QStringLiteral("FILE")},
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
         {QStringLiteral("force"), QStringLiteral("Replace an existing output file (never the project or its key store).")},
         phm::cli::disclosureOption(),
         phm::cli::passphraseFileOption()});
    p.process(args);
    QString rule = p.value(QStringLiteral("rule"));
    if (p.isSet(QStringLiteral("rule-file"))) {
        QFile f(p.value(QStringLiteral("rule-file")));
        if (!f.open(QIODevice::ReadOnly)) return fail(QStringLiteral("phm cohort: cannot read %1").arg(f.fileName()));
        rule = QString::fromUtf8(f.readAll());
    }
    if (rule.trimmed().isEmpty()) return fail(QStringLiteral("phm cohort: give --rule TEXT or --rule-file F"));
    std::optional<Area::Kind> by;
    if (p.isSet(QStringLiteral("by")) && !(by = areaKind(p.value(QStringLiteral("by")))))
        return fail(QStringLiteral("phm cohort: --by takes practice, pcn, place, care_alliance or lsoa"));
    const rules::CodeLists lists;
    const rules::ParseResult parsed = rules::parseRule(rule, &lists);
    if (!parsed.ok()) return fail(QStringLiteral("phm cohort: %1").arg(parsed.error.format(rule)));
    const auto policy = phm::cli::outputPolicy(p, p.value(QStringLiteral("project")));
    if (!policy) return fail(QStringLiteral("phm cohort: %1").arg(policy.error().message));
    Feedback fb;
    auto opened = openProject(p.value(QStringLiteral("project")), fb);
    if (!opened) return fail(QStringLiteral("phm cohort: %1").arg(opened.error().message));
    const Project &project = *opened.value();
    if (p.isSet(QStringLiteral("sql"))) {
        auto sql = rules::SqlCompiler(project, lists).selectPeople(*parsed.expr);
        if (!sql) return fail(QStringLiteral("phm cohort: %1").arg(sql.error().message));
        out(sql.value() + QLatin1Char('\n'));
        if (!p.isSet(QStringLiteral("json"))) return 0;
    }
    const bool useSql = p.value(QStringLiteral("engine")) == QLatin1String("sql");
    const int repeat = std::max(1, p.value(QStringLiteral("repeat")).toInt());
    std::vector<double> times;
    std::optional<Result<rules::EvaluationResult>> last;
    for (int k = 0; k < repeat; ++k) {
        QElapsedTimer t;
        t.start();
        last = useSql ? rules::evaluateWithSql(project, lists, *parsed.expr) : evaluate(project, lists, *parsed.expr);
        times.push_back(t.nsecsElapsed() / 1e6);
        if (!*last) break;
    }
    std::sort(times.begin(), times.end());
    const double ms = times[times.size() / 2];
    const auto &result = *last;
    if (!result) return fail(QStringLiteral("phm cohort: %1").arg(result.error().message));
    const rules::EvaluationResult &r = result.value();

    QJsonArray attrition;
    for (const auto &a : r.attrition)
        attrition.append(QJsonObject{{QStringLiteral("clause"), a.clause}, {QStringLiteral("count"), qint64(a.count)}});
    QJsonObject o{{QStringLiteral("count"), qint64(r.count())},
                  {QStringLiteral("attrition"), attrition},
                  {QStringLiteral("ms"), ms},
                  {QStringLiteral("engine"), useSql ? QStringLiteral("sql") : QStringLiteral("mem")},
                  {QStringLiteral("persons"), project.persons.count},
                  {QStringLiteral("runs"), int(times.size())}};
    if (by) {
        const AreaIndex areas(project);
        QJsonArray rows;
        for (const AreaCount &a : breakdown(areas, r.people, *by))
            rows.append(QJsonObject{{QStringLiteral("area"), a.name},
                                    {QStringLiteral("count"), qint64(a.count)},
                                    {QStringLiteral("population"), qint64(a.population)}});
        o.insert(QStringLiteral("breakdown"), rows);
    }
    if (p.isSet(QStringLiteral("save"))) {
        auto saved =
            CohortStore(project.path)
                .save(p.value(QStringLiteral("save")), rule, p.value(QStringLiteral("author")), p.value(QStringLiteral("note")), r.count());
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
        if (auto s = ids.open(OutputGuard::forProject(project.path, p.isSet(QStringLiteral("force")))); !s)
            return fail(QStringLiteral("phm cohort: %1").arg(s.error().message));
    auto published = phm::cli::publishOutput(o, kCohortFields, policy.value(), project.path, QStringLiteral("cohort"), detail);
    if (!published) return fail(QStringLiteral("phm cohort: %1").arg(published.error().message));
    o = published.value();
    if (p.isSet(QStringLiteral("ids"))) {
        CsvBuffer csv;  // the ids come from the extract: written as CSV text cells
        csv.appendRaw("person_id\n");
        for (size_t i = r.people.find_first(); i != rules::Selection::npos; i = r.people.find_next(i)) {
            csv.field(project.persons.id(int32_t(i)));
            csv.endRow();
        }
        if (auto s = ids.write(QByteArray::fromStdString(csv.buffer())); !s)
            return fail(QStringLiteral("phm cohort: %1").arg(s.error().message));
        if (auto s = ids.commit(); !s) return fail(QStringLiteral("phm cohort: %1").arg(s.error().message));
    }
    if (p.isSet(QStringLiteral("json"))) {
        out(QString::fromUtf8(QJsonDocument(o).toJson()));
        return 0;
    }
    for (const QJsonValue &a : o.value(QStringLiteral("attrition")).toArray())
        out(QStringLiteral("%1  %2\n").arg(countText(a[QStringLiteral("count")]), 10).arg(a[QStringLiteral("clause")].toString()));
    out(QStringLiteral("%1 people (%2 ms, %3 engine; %4)\n")
            .arg(countText(o.value(QStringLiteral("count"))))
            .arg(ms, 0, 'f', 1)
            .arg(o.value(QStringLiteral("engine")).toString(), policy.value().describe()));
    if (o.contains(QStringLiteral("saved")))
        out(QStringLiteral("saved as \"%1\" version %2\n")
                .arg(p.value(QStringLiteral("save")))
                .arg(o.value(QStringLiteral("saved")).toObject().value(QStringLiteral("version")).toInt()));
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
    CohortStore store(path);
    const auto policy = phm::cli::outputPolicy(p, path);
    if (!policy) return fail(QStringLiteral("phm cohorts: %1").arg(policy.error().message));
    if (p.isSet(QStringLiteral("delete"))) {
        if (auto s = store.remove(p.value(QStringLiteral("delete"))); !s)
            return fail(QStringLiteral("phm cohorts: %1").arg(s.error().message));
        return 0;
    }
    if (p.isSet(QStringLiteral("overlap"))) {
        const QStringList names = p.value(QStringLiteral("overlap")).split(QLatin1Char(','), Qt::SkipEmptyParts);
        Feedback fb;
        auto opened = openProject(path, fb);
        if (!opened) return fail(QStringLiteral("phm cohorts: %1").arg(opened.error().message));
        const rules::CodeLists lists;
        auto regions = overlapOfSaved(*opened.value(), lists, names);
        if (!regions) return fail(QStringLiteral("phm cohorts: %1").arg(regions.error().message));
        QJsonArray rows;
        for (const OverlapRegion &region : regions.value()) {
            QJsonArray in;
            for (int k = 0; k < names.size(); ++k)
                if (region.members & (1u << k)) in.append(names[k].trimmed());
            rows.append(QJsonObject{{QStringLiteral("cohorts"), in}, {QStringLiteral("count"), qint64(region.count)}});
        }
        auto published = phm::cli::publishOutput(QJsonObject{{QStringLiteral("regions"), rows}}, kCohortFields, policy.value(), path,
                                                 QStringLiteral("cohorts"), {{QStringLiteral("overlap"), names.join(QLatin1Char(','))}});
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
    auto all = store.list();
    if (!all) return fail(QStringLiteral("phm cohorts: %1").arg(all.error().message));
    QJsonArray list;
    for (const SavedCohort &c : all.value()) {
        QJsonArray history;
        for (const CohortVersion &v : c.history)
            history.append(QJsonObject{{QStringLiteral("version"), v.version},
                                       {QStringLiteral("rule"), v.rule},
                                       {QStringLiteral("author"), v.author},
                                       {QStringLiteral("saved_at"), v.savedAt.toString(Qt::ISODate)},
                                       {QStringLiteral("note"), v.note},
                                       {QStringLiteral("count"), v.count}});
        list.append(QJsonObject{{QStringLiteral("name"), c.name}, {QStringLiteral("versions"), history}});
    }
    // The counts saved with each version leave through disclosure control like any other.
    auto published = phm::cli::publishOutput(QJsonObject{{QStringLiteral("cohorts"), list}}, kCohortFields, policy.value(), path,
                                             QStringLiteral("cohorts"));
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
    auto t = loadSegmentationTemplate(p.value(QStringLiteral("template")));
    if (!t) return fail(QStringLiteral("phm segment: %1").arg(t.error().message));
    Feedback fb;
    auto opened = openProject(p.value(QStringLiteral("project")), fb);
    if (!opened) return fail(QStringLiteral("phm segment: %1").arg(opened.error().message));
    const rules::CodeLists lists;
    const Project &project = *opened.value();
    auto day = [&](const char *option) -> std::optional<int32_t> {
        if (!p.isSet(QLatin1String(option))) return project.extractEnd;
        return parseIsoDate(p.value(QLatin1String(option)).toStdString());
    };
    const auto indexDate = day("date"), compareDate = day("compare-date");
    if (!indexDate || !compareDate) return fail(QStringLiteral("phm segment: dates are YYYY-MM-DD"));
    std::optional<rules::Selection> scope;
    if (p.isSet(QStringLiteral("where"))) {
        const QString where = p.value(QStringLiteral("where"));
        const rules::ParseResult parsed = rules::parseRule(where, &lists);
        if (!parsed.ok()) return fail(QStringLiteral("phm segment: --where: %1").arg(parsed.error.format(where)));
        auto selected = rules::MemoryEngine(project, lists).evaluate(*parsed.expr, *indexDate);
        if (!selected) return fail(QStringLiteral("phm segment: --where: %1").arg(selected.error().message));
        scope = selected.value().people;
    }
    QElapsedTimer timer;
    timer.start();
    auto r = segmentPopulation(project, lists, t.value(), *indexDate, scope ? &*scope : nullptr);
    const double ms = timer.nsecsElapsed() / 1e6;
    if (!r) return fail(QStringLiteral("phm segment: %1").arg(r.error().message));
    std::optional<SegmentationResult> other;
    if (p.isSet(QStringLiteral("compare-template")) || p.isSet(QStringLiteral("compare-date"))) {
        auto t2 = p.isSet(QStringLiteral("compare-template")) ? loadSegmentationTemplate(p.value(QStringLiteral("compare-template"))) : t;
        if (!t2) return fail(QStringLiteral("phm segment: %1").arg(t2.error().message));
        auto r2 = segmentPopulation(project, lists, t2.value(), *compareDate, scope ? &*scope : nullptr);
        if (!r2) return fail(QStringLiteral("phm segment: %1").arg(r2.error().message));
        other = std::move(r2.value());
    }
    QJsonArray segments;
    for (const SegmentSummary &s : r.value().segments)
        segments.append(QJsonObject{{QStringLiteral("name"), s.name},
                                    {QStringLiteral("count"), qint64(s.count)},
                                    {QStringLiteral("percent"), 100.0 * double(s.count) / double(std::max<int64_t>(1, r.value().persons))},
                                    {QStringLiteral("emergency_admissions_12m"), qint64(s.emergencyAdmissions)},
                                    {QStringLiteral("ae_attendances_12m"), qint64(s.aeAttendances)},
                                    {QStringLiteral("cost_12m"), std::round(s.cost)}});
    QJsonArray moves;
    if (other)
        for (const SegmentTransition &m : transitions(r.value(), *other))
            moves.append(QJsonObject{{QStringLiteral("from"), r.value().segments[size_t(m.from)].name},
                                     {QStringLiteral("to"), other->segments[size_t(m.to)].name},
                                     {QStringLiteral("count"), qint64(m.count)}});
    QJsonObject o{{QStringLiteral("template"), r.value().templateName},
                  {QStringLiteral("persons"), qint64(r.value().persons)},
                  {QStringLiteral("segments"), segments},
                  {QStringLiteral("ms"), ms},
                  {QStringLiteral("index_date"), QString::fromStdString(isoDate(*indexDate))}};
    if (other) o.insert(QStringLiteral("transitions"), moves);
    auto published = phm::cli::publishOutput(
        o, kSegmentFields, policy.value(), project.path, QStringLiteral("segment"),
        {{QStringLiteral("template"), r.value().templateName}, {QStringLiteral("where"), p.value(QStringLiteral("where"))}});
    if (!published) return fail(QStringLiteral("phm segment: %1").arg(published.error().message));
    o = published.value();
    if (p.isSet(QStringLiteral("json"))) {
        out(QString::fromUtf8(QJsonDocument(o).toJson()));
        return 0;
    }
    out(QStringLiteral("%1 (%2 people, %3 ms; %4)\n")
            .arg(r.value().templateName, countText(o.value(QStringLiteral("persons"))))
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
