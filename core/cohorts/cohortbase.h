#pragma once
// The base population a cohort is counted in and its percentages are "of": by default everyone
// registered with a practice and alive at the index date, within the area the analyst has
// selected. "Everyone" is every person in the extract (including people who have died or moved
// away), as a switch, not as the default.
#include "base/result.h"
#include "geo/areas.h"
#include "rules/ruleengine.h"

#include <QJsonObject>
#include <optional>

namespace phm::core {

struct CohortBase {
    bool everyone = false;        // include the deceased and the deregistered
    int32_t indexDate = kNoDate;  // kNoDate = the extract end
    std::optional<Area> area;     // within this area (the ICS when empty)
    int32_t resolvedIndexDate(const Project &project) const { return indexDate == kNoDate ? project.extractEnd : indexDate; }
    static CohortBase everyoneInExtract() {
        CohortBase b;
        b.everyone = true;
        return b;
    }
};

struct BasePopulation {
    rules::Selection people;
    int64_t count = 0;
};
// The people of the base (registered there, or living there for an LSOA).
BasePopulation basePopulation(const AreaIndex &areas, const CohortBase &base);

// The base as rule clauses ("registered and pcn = 'U12345'"), for engines that take only a rule
// (the SQL engine); empty for everyone in the ICS. Each clause is one top-level `and` clause.
QStringList baseClauses(const AreaIndex &areas, const CohortBase &base);

// One line for the screen and the JSON: "registered and alive on 31 Mar 2024, Luton".
QString describeBase(const AreaIndex &areas, const CohortBase &base);

// {kind: "registered"|"everyone", index_date: "yyyy-mm-dd", area, area_code, level, count}.
QJsonObject baseJson(const AreaIndex &areas, const CohortBase &base, int64_t count);

// An area of a level by its code or its name (case-insensitive); the ICS for an empty name.
Result<Area> findArea(const AreaIndex &areas, Area::Kind level, const QString &wanted);

}  // namespace phm::core
