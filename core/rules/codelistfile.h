#pragma once
// Reading a code list: a CSV file with a `code` column (any other columns, such as a term, are
// kept out of the rules). Bundled lists (resources/codelists) and an analyst's own, added to a
// project (core/rules/codeliststore), are read by the same checks: a header with `code`, no empty,
// overlong or control-character code, no more than kMaxCodes codes; every problem names the file,
// line and column. Duplicates are dropped (a list is a set).
#include "base/result.h"

#include <QString>
#include <QStringList>

namespace phm::core::rules {

constexpr int kMaxCodes = 200000;     // codes in one list
constexpr int kMaxCodeLength = 64;    // characters in one code (SNOMED CT ids are at most 18)
constexpr int kMaxCodeListName = 60;  // characters in a list's name

// Reads the codes of the file at `path` (a Qt resource path or a file).
Result<QStringList> readCodeListFile(const QString &path);
// Checks an already-read list's codes (from a project file, hostile input) by the same rules.
Status checkCodes(const QStringList &codes, const QString &where);
// A user list's name: 1-60 lower-case letters, digits, `_` or `-`, starting with a letter.
Status checkCodeListName(const QString &name);

}  // namespace phm::core::rules
