#pragma once
// Disclosure control and audit for the data a `phm` command puts out. Every command that prints or
// writes counts from the project takes `--disclosure standard|off` (standard by default: the
// project's policy, core/governance/disclosurepolicy, normally counts of 1 to 7 suppressed and others rounded
// to 5; core/governance/publish); `off` is for admins only. Each such
// run is an "export" entry in the project's audit log, written before the output, naming the
// command, the policy and how many counts were suppressed.
#include "base/result.h"
#include "governance/publish.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QJsonObject>

namespace phm::cli {

QCommandLineOption disclosureOption();

// Indicator outputs (valueJson): numerator and denominator are counts; the value and its interval
// are derived from them; `registered` counts people; comparators (ICS, parent, the rest) are
// published to four significant figures.
extern const core::disclosure::OutputFields kIndicatorFields;

// The policy the command asked for; `off` is refused unless the current login is an admin of the
// project.
core::Result<core::disclosure::Policy> outputPolicy(const QCommandLineParser &parser, const QString &projectPath);

// Publishes an object output through the policy, adds the "disclosure" key ({policy,
// suppressed}) and records the export in the audit log (an error if it cannot be recorded: then
// nothing is printed).
core::Result<QJsonObject> publishOutput(const QJsonObject &output, const core::disclosure::OutputFields &fields,
                                        const core::disclosure::Policy &policy, const QString &projectPath, const QString &command,
                                        const QJsonObject &detail = {});
// The same for an array output (phm profile): the rows are published and the audit entry
// written; the caller names the policy beside the rows.
core::Result<core::disclosure::Published> publishRows(const QJsonValue &rows, const core::disclosure::OutputFields &fields,
                                                      const core::disclosure::Policy &policy, const QString &projectPath,
                                                      const QString &command, const QJsonObject &detail = {});

}  // namespace phm::cli
