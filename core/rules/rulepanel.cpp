#include "rules/rulepanel.h"

#include "rules/ruleparser.h"

namespace phm::core::rules {

namespace {

// A criterion that is itself an `and` or `or` goes in parentheses so it stays one criterion.
QString asOperand(const QString &criterion) {
    const ParseResult parsed = parseRule(criterion);
    const bool compound = parsed.ok() && (parsed.expr->kind == Expr::And || parsed.expr->kind == Expr::Or);
    return compound ? QStringLiteral("(%1)").arg(criterion) : criterion;
}

QStringList alternatives(const Expr &e) {
    QStringList out;
    if (e.kind == Expr::Or)
        for (const ExprPtr &c : e.children) out << c->text;
    else
        out << e.text;
    return out;
}

}  // namespace

QString panelToRule(const RulePanel &panel) {
    QStringList clauses;
    for (const PanelGroup &g : panel.groups) {
        QStringList criteria;
        for (const QString &c : g.criteria)
            if (!c.trimmed().isEmpty()) criteria << c.trimmed();
        if (criteria.isEmpty()) continue;
        QString clause;
        if (criteria.size() == 1 && !g.exclude) {
            clause = asOperand(criteria.front());
        } else {
            for (QString &c : criteria) c = asOperand(c);
            clause = QStringLiteral("(%1)").arg(criteria.join(QStringLiteral(" or ")));
            if (g.exclude) clause.prepend(QStringLiteral("not "));
        }
        clauses << clause;
    }
    return clauses.join(QStringLiteral("\nand "));
}

Result<RulePanel> ruleToPanel(const QString &text) {
    RulePanel panel;
    if (text.trimmed().isEmpty()) return panel;
    const ParseResult parsed = parseRule(text);
    if (!parsed.ok()) return Error{ErrorCode::RuleError, parsed.error.format(text), text};
    for (const Expr *clause : topLevelClauses(*parsed.expr)) {
        PanelGroup g;
        if (clause->kind == Expr::Not) {
            g.exclude = true;
            g.criteria = alternatives(*clause->children.front());
        } else {
            g.criteria = alternatives(*clause);
        }
        panel.groups.push_back(std::move(g));
    }
    return panel;
}

}  // namespace phm::core::rules
