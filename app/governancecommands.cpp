#include "governancecommands.h"

#include "clicredentials.h"
#include "governance/auditsignature.h"
#include "governance/credentials.h"
#include "governance/governedoutput.h"

#include "base/safefile.h"
#include "clioutput.h"
#include "cohorts/reidentify.h"
#include "governance/audit.h"
#include "governance/disclosurepolicy.h"
#include "governance/keystore.h"
#include "governance/users.h"
#include "rules/rulecatalogue.h"
#include "session/projectloader.h"
#include "store/projectdb.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

using namespace phm::core;
using phm::cli::fail;
using phm::cli::out;

namespace {
const QCommandLineOption kProject(QStringLiteral("project"), QStringLiteral("Project file."), QStringLiteral("FILE"));
const QCommandLineOption kJson(QStringLiteral("json"), QStringLiteral("Print JSON."));
const QCommandLineOption kKeys(QStringLiteral("keys"), QStringLiteral("Key store (default: the project's path + .keys)."),
                               QStringLiteral("FILE"));
const QCommandLineOption kPassphraseFile(QStringLiteral("passphrase-file"),
                                         QStringLiteral("File whose first line is your passphrase (admins and clinicians)."),
                                         QStringLiteral("FILE"));

QString keyStorePath(const QCommandLineParser &p) { return p.isSet(kKeys) ? p.value(kKeys) : defaultKeyStorePath(p.value(kProject)); }

Result<std::unique_ptr<ProjectDb>> openExisting(const QCommandLineParser &p, bool write) {
    if (!p.isSet(kProject)) return Error{QStringLiteral("usage"), QStringLiteral("--project FILE is required"), {}};
    if (!QFile::exists(p.value(kProject)))
        return Error{QStringLiteral("no_project"), QStringLiteral("no project at %1").arg(p.value(kProject)), p.value(kProject)};
    return ProjectDb::open(p.value(kProject), write);
}

QJsonObject userJson(const User &u) {
    return QJsonObject{{QStringLiteral("name"), u.name},
                       {QStringLiteral("role"), roleName(u.role)},
                       {QStringLiteral("practice"), u.practice.isEmpty() ? QJsonValue() : QJsonValue(u.practice)},
                       {QStringLiteral("added_at"), u.addedAt},
                       {QStringLiteral("added_by"), u.addedBy}};
}

QJsonObject entryJson(const audit::Entry &e) {
    return QJsonObject{{QStringLiteral("seq"), e.seq},
                       {QStringLiteral("at"), e.at},
                       {QStringLiteral("user"), e.user},
                       {QStringLiteral("role"), e.role},
                       {QStringLiteral("action"), e.action},
                       {QStringLiteral("detail"), e.detail},
                       {QStringLiteral("prev_hash"), e.prevHash},
                       {QStringLiteral("hash"), e.hash}};
}
}  // namespace

