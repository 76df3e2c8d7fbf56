// The governed map image of report/mapimage.h.
#include "report/mapimage.h"

#include "base/safefile.h"
#include "governance/governedoutput.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonObject>

namespace phm::report {

core::Status writeMapImage(const MapImage &map, const QString &path, const QString &projectPath, const core::disclosure::Policy &policy) {
    const QJsonObject detail{{QStringLiteral("what"), QStringLiteral("map")},
                             {QStringLiteral("indicator"), map.indicator},
                             {QStringLiteral("file"), QFileInfo(path).fileName()},
                             {QStringLiteral("policy"), policy.describe()},
                             {QStringLiteral("suppressed"), map.suppressed}};
    core::SafeFile file(path);
    if (auto s = file.open(core::OutputGuard::forProject(projectPath, true)); !s) return s;
    if (auto s = core::recordGovernedExport(projectPath, QStringLiteral("export-image"), policy, detail); !s) return s;
    if (!map.image.save(file.device(), "PNG"))
        return core::Error{core::ErrorCode::CannotWrite,
                           QCoreApplication::translate("phm::report::MapImage", "Could not write %1.").arg(path), path};
    return file.commit();
}

}  // namespace phm::report
