#include "rules/criterionform.h"

#include "rules/rulecatalogue.h"
#include "rules/ruleparser.h"

namespace phm::core::rules {

namespace {

QString opText(CompareOp op) {
    switch (op) {
        case CompareOp::Eq:
            return QStringLiteral("=");
        case CompareOp::Ne:
            return QStringLiteral("!=");
        case CompareOp::Lt:
            return QStringLiteral("<");
        case CompareOp::Le:
            return QStringLiteral("<=");
        case CompareOp::Gt:
            return QStringLiteral(">");
        case CompareOp::Ge:
            return QStringLiteral(">=");
    }
    return QStringLiteral("=");
}

QString literalText(const Literal &l) {
    if (l.isNumber) return QString::number(l.number, 'g', 12);
    QString escaped = l.text;
    escaped.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
}

// An event query a form can hold: any dataset, code lists, filters, a window in months or ever.
bool fillEvent(const EventQuery &q, CriterionForm &form) {
    if (q.kind != EventQuery::Has && q.kind != EventQuery::Count) return false;
    if (q.window.unit != Window::Ever && q.window.unit != Window::Months) return false;
    form.kind = CriterionForm::Event;
    form.counting = q.kind == EventQuery::Count;
    form.dataset = q.dataset;
    form.codeLists = q.codeLists;
    form.filters = q.filters;
    form.months = q.window.unit == Window::Months ? q.window.amount : 0;
    return true;
}

}  // namespace

QStringList compareOperators() {
    return {QStringLiteral("="),  QStringLiteral("!="), QStringLiteral("<"),
            QStringLiteral("<="), QStringLiteral(">"),  QStringLiteral(">=")};
}

std::optional<CriterionForm> criterionForm(const QString &text, const CodeLists *lists) {
    const ParseResult parsed = parseRule(text, lists);
    if (!parsed.ok()) return std::nullopt;
    const Expr *e = parsed.expr.get();
    CriterionForm form;
    if (e->kind == Expr::Not && e->children.size() == 1 && e->children[0]->kind == Expr::Flag) {
        form.kind = CriterionForm::Flag;
        form.negated = true;
        form.field = e->children[0]->field;
        return form;
    }
    if (e->kind == Expr::Flag && !e->field.isEmpty()) {
        form.kind = CriterionForm::Flag;
        form.field = e->field;
        return form;
    }
    if (e->kind == Expr::Event && e->event && e->event->kind == EventQuery::Has) {
        if (!fillEvent(*e->event, form)) return std::nullopt;
        return form;
    }
    if (e->kind == Expr::Compare && e->values.size() == 1) {
        form.op = opText(e->op);
        form.value = literalText(e->values[0]);
        if (e->event) {
            if (e->event->kind != EventQuery::Count || !e->values[0].isNumber || !fillEvent(*e->event, form)) return std::nullopt;
            form.value = QString::number(e->values[0].number, 'g', 12);
            return form;
        }
        if (e->field.isEmpty() || !e->argument.isEmpty()) return std::nullopt;  // segment('…') stays as text
        form.kind = CriterionForm::FieldCompare;
        form.field = e->field;
        return form;
    }
    return std::nullopt;
}

QString criterionText(const CriterionForm &form) {
    switch (form.kind) {
        case CriterionForm::Flag:
            return (form.negated ? QStringLiteral("not ") : QString()) + form.field;
        case CriterionForm::FieldCompare:
            return QStringLiteral("%1 %2 %3").arg(form.field, form.op, form.value);
        case CriterionForm::Event: {
            QStringList args{form.dataset};
            for (const QString &l : form.codeLists) args << QLatin1Char('@') + l;
            args << form.filters;
            if (form.months > 0) args << QStringLiteral("last %1 months").arg(form.months);
            const QString call = QStringLiteral("%1(%2)").arg(form.counting ? QStringLiteral("count") : QStringLiteral("has"),
                                                              args.join(QStringLiteral(", ")));
            return form.counting ? QStringLiteral("%1 %2 %3").arg(call, form.op, form.value) : call;
        }
    }
    return {};
}

}  // namespace phm::core::rules
