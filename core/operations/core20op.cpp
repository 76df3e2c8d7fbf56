#include "operations/core20op.h"

#include "cohorts/cohortbase.h"
#include "operations/indicatorjson.h"

#include <QJsonArray>

namespace phm::core::ops {

namespace {
QJsonObject comparisonJson(const GroupComparison &g, const QString &group) {
    QJsonObject o = indicatorValueJson(g.value);
    o.insert(QStringLiteral("group"), group);
    o.insert(QStringLiteral("rest"), jsonNumber(g.rest));
    o.insert(QStringLiteral("significance"), significanceName(g.vsRest));
    return o;
}

}  // namespace

Result<Core20Run> runCore20(const Session &session, const Core20Request &request, Feedback &feedback) {
    auto indicators = session.indicators(request.indicatorFile);
    if (!indicators) return indicators.error();
    auto plus = request.plus ? Result<std::vector<PlusGroup>>(*request.plus) : session.plusGroups();
    if (!plus) return plus.error();
    auto focus = request.focusArea ? Result<Area>(*request.focusArea) : findArea(session.areas(), request.level, request.focus);
    if (!focus) return focus.error();
    if (feedback.isCanceled()) return Error{ErrorCode::Canceled, QStringLiteral("Cancelled."), {}};
    Core20Plus5Options options;
    options.governed = request.governed;
    auto r =
        computeCore20Plus5(session.areas(), session.codeLists(), indicators.value(), plus.value(), request.level, focus.value(), options);
    if (!r) return r.error();
    return Core20Run{std::move(r.value()), std::move(indicators.value())};
}

QJsonObject core20Json(const Session &session, const Core20Request &request, const Core20Run &run) {
    const Core20Plus5 &r = run.result;
    QJsonArray plus, shares, clinical;
    for (const PlusGroup &g : r.plus) plus.append(QJsonObject{{QStringLiteral("name"), g.name}, {QStringLiteral("rule"), g.rule}});
    for (const GroupShares &s : r.shares) {
        QJsonArray groups;
        for (size_t g = 0; g < s.plus.size(); ++g) {
            QJsonObject o = indicatorValueJson(s.plus[g]);
            o.insert(QStringLiteral("group"), r.plus[g].name);
            groups.append(o);
        }
        shares.append(QJsonObject{{QStringLiteral("area"), s.name},
                                  {QStringLiteral("area_code"), s.code},
                                  {QStringLiteral("registered"), s.registered},
                                  {QStringLiteral("core20"), indicatorValueJson(s.core20)},
                                  {QStringLiteral("plus"), groups}});
    }
    for (const ClinicalRow &c : r.clinical) {
        QJsonArray groups;
        for (size_t g = 0; g < c.plus.size(); ++g) groups.append(comparisonJson(c.plus[g], r.plus[g].name));
        const IndicatorDefinition &d = run.indicators[size_t(c.indicator)];
        clinical.append(QJsonObject{{QStringLiteral("clinical_area"), clinicalAreas()[size_t(c.area)].name},
                                    {QStringLiteral("indicator"), d.id},
                                    {QStringLiteral("indicator_name"), d.name},
                                    {QStringLiteral("polarity"), polarityName(d.polarity)},
                                    {QStringLiteral("everyone"), indicatorValueJson(c.everyone)},
                                    {QStringLiteral("core20"), comparisonJson(c.core20, QStringLiteral("Core20"))},
                                    {QStringLiteral("plus"), groups}});
    }
    return QJsonObject{{QStringLiteral("level"), levelKey(request.level)},
                       {QStringLiteral("focus"), session.areas().name(r.focus)},
                       {QStringLiteral("focus_code"), session.areas().code(r.focus)},
                       {QStringLiteral("plus_groups"), plus},
                       {QStringLiteral("shares"), shares},
                       {QStringLiteral("clinical"), clinical},
                       {QStringLiteral("missing"), QJsonArray::fromStringList(r.missing)},
                       {QStringLiteral("ms"), r.ms}};
}

const disclosure::OutputFields &core20Fields() { return indicatorFields(); }

}  // namespace phm::core::ops
