#pragma once
// A project's own code lists: added from a CSV (a `code` column, read by rules/codelistfile's
// checks), kept in the project file (table codelist, one code a line) and usable as @name in
// every rule, indicator and segment once added. A project file is hostile input: lists are read
// with their bytes measured in SQL first, at most kMaxProjectLists of them, each checked again;
// a damaged row is left out and named, never half-read.
#include "base/result.h"
#include "store/projectdb.h"

#include <QDateTime>
#include <QStringList>
#include <vector>

namespace phm::core::rules {

constexpr int kMaxProjectLists = 500;
constexpr int64_t kMaxListBytes = 4 << 20, kMaxListsBytes = 64 << 20;

struct ProjectCodeList {
    QString name, source, addedBy;  // source: the file it came from (its name only)
    QDateTime addedAt;
    QStringList codes;
};
struct DamagedCodeList {
    QString name, reason;
};
struct ProjectCodeLists {
    std::vector<ProjectCodeList> lists;
    std::vector<DamagedCodeList> damaged;
};

Result<ProjectCodeLists> projectCodeLists(ProjectDb &db);
// Adds or replaces `list` (its name checked, not a bundled list's), in one transaction.
Status saveProjectCodeList(ProjectDb &db, const ProjectCodeList &list);
// Removes the list; an error when there is none of that name.
Status removeProjectCodeList(ProjectDb &db, const QString &name);

}  // namespace phm::core::rules
