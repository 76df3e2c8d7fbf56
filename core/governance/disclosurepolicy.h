#pragma once
// The project's disclosure policy: the default NHS small-number rule unless an admin of the
// project has set other bounds (e.g. suppress 1 to 9 and round to 10 for a stricter data-sharing
// agreement). Kept in the project's meta table; every output (packs, map images, every `phm`
// command) reads it, so the policy is set once for everyone. Changing it is an audit entry.
#include "base/result.h"
#include "governance/disclosure.h"
#include "governance/users.h"

namespace phm::core {

// Read through an open connection (a session's); a project without a rounding key gets one, written
// under the project's write lock on a connection of its own.
Result<disclosure::Policy> projectPolicy(ProjectDb &db);
// Refuses anyone but an admin and bounds that do not make sense (smallest 1 or more, largest at
// least smallest and at most 99, rounding base 1 to 100). Disclosure control cannot be switched
// off for the project; an admin can run a single command with `--disclosure off`.
// Written through `db`, opened for writing.
Status setProjectPolicy(ProjectDb &db, const User &actor, const disclosure::Policy &policy);

}  // namespace phm::core
