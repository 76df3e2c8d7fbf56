#pragma once
// Parses rule text into an Expr tree and checks it against the catalogue. Never throws and
// never crashes on any input (fuzzed in tests/core/tst_ruleparser.cpp).
#include "rules/ruleast.h"

#include <QString>

namespace phm::core::rules {

struct ParseError {
    Location where;
    QString message;  // e.g. "unknown field `imd_decil`: did you mean `imd_decile`?"
    // "line 1, column 5: <message>\n<the line>\n    ^"
    QString format(const QString &text) const;
};

struct ParseResult {
    ExprPtr expr;  // null when there is an error
    ParseError error;
    bool ok() const { return expr != nullptr; }
};

class CodeLists;

// `lists` may be null to skip checking that @names exist.
ParseResult parseRule(const QString &text, const CodeLists *lists = nullptr);

// The top-level `and` clauses in order (a single clause otherwise); attrition is counted
// after each of them.
std::vector<const Expr *> topLevelClauses(const Expr &root);

}  // namespace phm::core::rules
