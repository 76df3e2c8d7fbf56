// phm keys create|grant: the identity key store (governancecommands.h).
#include "governancecli.h"
#include "governancecommands.h"

#include "clicredentials.h"
#include "governance/auditsignature.h"
#include "governance/credentials.h"
#include "governance/governedoutput.h"

#include "base/safefile.h"
#include "clioutput.h"
#include "governance/disclosurepolicy.h"
#include "governance/keystore.h"
#include "governance/users.h"
#include "session/projectloader.h"
#include "store/projectdb.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

using namespace phm::core;
using namespace phm::cli::governance;
using phm::cli::fail;
using phm::cli::out;

namespace {
// `phm keys grant --name LOGIN`: a proven admin seals the key of the clinician's practice to them,
// without remaking the store (a clinician added, or whose passphrase was reset, after it was made).
int keysGrant(const QCommandLineParser &p) {
    const QString login = p.value(QStringLiteral("name"));
    if (login.isEmpty()) return fail(QStringLiteral("usage: phm keys grant --project P --name LOGIN [--keys F] [--passphrase-file F]"));
    auto admin = phm::cli::unlockedUser(p, p.value(kProject));
    if (!admin) return fail(QStringLiteral("phm keys grant: %1").arg(admin.error().message));
    if (auto s = requireRole(admin.value()->user, Role::Admin, QStringLiteral("grant a practice key")); !s)
        return fail(QStringLiteral("phm keys grant: %1").arg(s.error().message));
    KeyRecipient recipient;
    {
        auto db = ProjectDb::open(p.value(kProject), false);
        if (!db) return fail(QStringLiteral("phm keys grant: %1").arg(db.error().message));
        auto user = findUser(*db.value(), login);
        if (!user || !user.value().listed || user.value().role != Role::Clinician)
            return fail(QStringLiteral("phm keys grant: %1 is not a clinician of this project").arg(login));
        recipient = {login, {}, user.value().practice};
        if (const auto keys = publicKeys(*db.value()); keys)
            for (const PublicKeys &k : keys.value())
                if (k.login == login) recipient.boxPublic = k.box;
    }
    const QString path = keyStorePath(p);
    auto bytes = KeyStore::grant(path, *admin.value(), recipient);
    if (!bytes) return fail(QStringLiteral("phm keys grant: %1").arg(bytes.error().message));
    OutputGuard guard;
    guard.force = true;  // replacing this key store is the point; the project never
    guard.protectedFiles = {p.value(kProject)};
    SafeFile file(path);
    if (auto s = file.open(guard); !s) return fail(QStringLiteral("phm keys grant: %1").arg(s.error().message));
    if (auto s = file.write(bytes.value()); !s) return fail(QStringLiteral("phm keys grant: %1").arg(s.error().message));
    const QJsonObject detail{{QStringLiteral("key_store"), QFileInfo(path).fileName()},
                             {QStringLiteral("user"), login},
                             {QStringLiteral("practice"), recipient.practice}};
    if (auto s = recordGovernedExport(p.value(kProject), QStringLiteral("keys-grant"), disclosure::Policy{}, detail); !s)
        return fail(QStringLiteral("phm keys grant: %1").arg(s.error().message));
    if (auto s = file.commit(); !s) return fail(QStringLiteral("phm keys grant: %1").arg(s.error().message));
    phm::cli::signAsAdmin(p, p.value(kProject));
    out(QStringLiteral("practice %1's key sealed to %2 in %3\n").arg(recipient.practice, login, path));
    return 0;
}
}  // namespace

