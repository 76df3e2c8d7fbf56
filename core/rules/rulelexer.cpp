#include "rules/rulelexer.h"

#include <algorithm>

namespace phm::core::rules {

std::vector<RuleToken> lexRule(const QString &text, int n) {
    std::vector<RuleToken> tokens;
    int i = 0;
    while (i < n) {
        const QChar c = text[i];
        if (c.isSpace()) {
            ++i;
            continue;
        }
        if (c == QLatin1Char('#')) {  // comment to end of line
            while (i < n && text[i] != QLatin1Char('\n')) ++i;
            continue;
        }
        RuleToken t;
        t.offset = i;
        if (c.isLetter() || c == QLatin1Char('_')) {
            int j = i;
            while (j < n && (text[j].isLetterOrNumber() || text[j] == QLatin1Char('_'))) ++j;
            t.kind = RuleToken::Ident;
            t.text = text.mid(i, j - i);
            i = j;
        } else if (c.isDigit()) {
            int j = i;
            while (j < n && (text[j].isDigit() || text[j] == QLatin1Char('.'))) ++j;
            t.text = text.mid(i, j - i);
            bool ok = false;
            t.number = t.text.toDouble(&ok);
            t.kind = ok ? RuleToken::Number : RuleToken::Bad;
            i = j;
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            int j = i + 1;
            while (j < n && text[j] != c) ++j;
            t.kind = j < n ? RuleToken::String : RuleToken::Bad;
            t.text = text.mid(i + 1, j - i - 1);
            if (j >= n) t.text = QStringLiteral("unterminated");
            i = std::min(n, j + 1);
        } else if (c == QLatin1Char('@')) {
            int j = i + 1;
            while (j < n && (text[j].isLetterOrNumber() || text[j] == QLatin1Char('_') || text[j] == QLatin1Char('-'))) ++j;
            t.kind = j > i + 1 ? RuleToken::CodeList : RuleToken::Bad;
            t.text = text.mid(i + 1, j - i - 1);
            i = j;
        } else if (c == QLatin1Char('(') || c == QLatin1Char(')') || c == QLatin1Char(',') || c == QLatin1Char('.')) {
            t.kind = c == QLatin1Char('(')   ? RuleToken::LParen
                     : c == QLatin1Char(')') ? RuleToken::RParen
                     : c == QLatin1Char(',') ? RuleToken::Comma
                                             : RuleToken::Dot;
            t.text = QString(c);
            ++i;
        } else if (QStringLiteral("=<>!").contains(c)) {
            const QString two = text.mid(i, 2);
            t.kind = RuleToken::Op;
            if (two == QLatin1String("<=") || two == QLatin1String(">=") || two == QLatin1String("!=") || two == QLatin1String("<>") ||
                two == QLatin1String("==")) {
                t.text = two;
                i += 2;
            } else if (c == QLatin1Char('!')) {
                t.kind = RuleToken::Bad;
                t.text = QString(c);
                ++i;
            } else {
                t.text = QString(c);
                ++i;
            }
        } else {
            t.kind = RuleToken::Bad;
            t.text = QString(c);
            ++i;
        }
        t.end = i;
        tokens.push_back(t);
    }
    RuleToken end;
    end.offset = end.end = n;
    tokens.push_back(end);
    return tokens;
}

}  // namespace phm::core::rules