int runUsersCommand(const QStringList &args) {
    QCommandLineParser p;
    p.addOptions({kProject,
                  kJson,
                  {QStringLiteral("name"), QStringLiteral("Login name."), QStringLiteral("LOGIN")},
                  {QStringLiteral("role"), QStringLiteral("analyst, clinician or admin."), QStringLiteral("ROLE")},
                  {QStringLiteral("practice"), QStringLiteral("A clinician's practice (ODS code)."), QStringLiteral("CODE")},
                  kPassphraseFile,
                  {QStringLiteral("new-passphrase-file"), QStringLiteral("File whose first line is the new passphrase (passphrase)."),
                   QStringLiteral("FILE")}});
    p.addPositionalArgument(QStringLiteral("action"), QStringLiteral("list, set, remove or passphrase"));
    p.process(args);
    const QString action = p.positionalArguments().value(0);
    auto opened = openExisting(p, action != QLatin1String("list"));
    if (!opened) return fail(QStringLiteral("phm users: %1").arg(opened.error().message));
    ProjectDb &db = *opened.value();
    // Listing needs no proof; changing users needs a proven admin.
    auto actor = action == QLatin1String("list") ? findUser(db, currentLogin()) : phm::cli::provenUser(p, p.value(kProject));
    if (!actor) return fail(QStringLiteral("phm users: %1").arg(actor.error().message));
    if (action == QLatin1String("passphrase")) {
        const QString login = p.isSet(QStringLiteral("name")) ? p.value(QStringLiteral("name")) : currentLogin();
        // Your own: with your current passphrase (keys kept), or your first as a new project's admin.
        std::unique_ptr<UnlockedCredential> own;
        User by = actor.value();
        if (login == currentLogin() && hasCredential(db, login)) {
            auto unlocked = phm::cli::unlockedUser(p, p.value(kProject));
            if (!unlocked) return fail(QStringLiteral("phm users passphrase: %1").arg(unlocked.error().message));
            own = std::move(unlocked.value());
            by = own->user;
        }
        auto fresh = phm::cli::readPassphrase(p, QStringLiteral("new-passphrase-file"), QStringLiteral("New passphrase: "));
        if (!fresh) return fail(QStringLiteral("phm users passphrase: %1").arg(fresh.error().message));
        if (auto s = setPassphrase(db, by, login, fresh.value(), own.get()); !s)
            return fail(QStringLiteral("phm users passphrase: %1").arg(s.error().message));
        // The signing key's fingerprint, for auditors to pin (`phm audit verify --trust`).
        QString fingerprint;
        if (const auto keys = publicKeys(db); keys)
            for (const PublicKeys &k : keys.value())
                if (k.login == login) fingerprint = audit::keyFingerprint(k.sign);
        out(QStringLiteral("passphrase set for %1; signing key %2\n").arg(login, fingerprint));
        return 0;
    }
    if (action == QLatin1String("set")) {
        const auto role = roleNamed(p.value(QStringLiteral("role")));
        if (!role) return fail(QStringLiteral("phm users set: --role must be analyst, clinician or admin"));
        if (auto s =
                setUser(db, actor.value(), User{p.value(QStringLiteral("name")), *role, p.value(QStringLiteral("practice")), true, {}, {}});
            !s)
            return fail(QStringLiteral("phm users set: %1").arg(s.error().message));
    } else if (action == QLatin1String("remove")) {
        if (auto s = removeUser(db, actor.value(), p.value(QStringLiteral("name"))); !s)
            return fail(QStringLiteral("phm users remove: %1").arg(s.error().message));
    } else if (action != QLatin1String("list")) {
        return fail(
            QStringLiteral("usage: phm users list|set|remove|passphrase --project P [--name LOGIN --role ROLE --practice CODE] "
                           "[--passphrase-file F] [--new-passphrase-file F]"));
    }
    if (action == QLatin1String("set") || action == QLatin1String("remove"))
        phm::cli::signAsAdmin(p, p.value(kProject));  // its own write, on its own connection
    auto users = listUsers(db);
    if (!users) return fail(QStringLiteral("phm users: %1").arg(users.error().message));
    QJsonArray rows;
    QString text;
    for (const User &u : users.value()) {
        rows.append(userJson(u));
        text += QStringLiteral("%1 %2 %3\n").arg(u.name, -16).arg(roleName(u.role), -10).arg(u.practice);
    }
    if (p.isSet(kJson))
        out(QString::fromUtf8(
            QJsonDocument(QJsonObject{{QStringLiteral("users"), rows}, {QStringLiteral("you"), userJson(actor.value())}}).toJson()));
    else
        out(text);
    return 0;
}

