#pragma once
// What the governance and audit-chain tests share: a project file opened directly, a copy whose
// audit log an attacker edits with the triggers dropped, and a file's chain verified.
#include "governance/audit.h"
#include "store/projectdb.h"

#include <QDir>
#include <QFile>
#include <memory>

namespace phm::test {

inline std::unique_ptr<core::ProjectDb> openDb(const QString &path, bool write = true) {
    auto r = core::ProjectDb::open(path, write);
    if (!r) qFatal("open: %s", qPrintable(r.error().message));
    return std::move(r.value());
}

inline QString tamperedCopy(const QString &project, const QString &copy, const QString &sql) {
    QFile::remove(copy);
    if (!QFile::copy(project, copy)) qFatal("copy failed");
    auto d = openDb(copy, true);
    if (!d->exec(QStringLiteral("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; ") + sql))
        qFatal("tamper failed: %s", qPrintable(sql));
    return copy;
}

inline core::audit::Verification verifyFile(const QString &path) {
    auto d = openDb(path, false);
    auto v = core::audit::verify(*d);
    if (!v) qFatal("verify failed");
    return v.value();
}

}  // namespace phm::test
