#pragma once
// Core20PLUS5 (NHS England's approach to reducing healthcare inequalities): the Core20 are the
// people living in the nationally most deprived 20% of LSOAs (IMD 2019 deciles 1-2); PLUS groups
// are chosen locally (ethnic minorities, inclusion health, learning disability, ...), each a
// rule over the extract; the 5 are clinical areas (maternity, severe mental illness, chronic
// respiratory disease, early cancer diagnosis, hypertension case-finding), measured here by the
// bundled indicators of topic Core20PLUS5 that the data allows.
//
// For each area of a level: the share of its registered people in Core20 and in each PLUS group
// (Wilson intervals). For one area: each clinical indicator for everyone, for Core20 and for
// each PLUS group, each group compared with everyone else in the area (Fingertips rule: is the
// rest's value outside the group's 95% interval? read through the indicator's polarity).
#include "geo/areas.h"
#include "indicators/indicatortally.h"
#include "indicators/profile.h"

#include <QByteArray>
#include <vector>

namespace phm::core {

class ProjectDb;

struct PlusGroup {
    QString name, rule;
    bool operator==(const PlusGroup &o) const { return name == o.name && rule == o.rule; }
};
constexpr int kMaxPlusGroups = 7;  // with Core20, a person's groups fit one byte
std::vector<PlusGroup> defaultPlusGroups();
// {"plus_groups": [{"name": ..., "rule": ...}, ...]}; every rule is parsed and checked against
// the catalogue and code lists, errors name the group.
Result<std::vector<PlusGroup>> parsePlusGroups(const QByteArray &json, const rules::CodeLists *lists, const QString &source = QString());
QByteArray plusGroupsJson(const std::vector<PlusGroup> &groups);
// Stored in the project file (meta table); the defaults when the project has none. Read through an
// open connection (a session's); saved through one opened for writing (the session's writes), under
// the project's write lock.
Result<std::vector<PlusGroup>> loadPlusGroups(ProjectDb &db, const rules::CodeLists *lists);
Status savePlusGroups(ProjectDb &db, const std::vector<PlusGroup> &groups, const rules::CodeLists *lists);

struct ClinicalArea {
    QString name;
    QStringList indicatorIds;  // in resources/indicators
};
const std::vector<ClinicalArea> &clinicalAreas();  // the five, in NHS England's order

struct GroupShares {
    Area area;
    QString name, code;
    double registered = 0;
    IndicatorValue core20;             // share of registered people, per cent
    std::vector<IndicatorValue> plus;  // per PLUS group
};

struct GroupComparison {
    IndicatorValue value;  // within the group
    double rest = NAN;     // everyone else in the area
    Significance vsRest = Significance::NotCompared;
};

struct ClinicalRow {
    int area = 0;       // index into clinicalAreas()
    int indicator = 0;  // index into the definitions
    IndicatorValue everyone;
    GroupComparison core20;
    std::vector<GroupComparison> plus;
};

struct Core20Plus5Options {
    int32_t indexDate = kNoDate;  // default: the extract end
    double confidence = 0.95;
    // Set for an output that leaves the workbench: every value is computed from the counts as the
    // policy publishes them (governedValue). Not owned.
    const disclosure::Policy *governed = nullptr;
};

struct Core20Plus5 {
    std::vector<PlusGroup> plus;
    std::vector<GroupShares> shares;  // every area of the level, then the ICS
    Area focus;
    std::vector<ClinicalRow> clinical;  // for the focus area; clinical areas without data are left out
    QStringList missing;                // clinical areas with no indicator in the definitions
    double ms = 0;
};

Result<Core20Plus5> computeCore20Plus5(const AreaIndex &areas, const rules::CodeLists &lists,
                                       const std::vector<IndicatorDefinition> &indicators, const std::vector<PlusGroup> &plus,
                                       Area::Kind level, const Area &focus, const Core20Plus5Options &options = {},
                                       ProfileWorkspace *workspace = nullptr);

}  // namespace phm::core
