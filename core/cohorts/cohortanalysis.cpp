#include "cohorts/cohortanalysis.h"

#include "rules/rulecatalogue.h"
#include "rules/ruleparser.h"

#include <map>
#include <memory>
#include <set>

namespace phm::core {

rules::CohortResolver makeCohortResolver(const Project &project, const rules::CodeLists &lists, CohortRules cohorts, int32_t indexDate) {
    // Saved cohorts come from the file, which may hold anything: a cycle is refused, a chain deeper
    // than kMaxCohortDepth too (the evaluation recurses), and each cohort is evaluated once per
    // resolver, so cohorts that share cohorts (a diamond) cannot multiply the work.
    constexpr size_t kMaxCohortDepth = 50;
    auto inProgress = std::make_shared<std::set<QString>>();
    auto done = std::make_shared<std::map<QString, rules::Selection>>();
    auto snapshot = std::make_shared<const CohortRules>(std::move(cohorts));
    auto resolver = std::make_shared<rules::CohortResolver>();
    *resolver = [&project, &lists, snapshot, indexDate, inProgress, done,
                 weak = std::weak_ptr<rules::CohortResolver>(resolver)](const QString &name) -> Result<rules::Selection> {
        if (inProgress->count(name))
            return Error{ErrorCode::CohortCycle, QStringLiteral("cohort \"%1\" refers to itself through in_cohort").arg(name), name};
        if (const auto it = done->find(name); it != done->end()) return it->second;
        if (inProgress->size() >= kMaxCohortDepth)
            return Error{ErrorCode::RuleError,
                         QStringLiteral("saved cohort \"%1\": in_cohort goes more than %2 cohorts deep").arg(name).arg(kMaxCohortDepth),
                         name};
        if (snapshot->unreadable) return *snapshot->unreadable;
        const auto saved = snapshot->current.find(name);
        if (saved == snapshot->current.end())
            return Error{ErrorCode::UnknownCohort, QStringLiteral("no saved cohort called \"%1\"").arg(name), name};
        const QString rule = saved->second;
        const rules::ParseResult parsed = rules::parseRule(rule, &lists);
        if (!parsed.ok())
            return Error{ErrorCode::RuleError, QStringLiteral("saved cohort \"%1\": %2").arg(name, parsed.error.message), rule};
        rules::MemoryEngine engine(project, lists);
        if (auto self = weak.lock()) engine.setCohortResolver(*self);
        inProgress->insert(name);
        auto result = engine.evaluate(*parsed.expr, indexDate);
        inProgress->erase(name);
        if (!result) return result.error();
        done->emplace(name, result.value().people);
        return result.value().people;
    };
    // The returned function keeps the shared state (and itself) alive.
    return [resolver](const QString &name) { return (*resolver)(name); };
}

Result<std::vector<OverlapRegion>> overlap(const std::vector<rules::Selection> &cohorts) {
    if (cohorts.size() < 2 || cohorts.size() > 4)
        return Error{ErrorCode::BadArgument, QStringLiteral("overlap compares 2 to 4 cohorts"), {}};
    const size_t n = cohorts.front().size();
    for (const auto &c : cohorts)
        if (c.size() != n) return Error{ErrorCode::BadArgument, QStringLiteral("cohorts come from different projects"), {}};
    std::vector<int64_t> counts(size_t(1) << cohorts.size(), 0);
    rules::Selection any(n);
    for (const auto &c : cohorts) any |= c;
    for (size_t i = any.find_first(); i != rules::Selection::npos; i = any.find_next(i)) {
        unsigned pattern = 0;
        for (size_t k = 0; k < cohorts.size(); ++k)
            if (cohorts[k].test(i)) pattern |= 1u << k;
        ++counts[pattern];
    }
    std::vector<OverlapRegion> out;
    for (unsigned m = 1; m < counts.size(); ++m) out.push_back({m, counts[m]});
    return out;
}

rules::Selection areaMembers(const AreaIndex &areas, const Area &area) {
    rules::Selection out(size_t(areas.project().persons.count));
    for (int32_t i = 0; i < areas.project().persons.count; ++i)
        if (areas.contains(area, i)) out.set(size_t(i));
    return out;
}

std::vector<AreaCount> breakdown(const AreaIndex &areas, const rules::Selection &cohort, Area::Kind kind) {
    std::vector<AreaCount> out(size_t(areas.areaCount(kind)));
    for (size_t k = 0; k < out.size(); ++k) {
        out[k].area = Area{kind, int(k)};
        out[k].name = areas.name(out[k].area);
        out[k].population = areas.population(out[k].area);
    }
    for (size_t i = cohort.find_first(); i != rules::Selection::npos; i = cohort.find_next(i))
        ++out[size_t(areas.areaOf(kind, int32_t(i)))].count;
    return out;
}

}  // namespace phm::core

#include <QElapsedTimer>

namespace phm::core {

Result<std::vector<OverlapRegion>> overlapOfSaved(const Project &project, const rules::CodeLists &lists, const CohortRules &cohorts,
                                                  const QStringList &names) {
    const auto resolve = makeCohortResolver(project, lists, cohorts);
    std::vector<rules::Selection> members;
    for (const QString &n : names) {
        auto s = resolve(n.trimmed());
        if (!s) return s.error();
        members.push_back(std::move(s.value()));
    }
    return overlap(members);
}

RuleRun runRuleText(const Project &project, const rules::CodeLists &lists, const CohortRules &cohorts, const QString &text,
                    int32_t indexDate, const rules::Selection *within) {
    RuleRun run;
    run.population = within ? int64_t(within->count()) : project.persons.count;
    QElapsedTimer timer;
    timer.start();
    const rules::ParseResult parsed = rules::parseRule(text, &lists);
    if (!parsed.ok()) {
        run.error = parsed.error.format(text);
        run.errorLine = parsed.error.where.line;
        run.errorColumn = parsed.error.where.column;
        return run;
    }
    rules::MemoryEngine engine(project, lists);
    engine.setCohortResolver(makeCohortResolver(project, lists, cohorts, indexDate));
    auto result = engine.evaluate(*parsed.expr, indexDate, within);
    run.ms = timer.nsecsElapsed() / 1e6;
    if (!result) {
        run.error = result.error().message;
        return run;
    }
    run.ok = true;
    run.count = result.value().count();
    run.attrition = result.value().attrition;
    run.people = std::make_shared<const rules::Selection>(std::move(result.value().people));
    return run;
}

}  // namespace phm::core
