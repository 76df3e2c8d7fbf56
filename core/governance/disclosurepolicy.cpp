#include "governance/disclosurepolicy.h"

#include "governance/audit.h"
#include "store/projectdb.h"
#include "store/projectlock.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace phm::core {

namespace {
const QString kKey = QStringLiteral("disclosure.policy");
const QString kRoundingKey = QStringLiteral("disclosure.key");

// The project's rounding key, made the first time it is needed (a project imported before keys
// existed) and kept by every re-import, so a project never rounds the same count two ways.
Result<QByteArray> roundingKey(const QString &projectPath, ProjectDb &db) {
    QByteArray key = QByteArray::fromBase64(db.meta(kRoundingKey).toLatin1());
    if (key.size() == disclosure::kRoundingKeyBytes) return key;
    auto lock = ProjectLock::acquire(projectPath, QStringLiteral("disclosure-key"));  // waits for an import to finish
    if (!lock) return lock.error();
    auto writable = ProjectDb::open(projectPath, true);  // read-write (the file exists: it was just read)
    if (!writable) return writable.error();
    ProjectDb &w = *writable.value();
    if (auto s = w.exec(QStringLiteral("BEGIN IMMEDIATE")); !s) return s.error();
    key = QByteArray::fromBase64(w.meta(kRoundingKey).toLatin1());  // another process may have made it
    if (key.size() != disclosure::kRoundingKeyBytes) {
        key = disclosure::newRoundingKey();
        if (auto s = w.setMeta(kRoundingKey, QString::fromLatin1(key.toBase64())); !s) {
            w.exec(QStringLiteral("ROLLBACK"));
            return s.error();
        }
    }
    if (auto s = w.exec(QStringLiteral("COMMIT")); !s) return s.error();
    return key;
}

QJsonObject toJson(const disclosure::Policy &p) {
    return QJsonObject{
        {QStringLiteral("smallest"), p.smallest}, {QStringLiteral("largest"), p.largest}, {QStringLiteral("round_to"), p.roundTo}};
}
}  // namespace

Result<disclosure::Policy> projectPolicy(ProjectDb &db) {
    disclosure::Policy policy;
    auto key = roundingKey(db.path(), db);
    if (!key) return key.error();
    policy.key = key.value();
    const QString stored = db.meta(kKey);
    if (stored.isEmpty()) return policy;
    const QJsonObject o = QJsonDocument::fromJson(stored.toUtf8()).object();
    policy.smallest = o.value(QStringLiteral("smallest")).toInt(policy.smallest);
    policy.largest = o.value(QStringLiteral("largest")).toInt(policy.largest);
    policy.roundTo = o.value(QStringLiteral("round_to")).toInt(policy.roundTo);
    return policy;
}

Status setProjectPolicy(ProjectDb &db, const User &actor, const disclosure::Policy &policy) {
    if (auto s = requireRole(actor, Role::Admin, QStringLiteral("change the disclosure policy")); !s) return s;
    if (!policy.enabled)
        return Error{ErrorCode::BadPolicy,
                     QStringLiteral("disclosure control cannot be switched off for the project; an admin can run one command with "
                                    "--disclosure off"),
                     {}};
    if (policy.smallest < 1 || policy.largest < policy.smallest || policy.largest > 99)
        return Error{ErrorCode::BadPolicy,
                     QStringLiteral("suppress counts from %1 to %2? The range must start at 1 or more, end at or after its start and "
                                    "at 99 or less")
                         .arg(policy.smallest)
                         .arg(policy.largest),
                     {}};
    if (policy.roundTo < 1 || policy.roundTo > 100)
        return Error{ErrorCode::BadPolicy, QStringLiteral("round to a base from 1 (no rounding) to 100, not %1").arg(policy.roundTo), {}};
    const QString json = QString::fromUtf8(QJsonDocument(toJson(policy)).toJson(QJsonDocument::Compact));
    QJsonObject detail = toJson(policy);
    detail.insert(QStringLiteral("policy"), policy.describe());
    audit::Entry e{0, {}, actor.name, roleName(actor.role), QStringLiteral("set-policy"), detail, {}, {}};
    return audit::writeWithEntry(db, e, [&] { return db.setMeta(kKey, json); });
}

}  // namespace phm::core
