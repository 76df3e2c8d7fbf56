#pragma once
// Checks before a store reads a table of a project file (hostile input): whether it is there, and
// that it holds only stored columns (a generated column computes its value on every read,
// however small the file).
#include "base/result.h"
#include "store/projectdb.h"

namespace phm::core {

bool hasTable(ProjectDb &db, const char *name);
// An error naming the table when it has computed or hidden columns.
Status refuseComputedColumns(ProjectDb &db, const char *table);

}  // namespace phm::core
