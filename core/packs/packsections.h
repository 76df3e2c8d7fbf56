#pragma once
// The builders of a pack's sections (pack.h): buildPacks computes what every pack shares once
// (PackInputs: the level's profile, the LSOA map, segments, risk, frailty, PHM maturity), then
// fills each area's PackData section by section with the functions below. Internal to
// core/packs; every builder publishes through the disclosure policy.
#include "packs/pack.h"
#include "rules/personmeasures.h"
#include "stratify/riskmodel.h"
#include "stratify/segmentation.h"

#include <optional>

namespace phm::core {

// The map: the indicator for every LSOA, ICS-wide quintiles, and where each area's people live.
struct PackMapInputs {
    const IndicatorDefinition *definition = nullptr;  // none: no map
    std::vector<double> lsoaValues, breaks;
    std::vector<int> lsoaShape;               // boundary shape per LSOA, -1 when none
    std::vector<std::vector<int>> residents;  // per area of the level, registered people per LSOA
    std::vector<int> lsoaResidents;           // registered people per LSOA
};

// PHM maturity and cycles, read once for every pack.
struct PackMaturityInputs {
    std::vector<maturity::Framework> frameworks;
    std::vector<maturity::Assessment> assessed, newest;
    std::vector<cycle::Cycle> cycles;
    QString level;                                   // pcn, place, ics (or empty)
    const maturity::Framework *framework = nullptr;  // the one assessed most at this level
    QDate yearFrom, yearTo;                          // "this year": the financial year of the pack
};

struct PackInputs {
    PackInputs(const AreaIndex &a, const rules::CodeLists &l, const PackOptions &o, Area::Kind k)
        : areas(a), lists(l), options(o), level(k) {}
    const AreaIndex &areas;
    const rules::CodeLists &lists;
    const PackOptions &options;
    Area::Kind level;
    int count = 0;  // areas at the level (the ICS: one)
    std::vector<IndicatorDefinition> chosen;
    Profile profile;
    IndicatorDefinition everyone;                   // people counted by group
    const IndicatorDefinition *gradient = nullptr;  // the inequality shown
    PackMapInputs map;
    SegmentationTemplate segmentation;
    RiskModelResult model;
    std::shared_ptr<const GpMeasures> gp;
    PackMaturityInputs maturity;
    ProfileWorkspace *workspace = nullptr;
    const disclosure::Policy &policy() const { return options.policy; }
};

// One area's pack: who it is for, and the people it covers.
struct PackArea {
    Area area;
    std::optional<rules::Selection> scope;  // none for the ICS
    rules::Selection members;               // everyone the area covers
    rules::Selection registered;            // those of them registered at the extract end
};

void addCover(const PackInputs &in, const PackArea &a, PackData &pack);
void addMaturity(const PackInputs &in, const PackArea &a, PackData &pack);
// The saved evaluations, those the area's cycles name first; the section is dropped when there are none.
void addEvaluations(const PackInputs &in, const PackArea &a, PackData &pack);
void addPyramid(const PackInputs &in, const PackArea &a, PackData &pack);
Status addDistributions(const PackInputs &in, const PackArea &a, PackData &pack);  // ethnicity and deprivation
Status addInequality(const PackInputs &in, const PackArea &a, PackData &pack);
void addIndicators(const PackInputs &in, const PackArea &a, PackData &pack);
void addPriorities(PackData &pack);  // what the data says, from the indicators
void addFunnels(const PackInputs &in, const PackArea &a, PackData &pack);
void addMap(const PackInputs &in, const PackArea &a, PackData &pack);
Status addSegments(const PackInputs &in, const PackArea &a, PackData &pack);
void addRiskAndFrailty(const PackInputs &in, const PackArea &a, PackData &pack);

}  // namespace phm::core
