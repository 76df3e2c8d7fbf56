#pragma once
// Column blocks: the in-memory tables saved as raw little-endian arrays in the project file's
// column_block table, so opening a project is a few large BLOB reads instead of re-indexing
// millions of SQL rows.
#include "store/project.h"
#include "store/projectdb.h"

namespace phm::core {

Status writeGeography(ProjectDb &db, const Geography &geo);
Result<Geography> readGeography(ProjectDb &db);
Status writeColumnBlocks(ProjectDb &db, const PersonTable &persons, const std::array<EventTable, kEventDatasetCount> &events);
Status readColumnBlocks(ProjectDb &db, PersonTable &persons, std::array<EventTable, kEventDatasetCount> &events);

}  // namespace phm::core
