#pragma once
// Opening a project: checks the file, migrates nothing in place (read-only open), and loads
// the geography and column blocks into an immutable Project.
#include "base/feedback.h"
#include "base/result.h"
#include "store/project.h"

#include <QJsonObject>
#include <memory>

namespace phm::core {

using ProjectPtr = std::shared_ptr<const Project>;
// Takes the path: loading the file is where a project starts (Session::open calls it).
Result<ProjectPtr> openProject(const QString &path, Feedback &feedback);

// `phm info --json`: persons, practices, pcns, places, lsoas, events per dataset and more.
QJsonObject projectInfo(const Project &project);

}  // namespace phm::core
