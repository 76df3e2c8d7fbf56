#include "operations/profileops.h"

#include "base/dates.h"
#include "operations/indicatorjson.h"
#include "rules/ruleengine.h"
#include "rules/ruleparser.h"

#include <algorithm>

namespace phm::core::ops {

Result<std::vector<IndicatorDefinition>> chooseIndicators(const Session &session, const QStringList &ids, const QString &userFile) {
    auto all = session.indicators(userFile);
    if (!all || ids.isEmpty()) return all;
    std::vector<IndicatorDefinition> chosen;
    for (const QString &id : ids) {
        const IndicatorDefinition *found = findIndicator(all.value(), id.trimmed());
        if (!found) return Error{ErrorCode::UnknownIndicator, QStringLiteral("no indicator `%1`").arg(id.trimmed()), id.trimmed()};
        chosen.push_back(*found);
    }
    return chosen;
}

Result<ProfileRun> runProfile(const Session &session, const ProfileRequest &request, Feedback &feedback) {
    ProfileOptions options;
    if (request.indexDate) options.indexDate = *request.indexDate;
    options.governed = request.governed;
    options.alsoPublished = request.alsoPublished;
    ProfileWorkspace own;
    ProfileWorkspace &workspace = request.workspace ? *request.workspace : own;
    auto profile = computeProfile(session.areas(), session.codeLists(), request.indicators, request.level, options, &workspace);
    if (!profile) return profile.error();
    ProfileRun run{std::move(profile.value()), {}};
    run.times.push_back(run.profile.ms);
    for (int r = 1; r < request.repeat && !feedback.isCanceled(); ++r)
        run.times.push_back(
            computeProfile(session.areas(), session.codeLists(), request.indicators, request.level, options, &workspace).value().ms);
    return run;
}

QJsonArray profileJson(const Session &session, const ProfileRequest &request, const ProfileRun &run) {
    const AreaIndex &areas = session.areas();
    QJsonArray rows;
    for (const ProfileRow &r : run.profile.rows) {
        const IndicatorDefinition &d = request.indicators[size_t(r.indicator)];
        rows.append(QJsonObject{{QStringLiteral("level"), levelKey(request.level)},
                                {QStringLiteral("area"), r.areaName},
                                {QStringLiteral("area_code"), r.areaCode},
                                {QStringLiteral("indicator"), d.id},
                                {QStringLiteral("indicator_name"), d.name},
                                {QStringLiteral("type"), indicatorTypeName(d.type)},
                                {QStringLiteral("multiplier"), d.multiplier},
                                {QStringLiteral("polarity"), polarityName(d.polarity)},
                                {QStringLiteral("numerator"), r.value.numerator},
                                {QStringLiteral("denominator"), r.value.denominator},
                                {QStringLiteral("value"), jsonNumber(r.value.ci.value)},
                                {QStringLiteral("lowercl"), jsonNumber(r.value.ci.lower)},
                                {QStringLiteral("uppercl"), jsonNumber(r.value.ci.upper)},
                                {QStringLiteral("comparator"), jsonNumber(r.icsValue)},
                                {QStringLiteral("significance"), significanceName(r.vsIcs)},
                                {QStringLiteral("parent"), areas.name(r.parent)},
                                {QStringLiteral("parent_value"), jsonNumber(r.parentValue)},
                                {QStringLiteral("parent_significance"), significanceName(r.vsParent)}});
    }
    return rows;
}

disclosure::OutputFields profileFields() {
    disclosure::OutputFields fields = indicatorFields();
    fields.lineBy = QStringLiteral("indicator");
    return fields;
}

Result<InequalityResult> runInequality(const Session &session, const InequalityRequest &request, Feedback &feedback) {
    std::optional<rules::Selection> scope;
    if (request.scope) {
        scope = *request.scope;
    } else if (!request.where.isEmpty()) {
        const rules::ParseResult parsed = rules::parseRule(request.where, &session.codeLists());
        if (!parsed.ok())
            return Error{ErrorCode::RuleError, QStringLiteral("--where: %1").arg(parsed.error.format(request.where)), request.where};
        auto selected = rules::MemoryEngine(session.project(), session.codeLists()).evaluate(*parsed.expr);
        if (!selected) return Error{selected.error().code, QStringLiteral("--where: %1").arg(selected.error().message), request.where};
        scope = std::move(selected.value().people);
    }
    if (feedback.isCanceled()) return Error{ErrorCode::Canceled, QStringLiteral("Cancelled."), {}};
    return computeInequality(session.project(), session.codeLists(), request.indicator, request.dimension, scope ? &*scope : nullptr,
                             request.options);
}

namespace {
const char *const kSlopeKeys[] = {"sii", "sii_lower", "sii_upper", "rii", "rii_lower", "rii_upper"};
}

QJsonObject inequalityJson(const InequalityRequest &request, const InequalityResult &result) {
    QJsonArray groups;
    for (const InequalityGroup &g : result.groups) {
        QJsonObject o = indicatorValueJson(g.value);
        o.insert(QStringLiteral("group"), g.label);
        groups.append(o);
    }
    const auto &s = result.sii;
    QJsonObject o{{QStringLiteral("indicator"), request.indicator.id},
                  {QStringLiteral("indicator_name"), request.indicator.name},
                  {QStringLiteral("by"), inequalityDimensionKey(request.dimension)},
                  {QStringLiteral("confidence"), request.options.confidence},
                  {QStringLiteral("groups"), groups},
                  {QStringLiteral("overall"), indicatorValueJson(result.overall)},
                  {QStringLiteral("sii"), s ? jsonNumber(s->sii) : QJsonValue()},
                  {QStringLiteral("sii_lower"), s ? jsonNumber(s->siiLower) : QJsonValue()},
                  {QStringLiteral("sii_upper"), s ? jsonNumber(s->siiUpper) : QJsonValue()},
                  {QStringLiteral("rii"), s ? jsonNumber(s->rii) : QJsonValue()},
                  {QStringLiteral("rii_lower"), s ? jsonNumber(s->riiLower) : QJsonValue()},
                  {QStringLiteral("rii_upper"), s ? jsonNumber(s->riiUpper) : QJsonValue()}};
    if (!s) o.insert(QStringLiteral("sii_note"), result.siiNote);
    return o;
}

Result<QJsonObject> publishInequality(const Session &session, const InequalityRequest &request, const InequalityResult &result,
                                      const disclosure::Policy &policy) {
    // The slope and relative index come from the groups' published values; three figures.
    disclosure::OutputFields fields = indicatorFields();
    for (const char *key : kSlopeKeys) fields.derived.push_back({QLatin1String(key), {}, disclosure::Derivation::Statistic});
    auto published = session.publishObject(
        inequalityJson(request, result), fields, policy, QStringLiteral("inequality"),
        {{QStringLiteral("indicator"), request.indicator.id}, {QStringLiteral("by"), inequalityDimensionKey(request.dimension)}});
    if (!published) return published;
    QJsonObject o = published.value();
    const QJsonArray shown = o.value(QStringLiteral("groups")).toArray();
    if (std::any_of(shown.begin(), shown.end(), [](const QJsonValue &g) { return g[QStringLiteral("suppressed")].toBool(); })) {
        for (const char *key : kSlopeKeys) o.insert(QLatin1String(key), QJsonValue());
        o.insert(QStringLiteral("sii_note"), QStringLiteral("a group's value is suppressed by disclosure control"));
    }
    return o;
}

Result<TrendRun> runTrend(const Session &session, const TrendRequest &request, Feedback &feedback) {
    const std::vector<int32_t> dates = trendDates(session.project(), request.indicator, request.points, request.months);
    auto trend =
        computeTrend(session.areas(), session.codeLists(), request.indicator, request.level, dates, &feedback, nullptr, request.governed);
    if (!trend) return trend.error();
    return TrendRun{std::move(trend.value()), earliestCoveredDate(session.project(), request.indicator)};
}

QJsonObject trendJson(const Session &session, const TrendRequest &request, const TrendRun &run) {
    const AreaIndex &areas = session.areas();
    // null when the indicator reads no dated events (any date is covered).
    const QJsonValue earliest =
        run.earliestCovered <= kNoDate + 1 ? QJsonValue() : QJsonValue(QString::fromStdString(isoDate(run.earliestCovered)));
    QJsonArray dateList, series, ics;
    for (const TrendPoint &t : run.trend.points) {
        dateList.append(QString::fromStdString(isoDate(t.date)));
        QJsonObject v = indicatorValueJson(t.ics);
        v.insert(QStringLiteral("date"), QString::fromStdString(isoDate(t.date)));
        ics.append(v);
    }
    for (int a = 0; a < areas.areaCount(request.level); ++a) {
        QJsonArray values;
        for (const TrendPoint &t : run.trend.points) {
            QJsonObject v = indicatorValueJson(t.byArea[size_t(a)]);
            v.insert(QStringLiteral("date"), QString::fromStdString(isoDate(t.date)));
            values.append(v);
        }
        series.append(QJsonObject{{QStringLiteral("area"), areas.name(Area{request.level, a})},
                                  {QStringLiteral("area_code"), areas.code(Area{request.level, a})},
                                  {QStringLiteral("values"), values}});
    }
    return QJsonObject{{QStringLiteral("indicator"), request.indicator.id},
                       {QStringLiteral("indicator_name"), request.indicator.name},
                       {QStringLiteral("level"), levelKey(request.level)},
                       {QStringLiteral("dates"), dateList},
                       {QStringLiteral("earliest_covered"), earliest},
                       {QStringLiteral("areas"), series},
                       {QStringLiteral("ics"), ics},
                       {QStringLiteral("ms"), run.trend.ms}};
}

disclosure::OutputFields trendFields() {
    disclosure::OutputFields fields = indicatorFields();
    fields.linesAcross = QStringLiteral("areas");
    fields.acrossKey = QStringLiteral("values");
    fields.acrossTotal = QStringLiteral("ics");
    return fields;
}

}  // namespace phm::core::ops
