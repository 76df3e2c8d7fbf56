#pragma once
// What the governance commands (governancecommands.h) share: their options, the key store's
// path, and opening the project named by --project.
#include "base/result.h"
#include "store/projectdb.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <memory>

namespace phm::cli::governance {

inline const QCommandLineOption kProject(QStringLiteral("project"), QStringLiteral("Project file."), QStringLiteral("FILE"));
inline const QCommandLineOption kJson(QStringLiteral("json"), QStringLiteral("Print JSON."));
inline const QCommandLineOption kKeys(QStringLiteral("keys"), QStringLiteral("Key store (default: the project's path + .keys)."),
                                      QStringLiteral("FILE"));
inline const QCommandLineOption kPassphraseFile(QStringLiteral("passphrase-file"),
                                                QStringLiteral("File whose first line is your passphrase (admins and clinicians)."),
                                                QStringLiteral("FILE"));

QString keyStorePath(const QCommandLineParser &p);
// The project of --project, which must exist (nothing is created).
core::Result<std::unique_ptr<core::ProjectDb>> openExisting(const QCommandLineParser &p, bool write);

}  // namespace phm::cli::governance
