#include "clidisclosure.h"

#include "disclosurepolicy.h"
#include "users.h"

#include <QJsonArray>

namespace phm::cli {

using namespace phm::core;

const disclosure::OutputFields kIndicatorFields{{QStringLiteral("numerator"), QStringLiteral("denominator"), QStringLiteral("registered")},
                                                {{QStringLiteral("value"), {QStringLiteral("numerator"), QStringLiteral("denominator")}},
                                                 {QStringLiteral("lowercl"), {QStringLiteral("numerator"), QStringLiteral("denominator")}},
                                                 {QStringLiteral("uppercl"), {QStringLiteral("numerator"), QStringLiteral("denominator")}}},
                                                {QStringLiteral("values"), QStringLiteral("ics")},
                                                {QStringLiteral("comparator"), QStringLiteral("parent_value"), QStringLiteral("rest")},
                                                {}};

QCommandLineOption disclosureOption() {
    return {QStringLiteral("disclosure"), QStringLiteral("standard (counts 1-7 suppressed, others rounded to 5) or off (admins only)."),
            QStringLiteral("POLICY"), QStringLiteral("standard")};
}

Result<disclosure::Policy> outputPolicy(const QCommandLineParser &parser, const QString &projectPath) {
    const QString asked = parser.value(QStringLiteral("disclosure"));
    auto stored = projectPolicy(projectPath);  // the project's own bounds, or the default
    if (!stored) return stored.error();
    disclosure::Policy policy = stored.value();
    if (asked.isEmpty() || asked == QLatin1String("standard")) return policy;
    if (asked != QLatin1String("off"))
        return Error{QStringLiteral("usage"), QStringLiteral("--disclosure must be standard or off, not \"%1\"").arg(asked), asked};
    auto user = findUser(projectPath, currentLogin());
    if (!user) return user.error();
    if (auto s = requireRole(user.value(), Role::Admin, QStringLiteral("turn disclosure control off")); !s) return s.error();
    policy.enabled = false;
    return policy;
}

Result<disclosure::Published> publishRows(const QJsonValue &rows, const disclosure::OutputFields &fields, const disclosure::Policy &policy,
                                          const QString &projectPath, const QString &command, const QJsonObject &detail) {
    disclosure::Published published = disclosure::publish(rows, fields, policy);
    QJsonObject d = detail;
    d.insert(QStringLiteral("command"), command);
    d.insert(QStringLiteral("policy"), policy.describe());
    d.insert(QStringLiteral("suppressed"), published.suppressed);
    if (auto s = recordAsCurrentUser(projectPath, QStringLiteral("export"), d); !s)
        return Error{s.error().code,
                     QStringLiteral("nothing was output because the audit log could not be written: %1").arg(s.error().message),
                     s.error().context};
    return published;
}

Result<QJsonObject> publishOutput(const QJsonObject &output, const disclosure::OutputFields &fields, const disclosure::Policy &policy,
                                  const QString &projectPath, const QString &command, const QJsonObject &detail) {
    auto published = publishRows(output, fields, policy, projectPath, command, detail);
    if (!published) return published.error();
    QJsonObject o = published.value().value.toObject();
    o.insert(QStringLiteral("disclosure"), disclosure::describe(policy, published.value().suppressed));
    return o;
}

}  // namespace phm::cli
