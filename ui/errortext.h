#pragma once
// The sentence the GUI shows for a core error: translated (tr()) for the failures a user meets
// when opening or writing a project (canceled, cannot open, locked, not a project, damaged,
// a database error, cannot write), the core's own English message for every other code.
#include "base/result.h"

#include <QString>

namespace phm::ui {

QString errorText(const core::Error &error);

}  // namespace phm::ui