namespace {
// `phm audit verify`: exit 0 intact, 1 the chain is broken at an entry, 2 it cannot be verified.
int auditVerify(const QCommandLineParser &p, const QString &headOption) {
    const bool json = p.isSet(kJson);
    auto cannot = [&](const QString &why) {
        if (json)
            out(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("ok"), false},
                                                            {QStringLiteral("status"), QStringLiteral("cannot_verify")},
                                                            {QStringLiteral("entries"), QJsonValue()},
                                                            {QStringLiteral("first_bad"), QJsonValue()},
                                                            {QStringLiteral("problem"), why}})
                                      .toJson()));
        fail(QStringLiteral("phm audit verify: cannot verify: %1").arg(why));
        return 2;
    };
    if (!p.isSet(kProject)) return cannot(QStringLiteral("--project FILE is required"));
    audit::VerifyOptions options;
    if (p.isSet(headOption)) {
        const QString head = p.value(headOption);
        bool ok = false;
        options.headSeq = head.section(QLatin1Char(':'), 0, 0).toLongLong(&ok);
        options.headHash = head.section(QLatin1Char(':'), 1);
        if (!ok || options.headSeq < 1 || options.headHash.size() != 64)
            return cannot(QStringLiteral("--head must be SEQ:HASH as `phm audit head` prints it, not \"%1\"").arg(head));
    }
    if (p.isSet(QStringLiteral("trust"))) {
        options.trust = p.value(QStringLiteral("trust")).trimmed();
        if (options.trust.size() < 8) return cannot(QStringLiteral("--trust needs at least 8 digits of a signing key's fingerprint"));
    }
    auto v = audit::verifyProject(p.value(kProject), options);
    if (!v) return cannot(v.error().message);
    const audit::Verification &r = v.value();
    if (json) {
        out(QString::fromUtf8(
            QJsonDocument(QJsonObject{{QStringLiteral("ok"), r.ok},
                                      {QStringLiteral("status"), r.ok ? QStringLiteral("intact") : QStringLiteral("broken")},
                                      {QStringLiteral("entries"), r.entries},
                                      {QStringLiteral("first_bad"), r.ok ? QJsonValue() : QJsonValue(r.firstBad)},
                                      {QStringLiteral("problem"), r.ok ? QJsonValue() : QJsonValue(r.problem)},
                                      {QStringLiteral("head"), QStringLiteral("%1:%2").arg(r.headSeq).arg(r.headHash)},
                                      {QStringLiteral("anchored"), r.anchored},
                                      {QStringLiteral("journal"), r.journal},
                                      {QStringLiteral("anchored_to"), r.anchored ? QJsonValue(r.anchoredSeq) : QJsonValue()},
                                      {QStringLiteral("head_checked"), r.headChecked},
                                      {QStringLiteral("signed_to"), r.signedSeq ? QJsonValue(r.signedSeq) : QJsonValue()},
                                      {QStringLiteral("signers"), QJsonArray::fromStringList(r.signers)},
                                      {QStringLiteral("trust_checked"), r.trustChecked}})
                .toJson()));
    } else if (r.ok) {
        QString text = QStringLiteral("audit log intact: %1 entries\n").arg(r.entries);
        if (r.anchored)
            text += QStringLiteral("anchored: entries 1 to %1 match the audit journal %2\n").arg(r.anchoredSeq).arg(r.journal);
        else
            text += QStringLiteral(
                        "not anchored: no audit journal (or an empty one) at %1, so only the chain inside the file was checked (a log "
                        "rewritten consistently would not show)\n")
                        .arg(r.journal);
        if (r.headChecked) text += QStringLiteral("matches the head you gave (entry %1)\n").arg(options.headSeq);
        if (r.signedSeq)
            text += QStringLiteral("signed: entries 1 to %1 are covered by an admin's signature (%2)%3\n")
                        .arg(r.signedSeq)
                        .arg(r.signers.join(QStringLiteral(", ")), r.trustChecked ? QStringLiteral(", the key you trust") : QString());
        else
            text += QStringLiteral("not signed: no admin has signed the log (`phm audit sign`)\n");
        out(text);
    }
    if (!r.ok) {
        fail(QStringLiteral("phm audit verify: chain broken at entry %1: %2").arg(r.firstBad).arg(r.problem));
        return 1;
    }
    return 0;
}
}  // namespace

