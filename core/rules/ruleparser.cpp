#include "rules/ruleparser.h"

#include "rules/rulecatalogue.h"
#include "rules/rulelexer.h"

#include <QStringList>

namespace phm::core::rules {

namespace {

using Token = RuleToken;

// Bounds on what a rule may hold, so no input can exhaust the stack, memory or the engines' time.
constexpr int kMaxDepth = 200;            // nesting
constexpr int kMaxNodes = 2000;           // conditions plus and/or/not
constexpr size_t kMaxListValues = 1000;   // values of one `in (...)` list
constexpr qsizetype kMaxLength = 200000;  // characters

class Parser {
public:
    // A longer text is not lexed beyond the limit; run() refuses it.
    Parser(const QString &text, const CodeLists *lists)
        : mText(text), mLists(lists), mTokens(lexRule(text, int(std::min(text.size(), kMaxLength)))) {}
    ParseResult run();

private:
    const Token &peek(int ahead = 0) const { return mTokens[std::min(mPos + size_t(ahead), mTokens.size() - 1)]; }
    Token take() { return mTokens[std::min(mPos++, mTokens.size() - 1)]; }
    bool isWord(const char *word, int ahead = 0) const {
        return peek(ahead).kind == Token::Ident && peek(ahead).text.compare(QLatin1String(word), Qt::CaseInsensitive) == 0;
    }
    bool fail(int offset, const QString &message);
    bool expect(Token::Kind kind, const char *what);
    Location locate(int offset) const;
    ExprPtr parseOr(int depth);
    ExprPtr parseAnd(int depth);
    ExprPtr parseUnary(int depth);
    ExprPtr parsePrimary(int depth);
    ExprPtr parseComparison(ExprPtr node);
    bool parseArgument(Expr &n);
    std::unique_ptr<EventQuery> parseEvent(EventQuery::Kind kind, int offset);
    bool parseWindow(Window &w);
    bool parseLiteral(Literal &out);
    ExprPtr node(Expr::Kind kind, int offset) {
        if (++mNodes == kMaxNodes + 1)
            fail(offset, QStringLiteral("the rule has more than %1 conditions and operators; save parts of it as cohorts and use "
                                        "in_cohort(...)")
                             .arg(kMaxNodes));
        auto e = std::make_unique<Expr>();
        e->kind = kind;
        e->where = locate(offset);
        return e;
    }
    // The node's source text, without comments, on one line (attrition labels, panel criteria).
    void finishText(Expr &e, int start) {
        const int end = mPos > 0 ? mTokens[mPos - 1].end : start;
        QString text;
        QChar quote;
        for (int i = start; i < end && i < int(mText.size()); ++i) {
            const QChar c = mText[i];
            if (quote.isNull() && c == QLatin1Char('#')) {
                while (i + 1 < end && mText[i + 1] != QLatin1Char('\n')) ++i;
                continue;
            }
            if (c == QLatin1Char('\'') || c == QLatin1Char('"')) quote = quote.isNull() ? c : (quote == c ? QChar() : quote);
            text += c;
        }
        e.text = text.simplified();
    }

