#include "governance/identifiers.h"

#include <QRegularExpression>
#include <algorithm>
#include <vector>

namespace phm::core {

namespace {
const QString kRedacted = QStringLiteral("[redacted]");

// Each pattern is one kind of identifier; they are applied in this order, so a date is not first
// half-eaten as digits.
const std::vector<QRegularExpression> &patterns() {
    static const std::vector<QRegularExpression> all = [] {
        const QString months = QStringLiteral(
            "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|"
            "nov(?:ember)?|dec(?:ember)?)");
        const auto ci = QRegularExpression::CaseInsensitiveOption;
        return std::vector<QRegularExpression>{
            // yyyy-mm-dd, yyyy/mm/dd, yyyy.mm.dd
            QRegularExpression(QStringLiteral("(?<!\\d)\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}(?!\\d)")),
            // dd/mm/yyyy, d-m-yy, d.m.yyyy
            QRegularExpression(QStringLiteral("(?<!\\d)\\d{1,2}[-/.]\\d{1,2}[-/.](?:\\d{4}|\\d{2})(?!\\d)")),
            // 3 April 1950, 3rd Apr 1950, 03-Apr-1950
            QRegularExpression(QStringLiteral("\\b\\d{1,2}(?:st|nd|rd|th)?[\\s\\-]+%1\\.?,?[\\s\\-]+\\d{2,4}\\b").arg(months), ci),
            // April 3, 1950; April 3rd 1950
            QRegularExpression(QStringLiteral("\\b%1\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}\\b").arg(months), ci),
            // NHS numbers and any other run of ten or more digits (single spaces or hyphens between)
            QRegularExpression(QStringLiteral("(?<!\\d)\\d(?:[ \\-]?\\d){9,}(?!\\d)")),
            // UK postcodes: outward code, optional space, inward code
            QRegularExpression(QStringLiteral("\\b[a-z]{1,2}\\d[a-z\\d]?\\s*\\d[a-z]{2}\\b"), ci),
        };
    }();
    return all;
}

// Whole words, ignoring case; names shorter than two letters (initials) are not matched alone.
QRegularExpression namesPattern(const QStringList &names) {
    QStringList escaped;
    for (const QString &n : names)
        if (n.trimmed().size() >= 2) escaped << QRegularExpression::escape(n.trimmed());
    if (escaped.isEmpty()) return {};
    // Longest first, so "Ann-Marie" is taken whole before "Ann".
    std::sort(escaped.begin(), escaped.end(), [](const QString &a, const QString &b) { return a.size() > b.size(); });
    return QRegularExpression(QStringLiteral("(?<![\\w-])(?:%1)(?![\\w-])").arg(escaped.join(QLatin1Char('|'))),
                              QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
}
}  // namespace

bool containsIdentifier(const QString &text, const QStringList &knownNames) {
    for (const QRegularExpression &re : patterns())
        if (re.match(text).hasMatch()) return true;
    const QRegularExpression names = namesPattern(knownNames);
    return !names.pattern().isEmpty() && names.match(text).hasMatch();
}

QString redactIdentifiers(const QString &text, const QStringList &knownNames) {
    QString out = text;
    for (const QRegularExpression &re : patterns()) out.replace(re, kRedacted);
    const QRegularExpression names = namesPattern(knownNames);
    if (!names.pattern().isEmpty()) out.replace(names, kRedacted);
    return out;
}

}  // namespace phm::core
