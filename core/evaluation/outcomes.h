#pragma once
// What an evaluation counts, person by person and month by month: emergency admissions, A&E
// attendances, emergency bed days, outpatient attendances, 999 incidents and secondary-care cost,
// with the months each person was at risk (registered, alive and inside the extract).
#include "store/project.h"

#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace phm::core::evaluation {

// Custom: an event query of the rule language (core/evaluation/customoutcome), not in outcomes().
enum class Outcome { EmergencyAdmissions, Ae, BedDays, Outpatients, Ambulance, Cost, Custom };
struct CustomOutcome;

struct OutcomeInfo {
    Outcome outcome;
    const char *key;    // as `phm evaluate --outcome` takes it
    const char *title;  // for people; translated in context "phm::core::evaluation"
    const char *unit;   // what one unit of it is
};
const std::vector<OutcomeInfo> &outcomes();  // the built-in ones
const OutcomeInfo &outcomeInfo(Outcome o);
std::optional<Outcome> outcomeNamed(const QString &key);
QStringList outcomeKeys();

// A month relative to an index date: month k is [index + k * kMonthDays, index + (k + 1) * kMonthDays).
inline constexpr double kMonthDays = 365.25 / 12;

// Person p's outcome in months -pre .. post-1 around `index`: units (events, bed days or pounds),
// the cost of those units (GBP; equal to units for the cost outcome) and months at risk.
// Each array has pre + post entries, month -pre first.
struct PersonMonths {
    std::vector<double> units, cost, atRisk;
};
// For Outcome::Custom, `custom` holds the events (required).
void relativeMonths(const Project &project, Outcome o, int32_t person, int32_t index, int pre, int post, PersonMonths &out,
                    const CustomOutcome *custom = nullptr);

// The first day of the calendar month holding `day`, and of the month `months` later.
int32_t monthStart(int32_t day);
int32_t addMonths(int32_t monthStartDay, int months);

}  // namespace phm::core::evaluation
