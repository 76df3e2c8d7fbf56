#include "evaluation/customoutcome.h"

#include "rules/ruleengine.h"
#include "rules/ruleparser.h"

namespace phm::core::evaluation {

namespace {
Error bad(const QString &text, const QString &why) {
    return Error{ErrorCode::BadRule, QStringLiteral("custom outcome `%1`: %2").arg(text, why), text};
}
}  // namespace

bool isCustomOutcomeText(const QString &text) { return text.contains(QLatin1Char('(')); }

Result<CustomOutcome> customOutcome(const Project &project, const rules::CodeLists &lists, const QString &text) {
    CustomOutcome out;
    out.text = text.trimmed();
    if (out.text.size() > kMaxCustomOutcomeText)
        return bad(out.text.left(40) + QStringLiteral("…"), QStringLiteral("at most %1 characters").arg(kMaxCustomOutcomeText));
    // A whole condition (has(…), age > 80) is a rule, not something to count.
    const QString countIt = QStringLiteral("write one count(dataset, …) or cost(dataset, …), e.g. count(apc, emergency, @acs_chronic)");
    if (rules::parseRule(out.text, &lists).ok()) return bad(out.text, countIt);
    // Parsed as the left side of a comparison, so the rule language's checks and located errors
    // apply; the comparison itself is ours.
    const rules::ParseResult parsed = rules::parseRule(out.text + QStringLiteral(" >= 0"), &lists);
    if (!parsed.ok()) return bad(out.text, parsed.error.format(out.text));
    const rules::Expr &root = *parsed.expr;
    const bool single = root.kind == rules::Expr::Compare && root.event && root.field.isEmpty() && root.values.size() == 1 &&
                        root.values[0].isNumber && root.values[0].number == 0 && root.op == rules::CompareOp::Ge;
    if (!single || (root.event->kind != rules::EventQuery::Count && root.event->kind != rules::EventQuery::Cost))
        return bad(out.text, countIt);
    const rules::EventQuery &q = *root.event;
    if (q.window.unit != rules::Window::Ever)
        return bad(out.text, QStringLiteral("leave out the window: the evaluation counts it month by month around the index date"));
    if (q.dataset == QLatin1String("all"))
        return bad(out.text, QStringLiteral("name one dataset (for all secondary-care cost, use the outcome `cost`)"));
    out.cost = q.kind == rules::EventQuery::Cost;
    const auto n = size_t(project.persons.count);
    out.offsets.assign(n + 1, 0);
    std::vector<int32_t> person;
    rules::Selection everyone(n);
    everyone.set();
    rules::MemoryEngine engine(project, lists);
    const Status gathered = engine.forEachEvent(q, everyone, [&](int32_t p, int32_t day, float cost) {
        person.push_back(p);
        out.date.push_back(day);
        out.eventCost.push_back(cost);
    });
    if (!gathered) return bad(out.text, gathered.error().message);
    // One dataset, in person then date order: the offsets are the running counts.
    for (int32_t p : person) ++out.offsets[size_t(p) + 1];
    for (size_t i = 0; i < n; ++i) out.offsets[i + 1] += out.offsets[i];
    return out;
}

}  // namespace phm::core::evaluation
