#pragma once
// The rule language's tokens (docs/rules.md): identifiers, numbers, quoted text, @code lists,
// punctuation and comparison operators; `#` starts a comment to the end of the line.
#include <QString>
#include <vector>

namespace phm::core::rules {

struct RuleToken {
    enum Kind { End, Ident, Number, String, CodeList, LParen, RParen, Comma, Dot, Op, Bad } kind = End;
    QString text;
    double number = 0;
    int offset = 0, end = 0;  // [offset, end) in the rule text, quotes included
};

// The tokens of text[0, length), always ending with an End token at `length`.
std::vector<RuleToken> lexRule(const QString &text, int length);

}  // namespace phm::core::rules
