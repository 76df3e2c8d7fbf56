#include "operations/cohortops.h"

#include "base/csvwriter.h"
#include "cohorts/cohortstore.h"
#include "rules/ruleparser.h"
#include "rules/rulesql.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <algorithm>

namespace phm::core::ops {

Result<CohortRequest> parseCohortRule(const QString &rule, const rules::CodeLists &lists) {
    rules::ParseResult parsed = rules::parseRule(rule, &lists);
    if (!parsed.ok()) return Error{ErrorCode::RuleError, parsed.error.format(rule), rule};
    CohortRequest request;
    request.rule = rule;
    request.parsed = std::move(parsed.expr);
    return request;
}

std::optional<Area::Kind> breakdownKind(const QString &name) {
    if (name == QLatin1String("practice")) return Area::Practice;
    if (name == QLatin1String("pcn")) return Area::Pcn;
    if (name == QLatin1String("place")) return Area::Place;
    if (name == QLatin1String("care_alliance")) return Area::Alliance;
    if (name == QLatin1String("lsoa")) return Area::Lsoa;
    return std::nullopt;
}

Result<Area> areaFromSpec(const AreaIndex &areas, const QString &spec) {
    const auto level = breakdownKind(spec.section(QLatin1Char(':'), 0, 0));
    if (!level || !spec.contains(QLatin1Char(':')))
        return Error{ErrorCode::BadArgument, QStringLiteral("--area takes LEVEL:CODE (practice, pcn, place, care_alliance or lsoa)"), spec};
    return findArea(areas, *level, spec.section(QLatin1Char(':'), 1));
}

namespace {
// The in-memory engine within the base, with saved cohorts available to in_cohort.
Result<rules::EvaluationResult> evaluateInMemory(const Session &session, const rules::Expr &rule, const CohortBase &base,
                                                 const rules::Selection &people) {
    const int32_t day = base.resolvedIndexDate(session.project());
    rules::MemoryEngine engine(session.project(), session.codeLists());
    engine.setCohortResolver(makeCohortResolver(session.project(), session.codeLists(), cohortRules(session), day));
    return engine.evaluate(rule, day, &people);
}

// The SQL engine takes only a rule: the base goes in front as clauses, whose attrition steps are
// then dropped, so both engines count the same people.
Result<rules::EvaluationResult> evaluateWithSqlIn(const Session &session, const CohortRequest &request) {
    const QStringList clauses = baseClauses(session.areas(), request.base);
    const int32_t day = request.base.resolvedIndexDate(session.project());
    if (clauses.isEmpty()) return rules::evaluateWithSql(session.project(), session.codeLists(), *request.parsed, day);
    QStringList all = clauses;
    for (const rules::Expr *clause : rules::topLevelClauses(*request.parsed)) all << QLatin1Char('(') + clause->text + QLatin1Char(')');
    const QString text = all.join(QStringLiteral(" and "));
    rules::ParseResult parsed = rules::parseRule(text, &session.codeLists());
    if (!parsed.ok()) return Error{ErrorCode::RuleError, parsed.error.format(text), text};
    auto r = rules::evaluateWithSql(session.project(), session.codeLists(), *parsed.expr, day);
    if (r) r.value().attrition.erase(r.value().attrition.begin(), r.value().attrition.begin() + clauses.size());
    return r;
}
}  // namespace

Result<CohortRun> runCohort(const Session &session, const CohortRequest &request, Feedback &feedback) {
    CohortRequest parsed = request;
    if (!parsed.parsed) {
        auto p = parseCohortRule(request.rule, session.codeLists());
        if (!p) return p.error();
        parsed.parsed = p.value().parsed;
    }
    const Project &project = session.project();
    const BasePopulation base = basePopulation(session.areas(), parsed.base);
    std::vector<double> times;
    std::optional<Result<rules::EvaluationResult>> last;
    for (int k = 0; k < std::max(1, request.repeat); ++k) {
        if (feedback.isCanceled()) return Error{ErrorCode::Canceled, QStringLiteral("Cancelled."), {}};
        QElapsedTimer t;
        t.start();
        last = request.sqlEngine ? evaluateWithSqlIn(session, parsed) : evaluateInMemory(session, *parsed.parsed, parsed.base, base.people);
        times.push_back(double(t.nsecsElapsed()) / 1e6);
        if (!*last) break;
    }
    if (!*last) return last->error();
    std::sort(times.begin(), times.end());
    CohortRun run;
    run.evaluation = std::move(last->value());
    run.sqlEngine = request.sqlEngine;
    run.ms = times[times.size() / 2];
    run.runs = int(times.size());
    run.persons = project.persons.count;
    run.baseCount = base.count;
    run.base = baseJson(session.areas(), parsed.base, base.count);
    if (request.by) {
        run.byArea = true;
        run.breakdown = breakdown(session.areas(), run.evaluation.people, *request.by);
    }
    return run;
}

Result<RuleRun> runCohortText(const Session &session, const QString &text, const CohortBase &base, Feedback &feedback) {
    if (feedback.isCanceled()) return Error{ErrorCode::Canceled, QStringLiteral("Cancelled."), {}};
    const BasePopulation people = basePopulation(session.areas(), base);
    if (feedback.isCanceled()) return Error{ErrorCode::Canceled, QStringLiteral("Cancelled."), {}};
    return runRuleText(session.project(), session.codeLists(), cohortRules(session), text, base.resolvedIndexDate(session.project()),
                       &people.people);
}

QJsonObject cohortJson(const CohortRun &run) {
    QJsonArray attrition;
    for (const auto &a : run.evaluation.attrition)
        attrition.append(QJsonObject{{QStringLiteral("clause"), a.clause}, {QStringLiteral("count"), qint64(a.count)}});
    QJsonObject o{{QStringLiteral("count"), qint64(run.evaluation.count())},
                  {QStringLiteral("attrition"), attrition},
                  {QStringLiteral("ms"), run.ms},
                  {QStringLiteral("engine"), run.sqlEngine ? QStringLiteral("sql") : QStringLiteral("mem")},
                  {QStringLiteral("persons"), run.persons},
                  {QStringLiteral("runs"), run.runs}};
    if (!run.base.isEmpty()) o.insert(QStringLiteral("base"), run.base);
    if (run.byArea) {
        QJsonArray rows;
        for (const AreaCount &a : run.breakdown)
            rows.append(QJsonObject{{QStringLiteral("area"), a.name},
                                    {QStringLiteral("count"), qint64(a.count)},
                                    {QStringLiteral("population"), qint64(a.population)}});
        o.insert(QStringLiteral("breakdown"), rows);
    }
    return o;
}

QByteArray memberIdsCsv(const Project &project, const rules::Selection &people) {
    CsvBuffer csv;
    csv.appendRaw("person_id\n");
    for (size_t i = people.find_first(); i != rules::Selection::npos; i = people.find_next(i)) {
        csv.field(project.persons.id(int32_t(i)));
        csv.endRow();
    }
    return QByteArray::fromStdString(csv.buffer());
}

CohortRules cohortRules(const Session &session) { return core::cohortRules(session.savedCohorts()); }

Result<QJsonObject> savedCohortsJson(const Session &session) {
    auto all = session.savedCohorts();
    if (!all) return all.error();
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
    return QJsonObject{{QStringLiteral("cohorts"), list}};
}

Result<QJsonObject> cohortOverlapJson(const Session &session, const QStringList &names) {
    auto regions = overlapOfSaved(session.project(), session.codeLists(), cohortRules(session), names);
    if (!regions) return regions.error();
    QJsonArray rows;
    for (const OverlapRegion &region : regions.value()) {
        QJsonArray in;
        for (int k = 0; k < names.size(); ++k)
            if (region.members & (1u << k)) in.append(names[k].trimmed());
        rows.append(QJsonObject{{QStringLiteral("cohorts"), in}, {QStringLiteral("count"), qint64(region.count)}});
    }
    return QJsonObject{{QStringLiteral("regions"), rows}};
}

const disclosure::OutputFields &cohortFields() {
    static const disclosure::OutputFields fields = [] {
        disclosure::OutputFields f;
        f.counts = {QStringLiteral("count"), QStringLiteral("population"), QStringLiteral("persons")};
        f.notLines = {QStringLiteral("attrition"), QStringLiteral("versions")};
        f.labels = {QStringLiteral("ms"), QStringLiteral("version"), QStringLiteral("index_date")};
        return f;
    }();
    return fields;
}

}  // namespace phm::core::ops
