#pragma once
// Users and roles. A project names its users: analysts see pseudonymised data only; a
// clinician is bound to one practice and may reveal the identities of that practice's patients
// for direct care; an admin manages users and reads the audit log. The user is the operating
// system login (or PHM_USER, or --user in the CLI); a login the project does not list works as an
// analyst. Roles are enforced by the workbench; the secret that guards identities is the key
// store's passphrase (core/governance/keystore), which only clinicians hold. Every change of users is an
// audit entry written in the same transaction as the change.
#include "base/result.h"
#include "governance/audit.h"

#include <QJsonObject>
#include <QString>
#include <optional>
#include <vector>

namespace phm::core {

class ProjectDb;

enum class Role { Analyst, Clinician, Admin };
QString roleName(Role role);  // analyst, clinician, admin
std::optional<Role> roleNamed(const QString &name);

struct User {
    QString name;
    Role role = Role::Analyst;
    QString practice;     // ODS code; clinicians only
    bool listed = false;  // false: a login the project does not name (works as an analyst)
    QString addedAt, addedBy;
    // True only when the user gave their passphrase (core/governance/credentials authenticate): an admin or
    // clinician acts as one only then; the environment's login alone proves nothing.
    bool proven = false;
    static User unlisted(const QString &login) { return User{login, Role::Analyst, {}, false, {}, {}, false}; }
};

// PHM_USER if set, else the operating-system login (from the environment, else the account of the
// process).
QString currentLogin();

Result<std::vector<User>> listUsers(ProjectDb &db);
// The user with that login, or an unlisted analyst.
Result<User> findUser(ProjectDb &db, const QString &login);

// Adds or changes a user. Only an admin may, except that the first user of a project that has
// none must be an admin (that is how a new project gets its first admin). A clinician needs a
// practice of the project. Refuses to leave the project without an admin.
Status setUser(ProjectDb &db, const User &actor, const User &user);
Status removeUser(ProjectDb &db, const User &actor, const QString &login);

// For an import that creates or replaces a project (inside the import's transaction, schema
// current): keeps the users and the audit log of the project being replaced, so re-importing
// cannot wipe the audit trail (pack templates, the disclosure policy, maturity assessments and PHM
// cycles are kept as well); a new project gets the importing login as its
// first admin. Then records the import itself (the caller holds the project's write lock, marks
// `db` locked, and journals `*appended` once the new file has replaced the project).
Status carryOverGovernance(ProjectDb &db, const QString &replacedProject, const QJsonObject &importDetail,
                           audit::Entry *appended = nullptr);

// An audit entry for an action of the current login (with its role in the project): exports use
// it, from the CLI and the workbench alike. Takes the path: the entry goes to the project's audit
// log and its journal (audit::record), which start from the file.
Status recordAsCurrentUser(const QString &projectPath, const QString &action, const QJsonObject &detail);

// The audit log is for admins: anyone else gets the refusal. Verifying the chain is open to all.
Result<std::vector<audit::Entry>> readAuditLog(ProjectDb &db, const User &actor);
// audit::verifyProject: the chain, its journal, and an error for whatever cannot be read. Takes the
// path: verifying checks the file itself and the journal beside it.
Result<audit::Verification> verifyAuditLog(const QString &projectPath);

// A refusal when the actor lacks the role: "Only an admin can ..." naming the actor and role.
Status requireRole(const User &actor, Role role, const QString &what);

}  // namespace phm::core
