#include "cohorts/reidentify.h"

#include "cohorts/cohortanalysis.h"
#include "governance/audit.h"
#include "governance/credentials.h"
#include "governance/identifiers.h"
#include "store/project.h"
#include "store/projectdb.h"

#include <QJsonObject>

namespace phm::core {

Status checkReason(const QString &reason) {
    const QString r = reason.simplified();
    if (r.size() < 15)
        return Error{
            ErrorCode::NoReason, QStringLiteral("state the direct-care reason for revealing identities (at least 15 characters)"), {}};
    if (containsIdentifier(r))
        return Error{ErrorCode::IdentifierInReason,
                     QStringLiteral("the reason contains what looks like an identifier (an NHS number, a date or a postcode); the reason "
                                    "is kept in the audit log, which must not hold identifiers"),
                     {}};
    return Ok{};
}

Result<Reveal> reidentify(ProjectDb &db, const Project &project, const rules::CodeLists &lists, const User &user,
                          const RevealRequest &request) {
    QJsonObject detail{{QStringLiteral("cohort"), request.cohort}, {QStringLiteral("reason"), request.reason.simplified()}};
    if (!user.practice.isEmpty()) detail.insert(QStringLiteral("practice"), user.practice);
    // A refusal is logged too, with why; if even that cannot be written the refusal still stands.
    auto refuse = [&](const Error &e) -> Result<Reveal> {
        QJsonObject d = detail;
        d.insert(QStringLiteral("refused"), e.message);
        audit::record(project.path, user.name, roleName(user.role), QStringLiteral("reidentify-refused"), d);
        return e;
    };
    // Who asks is proven by their passphrase, which also opens their practice's key.
    std::unique_ptr<UnlockedCredential> who;
    if (user.listed && user.role == Role::Clinician) {
        auto unlocked = unlockCredential(db, user.name, request.passphrase);
        if (!unlocked) return refuse(unlocked.error());
        who = std::move(unlocked.value());
    }
    const User &proven = who ? who->user : user;
    if (auto s = requireRole(proven, Role::Clinician, QStringLiteral("reveal identities")); !s) return refuse(s.error());
    if (auto s = checkReason(request.reason); !s) return refuse(s.error());
    // One read of the saved cohorts: the version recorded is the one whose rule is run.
    const auto all = savedCohorts(db);
    auto saved = all ? findSavedCohort(all.value(), request.cohort) : Result<SavedCohort>(all.error());
    if (!saved)
        return refuse(Error{ErrorCode::UnknownCohort,
                            QStringLiteral("identities are revealed only from a saved cohort; %1").arg(saved.error().message),
                            request.cohort});
    int practice = -1;
    for (size_t i = 0; i < project.geography.practices.size(); ++i)
        if (project.geography.practices[i].code == user.practice) practice = int(i);
    if (practice < 0)
        return refuse(Error{ErrorCode::BadPractice, QStringLiteral("%1's practice %2 is not in this project").arg(user.name, user.practice),
                            user.practice});
    auto members = makeCohortResolver(project, lists, cohortRules(all))(request.cohort);
    if (!members) return refuse(members.error());

    Reveal reveal;
    reveal.cohort = request.cohort;
    reveal.cohortVersion = saved.value().current().version;
    reveal.practice = user.practice;
    std::vector<QString> ids;
    const rules::Selection &sel = members.value();
    for (size_t i = sel.find_first(); i != rules::Selection::npos; i = sel.find_next(i)) {
        const auto p = int32_t(i);
        ++reveal.cohortMembers;
        if (project.persons.practice[i] != practice || !project.persons.isRegistered(p, project.extractEnd)) {
            ++reveal.otherPractices;
            continue;
        }
        const auto id = project.persons.id(p);
        ids.push_back(QString::fromUtf8(id.data(), qsizetype(id.size())));
    }
    auto store = KeyStore::open(request.keyStorePath, *who);
    if (!store) return refuse(store.error());
    auto found = store.value()->lookup(ids);
    if (!found) return refuse(found.error());
    // Who is registered where is the key store's: an identity sealed under another practice's key
    // is never revealed, whatever a later extract says.
    std::erase_if(found.value(), [&](const Identity &i) { return i.practice != user.practice; });
    reveal.notInKeyStore = qint64(ids.size()) - qint64(found.value().size());
    detail.insert(QStringLiteral("cohort_version"), reveal.cohortVersion);
    detail.insert(QStringLiteral("cohort_members"), reveal.cohortMembers);
    detail.insert(QStringLiteral("revealed"), qint64(found.value().size()));
    detail.insert(QStringLiteral("withheld_other_practices"), reveal.otherPractices);
    // The store is open: the names of the people revealed are checked for too (a reason naming one).
    QStringList names;
    for (const Identity &i : found.value()) names << i.givenName << i.familyName;
    detail = audit::redactedDetail(detail, names);
    if (auto s = audit::record(project.path, user.name, roleName(user.role), QStringLiteral("reidentify"), detail); !s)
        return Error{s.error().code,
                     QStringLiteral("identities were not revealed because the audit log could not be written: %1").arg(s.error().message),
                     s.error().context};
    for (Identity &i : found.value()) reveal.people.push_back(RevealedPerson{std::move(i), user.practice});
    return reveal;
}

}  // namespace phm::core
