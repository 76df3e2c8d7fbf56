#include "indicators/indicatortally.h"

#include "base/parallel.h"
#include "rules/ruleparser.h"

namespace phm::core {

void Tally::add(const Tally &o) {
    people += o.people;
    events += o.events;
    squares += o.squares;
    for (size_t b = 0; b < bandPeople.size(); ++b) {
        bandPeople[b] += o.bandPeople[b];
        bandEvents[b] += o.bandEvents[b];
        bandSquares[b] += o.bandSquares[b];
    }
}

Tally protectedTally(const IndicatorDefinition &d, const Tally &t, const disclosure::Policy &policy) {
    // Events are a count of people or events unless the measure sums costs or values (cost(...),
    // latest(...).value): then a magnitude.
    const bool counted = d.events.isEmpty() || d.events.trimmed().startsWith(QLatin1String("count"), Qt::CaseInsensitive);
    auto events = [&](double e) { return counted ? disclosure::roundCount(e, policy) : disclosure::roundMagnitude(e, policy); };
    Tally p;
    p.people = disclosure::roundCount(t.people, policy);
    p.events = events(t.events);
    p.squares = disclosure::roundMagnitude(t.squares, policy);
    for (size_t b = 0; b < t.bandPeople.size(); ++b) {
        p.bandPeople[b] = disclosure::roundCount(t.bandPeople[b], policy);
        p.bandEvents[b] = events(t.bandEvents[b]);
        p.bandSquares[b] = disclosure::roundMagnitude(t.bandSquares[b], policy);
    }
    return p;
}

IndicatorValue governedValue(const IndicatorDefinition &d, const Tally &t, double confidence, const disclosure::Policy *policy) {
    if (!policy || !policy->enabled) return indicatorValue(d, t, confidence);
    IndicatorValue v = indicatorValue(d, protectedTally(d, t, *policy), confidence);
    v.numerator = t.events;
    v.denominator = t.people;
    return v;
}

IndicatorValue governedShare(double x, double total, double confidence, const disclosure::Policy *policy) {
    const bool on = policy && policy->enabled;
    return IndicatorValue{x, total,
                          stats::proportion(on ? disclosure::roundCount(x, *policy) : x,
                                            on ? disclosure::roundCount(total, *policy) : total, confidence, 100)};
}

IndicatorValue indicatorValue(const IndicatorDefinition &d, const Tally &t, double confidence) {
    IndicatorValue v;
    v.numerator = t.events;
    v.denominator = t.people;
    switch (d.type) {
        case IndicatorType::Proportion:
            v.ci = stats::proportion(t.events, t.people, confidence, d.multiplier);
            break;
        case IndicatorType::Rate:
            v.ci = stats::rate(t.events, t.people, confidence, d.multiplier);
            break;
        case IndicatorType::Mean:
            v.ci = stats::meanFromMoments(t.people, t.events, t.squares, confidence).ci;
            break;
        case IndicatorType::Dsr: {
            // Bands without people drop out (the package requires positive populations).
            std::vector<double> x, squares, n, w;
            for (size_t b = 0; b < t.bandPeople.size(); ++b)
                if (t.bandPeople[b] > 0) {
                    x.push_back(t.bandEvents[b]);
                    squares.push_back(t.bandSquares[b]);
                    n.push_back(t.bandPeople[b]);
                    w.push_back(stats::esp2013()[b]);
                }
            // People with several events (repeat admissions) widen the interval unless the
            // definition says events are independent.
            v.ci = d.independentEvents ? stats::dsr(x, n, w, confidence, d.multiplier).ci
                                       : stats::dsrNonIndependent(x, squares, n, w, confidence, d.multiplier).ci;
            break;
        }
    }
    return v;
}

IndicatorTallier::IndicatorTallier(const Project &project, const rules::CodeLists &lists, int32_t indexDate, int groups,
                                   ProfileWorkspace &workspace)
    : mP(project),
      mLists(lists),
      mDay(indexDate == kNoDate ? project.extractEnd : indexDate),
      mGroups(groups),
      mW(workspace),
      mEngine(project, lists) {
    const int32_t n = project.persons.count;
    mW.groupOf.resize(size_t(n));
    if (mW.bandDate == mDay && mW.bandOf.size() == size_t(n)) return;  // ages at this date are known
    mW.bandOf.resize(size_t(n));
    mW.bandDate = mDay;
    int y;
    unsigned m, d;
    civilFromDays(mDay, y, m, d);
    const int dayYm = y * 12 + int(m) - 1;
    for (int32_t i = 0; i < n; ++i) mW.bandOf[size_t(i)] = std::min(18, std::max(0, (dayYm - project.persons.birthYm[size_t(i)]) / 12) / 5);
}

Result<const rules::Selection *> IndicatorTallier::select(const QString &rule, int32_t date, const rules::Selection *within,
                                                          const QString &withinKey) {
    // Rules are evaluated clause by clause (many indicators share clauses such as `registered`).
    const QString key = QStringLiteral("%1|%2|%3").arg(date).arg(withinKey, rule);
    if (auto it = mSelections.constFind(key); it != mSelections.constEnd()) return &*it;
    const rules::ParseResult parsed = rules::parseRule(rule, &mLists);
    if (!parsed.ok()) return Error{ErrorCode::RuleError, parsed.error.format(rule), rule};
    rules::Selection people(static_cast<size_t>(mP.persons.count));
    if (within)
        people = *within;
    else
        people.set();
    for (const rules::Expr *clause : rules::topLevelClauses(*parsed.expr)) {
        const QString clauseKey = QStringLiteral("%1|%2|%3").arg(date).arg(withinKey, clause->text);
        auto it = mSelections.constFind(clauseKey);
        if (it == mSelections.constEnd()) {
            auto r = mEngine.evaluate(*clause, date, within);
            if (!r) return r.error();
            it = mSelections.insert(clauseKey, std::move(r.value().people));
        }
        people &= *it;
    }
    return &*mSelections.insert(key, std::move(people));
}

Result<std::vector<Tally>> IndicatorTallier::tally(const IndicatorDefinition &d) {
    const int32_t n = mP.persons.count;
    const std::vector<int> &groupOf = mW.groupOf, &bandOf = mW.bandOf;
    auto fail = [&](const QString &message) {
        return Error{ErrorCode::IndicatorError, QStringLiteral("indicator %1: %2").arg(d.id, message), d.id};
    };
    const int32_t denominatorDay =
        d.denominatorMonthsBefore ? rules::windowStart(rules::Window{rules::Window::Months, d.denominatorMonthsBefore}, mDay) : mDay;
    auto den = select(d.denominator, denominatorDay, nullptr, QString());
    if (!den) return fail(den.error().message);
    const rules::Selection *num = nullptr;
    if (!d.numerator.isEmpty()) {
        // A numerator only among its denominator's people.
        auto r = select(d.numerator, mDay, den.value(), QStringLiteral("%1@%2").arg(d.denominator).arg(denominatorDay));
        if (!r) return fail(r.error().message);
        num = r.value();
    }
    bool measured = false;
    if (!d.events.isEmpty()) {
        const rules::ParseResult parsed = rules::parseRule(d.events + QStringLiteral(" >= 0"), &mLists);
        if (!parsed.ok() || !parsed.expr->event) return fail(QStringLiteral("bad events measure"));
        const rules::Selection counted = num ? (*den.value() & *num) : *den.value();
        if (auto status = mEngine.measureInto(*parsed.expr->event, counted, mW.values, mDay); !status) return fail(status.error().message);
        measured = true;
    }
    // The denominator's people by group and age band, shared by every indicator that uses it
    // (one part per core; the counts are exact, so the parts add up the same in any split); then
    // only the numerator's people, or non-zero measures.
    const auto denominatorKey = qMakePair(d.denominator, denominatorDay);
    auto cached = mDenominators.find(denominatorKey);
    if (cached == mDenominators.end()) {
        const int parts = parallelParts();
        std::vector<std::vector<Tally>> tallied(size_t(parts), std::vector<Tally>(static_cast<size_t>(mGroups)));
        const rules::Selection &people = *den.value();
        parallelRanges(n, parts, [&](int part, int32_t from, int32_t to) {
            std::vector<Tally> &t = tallied[size_t(part)];
            for (size_t i = from == 0 ? people.find_first() : people.find_next(size_t(from) - 1); i < size_t(to); i = people.find_next(i)) {
                if (groupOf[i] < 0) continue;
                Tally &a = t[size_t(groupOf[i])];
                a.people += 1;
                a.bandPeople[size_t(bandOf[i])] += 1;
            }
        });
        for (int part = 1; part < parts; ++part)
            for (int g = 0; g < mGroups; ++g) tallied[0][size_t(g)].add(tallied[size_t(part)][size_t(g)]);
        cached = mDenominators.insert(denominatorKey, std::move(tallied[0]));
    }
    std::vector<Tally> tallies = *cached;
    auto add = [&](size_t i, double v) {
        if (groupOf[i] < 0) return;
        Tally &t = tallies[size_t(groupOf[i])];
        t.events += v;
        t.squares += v * v;
        t.bandEvents[size_t(bandOf[i])] += v;
        t.bandSquares[size_t(bandOf[i])] += v * v;
    };
    if (measured) {
        for (size_t i = 0; i < mW.values.size(); ++i)
            if (mW.values[i] != 0 && !std::isnan(mW.values[i])) add(i, mW.values[i]);
    } else if (num) {
        const rules::Selection both = *num & *den.value();
        for (size_t i = both.find_first(); i != rules::Selection::npos; i = both.find_next(i)) add(i, 1.0);
    }
    return tallies;
}

}  // namespace phm::core
