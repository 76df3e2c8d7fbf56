#pragma once
// Shared helpers for tests: a small synthetic extract generated into a temporary folder.
#include "base/feedback.h"
#include "governance/credentials.h"
#include "governance/keystore.h"
#include "import/importer.h"
#include "session/projectloader.h"
#include "store/project.h"
#include "store/projectdb.h"
#include "synth/generator.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

namespace phm::test {

inline QString makeExtract(const QString &dir, int64_t people, uint64_t seed = 7, double faultScale = 1.0, int threads = 2) {
    auto cfg = core::defaultGeneratorConfig();
    cfg.people = people;
    cfg.seed = seed;
    cfg.faultScale = faultScale;
    cfg.threads = threads;
    core::Feedback fb;
    auto r = core::generateExtract(cfg, dir, fb);
    if (!r) qFatal("generate failed: %s", qPrintable(r.error().message));
    return dir;
}

// Generates and imports a synthetic extract into `projectFile`, its extract in `extractDir`;
// returns the project file (fails the process on error).
inline QString importedProject(const QString &extractDir, const QString &projectFile, int64_t people, uint64_t seed,
                               double faultScale = 0.0) {
    const QString extract = makeExtract(extractDir, people, seed, faultScale);
    core::Feedback fb;
    auto imported = core::importExtract(extract, projectFile, fb);
    if (!imported) qFatal("import failed: %s", qPrintable(imported.error().message));
    return projectFile;
}

// Generates, imports and opens a synthetic project in dir (fails the process on error).
inline core::ProjectPtr makeProject(const QString &dir, int64_t people, uint64_t seed, double faultScale = 0.0) {
    const QString path = importedProject(QDir(dir).filePath(QStringLiteral("extract")), QDir(dir).filePath(QStringLiteral("project.phm")),
                                         people, seed, faultScale);
    core::Feedback fb;
    auto opened = core::openProject(path, fb);
    if (!opened) qFatal("open failed: %s", qPrintable(opened.error().message));
    return opened.value();
}

// Opens the project (for reading, or for writing) and runs f(ProjectDb &) on it, or gives the
// open's error: how a test reaches the store's functions that take an open connection.
template <class F>
auto onProject(const QString &path, F f, bool write = false) -> decltype(f(std::declval<core::ProjectDb &>())) {
    auto opened = core::ProjectDb::open(path, write);
    if (!opened) return opened.error();
    return f(*opened.value());
}

// The users and the audit log on a connection of the tests' own (the store's functions take one).
inline core::Result<core::User> findUser(const QString &path, const QString &login) {
    return onProject(path, [&](core::ProjectDb &db) { return core::findUser(db, login); });
}
inline core::Status setUser(const QString &path, const core::User &actor, const core::User &user) {
    return onProject(
        path, [&](core::ProjectDb &db) { return core::setUser(db, actor, user); }, true);
}
inline core::Status removeUser(const QString &path, const core::User &actor, const QString &login) {
    return onProject(
        path, [&](core::ProjectDb &db) { return core::removeUser(db, actor, login); }, true);
}
inline core::Result<std::vector<core::audit::Entry>> readAuditLog(const QString &path, const core::User &actor) {
    return onProject(path, [&](core::ProjectDb &db) { return core::readAuditLog(db, actor); });
}

// The passphrase the tests give the admin (the login that imported a project) and clinicians.
inline const QByteArray kTestPassphrase = QByteArrayLiteral("correct horse battery staple");

// A new project's first admin sets their passphrase (as `phm users passphrase` does); CLI tests
// then give it through PHM_PASSPHRASE. Returns the admin, proven.
inline core::User provenAdmin(const QString &projectPath) {
    const QString login = core::currentLogin();
    auto opened = core::ProjectDb::open(projectPath, true);
    if (!opened) qFatal("open failed: %s", qPrintable(opened.error().message));
    if (!core::hasCredential(*opened.value(), login)) {
        auto me = core::findUser(*opened.value(), login);
        if (auto s = core::setPassphrase(*opened.value(), me.value(), login, kTestPassphrase); !s)
            qFatal("passphrase failed: %s", qPrintable(s.error().message));
    }
    auto proven = core::authenticate(*opened.value(), login, kTestPassphrase);
    if (!proven) qFatal("authenticate failed: %s", qPrintable(proven.error().message));
    qputenv("PHM_PASSPHRASE", kTestPassphrase);
    return proven.value();
}

// A per-practice key store of synthetic identities, sealed to every user with a credential (as
// `phm keys create --synthetic` makes it).
inline bool sealKeyStore(const core::Project &project, const QString &keysPath) {
    auto opened = core::ProjectDb::open(project.path, false);
    if (!opened) return false;
    const auto keys = core::publicKeys(*opened.value());
    if (!keys) return false;
    std::vector<core::KeyRecipient> recipients;
    for (const core::PublicKeys &k : keys.value()) {
        const core::User u = core::findUser(*opened.value(), k.login).value();
        recipients.push_back({u.name, k.box, u.role == core::Role::Clinician ? u.practice : QString()});
    }
    auto sealed = core::KeyStore::sealByPractice(core::assignPractices(project, core::syntheticIdentities(project)), recipients, keysPath);
    if (!sealed) return false;
    QFile f(keysPath);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(sealed.value()) == sealed.value().size();
}

inline QByteArray fileHash(const QString &path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return h.result().toHex();
}

inline void writeFile(const QString &path, const QByteArray &bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

inline QByteArray readFile(const QString &path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Copies every file of src into dst (for tests that break one file of a good extract).
inline void copyExtract(const QString &src, const QString &dst) {
    QDir().mkpath(dst);
    for (const QString &name : QDir(src).entryList(QDir::Files)) QFile::copy(QDir(src).filePath(name), QDir(dst).filePath(name));
}

}  // namespace phm::test
