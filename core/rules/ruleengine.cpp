#include "rules/ruleengine.h"
#include "base/parallel.h"

#include "rules/rulecatalogue.h"
#include "rules/ruleparser.h"
#include "rules/rulevalues.h"

#include <QThread>
#include <algorithm>
#include <cmath>
#include <set>

namespace phm::core::rules {

int32_t windowStart(const Window &w, int32_t indexDate) {
    if (w.unit == Window::Ever) return kNoDate;
    if (w.unit == Window::Days) return indexDate - w.amount;
    int y;
    unsigned m, d;
    civilFromDays(indexDate, y, m, d);
    const int months = w.unit == Window::Years ? 12 * w.amount : w.amount;
    int total = y * 12 + int(m) - 1 - months;
    const int ny = total / 12, nm = total % 12 + 1;
    static constexpr unsigned lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (ny % 4 == 0 && ny % 100 != 0) || ny % 400 == 0;
    const unsigned last = nm == 2 && leap ? 29 : lengths[nm - 1];
    return daysFromCivil(ny, unsigned(nm), std::min(d, last));
}

MemoryEngine::MemoryEngine(const Project &project, const CodeLists &lists, int threads)
    : mProject(project), mLists(lists), mThreads(std::max(1, threads)) {}

Selection MemoryEngine::parallel(const Selection &candidates, const std::function<void(int32_t, int32_t, Selection &)> &f) const {
    const int32_t n = mProject.persons.count;
    const int threads = n < 100000 ? 1 : mThreads;
    std::vector<Selection> parts(size_t(threads), Selection{size_t(n)});
    // Slices start on 64-person boundaries so no two threads write the same bitset word.
    parallelRanges(
        n, threads, [&](int part, int32_t from, int32_t to) { f(from, to, parts[size_t(part)]); }, 64);
    for (int t = 1; t < threads; ++t) parts[0] |= parts[size_t(t)];
    parts[0] &= candidates;
    return parts[0];
}

Result<EvaluationResult> MemoryEngine::evaluate(const Expr &rule, int32_t indexDate, const Selection *within) {
    if (indexDate == kNoDate) indexDate = mProject.extractEnd;
    EvaluationResult out;
    Selection candidates(size_t(mProject.persons.count));
    if (within)
        candidates = *within;
    else
        candidates.set();
    for (const Expr *clause : topLevelClauses(rule)) {
        auto r = eval(*clause, candidates, indexDate);
        if (!r) return r.error();
        candidates = std::move(r.value());
        out.attrition.push_back({clause->text, int64_t(candidates.count())});
    }
    out.people = std::move(candidates);
    return out;
}

Result<Selection> MemoryEngine::eval(const Expr &e, const Selection &candidates, int32_t indexDate) {
    switch (e.kind) {
        case Expr::And: {
            Selection s = candidates;
            for (const auto &c : e.children) {
                auto r = eval(*c, s, indexDate);
                if (!r) return r;
                s = std::move(r.value());
            }
            return s;
        }
        case Expr::Or: {
            Selection s(candidates.size());
            Selection remaining = candidates;
            for (const auto &c : e.children) {
                auto r = eval(*c, remaining, indexDate);  // people already in need not be tested again
                if (!r) return r;
                s |= r.value();
                remaining -= r.value();
            }
            return s;
        }
        case Expr::Not: {
            auto r = eval(*e.children[0], candidates, indexDate);
            if (!r) return r;
            return candidates - r.value();
        }
        case Expr::InCohort: {
            if (!mCohorts) return locatedError(e, QStringLiteral("no saved cohorts are available here"));
            auto r = mCohorts(e.cohort);
            if (!r) return locatedError(e, r.error().message);
            if (r.value().size() != candidates.size())
                return locatedError(e, QStringLiteral("cohort \"%1\" belongs to another project").arg(e.cohort));
            return candidates & r.value();
        }
        case Expr::Event:
            return evalEvent(e, candidates, indexDate);
        default:
            return e.event ? evalEvent(e, candidates, indexDate) : evalField(e, candidates, indexDate);
    }
}

}  // namespace phm::core::rules
