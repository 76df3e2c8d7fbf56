#pragma once
// A map image leaving the program: the PNG of an LSOA map drawn for publication (values resting
// on a small count already suppressed, the disclosure policy named on the image), written with
// its audit entry. The workbench's map panel draws the image and calls this off the GUI thread;
// a command-line export can call it the same way.
#include "base/result.h"
#include "governance/disclosure.h"

#include <QImage>
#include <QString>

namespace phm::report {

struct MapImage {
    QImage image;        // as drawn for publication
    QString indicator;   // the indicator's id
    int suppressed = 0;  // LSOAs left out for a small count
};

// Records the export ("export-image": the indicator, the file, the policy, how many LSOAs were
// suppressed) through core/governance/governedoutput, then writes the PNG to `path` through a
// SafeFile: all or nothing, an existing file replaced (the caller asked), the project and its key
// store never.
core::Status writeMapImage(const MapImage &map, const QString &path, const QString &projectPath, const core::disclosure::Policy &policy);

}  // namespace phm::report