    QString mText;
    const CodeLists *mLists;
    std::vector<Token> mTokens;
    size_t mPos = 0;
    int mNodes = 0;
    bool mFailed = false;
    ParseError mError;
};

Location Parser::locate(int offset) const {
    Location l;
    l.offset = offset;
    for (int i = 0; i < offset && i < mText.size(); ++i) {
        if (mText[i] == QLatin1Char('\n')) {
            ++l.line;
            l.column = 1;
        } else {
            ++l.column;
        }
    }
    return l;
}

bool Parser::fail(int offset, const QString &message) {
    if (!mFailed) {
        mFailed = true;
        mError = ParseError{locate(offset), message};
    }
    return false;
}

bool Parser::expect(Token::Kind kind, const char *what) {
    if (peek().kind == kind) {
        take();
        return true;
    }
    const Token &t = peek();
    return fail(t.offset, t.kind == Token::End ? QStringLiteral("expected %1 but the rule ends here").arg(QLatin1String(what))
                                               : QStringLiteral("expected %1, found `%2`").arg(QLatin1String(what), t.text));
}

ParseResult Parser::run() {
    ParseResult r;
    if (mText.size() > kMaxLength) {
        fail(int(kMaxLength), QStringLiteral("the rule is longer than %1 characters").arg(kMaxLength));
        r.error = mError;
        return r;
    }
    ExprPtr e = parseOr(0);
    if (!mFailed && peek().kind != Token::End) {
        const Token &t = peek();
        if (t.kind == Token::RParen)
            fail(t.offset, QStringLiteral("unmatched `)`"));
        else if (t.kind == Token::Bad)
            fail(t.offset, QStringLiteral("unexpected character `%1`").arg(t.text));
        else
            fail(t.offset, QStringLiteral("expected `and`, `or` or the end of the rule, found `%1`").arg(t.text));
    }
    if (mFailed) {
        r.error = mError;
        return r;
    }
    r.expr = std::move(e);
    return r;
}

ExprPtr Parser::parseOr(int depth) {
    const int start = peek().offset;
    ExprPtr left = parseAnd(depth);
    if (!left || !isWord("or")) return left;
    ExprPtr n = node(Expr::Or, start);
    n->children.push_back(std::move(left));
    while (!mFailed && isWord("or")) {
        take();
        ExprPtr right = parseAnd(depth);
        if (!right) return nullptr;
        n->children.push_back(std::move(right));
    }
    finishText(*n, start);
    return mFailed ? nullptr : std::move(n);
}

ExprPtr Parser::parseAnd(int depth) {
    const int start = peek().offset;
    ExprPtr left = parseUnary(depth);
    if (!left || !isWord("and")) return left;
    ExprPtr n = node(Expr::And, start);
    n->children.push_back(std::move(left));
    while (!mFailed && isWord("and")) {
        take();
        ExprPtr right = parseUnary(depth);
        if (!right) return nullptr;
        n->children.push_back(std::move(right));
    }
    finishText(*n, start);
    return mFailed ? nullptr : std::move(n);
}

ExprPtr Parser::parseUnary(int depth) {
    if (depth > kMaxDepth) {
        fail(peek().offset, QStringLiteral("the rule is nested too deeply"));
        return nullptr;
    }
    if (isWord("not")) {
        const int start = take().offset;
        ExprPtr inner = parseUnary(depth + 1);
        if (!inner) return nullptr;
        ExprPtr n = node(Expr::Not, start);
        n->children.push_back(std::move(inner));
        finishText(*n, start);
        return n;
    }
    return parsePrimary(depth);
}

// segment('template'): the field's argument, in quotes.
bool Parser::parseArgument(Expr &n) {
    if (peek().kind != Token::LParen || peek(1).kind != Token::String || peek(2).kind != Token::RParen) {
        fail(peek().offset, QStringLiteral("segment needs its template in quotes: segment('bridges-to-health') = 'Healthy'"));
        return false;
    }
    take();
    n.argument = take().text;
    take();
    return true;
}

ExprPtr Parser::parsePrimary(int depth) {
    const Token t = peek();
    if (t.kind == Token::LParen) {
        take();
        ExprPtr inner = parseOr(depth + 1);
        if (!inner || !expect(Token::RParen, "`)`")) return nullptr;
        return inner;
    }
    if (t.kind == Token::Bad) {
        fail(t.offset, t.text == QLatin1String("unterminated") ? QStringLiteral("text in quotes is never closed")
                                                               : QStringLiteral("unexpected character `%1`").arg(t.text));
        return nullptr;
    }
    if (t.kind != Token::Ident) {
        fail(t.offset, t.kind == Token::End ? QStringLiteral("expected a condition but the rule ends here")
                                            : QStringLiteral("expected a condition, found `%1`").arg(t.text));
        return nullptr;
    }
    const QString word = t.text.toLower();
    if (word == QLatin1String("in_cohort")) {
        take();
        ExprPtr n = node(Expr::InCohort, t.offset);
        if (!expect(Token::LParen, "`(`")) return nullptr;
        if (peek().kind != Token::String) {
            fail(peek().offset, QStringLiteral("in_cohort needs the cohort's name in quotes"));
            return nullptr;
        }
        n->cohort = take().text;
        if (!expect(Token::RParen, "`)`")) return nullptr;
        finishText(*n, t.offset);
        return n;
    }
    static const QStringList eventWords = {QStringLiteral("has"), QStringLiteral("count"), QStringLiteral("cost"),
                                           QStringLiteral("latest")};
    if (eventWords.contains(word) && peek(1).kind == Token::LParen) {
        take();
        const EventQuery::Kind kind = word == QLatin1String("has")     ? EventQuery::Has
                                      : word == QLatin1String("count") ? EventQuery::Count
                                      : word == QLatin1String("cost")  ? EventQuery::Cost
                                                                       : EventQuery::LatestValue;
        auto q = parseEvent(kind, t.offset);
        if (!q) return nullptr;
        if (kind == EventQuery::Has) {
            ExprPtr n = node(Expr::Event, t.offset);
            n->event = std::move(q);
            finishText(*n, t.offset);
            return n;
        }
        if (kind == EventQuery::LatestValue) {
            if (!expect(Token::Dot, "`.value` after latest(...)")) return nullptr;
            if (!isWord("value")) {
                fail(peek().offset, QStringLiteral("expected `value` after `latest(...).`"));
                return nullptr;
            }
            take();
        }
        ExprPtr n = node(Expr::Compare, t.offset);
        n->event = std::move(q);
        n = parseComparison(std::move(n));
        if (n) finishText(*n, t.offset);
        return n;
    }
    take();
    const FieldInfo *field = findField(word);
    if (!field) {
        QStringList names;
        for (const FieldInfo &f : personFields()) names << QLatin1String(f.name);
        names << eventWords << QStringLiteral("in_cohort");
        const QString guess = closest(t.text, names);
        fail(t.offset, guess.isEmpty() ? QStringLiteral("unknown field `%1`").arg(t.text)
                                       : QStringLiteral("unknown field `%1`: did you mean `%2`?").arg(t.text, guess));
        return nullptr;
    }
    if (field->type == FieldType::Flag) {
        ExprPtr n = node(Expr::Flag, t.offset);
        n->field = word;
        finishText(*n, t.offset);
        return n;
    }
    ExprPtr n = node(Expr::Compare, t.offset);
    n->field = word;
    if (word == QLatin1String("segment") && !parseArgument(*n)) return nullptr;
    n = parseComparison(std::move(n));
    if (n) {
        for (const Literal &v : n->values)
            if (v.isNumber != (field->type == FieldType::Number)) {
                fail(t.offset, field->type == FieldType::Number
                                   ? QStringLiteral("`%1` is a number; compare it with a number").arg(word)
                                   : QStringLiteral("`%1` is text; put the value in quotes, e.g. %1 = 'F'").arg(word));
                return nullptr;
            }
        finishText(*n, t.offset);
    }
    return n;
}

ExprPtr Parser::parseComparison(ExprPtr n) {
    const Token t = peek();
    if (isWord("between")) {
        take();
        n->kind = Expr::Between;
        Literal lo, hi;
        if (!parseLiteral(lo)) return nullptr;
        if (!isWord("and")) {
            fail(peek().offset, QStringLiteral("expected `and` in `between … and …`"));
            return nullptr;
        }
        take();
        if (!parseLiteral(hi)) return nullptr;
        n->values = {lo, hi};
        return n;
    }
    if (isWord("in") || (isWord("not") && isWord("in", 1))) {
        n->negated = isWord("not");
        if (n->negated) take();
        take();
        n->kind = Expr::InList;
        if (!expect(Token::LParen, "`(` to start the list")) return nullptr;
        do {
            Literal v;
            if (n->values.size() == kMaxListValues) {
                fail(peek().offset, QStringLiteral("a list holds at most %1 values; use a code list (@name) for more").arg(kMaxListValues));
                return nullptr;
            }
            if (!parseLiteral(v)) return nullptr;
            n->values.push_back(v);
        } while (peek().kind == Token::Comma && (take(), true));
        if (!expect(Token::RParen, "`)` to end the list")) return nullptr;
        return n;
    }
    if (t.kind != Token::Op) {
        fail(t.offset, t.kind == Token::End ? QStringLiteral("expected a comparison (=, <, >=, between, in …) but the rule ends here")
                                            : QStringLiteral("expected a comparison (=, <, >=, between, in …), found `%1`").arg(t.text));
        return nullptr;
    }
    take();
    const QString op = t.text;
    n->op = op == QLatin1String("<")                                   ? CompareOp::Lt
            : op == QLatin1String("<=")                                ? CompareOp::Le
            : op == QLatin1String(">")                                 ? CompareOp::Gt
            : op == QLatin1String(">=")                                ? CompareOp::Ge
            : (op == QLatin1String("!=") || op == QLatin1String("<>")) ? CompareOp::Ne
                                                                       : CompareOp::Eq;
    Literal v;
    if (!parseLiteral(v)) return nullptr;
    n->values = {v};
    if (n->event && !v.isNumber) {
        fail(t.offset, QStringLiteral("counts, costs and values are numbers; compare them with a number"));
        return nullptr;
    }
    return n;
}

bool Parser::parseLiteral(Literal &out) {
    const Token t = peek();
    if (t.kind == Token::Number) {
        take();
        out.isNumber = true;
        out.number = t.number;
        return true;
    }
    if (t.kind == Token::String) {
        take();
        out.text = t.text;
        return true;
    }
    if (t.kind == Token::Bad && t.text == QLatin1String("unterminated"))
        return fail(t.offset, QStringLiteral("text in quotes is never closed"));
    return fail(t.offset, t.kind == Token::Ident
                              ? QStringLiteral("expected a number or text in quotes, found `%1` (put text in quotes)").arg(t.text)
                              : QStringLiteral("expected a number or text in quotes"));
}

bool Parser::parseWindow(Window &w) {
    // last N days|months|years, or ever
    if (isWord("ever")) {
        take();
        w.unit = Window::Ever;
        return true;
    }
    take();  // `last`
    if (peek().kind != Token::Number || peek().number < 1 || peek().number > 1200 || peek().number != int(peek().number))
        return fail(peek().offset, QStringLiteral("expected a whole number of days, months or years after `last`"));
    w.amount = int(take().number);
    const QString unit = peek().kind == Token::Ident ? peek().text.toLower() : QString();
    if (unit.startsWith(QLatin1String("day")))
        w.unit = Window::Days;
    else if (unit.startsWith(QLatin1String("month")))
        w.unit = Window::Months;
    else if (unit.startsWith(QLatin1String("year")))
        w.unit = Window::Years;
    else
        return fail(peek().offset, QStringLiteral("expected `days`, `months` or `years`"));
    take();
    return true;
}

std::unique_ptr<EventQuery> Parser::parseEvent(EventQuery::Kind kind, int offset) {
    auto q = std::make_unique<EventQuery>();
    q->kind = kind;
    if (!expect(Token::LParen, "`(`")) return nullptr;
    const Token ds = peek();
    const QStringList datasets = datasetNames();
    if (ds.kind != Token::Ident) {
        fail(ds.offset, QStringLiteral("expected a dataset (%1)").arg(datasets.join(QStringLiteral(", "))));
        return nullptr;
    }
    take();
    q->dataset = ds.text.toLower();
    const bool all = q->dataset == QLatin1String("all");
    if (all && kind != EventQuery::Cost) {
        fail(ds.offset, QStringLiteral("`all` datasets works only with cost(...)"));
        return nullptr;
    }
    if (!all && !datasets.contains(q->dataset)) {
        const QString guess = closest(ds.text, datasets);
        fail(ds.offset, guess.isEmpty() ? QStringLiteral("unknown dataset `%1` (use %2)").arg(ds.text, datasets.join(QStringLiteral(", ")))
                                        : QStringLiteral("unknown dataset `%1`: did you mean `%2`?").arg(ds.text, guess));
        return nullptr;
    }
    while (peek().kind == Token::Comma) {
        take();
        const Token a = peek();
        if (a.kind == Token::CodeList) {
            take();
            if (mLists && !mLists->contains(a.text)) {
                const QString guess = closest(a.text, mLists->names());
                fail(a.offset + 1, guess.isEmpty() ? QStringLiteral("unknown code list `@%1`").arg(a.text)
                                                   : QStringLiteral("unknown code list `@%1`: did you mean `@%2`?").arg(a.text, guess));
                return nullptr;
            }
            q->codeLists << a.text;
        } else if (isWord("last") || isWord("ever")) {
            if (!parseWindow(q->window)) return nullptr;
        } else if (a.kind == Token::Ident) {
            take();
            const QStringList keywords = filterKeywords(q->dataset);
            if (!keywords.contains(a.text.toLower())) {
                const QString guess = closest(a.text, keywords);
                fail(
                    a.offset,
                    keywords.isEmpty() ? QStringLiteral("`%1` has no filters; use @codelists and a window").arg(q->dataset)
                    : guess.isEmpty()
                        ? QStringLiteral("unknown filter `%1` for %2 (use %3)").arg(a.text, q->dataset, keywords.join(QStringLiteral(", ")))
                        : QStringLiteral("unknown filter `%1` for %2: did you mean `%3`?").arg(a.text, q->dataset, guess));
                return nullptr;
            }
            q->filters << a.text.toLower();
        } else {
            fail(a.offset, QStringLiteral("expected @codelist, a filter or a window such as `last 12 months`"));
            return nullptr;
        }
    }
    if (!expect(Token::RParen, "`)`")) return nullptr;
    if (kind == EventQuery::LatestValue && q->dataset != QLatin1String("gp")) {
        fail(offset, QStringLiteral("latest(...).value needs GP events (gp), which carry values"));
        return nullptr;
    }
    if ((kind == EventQuery::LatestValue) && q->codeLists.isEmpty()) {
        fail(offset, QStringLiteral("latest(...) needs a code list, e.g. latest(gp, @hba1c).value > 58"));
        return nullptr;
    }
    if (all && !q->codeLists.isEmpty()) {
        fail(offset, QStringLiteral("cost(all, ...) takes a window only"));
        return nullptr;
    }
    return q;
}

}  // namespace

QString ParseError::format(const QString &text) const {
    const QStringList lines = text.split(QLatin1Char('\n'));
    const QString line = where.line - 1 < lines.size() ? lines.at(where.line - 1) : QString();
    return QStringLiteral("line %1, column %2: %3\n%4\n%5^")
        .arg(where.line)
        .arg(where.column)
        .arg(message, line, QString(std::max(0, where.column - 1), QLatin1Char(' ')));
}

ParseResult parseRule(const QString &text, const CodeLists *lists) { return Parser(text, lists).run(); }

std::vector<const Expr *> topLevelClauses(const Expr &root) {
    std::vector<const Expr *> out;
    if (root.kind == Expr::And)
        for (const auto &c : root.children) out.push_back(c.get());
    else
        out.push_back(&root);
    return out;
}

}  // namespace phm::core::rules
