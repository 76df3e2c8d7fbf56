#include "governance/tableexport.h"

#include "base/csvwriter.h"

#include <QRegularExpression>
#include <cmath>

namespace phm::core::tableexport {

namespace {
const QString kSuppressed = QStringLiteral("*");

// A number as the view writes it in `locale`: digits with group separators and a decimal part,
// never part of a word or a code (E01012345, PCN 3a).
QRegularExpression numberPattern(const QLocale &locale) {
    const QString group = QRegularExpression::escape(locale.groupSeparator());
    const QString point = QRegularExpression::escape(locale.decimalPoint());
    return QRegularExpression(
        QStringLiteral("(?<![\\p{L}\\d_])-?(?:\\d{1,3}(?:%1\\d{3})+|\\d+)(?:%2\\d+)?(?![\\p{L}\\d_])").arg(group, point));
}

struct Token {
    qsizetype start = 0, length = 0;
    double value = 0;
};

std::vector<Token> numbers(const QString &text, const QRegularExpression &pattern, const QLocale &locale) {
    std::vector<Token> out;
    for (auto it = pattern.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        bool ok = false;
        const double v = locale.toDouble(m.captured(0), &ok);
        if (ok) out.push_back(Token{m.capturedStart(0), m.capturedLength(0), v});
    }
    return out;
}

QString countText(double published, const QLocale &locale) {
    return std::isnan(published) ? kSuppressed : locale.toString(qlonglong(std::llround(published)));
}

// The cell with each number replaced by its published value (`shown`, in order).
QString replaced(const QString &text, const std::vector<Token> &tokens, const std::vector<double> &shown, const QLocale &locale) {
    QString out = text;
    for (size_t i = tokens.size(); i-- > 0;) out.replace(tokens[i].start, tokens[i].length, countText(shown[i], locale));
    return out;
}

// The published text of one column: a line of parts when every row holds one count, otherwise
// each count on its own.
void publishColumn(const Table &shown, size_t column, const disclosure::Policy &policy, const QLocale &locale,
                   const QRegularExpression &pattern, std::vector<QStringList> &out) {
    std::vector<size_t> rows;
    std::vector<std::vector<Token>> tokens;
    bool oneEach = true;
    for (size_t r = 0; r < shown.rows.size(); ++r) {
        if (column >= shown.rows[r].size() || shown.rows[r][column].published) continue;
        rows.push_back(r);
        tokens.push_back(numbers(shown.rows[r][column].text, pattern, locale));
        oneEach = oneEach && tokens.back().size() == 1;
    }
    if (oneEach && rows.size() > 1) {
        std::vector<double> parts;
        double total = 0;
        for (const auto &t : tokens) {
            parts.push_back(std::fabs(t[0].value));
            total += parts.back();
        }
        const disclosure::ProtectedLine line = disclosure::protectLine(parts, total, policy);
        for (size_t i = 0; i < rows.size(); ++i)
            out[rows[i]][int(column)] = replaced(shown.rows[rows[i]][column].text, tokens[i], {line.parts[i]}, locale);
        return;
    }
    for (size_t i = 0; i < rows.size(); ++i) {
        std::vector<double> values;
        for (const Token &t : tokens[i]) values.push_back(disclosure::publish(std::fabs(t.value), policy));
        out[rows[i]][int(column)] = replaced(shown.rows[rows[i]][column].text, tokens[i], values, locale);
    }
}

// A cell for pasting into a spreadsheet: one line, no tabs, never a formula.
QString pasteCell(const QString &text) {
    QString t = text;
    t.replace(QLatin1Char('\t'), QLatin1Char(' '))
        .replace(QLatin1Char('\r'), QLatin1Char(' '))
        .replace(QLatin1Char('\n'), QLatin1Char(' '));
    return looksLikeFormula(t.toStdString()) ? QLatin1Char('\'') + t : t;
}
}  // namespace

std::vector<QStringList> publishedCells(const Table &shown, const disclosure::Policy &policy, const QLocale &locale) {
    std::vector<QStringList> out;
    size_t columns = size_t(shown.headers.size());
    for (const auto &row : shown.rows) {
        QStringList texts;
        for (const Cell &c : row) texts << c.text;
        columns = std::max(columns, row.size());
        out.push_back(texts);
    }
    if (!policy.enabled) return out;
    const QRegularExpression pattern = numberPattern(locale);
    auto isLabel = [&](size_t c) { return c < shown.labelColumns.size() && shown.labelColumns[c]; };
    auto source = [&](size_t c) { return c < shown.derivedFrom.size() ? shown.derivedFrom[c] : -1; };
    for (size_t c = 0; c < columns; ++c)
        if (!isLabel(c) && source(c) < 0) publishColumn(shown, c, policy, locale, pattern, out);
    // Derived values after their counts: shown while the count is, suppressed with it. A source
    // that is not a count column (a label, another derived column, out of range) protects
    // nothing, so the values are then published as counts: imprecise, never exact.
    for (size_t c = 0; c < columns; ++c) {
        const int from = source(c);
        if (isLabel(c) || from < 0) continue;
        const bool valid = size_t(from) < columns && !isLabel(size_t(from)) && source(size_t(from)) < 0;
        if (!valid) {
            publishColumn(shown, c, policy, locale, pattern, out);
            continue;
        }
        for (size_t r = 0; r < shown.rows.size(); ++r) {
            if (c >= shown.rows[r].size() || shown.rows[r][c].published) continue;
            const QString &count = out[r][from];
            const bool hidden = count.contains(kSuppressed) || numbers(count, pattern, locale).empty();
            if (!hidden) continue;
            const std::vector<Token> tokens = numbers(shown.rows[r][c].text, pattern, locale);
            out[r][int(c)] = replaced(shown.rows[r][c].text, tokens, std::vector<double>(tokens.size(), NAN), locale);
        }
    }
    return out;
}

QString tabSeparated(const QStringList &headers, const std::vector<QStringList> &rows, bool withHeaders) {
    QStringList lines;
    auto line = [](const QStringList &cells) {
        QStringList safe;
        for (const QString &c : cells) safe << pasteCell(c);
        return safe.join(QLatin1Char('\t'));
    };
    if (withHeaders) lines << line(headers);
    for (const QStringList &r : rows) lines << line(r);
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

std::string csv(const QStringList &headers, const std::vector<QStringList> &rows) {
    CsvBuffer b;
    auto row = [&b](const QStringList &cells) {
        for (const QString &c : cells) b.field(c.toStdString());
        b.endRow();
    };
    row(headers);
    for (const QStringList &r : rows) row(r);
    return b.buffer();
}

QJsonObject exportDetail(const QString &panel, int rows, int columns, const QString &file) {
    QJsonObject d{{QStringLiteral("panel"), panel}, {QStringLiteral("rows"), rows}, {QStringLiteral("columns"), columns}};
    if (!file.isEmpty()) d.insert(QStringLiteral("file"), file);
    return d;
}

}  // namespace phm::core::tableexport
