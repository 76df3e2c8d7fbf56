#include "operations/segmentop.h"

#include "base/dates.h"
#include "rules/ruleengine.h"
#include "rules/ruleparser.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <algorithm>
#include <cmath>

namespace phm::core::ops {

namespace {
Result<std::optional<rules::Selection>> scopeOf(const Session &session, const QString &where, int32_t indexDate) {
    if (where.isEmpty()) return std::optional<rules::Selection>();
    const rules::ParseResult parsed = rules::parseRule(where, &session.codeLists());
    if (!parsed.ok()) return Error{ErrorCode::RuleError, QStringLiteral("--where: %1").arg(parsed.error.format(where)), where};
    auto selected = rules::MemoryEngine(session.project(), session.codeLists()).evaluate(*parsed.expr, indexDate);
    if (!selected) return Error{selected.error().code, QStringLiteral("--where: %1").arg(selected.error().message), where};
    return std::optional<rules::Selection>(std::move(selected.value().people));
}
}  // namespace

Result<SegmentRun> runSegmentation(const Session &session, const SegmentRequest &request, Feedback &feedback) {
    auto t = loadSegmentationTemplate(request.templateId);
    if (!t) return t.error();
    const Project &project = session.project();
    SegmentRun run;
    run.indexDate = request.indexDate.value_or(project.extractEnd);
    auto scope = scopeOf(session, request.scope ? QString() : request.where, run.indexDate);
    if (!scope) return scope.error();
    const rules::Selection *within = request.scope ? request.scope : scope.value() ? &*scope.value() : nullptr;
    if (feedback.isCanceled()) return Error{ErrorCode::Canceled, QStringLiteral("Cancelled."), {}};
    QElapsedTimer timer;
    timer.start();
    auto r = segmentPopulation(project, session.codeLists(), t.value(), run.indexDate, within);
    run.ms = double(timer.nsecsElapsed()) / 1e6;
    if (!r) return r.error();
    run.result = std::move(r.value());
    if (!request.compareTemplate.isEmpty() || request.compareDate) {
        auto t2 = request.compareTemplate.isEmpty() ? t : loadSegmentationTemplate(request.compareTemplate);
        if (!t2) return t2.error();
        auto r2 = segmentPopulation(project, session.codeLists(), t2.value(), request.compareDate.value_or(project.extractEnd), within);
        if (!r2) return r2.error();
        run.compared = std::move(r2.value());
        run.moves = transitions(run.result, *run.compared);
    }
    return run;
}

QJsonObject segmentationJson(const SegmentRun &run) {
    const SegmentationResult &r = run.result;
    QJsonArray segments;
    for (const SegmentSummary &s : r.segments)
        segments.append(QJsonObject{{QStringLiteral("name"), s.name},
                                    {QStringLiteral("count"), qint64(s.count)},
                                    {QStringLiteral("percent"), 100.0 * double(s.count) / double(std::max<int64_t>(1, r.persons))},
                                    {QStringLiteral("emergency_admissions_12m"), qint64(s.emergencyAdmissions)},
                                    {QStringLiteral("ae_attendances_12m"), qint64(s.aeAttendances)},
                                    {QStringLiteral("cost_12m"), std::round(s.cost)}});
    QJsonObject o{{QStringLiteral("template"), r.templateName},
                  {QStringLiteral("persons"), qint64(r.persons)},
                  {QStringLiteral("segments"), segments},
                  {QStringLiteral("ms"), run.ms},
                  {QStringLiteral("index_date"), QString::fromStdString(isoDate(run.indexDate))}};
    if (run.compared) {
        QJsonArray moves;
        for (const SegmentTransition &m : run.moves)
            moves.append(QJsonObject{{QStringLiteral("from"), r.segments[size_t(m.from)].name},
                                     {QStringLiteral("to"), run.compared->segments[size_t(m.to)].name},
                                     {QStringLiteral("count"), qint64(m.count)}});
        o.insert(QStringLiteral("transitions"), moves);
    }
    return o;
}

const disclosure::OutputFields &segmentationFields() {
    static const disclosure::OutputFields fields = [] {
        disclosure::OutputFields f;
        f.counts = {QStringLiteral("count"), QStringLiteral("persons"), QStringLiteral("emergency_admissions_12m"),
                    QStringLiteral("ae_attendances_12m")};
        f.derived = {{QStringLiteral("percent"), {QStringLiteral("count")}, disclosure::Derivation::Share},
                     {QStringLiteral("cost_12m"), {QStringLiteral("count")}, disclosure::Derivation::Magnitude}};
        f.labels = {QStringLiteral("ms"), QStringLiteral("index_date")};
        return f;
    }();
    return fields;
}

}  // namespace phm::core::ops
