#include "clicredentials.h"
#include "cliplatform.h"

#include "governance/auditsignature.h"
#include "governance/users.h"
#include "store/projectdb.h"

#include <QFile>
#include <cstdio>

namespace phm::cli {

using namespace phm::core;

QCommandLineOption passphraseFileOption() {
    return {QStringLiteral("passphrase-file"),
            QStringLiteral("File whose first line is your passphrase (for privileged actions: admins and clinicians)."),
            QStringLiteral("FILE")};
}

Result<QByteArray> readPassphrase(const QCommandLineParser &parser, const QString &option, const QString &prompt) {
    if (parser.optionNames().contains(option) && !parser.value(option).isEmpty()) {
        QFile f(parser.value(option));
        if (!f.open(QIODevice::ReadOnly))
            return Error{ErrorCode::NoPassphrase, QStringLiteral("cannot read %1: %2").arg(f.fileName(), f.errorString()), f.fileName()};
        return f.readLine().trimmed();
    }
    if (option == QLatin1String("passphrase-file"))
        for (const char *var : {"PHM_PASSPHRASE", "PHM_KEYS_PASSPHRASE"})
            if (const QByteArray env = qgetenv(var); !env.isEmpty()) return env;
    if (auto typed = readHiddenLine(prompt)) return *typed;
    return Error{
        ErrorCode::NoPassphrase, QStringLiteral("this needs your passphrase: give it with --%1 FILE (or PHM_PASSPHRASE)").arg(option), {}};
}

Result<std::unique_ptr<UnlockedCredential>> unlockedUser(const QCommandLineParser &parser, const QString &projectPath) {
    auto opened = ProjectDb::open(projectPath, false);
    if (!opened) return opened.error();
    auto user = findUser(*opened.value(), currentLogin());
    if (!user) return user.error();
    if (!user.value().listed || user.value().role == Role::Analyst)
        return Error{ErrorCode::NotPermitted,
                     QStringLiteral("%1 is %2 in this project; this needs an admin or a clinician")
                         .arg(user.value().name, user.value().listed ? QStringLiteral("an analyst") : QStringLiteral("not a user")),
                     user.value().name};
    auto secret = readPassphrase(parser);
    if (!secret) return secret.error();
    return unlockCredential(*opened.value(), user.value().name, secret.value());
}

void signAsAdmin(const QCommandLineParser &parser, const QString &projectPath) {
    auto admin = unlockedUser(parser, projectPath);
    if (!admin || admin.value()->user.role != Role::Admin) return;
    if (auto s = audit::signHead(projectPath, *admin.value()); !s)
        std::fputs(QStringLiteral("warning: the audit log was not signed: %1\n").arg(s.error().message).toUtf8().constData(), stderr);
}

Result<User> provenUser(const QCommandLineParser &parser, const QString &projectPath) {
    auto opened = ProjectDb::open(projectPath, false);
    if (!opened) return opened.error();
    auto user = findUser(*opened.value(), currentLogin());
    if (!user) return user.error();
    // An analyst has nothing to prove: the refusal that follows is about the role.
    if (!user.value().listed || user.value().role == Role::Analyst) return user.value();
    // Unproven when no passphrase is given or none was ever set: the refusal that follows says how.
    if (!hasCredential(*opened.value(), user.value().name)) return user.value();
    auto secret = readPassphrase(parser);
    if (!secret) return user.value();
    return authenticate(*opened.value(), user.value().name, secret.value());
}

}  // namespace phm::cli
