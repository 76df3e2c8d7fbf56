#include "governance/governedoutput.h"

#include "governance/disclosurepolicy.h"
#include "governance/users.h"
#include "store/projectdb.h"

#include <QJsonArray>
#include <cmath>

namespace phm::core {

namespace {
QJsonValue number(double v) { return std::isnan(v) ? QJsonValue() : QJsonValue(v); }
}  // namespace

Result<disclosure::Policy> outputPolicy(const QString &projectPath, bool off, const User &actor) {
    auto opened = ProjectDb::open(projectPath, false);  // a path: the CLI asks before it opens a session
    if (!opened) return opened.error();
    auto stored = projectPolicy(*opened.value());  // the project's own bounds and rounding key
    if (!stored) return stored.error();
    disclosure::Policy policy = stored.value();
    if (!off) return policy;
    if (auto s = requireRole(actor, Role::Admin, QStringLiteral("turn disclosure control off")); !s) return s.error();
    policy.enabled = false;
    return policy;
}

Status recordGovernedExport(const QString &projectPath, const QString &action, const disclosure::Policy &policy,
                            const QJsonObject &detail) {
    QJsonObject d = detail;
    d.insert(QStringLiteral("policy"), policy.describe());
    if (auto s = recordAsCurrentUser(projectPath, action, d); !s)
        return Error{s.error().code,
                     QStringLiteral("nothing was output because the audit log could not be written: %1").arg(s.error().message),
                     s.error().context};
    return Ok{};
}

QJsonObject publishedImportReport(const QJsonObject &report, const disclosure::Policy &policy) {
    disclosure::OutputFields fields;
    fields.counts = {QStringLiteral("rows_read"), QStringLiteral("rows_imported"), QStringLiteral("rows_rejected"),
                     QStringLiteral("linked"), QStringLiteral("unlinked")};
    fields.sums = {{QStringLiteral("rows_read"), {QStringLiteral("rows_imported"), QStringLiteral("rows_rejected")}}};
    fields.notLines = {QStringLiteral("files")};  // the files are datasets, not parts of a whole
    QJsonArray files;
    for (const QJsonValue &f : report.value(QStringLiteral("files")).toArray()) {
        QJsonObject o = f.toObject();
        const double imported = o.value(QStringLiteral("rows_imported")).toDouble();
        // Completeness and linkage are shares of counts: published as shares of the published counts.
        QJsonObject completeness = o.value(QStringLiteral("completeness")).toObject();
        for (auto it = completeness.begin(); it != completeness.end(); ++it) {
            const double filled = std::round(it->toDouble() * imported);
            const double shownFilled = disclosure::publish(filled, policy), shownImported = disclosure::publish(imported, policy);
            *it = shownImported > 0 && !std::isnan(shownFilled) ? QJsonValue(std::min(1.0, shownFilled / shownImported)) : QJsonValue();
        }
        o.insert(QStringLiteral("completeness"), completeness);
        QJsonObject rejects = o.value(QStringLiteral("rejects_by_reason")).toObject();
        QJsonArray reasons;
        for (auto it = rejects.begin(); it != rejects.end(); ++it)
            reasons.append(QJsonObject{{QStringLiteral("reason"), it.key()}, {QStringLiteral("rows_rejected"), it->toDouble()}});
        o.remove(QStringLiteral("rejects_by_reason"));
        o.remove(QStringLiteral("linkage_rate"));
        QJsonObject published = disclosure::publish(o, fields, policy).value.toObject();
        // Rejects by reason: the parts of the file's rejected rows.
        disclosure::OutputFields reasonFields;
        reasonFields.counts = {QStringLiteral("rows_rejected")};
        QJsonObject wrapped{{QStringLiteral("reasons"), reasons}};
        const QJsonArray shownReasons =
            disclosure::publish(wrapped, reasonFields, policy).value.toObject().value(QStringLiteral("reasons")).toArray();
        QJsonObject byReason;
        for (const QJsonValue &r : shownReasons)
            byReason.insert(r[QStringLiteral("reason")].toString(), r[QStringLiteral("rows_rejected")]);
        published.insert(QStringLiteral("rejects_by_reason"), byReason);
        const QJsonValue linked = published.value(QStringLiteral("linked")), unlinked = published.value(QStringLiteral("unlinked"));
        if (linked.isDouble() && unlinked.isDouble() && linked.toDouble() + unlinked.toDouble() > 0)
            published.insert(QStringLiteral("linkage_rate"), linked.toDouble() / (linked.toDouble() + unlinked.toDouble()));
        files.append(published);
    }
    QJsonObject out = report;
    out.insert(QStringLiteral("files"), files);
    for (const char *key : {"rows_read", "rows_imported", "rows_rejected", "persons"})
        if (out.value(QLatin1String(key)).isDouble())
            out.insert(QLatin1String(key), number(disclosure::publish(out.value(QLatin1String(key)).toDouble(), policy)));
    out.remove(QStringLiteral("linkage_rate"));
    out.insert(QStringLiteral("disclosure"), disclosure::describe(policy, 0));
    return out;
}

const disclosure::OutputFields &projectInfoFields() {
    static const disclosure::OutputFields fields = [] {
        disclosure::OutputFields f;
        f.counts = {QStringLiteral("persons"), QStringLiteral("registered_at_extract_end"), QStringLiteral("events_total")};
        f.derived = {{QStringLiteral("linkage_rate"), {}, disclosure::Derivation::Statistic}};
        f.labels = {QStringLiteral("care_alliances"), QStringLiteral("lsoas"),          QStringLiteral("pcns"),   QStringLiteral("places"),
                    QStringLiteral("practices"),      QStringLiteral("schema_version"), QStringLiteral("open_ms")};
        return f;
    }();
    return fields;
}

Result<disclosure::Published> publishGoverned(const QJsonValue &result, const disclosure::OutputFields &fields,
                                              const disclosure::Policy &policy, const QString &projectPath, const QString &command,
                                              const QJsonObject &detail) {
    disclosure::Published published = disclosure::publish(result, fields, policy);
    QJsonObject d = detail;
    d.insert(QStringLiteral("command"), command);
    d.insert(QStringLiteral("suppressed"), published.suppressed);
    if (auto s = recordGovernedExport(projectPath, QStringLiteral("export"), policy, d); !s) return s.error();
    return published;
}

Result<QJsonObject> publishGovernedObject(const QJsonObject &result, const disclosure::OutputFields &fields,
                                          const disclosure::Policy &policy, const QString &projectPath, const QString &command,
                                          const QJsonObject &detail) {
    auto published = publishGoverned(result, fields, policy, projectPath, command, detail);
    if (!published) return published.error();
    QJsonObject o = published.value().value.toObject();
    o.insert(QStringLiteral("disclosure"), disclosure::describe(policy, published.value().suppressed));
    return o;
}

}  // namespace phm::core
