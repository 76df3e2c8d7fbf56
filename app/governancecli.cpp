// The options and project opening shared by the governance commands (governancecli.h).
#include "governancecli.h"

#include "governance/keystore.h"

#include <QFile>

using namespace phm::core;

namespace phm::cli::governance {

QString keyStorePath(const QCommandLineParser &p) { return p.isSet(kKeys) ? p.value(kKeys) : defaultKeyStorePath(p.value(kProject)); }

Result<std::unique_ptr<ProjectDb>> openExisting(const QCommandLineParser &p, bool write) {
    if (!p.isSet(kProject)) return Error{ErrorCode::Usage, QStringLiteral("--project FILE is required"), {}};
    if (!QFile::exists(p.value(kProject)))
        return Error{ErrorCode::NoProject, QStringLiteral("no project at %1").arg(p.value(kProject)), p.value(kProject)};
    return ProjectDb::open(p.value(kProject), write);
}

}  // namespace phm::cli::governance
