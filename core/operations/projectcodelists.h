#pragma once
// The project's own code lists as operations (`phm codelists`, the workbench's code list
// browser): add or replace a list from a CSV, remove one, and list them all. Changes are in the
// audit log (the list's name, size and file name, never its codes) and usable as @name at once.
#include "base/result.h"
#include "governance/publish.h"
#include "session/session.h"

#include <QJsonObject>

namespace phm::core::ops {

// name, codes, replaced, source
Result<QJsonObject> addCodeList(Session &session, const QString &name, const QString &csvPath);
// removed, used_by[saved cohorts whose rule names the list; they will say so when run]
Result<QJsonObject> removeCodeList(Session &session, const QString &name);
// lists[{name, kind: bundled|project, codes, source, added_at, added_by}], damaged[{name, reason}]
Result<QJsonObject> codeListsJson(const Session &session);
const disclosure::OutputFields &projectCodeListFields();

}  // namespace phm::core::ops
