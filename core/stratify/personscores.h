#pragma once
// The values rules read from the layers above them (rules/personvalues.h): the emergency
// admission risk model's score and tier ("risk") and a bundled segmentation's segment
// ("segment", by template id or name), at an index date. The session installs this as the
// project's source when it opens a project.
#include "rules/personvalues.h"

namespace phm::core {

Result<std::shared_ptr<const PersonValues>> stratifiedValues(const Project &project, const rules::CodeLists &lists, const QString &kind,
                                                             const QString &argument, int32_t indexDate);

}  // namespace phm::core
