#include "operations/indicatorjson.h"

namespace phm::core::ops {

QJsonObject indicatorValueJson(const IndicatorValue &v) {
    return QJsonObject{{QStringLiteral("numerator"), v.numerator},
                       {QStringLiteral("denominator"), v.denominator},
                       {QStringLiteral("value"), jsonNumber(v.ci.value)},
                       {QStringLiteral("lowercl"), jsonNumber(v.ci.lower)},
                       {QStringLiteral("uppercl"), jsonNumber(v.ci.upper)}};
}

const disclosure::OutputFields &indicatorFields() {
    static const disclosure::OutputFields fields = [] {
        disclosure::OutputFields f;
        f.counts = {QStringLiteral("numerator"), QStringLiteral("denominator"), QStringLiteral("registered")};
        f.derived = {{QStringLiteral("value"), {QStringLiteral("numerator"), QStringLiteral("denominator")}},
                     {QStringLiteral("lowercl"), {QStringLiteral("numerator"), QStringLiteral("denominator")}},
                     {QStringLiteral("uppercl"), {QStringLiteral("numerator"), QStringLiteral("denominator")}}};
        f.notLines = {QStringLiteral("values"), QStringLiteral("ics")};
        f.comparators = {QStringLiteral("comparator"), QStringLiteral("parent_value")};
        f.labels = {QStringLiteral("ms"),         QStringLiteral("date"),       QStringLiteral("index_date"),
                    QStringLiteral("confidence"), QStringLiteral("multiplier"), QStringLiteral("runs")};
        f.complements = {QStringLiteral("rest")};
        return f;
    }();
    return fields;
}

}  // namespace phm::core::ops
