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
    auto shareOf = [&](size_t c) { return c < shown.shares.size() ? shown.shares[c] : Table::Share{}; };
    auto isCount = [&](int c) { return c >= 0 && size_t(c) < columns && !isLabel(size_t(c)) && shareOf(size_t(c)).numerator < 0; };
    for (size_t c = 0; c < columns; ++c)
        if (!isLabel(c) && shareOf(c).numerator < 0) publishColumn(shown, c, policy, locale, pattern, out);
    // Shares after their counts, from the published numbers only.
    auto publishedNumber = [&](size_t r, int c) -> double {
        if (size_t(c) >= size_t(out[r].size()) || out[r][c].contains(kSuppressed)) return NAN;
        const std::vector<Token> t = numbers(out[r][c], pattern, locale);
        return t.size() == 1 ? t[0].value : NAN;
    };
    for (size_t c = 0; c < columns; ++c) {
        const Table::Share share = shareOf(c);
        if (isLabel(c) || share.numerator < 0) continue;
        if (!isCount(share.numerator) || (share.denominator >= 0 && !isCount(share.denominator))) {
            publishColumn(shown, c, policy, locale, pattern, out);  // a share of nothing protected: imprecise, never exact
            continue;
        }
        // The whole of the parts: their true total, published as a count itself.
        double total = 0;
        if (share.denominator < 0) {
            for (const auto &row : shown.rows)
                if (size_t(share.numerator) < row.size())
                    for (const Token &t : numbers(row[size_t(share.numerator)].text, pattern, locale)) total += std::fabs(t.value);
            total = disclosure::publish(total, policy);
        }
        for (size_t r = 0; r < shown.rows.size(); ++r) {
            if (c >= shown.rows[r].size() || shown.rows[r][c].published) continue;
            const QString &text = shown.rows[r][c].text;
            const std::vector<Token> tokens = numbers(text, pattern, locale);
            if (tokens.empty()) continue;
            const double n = publishedNumber(r, share.numerator), d = share.denominator < 0 ? total : publishedNumber(r, share.denominator);
            const double value = std::isnan(n) || std::isnan(d) || d <= 0 ? NAN : 100.0 * n / d;
            const QString digits = text.mid(tokens[0].start, tokens[0].length);
            const qsizetype point = digits.indexOf(locale.decimalPoint());
            const int decimals = point < 0 ? 0 : int(digits.size() - point - locale.decimalPoint().size());
            out[r][int(c)] = text.left(tokens[0].start) + (std::isnan(value) ? kSuppressed : locale.toString(value, 'f', decimals)) +
                             text.mid(tokens[0].start + tokens[0].length);
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