int runAuditCommand(const QStringList &args) {
    QCommandLineParser p;
    const QCommandLineOption head(QStringLiteral("head"), QStringLiteral("verify: also check that entry SEQ has hash HASH."),
                                  QStringLiteral("SEQ:HASH"));
    const QCommandLineOption trust(QStringLiteral("trust"),
                                   QStringLiteral("verify: require a valid signature by the signing key with this fingerprint."),
                                   QStringLiteral("FINGERPRINT"));
    p.addOptions({kProject, kJson, head, kPassphraseFile, trust});
    p.addPositionalArgument(QStringLiteral("action"), QStringLiteral("verify, head, sign or list"));
    p.process(args);
    const QString action = p.positionalArguments().value(0);
    if (action == QLatin1String("verify")) return auditVerify(p, head.names().first());
    auto opened = openExisting(p, false);
    if (!opened) return fail(QStringLiteral("phm audit: %1").arg(opened.error().message));
    ProjectDb &db = *opened.value();
    if (action == QLatin1String("sign")) {
        // An admin, proven by their passphrase, signs the newest entry with their own key.
        opened.value().reset();
        auto admin = phm::cli::unlockedUser(p, p.value(kProject));
        if (!admin) return fail(QStringLiteral("phm audit sign: %1").arg(admin.error().message));
        auto s = audit::signHead(p.value(kProject), *admin.value());
        if (!s) return fail(QStringLiteral("phm audit sign: %1").arg(s.error().message));
        out(p.isSet(kJson) ? QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("signed_seq"), s.value().seq},
                                                                         {QStringLiteral("signed_hash"), s.value().hash},
                                                                         {QStringLiteral("fingerprint"), s.value().fingerprint}})
                                                   .toJson())
                           : QStringLiteral("signed entry %1 with key %2 (give it to `phm audit verify --trust`)\n")
                                 .arg(s.value().seq)
                                 .arg(s.value().fingerprint));
        return 0;
    }
    if (action == QLatin1String("head")) {
        // The newest entry as SEQ:HASH, to write down elsewhere (a ticket) and check later with
        // `phm audit verify --head`.
        auto all = audit::entries(db);
        if (!all) return fail(QStringLiteral("phm audit head: %1").arg(all.error().message));
        if (all.value().empty()) return fail(QStringLiteral("phm audit head: %1 has no audit entries").arg(p.value(kProject)));
        const audit::Entry &e = all.value().back();
        const QString h = QStringLiteral("%1:%2").arg(e.seq).arg(e.hash);
        out(p.isSet(kJson) ? QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("head"), h},
                                                                         {QStringLiteral("seq"), e.seq},
                                                                         {QStringLiteral("hash"), e.hash},
                                                                         {QStringLiteral("at"), e.at}})
                                                   .toJson())
                           : h + QLatin1Char('\n'));
        return 0;
    }
    if (action == QLatin1String("list")) {
        auto actor = phm::cli::provenUser(p, p.value(kProject));  // the full log is for a proven admin
        if (!actor) return fail(QStringLiteral("phm audit list: %1").arg(actor.error().message));
        auto all = readAuditLog(db, actor.value());
        if (!all) return fail(QStringLiteral("phm audit list: %1").arg(all.error().message));
        QJsonArray rows;
        QString text;
        for (const audit::Entry &e : all.value()) {
            rows.append(entryJson(e));
            text += QStringLiteral("%1 %2 %3 (%4) %5 %6\n")
                        .arg(e.seq, 5)
                        .arg(e.at, e.user, e.role, e.action, QString::fromUtf8(QJsonDocument(e.detail).toJson(QJsonDocument::Compact)));
        }
        out(p.isSet(kJson) ? QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("entries"), rows}}).toJson()) : text);
        return 0;
    }
    return fail(
        QStringLiteral("usage: phm audit verify|head|sign|list --project P [--head SEQ:HASH] [--trust FINGERPRINT] "
                       "[--passphrase-file F] [--json]"));
}

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

