#include "clidisclosure.h"

#include "clicredentials.h"
#include "governance/governedoutput.h"

namespace phm::cli {

using namespace phm::core;
QCommandLineOption disclosureOption() {
    return {QStringLiteral("disclosure"), QStringLiteral("standard (counts 1-7 suppressed, others rounded to 5) or off (admins only)."),
            QStringLiteral("POLICY"), QStringLiteral("standard")};
}

Result<disclosure::Policy> outputPolicy(const QCommandLineParser &parser, const QString &projectPath) {
    const QString asked = parser.value(QStringLiteral("disclosure"));
    if (!asked.isEmpty() && asked != QLatin1String("standard") && asked != QLatin1String("off"))
        return Error{ErrorCode::Usage, QStringLiteral("--disclosure must be standard or off, not \"%1\"").arg(asked), asked};
    if (asked != QLatin1String("off")) return core::outputPolicy(projectPath, false, User::unlisted(currentLogin()));
    auto actor = provenUser(parser, projectPath);  // switching it off is for a proven admin
    if (!actor) return actor.error();
    return core::outputPolicy(projectPath, true, actor.value());
}

}  // namespace phm::cli
