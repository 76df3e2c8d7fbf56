// phm users list|set|remove|passphrase: the project's users and their roles (governancecommands.h).
#include "governancecli.h"
#include "governancecommands.h"

#include "clicredentials.h"
#include "governance/auditsignature.h"
#include "governance/credentials.h"

#include "clioutput.h"
#include "governance/audit.h"
#include "governance/users.h"
#include "store/projectdb.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

using namespace phm::core;
using namespace phm::cli::governance;
using phm::cli::fail;
using phm::cli::out;

namespace {
QJsonObject userJson(const User &u) {
    return QJsonObject{{QStringLiteral("name"), u.name},
                       {QStringLiteral("role"), roleName(u.role)},
                       {QStringLiteral("practice"), u.practice.isEmpty() ? QJsonValue() : QJsonValue(u.practice)},
                       {QStringLiteral("added_at"), u.addedAt},
                       {QStringLiteral("added_by"), u.addedBy}};
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
