#pragma once
// Proving who runs a `phm` command. The login comes from the environment (core/governance/users
// currentLogin); a privileged action (an admin's or a clinician's) also needs the login's
// passphrase: from --passphrase-file FILE (its first line), or PHM_PASSPHRASE for scripts, or asked
// on the terminal when there is one. A passphrase is never an argument: the process list would
// show it to every user of the machine.
#include "base/result.h"
#include "governance/credentials.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <memory>
#include <optional>

namespace phm::cli {

QCommandLineOption passphraseFileOption();

// The passphrase, or an error saying how to give one. `option` names the parser's option that
// holds the file (--passphrase-file by default).
core::Result<QByteArray> readPassphrase(const QCommandLineParser &parser, const QString &option = QStringLiteral("passphrase-file"),
                                        const QString &prompt = QStringLiteral("Passphrase: "));

// The current login, proven with its passphrase (for a privileged action).
core::Result<core::User> provenUser(const QCommandLineParser &parser, const QString &projectPath);
core::Result<std::unique_ptr<core::UnlockedCredential>> unlockedUser(const QCommandLineParser &parser, const QString &projectPath);

// After an admin's action: the admin signs the audit log's new head with their key
// (core/governance/auditsignature), so every admin action leaves the chain signed up to it. A failure to
// sign is reported on stderr; the action itself stands (it is already in the log).
void signAsAdmin(const QCommandLineParser &parser, const QString &projectPath);

}  // namespace phm::cli