int runKeysCommand(const QStringList &args) {
    QCommandLineParser p;
    p.addOptions(
        {kProject,
         kJson,
         kKeys,
         kPassphraseFile,
         {QStringLiteral("from"), QStringLiteral("Identities CSV (person_id, nhs_number, given_name, family_name, date_of_birth)."),
          QStringLiteral("FILE")},
         {QStringLiteral("synthetic"), QStringLiteral("Invent synthetic identities for the project's people (demo and tests).")},
         {QStringLiteral("force"), QStringLiteral("Replace an existing key store (kept until the new one is written and audited).")},
         {QStringLiteral("name"), QStringLiteral("grant: the clinician to seal their practice's key to."), QStringLiteral("LOGIN")}});
    p.addPositionalArgument(QStringLiteral("action"), QStringLiteral("create or grant"));
    p.process(args);
    if (p.positionalArguments().value(0) == QLatin1String("grant")) return keysGrant(p);
    if (p.positionalArguments().value(0) != QLatin1String("create") ||
        p.isSet(QStringLiteral("from")) == p.isSet(QStringLiteral("synthetic")))
        return fail(QStringLiteral(
            "usage: phm keys create --project P (--synthetic | --from identities.csv) [--keys F] [--passphrase-file F] [--force]"));
    QElapsedTimer timer;
    timer.start();
    // A proven admin: their passphrase; the practice keys are sealed to the clinicians and admins
    // who have credentials (core/governance/credentials), not to a shared passphrase.
    auto actor = phm::cli::provenUser(p, p.value(kProject));
    if (!actor) return fail(QStringLiteral("phm keys: %1").arg(actor.error().message));
    if (auto s = requireRole(actor.value(), Role::Admin, QStringLiteral("create the key store")); !s)
        return fail(QStringLiteral("phm keys: %1").arg(s.error().message));
    std::vector<KeyRecipient> recipients;
    {
        auto db = ProjectDb::open(p.value(kProject), false);
        if (!db) return fail(QStringLiteral("phm keys: %1").arg(db.error().message));
        auto keys = publicKeys(*db.value());
        auto users = listUsers(*db.value());
        if (!keys || !users) return fail(QStringLiteral("phm keys: cannot read the users' credentials"));
        for (const PublicKeys &k : keys.value())
            for (const User &u : users.value())
                if (u.name == k.login && u.role != Role::Analyst)
                    recipients.push_back({u.name, k.box, u.role == Role::Clinician ? u.practice : QString()});
    }
    // The new store is written beside the old one, which stays until it is complete and audited.
    const QString path = keyStorePath(p);
    OutputGuard guard;
    guard.force = p.isSet(QStringLiteral("force"));
    guard.protectedFiles = {p.value(kProject)};
    SafeFile file(path);
    if (auto s = file.open(guard); !s) return fail(QStringLiteral("phm keys: %1").arg(s.error().message));
    std::vector<Identity> identities;
    Feedback fb;
    auto project = openProject(p.value(kProject), fb);
    if (!project) return fail(QStringLiteral("phm keys: %1").arg(project.error().message));
    if (p.isSet(QStringLiteral("from"))) {
        auto read = readIdentitiesCsv(p.value(QStringLiteral("from")));
        if (!read) return fail(QStringLiteral("phm keys: %1").arg(read.error().message));
        identities = std::move(read.value());
    } else {
        identities = syntheticIdentities(*project.value());
    }
    // Each person goes under the key of the practice they are registered with now.
    identities = assignPractices(*project.value(), std::move(identities));
    auto sealed = KeyStore::sealByPractice(identities, recipients, path);
    if (!sealed) return fail(QStringLiteral("phm keys: %1").arg(sealed.error().message));
    if (auto s = file.write(sealed.value()); !s) return fail(QStringLiteral("phm keys: %1").arg(s.error().message));
    const QJsonObject detail{
        {QStringLiteral("key_store"), QFileInfo(path).fileName()},
        {QStringLiteral("identities"), qint64(identities.size())},
        {QStringLiteral("recipients"), qint64(recipients.size())},
        {QStringLiteral("source"), p.isSet(QStringLiteral("synthetic")) ? QStringLiteral("synthetic") : QStringLiteral("csv")}};
    if (auto s = recordGovernedExport(p.value(kProject), QStringLiteral("keys-create"), disclosure::Policy{}, detail); !s)
        return fail(QStringLiteral("phm keys: %1").arg(s.error().message));
    if (auto s = file.commit(); !s) return fail(QStringLiteral("phm keys: %1").arg(s.error().message));
    phm::cli::signAsAdmin(p, p.value(kProject));
    QJsonObject o = detail;
    o.insert(QStringLiteral("file"), path);
    o.insert(QStringLiteral("ms"), double(timer.elapsed()));
    out(p.isSet(kJson) ? QString::fromUtf8(QJsonDocument(o).toJson())
                       : QStringLiteral("%1 identities sealed in %2\n").arg(identities.size()).arg(path));
    return 0;
}
