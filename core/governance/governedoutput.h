#pragma once
// The governed-output boundary: everything that leaves the workbench with data about people in it
// (a `phm` command's JSON, CSV or text; a pack; a map image; a GUI export) leaves through here.
// It applies the project's disclosure policy (core/governance/publish, core/governance/disclosure) and writes the
// export's audit entry before anything is returned, so nothing is output that was not recorded;
// switching disclosure control off for one output is for admins only, and is recorded too. The
// CLI and the GUI call these functions; neither writes audit entries itself.
#include "base/result.h"
#include "governance/publish.h"
#include "governance/users.h"

#include <QJsonObject>
#include <QString>

namespace phm::core {

// The policy an output is made under: the project's (core/governance/disclosurepolicy), or none when `off`
// is asked for by a proven admin of the project (refused for anyone else).
Result<disclosure::Policy> outputPolicy(const QString &projectPath, bool off, const User &actor);

// Publishes a result through the policy and records an "export" entry (the command, the policy,
// how many counts were suppressed, and `detail`). An error if the entry cannot be written: then
// nothing may be output.
Result<disclosure::Published> publishGoverned(const QJsonValue &result, const disclosure::OutputFields &fields,
                                              const disclosure::Policy &policy, const QString &projectPath, const QString &command,
                                              const QJsonObject &detail = {});
// The same for an object result, which then carries the "disclosure" key ({policy, suppressed}).
Result<QJsonObject> publishGovernedObject(const QJsonObject &result, const disclosure::OutputFields &fields,
                                          const disclosure::Policy &policy, const QString &projectPath, const QString &command,
                                          const QJsonObject &detail = {});

// A file made from already protected content (a pack, a map image, a list of pseudonymised ids):
// records `action` with the policy and `detail` before the caller writes the file.
Status recordGovernedExport(const QString &projectPath, const QString &action, const disclosure::Policy &policy, const QJsonObject &detail);

// What an import report (`phm import --json`, kept in the project) may show outside the
// workbench: per file the rows read, imported and rejected (a line: read = imported + rejected),
// and rejects by reason (a line with the rejected rows), through the policy; linkage rates and
// completeness are recomputed from the published counts they are shares of.
QJsonObject publishedImportReport(const QJsonObject &report, const disclosure::Policy &policy);

// The fields of `phm info`: counts of people and events, labels for the geography's sizes.
const disclosure::OutputFields &projectInfoFields();

}  // namespace phm::core
