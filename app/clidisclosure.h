#pragma once
// The --disclosure option of every `phm` command that puts out data about people: standard (the
// project's policy, core/governance/disclosurepolicy: normally counts of 1 to 7 suppressed and
// others rounded to 5) or off, for a proven admin only. The output itself leaves through the
// session's governed-output boundary (core/session/session publish, core/governance/governedoutput),
// which writes the export's audit entry first.
#include "base/result.h"
#include "governance/disclosure.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QJsonObject>

namespace phm::cli {

QCommandLineOption disclosureOption();

// The policy the command asked for; `off` is refused unless the current login is an admin of the
// project. By path, not a session: every command asks first, so a bad or refused --disclosure fails
// before a large project is loaded, with the same message whatever else is wrong.
core::Result<core::disclosure::Policy> outputPolicy(const QCommandLineParser &parser, const QString &projectPath);

}  // namespace phm::cli
