#include "clidisclosure.h"

#include "clicredentials.h"
#include "governance/governedoutput.h"

namespace phm::cli {

using namespace phm::core;
using disclosure::Derivation;

// Indicator values (valueJson) are computed upstream from the protected counts (governedValue);
// `rest` is everyone else's value, dropped whenever the group's counts are.
const disclosure::OutputFields kIndicatorFields = [] {
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

QCommandLineOption disclosureOption() {
    return {QStringLiteral("disclosure"), QStringLiteral("standard (counts 1-7 suppressed, others rounded to 5) or off (admins only)."),
            QStringLiteral("POLICY"), QStringLiteral("standard")};
}

Result<disclosure::Policy> outputPolicy(const QCommandLineParser &parser, const QString &projectPath) {
    const QString asked = parser.value(QStringLiteral("disclosure"));
    if (!asked.isEmpty() && asked != QLatin1String("standard") && asked != QLatin1String("off"))
        return Error{QStringLiteral("usage"), QStringLiteral("--disclosure must be standard or off, not \"%1\"").arg(asked), asked};
    if (asked != QLatin1String("off")) return core::outputPolicy(projectPath, false, User::unlisted(currentLogin()));
    auto actor = provenUser(parser, projectPath);  // switching it off is for a proven admin
    if (!actor) return actor.error();
    return core::outputPolicy(projectPath, true, actor.value());
}

Result<disclosure::Published> publishRows(const QJsonValue &rows, const disclosure::OutputFields &fields, const disclosure::Policy &policy,
                                          const QString &projectPath, const QString &command, const QJsonObject &detail) {
    return publishGoverned(rows, fields, policy, projectPath, command, detail);
}

Result<QJsonObject> publishOutput(const QJsonObject &output, const disclosure::OutputFields &fields, const disclosure::Policy &policy,
                                  const QString &projectPath, const QString &command, const QJsonObject &detail) {
    return publishGovernedObject(output, fields, policy, projectPath, command, detail);
}

}  // namespace phm::cli