int runRevealCommand(const QStringList &args) {
    QCommandLineParser p;
    p.addOptions({kProject,
                  kJson,
                  kKeys,
                  kPassphraseFile,
                  {QStringLiteral("cohort"), QStringLiteral("Saved cohort."), QStringLiteral("NAME")},
                  {QStringLiteral("reason"), QStringLiteral("The direct-care reason."), QStringLiteral("TEXT")}});
    p.process(args);
    Feedback fb;
    auto opened = openProject(p.value(kProject), fb);
    if (!opened) return fail(QStringLiteral("phm reveal: %1").arg(opened.error().message));
    auto user = findUser(p.value(kProject), currentLogin());
    if (!user) return fail(QStringLiteral("phm reveal: %1").arg(user.error().message));
    // Without a passphrase the request still goes through the checks (and the audit log): the
    // refusal an analyst gets is about the role, not a missing passphrase.
    const auto given = phm::cli::readPassphrase(p);
    const QByteArray secret = given ? given.value() : QByteArray();
    const rules::CodeLists lists;
    const RevealRequest request{p.value(QStringLiteral("cohort")), p.value(QStringLiteral("reason")), keyStorePath(p), secret};
    auto r = reidentify(*opened.value(), lists, user.value(), request);
    if (!r) return fail(QStringLiteral("phm reveal: %1").arg(r.error().message));
    const Reveal &v = r.value();
    QJsonArray people;
    QString text = QStringLiteral("person_id,nhs_number,given_name,family_name,date_of_birth,practice\n");
    for (const RevealedPerson &x : v.people) {
        const Identity &i = x.identity;
        people.append(QJsonObject{{QStringLiteral("person_id"), i.personId},
                                  {QStringLiteral("nhs_number"), i.nhsNumber},
                                  {QStringLiteral("given_name"), i.givenName},
                                  {QStringLiteral("family_name"), i.familyName},
                                  {QStringLiteral("date_of_birth"), i.dateOfBirth},
                                  {QStringLiteral("practice"), x.practiceCode}});
        text += QStringList{i.personId, i.nhsNumber, i.givenName, i.familyName, i.dateOfBirth, x.practiceCode}.join(QLatin1Char(',')) +
                QLatin1Char('\n');
    }
    if (p.isSet(kJson))
        out(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("cohort"), v.cohort},
                                                        {QStringLiteral("cohort_version"), v.cohortVersion},
                                                        {QStringLiteral("practice"), v.practice},
                                                        {QStringLiteral("cohort_members"), v.cohortMembers},
                                                        {QStringLiteral("withheld_other_practices"), v.otherPractices},
                                                        {QStringLiteral("not_in_key_store"), v.notInKeyStore},
                                                        {QStringLiteral("people"), people}})
                                  .toJson()));
    else
        out(text);
    return 0;
}

int runDisclosureCommand(const QStringList &args) {
    QCommandLineParser p;
    p.addOptions({kProject,
                  kJson,
                  {QStringLiteral("smallest"), QStringLiteral("Smallest count suppressed."), QStringLiteral("N")},
                  {QStringLiteral("largest"), QStringLiteral("Largest count suppressed."), QStringLiteral("N")},
                  {QStringLiteral("round"), QStringLiteral("Round other counts to the nearest N (1: no rounding)."), QStringLiteral("N")},
                  kPassphraseFile});
    p.addPositionalArgument(QStringLiteral("action"), QStringLiteral("show or set"));
    p.process(args);
    const QString action = p.positionalArguments().value(0);
    if (action != QLatin1String("show") && action != QLatin1String("set"))
        return fail(QStringLiteral("usage: phm disclosure show|set --project P [--smallest N] [--largest N] [--round N] [--json]"));
    if (auto opened = openExisting(p, false); !opened) return fail(QStringLiteral("phm disclosure: %1").arg(opened.error().message));
    const QString project = p.value(kProject);
    auto policy = projectPolicy(project);
    if (!policy) return fail(QStringLiteral("phm disclosure: %1").arg(policy.error().message));
    if (action == QLatin1String("set")) {
        auto actor = phm::cli::provenUser(p, project);
        if (!actor) return fail(QStringLiteral("phm disclosure set: %1").arg(actor.error().message));
        disclosure::Policy wanted = policy.value();
        for (const auto &[option, field] :
             {std::pair{QStringLiteral("smallest"), &wanted.smallest}, std::pair{QStringLiteral("largest"), &wanted.largest},
              std::pair{QStringLiteral("round"), &wanted.roundTo}}) {
            if (!p.isSet(option)) continue;
            bool ok = false;
            *field = p.value(option).toInt(&ok);
            if (!ok) return fail(QStringLiteral("phm disclosure set: --%1 must be a whole number").arg(option));
        }
        if (auto s = setProjectPolicy(project, actor.value(), wanted); !s)
            return fail(QStringLiteral("phm disclosure set: %1").arg(s.error().message));
        phm::cli::signAsAdmin(p, project);
        policy = wanted;
    }
    const disclosure::Policy &shown = policy.value();
    if (p.isSet(kJson))
        out(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("smallest"), shown.smallest},
                                                        {QStringLiteral("largest"), shown.largest},
                                                        {QStringLiteral("round_to"), shown.roundTo},
                                                        {QStringLiteral("policy"), shown.describe()}})
                                  .toJson()));
    else
        out(shown.describe() + QLatin1Char('\n'));
    return 0;
}
