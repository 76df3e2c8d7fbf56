#pragma once
// Colours rule text as the language reads it (docs/rules.md): keywords, event functions,
// person fields from the catalogue, @code lists, quoted text, numbers and # comments.
#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>
#include <vector>

namespace phm::ui {

class RuleHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    explicit RuleHighlighter(QTextDocument *document);

protected:
    void highlightBlock(const QString &text) override;

private:
    struct Rule {
        QRegularExpression pattern;
        QTextCharFormat format;
    };
    std::vector<Rule> mRules;  // later rules win where they overlap (quoted text last)
    QTextCharFormat mComment;
};

}  // namespace phm::ui
