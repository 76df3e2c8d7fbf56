#include "rulehighlighter.h"
#include "report/palette.h"

#include "base/dataspec.h"
#include "rules/rulecatalogue.h"

#include <QStringList>

namespace phm::ui {

namespace {
QTextCharFormat styled(const QColor &colour, bool bold = false, bool italic = false) {
    QTextCharFormat f;
    f.setForeground(colour);
    if (bold) f.setFontWeight(QFont::Bold);
    f.setFontItalic(italic);
    return f;
}

QRegularExpression words(const QStringList &list, const QString &after = QString()) {
    return QRegularExpression(QStringLiteral("\\b(%1)\\b%2").arg(list.join(QLatin1Char('|')), after),
                              QRegularExpression::CaseInsensitiveOption);
}
}  // namespace

RuleHighlighter::RuleHighlighter(QTextDocument *document) : QSyntaxHighlighter(document) {
    QStringList fields;
    for (const core::rules::FieldInfo &f : core::rules::personFields()) fields << QLatin1String(f.name);
    for (const char *flag : core::kPersonFlags) fields << QLatin1String(flag);
    QStringList datasets = core::rules::datasetNames();
    datasets << QStringLiteral("all");
    QStringList filters;
    for (const QString &d : core::rules::datasetNames()) filters << core::rules::filterKeywords(d);
    filters.removeDuplicates();
    // NHS identity colours: dark blue, purple, green, brown, grey.
    mRules.push_back({words(fields), styled(report::kNhsDarkBlue)});
    mRules.push_back({words(filters), styled(report::kSyntaxFilter)});
    mRules.push_back({words(datasets, QStringLiteral("(?=\\s*[,)])")), styled(report::kSyntaxFilter, true)});
    mRules.push_back({words({QStringLiteral("has"), QStringLiteral("count"), QStringLiteral("cost"), QStringLiteral("latest"),
                             QStringLiteral("in_cohort"), QStringLiteral("value")}),
                      styled(report::kPurple, true)});
    mRules.push_back({words({QStringLiteral("and"), QStringLiteral("or"), QStringLiteral("not"), QStringLiteral("in"),
                             QStringLiteral("between"), QStringLiteral("last"), QStringLiteral("ever"), QStringLiteral("days?"),
                             QStringLiteral("months?"), QStringLiteral("years?")}),
                      styled(report::kNhsBlue, true)});
    mRules.push_back({QRegularExpression(QStringLiteral("@[A-Za-z0-9_-]+")), styled(report::kSyntaxText, true)});
    mRules.push_back({QRegularExpression(QStringLiteral("\\b\\d+(\\.\\d+)?\\b")), styled(report::kSyntaxNumber)});
    mRules.push_back({QRegularExpression(QStringLiteral("'[^']*'?|\"[^\"]*\"?")), styled(report::kSyntaxText)});
    mComment = styled(report::kMuted, false, true);
}

void RuleHighlighter::highlightBlock(const QString &text) {
    // The comment starts at the first # outside quotes; everything before it is rule text.
    int comment = int(text.size());
    QChar quote;
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c == QLatin1Char('\'') || c == QLatin1Char('"')) quote = quote.isNull() ? c : (quote == c ? QChar() : quote);
        if (quote.isNull() && c == QLatin1Char('#')) {
            comment = i;
            break;
        }
    }
    const QString code = text.left(comment);
    for (const Rule &r : mRules) {  // quoted text comes last, so words inside quotes are text
        auto it = r.pattern.globalMatch(code);
        while (it.hasNext()) {
            const auto m = it.next();
            setFormat(int(m.capturedStart()), int(m.capturedLength()), r.format);
        }
    }
    if (comment < text.size()) setFormat(comment, int(text.size()) - comment, mComment);
}

}  // namespace phm::ui
