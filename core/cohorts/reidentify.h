#pragma once
// Re-identification for direct care: the one way identities leave the key store. Only a
// clinician may, only for members of a saved cohort who are registered at the clinician's own
// practice, and only with a stated direct-care reason. Every attempt is an audit entry, refused
// ones included; identities are returned only after the entry is written, so nothing is revealed
// that the log does not show. The entry names the cohort, its version, the practice, the counts
// and the reason, never a person.
#include "base/result.h"
#include "governance/keystore.h"
#include "governance/users.h"

#include <QString>
#include <vector>

namespace phm::core {

struct Project;
class ProjectDb;
namespace rules {
class CodeLists;
}

struct RevealRequest {
    QString cohort;  // a saved cohort of the project
    QString reason;  // the direct-care reason, in the clinician's words
    QString keyStorePath;
    QByteArray passphrase;  // the clinician's own (core/governance/credentials): proves them and opens their practice
};

struct RevealedPerson {
    Identity identity;
    QString practiceCode;
};

struct Reveal {
    QString cohort, practice;
    int cohortVersion = 0;
    qint64 cohortMembers = 0;   // everyone in the cohort
    qint64 otherPractices = 0;  // members registered elsewhere: withheld
    qint64 notInKeyStore = 0;   // members of the practice the key store does not know
    std::vector<RevealedPerson> people;
};

// Checks a reason: at least 15 characters and nothing the identifier check finds (an NHS number,
// a date, a postcode: core/governance/identifiers), since the reason is kept in the audit log, which must hold
// no identifiers. A refused reason is still logged, redacted.
Status checkReason(const QString &reason);

// The clinician's credential and the saved cohorts are read through `db`, an open connection to
// the project (a session's); the audit entries are written by path (audit::record takes the
// project's write lock and journals beside the file).
Result<Reveal> reidentify(ProjectDb &db, const Project &project, const rules::CodeLists &lists, const User &user,
                          const RevealRequest &request);

}  // namespace phm::core
