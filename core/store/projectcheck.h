#pragma once
// Checks a loaded project before anything indexes with it: every length, offset, dictionary code,
// enumeration and date read from the file is within what the rest of the program assumes (the
// column blocks are raw arrays, so a patched file could otherwise make any reader go out of
// bounds). The file is untrusted; what passes here is what the engines may rely on.
#include "store/project.h"

#include <QString>

namespace phm::core {

// An empty string when the project is consistent, else what is wrong and where, e.g.
// "column block event.gp.code: row 7 has code 16777215 but the dictionary has 412 codes".
QString projectProblem(const Project &project);

// The range of days (and of birth months) a project may hold: 1800-01-01 to 2199-12-31.
int32_t firstValidDay();
int32_t lastValidDay();

}  // namespace phm::core
