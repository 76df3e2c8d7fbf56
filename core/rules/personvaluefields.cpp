#include "rules/personvaluefields.h"

#include "rules/rulecatalogue.h"
#include "rules/rulevalues.h"

namespace phm::core::rules {

std::optional<ValueField> valueField(const Expr &e) {
    if (e.field == QLatin1String("risk_score")) return ValueField{QStringLiteral("risk"), {}, true};
    if (e.field == QLatin1String("risk_tier")) return ValueField{QStringLiteral("risk"), {}, false};
    if (e.field == QLatin1String("segment")) return ValueField{QStringLiteral("segment"), e.argument, false};
    return std::nullopt;
}

Result<std::shared_ptr<const PersonValues>> valuesFor(const Project &project, const CodeLists &lists, const ValueField &field,
                                                      const Expr &e, int32_t indexDate) {
    auto values = personValues(project, lists, field.kind, field.argument, indexDate);
    if (!values) return locatedError(e, values.error().message);
    const auto n = size_t(project.persons.count);
    if ((field.number && values.value()->value.size() != n) || (!field.number && values.value()->label.size() != n))
        return locatedError(e, QStringLiteral("the %1 values do not cover everyone").arg(field.kind));
    return values;
}

Result<std::vector<uint8_t>> acceptedLabels(const PersonValues &values, const Expr &e) {
    if (e.kind == Expr::Between || (e.kind == Expr::Compare && e.op != CompareOp::Eq && e.op != CompareOp::Ne))
        return locatedError(e, QStringLiteral("`%1` is text: use =, != or in (...)").arg(e.field));
    std::vector<uint8_t> accept(size_t(values.labels.size()), 0);
    for (const Literal &l : e.values) {
        qsizetype found = -1;
        for (qsizetype k = 0; k < values.labels.size() && found < 0; ++k)
            if (values.labels[k].compare(l.text, Qt::CaseInsensitive) == 0) found = k;
        if (found < 0) {
            const QString guess = closest(l.text, values.labels);
            return locatedError(
                e, guess.isEmpty()
                       ? QStringLiteral("`%1` has no value '%2' (it has %3)").arg(e.field, l.text, values.labels.join(QStringLiteral(", ")))
                       : QStringLiteral("`%1` has no value '%2': did you mean '%3'?").arg(e.field, l.text, guess));
        }
        accept[size_t(found)] = 1;
    }
    return accept;
}

bool invertsLabels(const Expr &e) { return (e.kind == Expr::Compare && e.op == CompareOp::Ne) || (e.kind == Expr::InList && e.negated); }

}  // namespace phm::core::rules
