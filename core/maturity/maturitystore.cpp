// The PHM maturity records of a project (maturitystore.h): frameworks, assessments and cycles,
// read and written in the project file.
#include "maturity/maturitystore.h"

#include "maturity/maturityrows.h"

#include <algorithm>

namespace phm::core::maturity {

using namespace rows;

Result<std::vector<AssessableArea>> assessableAreas(ProjectDb &db) { return readAreas(db); }

Result<std::vector<Framework>> frameworks(ProjectDb &db) { return readFrameworks(db); }

Result<std::vector<Assessment>> assessments(ProjectDb &db) {
    auto f = readFrameworks(db);
    if (!f) return f.error();
    auto areas = readAreas(db);
    if (!areas) return areas.error();
    return readAssessments(db, f.value());
}

Result<std::vector<cycle::Cycle>> cycles(ProjectDb &db) { return readCycles(db); }

Result<Records> records(ProjectDb &db) {
    auto frameworks = readFrameworks(db);
    if (!frameworks) return frameworks.error();
    auto assessments = readAssessments(db, frameworks.value());
    auto areas = readAreas(db);
    auto cycles = readCycles(db);
    if (!assessments) return assessments.error();
    if (!areas) return areas.error();
    if (!cycles) return cycles.error();
    return Records{std::move(frameworks.value()), std::move(assessments.value()), std::move(areas.value()), std::move(cycles.value())};
}

Status saveFramework(ProjectDb &db, const Framework &framework, const QString &author) {
    auto r = inTransaction<Ok>(db, [&]() -> Result<Ok> {
        auto checked = frameworkFromJson(framework.toJson(), QStringLiteral("framework \"%1\"").arg(framework.name));
        if (!checked) return checked.error();
        auto all = readFrameworks(db);
        if (!all) return all.error();
        auto areas = readAreas(db);
        if (!areas) return areas.error();
        auto stored = readAssessments(db, all.value());
        if (!stored) return stored.error();
        if (auto s = compatible(framework, stored.value()); !s) return s;
        return writeFramework(db, framework, author);
    });
    return r ? Status(Ok{}) : Status(r.error());
}

Result<Assessment> addAssessment(ProjectDb &db, Assessment assessment, const QString &author) {
    return inTransaction<Assessment>(db, [&]() -> Result<Assessment> {
        auto all = readFrameworks(db);
        if (!all) return all.error();
        auto areas = readAreas(db);
        if (!areas) return areas.error();
        if (auto s = checkAssessment(assessment, all.value(), areas.value(), QStringLiteral("assessment")); !s) return s.error();
        return writeAssessment(db, assessment, *findFramework(all.value(), assessment.framework), author);
    });
}

Result<cycle::Cycle> startCycle(ProjectDb &db, const QString &pcn, const QString &title, const QString &author) {
    return inTransaction<cycle::Cycle>(db, [&]() -> Result<cycle::Cycle> {
        auto areas = readAreas(db);
        if (!areas) return areas.error();
        if (std::none_of(areas.value().begin(), areas.value().end(),
                         [&](const AssessableArea &a) { return a.level == QLatin1String("pcn") && a.code == pcn; }))
            return Error{ErrorCode::UnknownPcn, QStringLiteral("no PCN \"%1\" in this project").arg(pcn), pcn};
        if (title.trimmed().isEmpty()) return Error{ErrorCode::BadCycle, QStringLiteral("a cycle needs a title (the opportunity)"), {}};
        auto id = writeCycle(db, pcn, title.trimmed(), author);
        if (!id) return id.error();
        return cycle::Cycle{id.value(), pcn, title.trimmed(), {}};
    });
}

Result<cycle::Cycle> recordStage(ProjectDb &db, qint64 cycleId, cycle::StageRecord stage, const QString &author) {
    return inTransaction<cycle::Cycle>(db, [&]() -> Result<cycle::Cycle> {
        const QStringList saved = savedCohortNames(db);
        auto all = readCycles(db);
        if (!all) return all.error();
        for (cycle::Cycle &c : all.value()) {
            if (c.id != cycleId) continue;
            if (auto s = cycle::checkNextStage(c, stage, saved); !s) return s.error();
            if (stage.evaluation != 0) {
                Statement found(db, QStringLiteral("SELECT 1 FROM evaluation WHERE id = ?"));
                found.bind(1, int64_t(stage.evaluation));
                if (!found.step())
                    return Error{
                        ErrorCode::UnknownValue, QStringLiteral("no saved evaluation %1 in this project").arg(stage.evaluation), {}};
            }
            if (auto s = writeStage(db, cycleId, stage, author); !s) return s.error();
            c.stages.push_back(stage);
            return c;
        }
        return Error{ErrorCode::UnknownCycle, QStringLiteral("no PHM cycle %1").arg(cycleId), {}};
    });
}

}  // namespace phm::core::maturity
