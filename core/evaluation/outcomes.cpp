#include "evaluation/outcomes.h"

#include "evaluation/customoutcome.h"

#include <QtGlobal>
#include <algorithm>
#include <cmath>

namespace phm::core::evaluation {

const std::vector<OutcomeInfo> &outcomes() {
    static const std::vector<OutcomeInfo> all = {
        {Outcome::EmergencyAdmissions, "emergency_admissions", QT_TRANSLATE_NOOP("phm::core::evaluation", "Emergency admissions"),
         "admissions"},
        {Outcome::Ae, "ae", QT_TRANSLATE_NOOP("phm::core::evaluation", "A&E attendances"), "attendances"},
        {Outcome::BedDays, "bed_days", QT_TRANSLATE_NOOP("phm::core::evaluation", "Emergency bed days"), "bed days"},
        {Outcome::Outpatients, "outpatients", QT_TRANSLATE_NOOP("phm::core::evaluation", "Outpatient attendances"), "attendances"},
        {Outcome::Ambulance, "ambulance", QT_TRANSLATE_NOOP("phm::core::evaluation", "999 incidents"), "incidents"},
        {Outcome::Cost, "cost", QT_TRANSLATE_NOOP("phm::core::evaluation", "Secondary-care cost"), "GBP"},
    };
    return all;
}

const OutcomeInfo &outcomeInfo(Outcome o) {
    static const OutcomeInfo custom{Outcome::Custom, "custom", QT_TRANSLATE_NOOP("phm::core::evaluation", "Custom outcome"), "events"};
    return o == Outcome::Custom ? custom : outcomes()[size_t(o)];
}

std::optional<Outcome> outcomeNamed(const QString &key) {
    for (const OutcomeInfo &i : outcomes())
        if (key == QLatin1String(i.key)) return i.outcome;
    return std::nullopt;
}

QStringList outcomeKeys() {
    QStringList out;
    for (const OutcomeInfo &i : outcomes()) out << QLatin1String(i.key);
    return out;
}

int32_t monthStart(int32_t day) {
    int y;
    unsigned m, d;
    civilFromDays(day, y, m, d);
    return daysFromCivil(y, m, 1);
}

int32_t addMonths(int32_t monthStartDay, int months) {
    int y;
    unsigned m, d;
    civilFromDays(monthStartDay, y, m, d);
    const int total = y * 12 + int(m) - 1 + months;
    return daysFromCivil(total / 12, unsigned(total % 12 + 1), 1);
}

namespace {
// Emergency admission methods are 21-28 and 2A-2D: enumeration indexes 3-12, stored + 1.
bool isEmergency(uint8_t method) { return method >= 4 && method <= 13; }
// Outpatient attendance status 5 (seen on time) or 6 (seen late): indexes 3 and 4, stored + 1.
bool attended(uint8_t status) { return status == 4 || status == 5; }

// Adds what one dataset's rows for the person contribute to the months.
void addRows(const Project &project, Dataset d, Outcome o, int32_t person, double from, int months, PersonMonths &out) {
    const EventTable &t = project.eventTable(d);
    if (t.rows == 0) return;
    const double to = from + months * kMonthDays;
    const uint32_t first = t.offsets[size_t(person)], last = t.offsets[size_t(person) + 1];
    // Rows are sorted by date within a person: start at the first row inside the window.
    const auto begin = std::lower_bound(t.date.begin() + first, t.date.begin() + last, int32_t(std::ceil(from)));
    for (uint32_t r = uint32_t(begin - t.date.begin()); r < last && t.date[r] < to; ++r) {
        double units = 1;
        if (d == Dataset::Apc) {
            if (!isEmergency(t.attr1[r]) && o != Outcome::Cost) continue;
            if (o == Outcome::BedDays) {
                const int32_t end = t.end[r] == kNoDate ? project.extractEnd : std::min(t.end[r], project.extractEnd);
                units = std::max(0, end - t.date[r]);
            }
        }
        if (d == Dataset::Op && o == Outcome::Outpatients && !attended(t.attr1[r])) continue;
        const double cost = std::isnan(t.cost[r]) ? 0.0 : double(t.cost[r]);
        if (o == Outcome::Cost) units = cost;
        const int k = std::clamp(int((t.date[r] - from) / kMonthDays), 0, months - 1);
        out.units[size_t(k)] += units;
        out.cost[size_t(k)] += cost;
    }
}

// A custom outcome's events of the person: one unit each, or their cost.
void addCustom(const CustomOutcome &c, int32_t person, double from, int months, PersonMonths &out) {
    const double to = from + months * kMonthDays;
    const auto first = c.date.begin() + c.offsets[size_t(person)], last = c.date.begin() + c.offsets[size_t(person) + 1];
    for (auto it = std::lower_bound(first, last, int32_t(std::ceil(from))); it != last && *it < to; ++it) {
        const float raw = c.eventCost[size_t(it - c.date.begin())];
        const double cost = std::isnan(raw) ? 0.0 : double(raw);
        const int k = std::clamp(int((*it - from) / kMonthDays), 0, months - 1);
        out.units[size_t(k)] += c.cost ? cost : 1.0;
        out.cost[size_t(k)] += cost;
    }
}
}  // namespace

void relativeMonths(const Project &project, Outcome o, int32_t person, int32_t index, int pre, int post, PersonMonths &out,
                    const CustomOutcome *custom) {
    const int months = pre + post;
    out.units.assign(size_t(months), 0.0);
    out.cost.assign(size_t(months), 0.0);
    out.atRisk.assign(size_t(months), 0.0);
    const double from = index - pre * kMonthDays;
    // At risk: registered, alive and inside the extract.
    const PersonTable &p = project.persons;
    double riskStart = std::max(p.regStart[size_t(person)], project.extractStart);
    double riskEnd = project.extractEnd + 1.0;
    if (p.regEnd[size_t(person)] != kNoDate) riskEnd = std::min(riskEnd, double(p.regEnd[size_t(person)]));
    if (p.death[size_t(person)] != kNoDate) riskEnd = std::min(riskEnd, double(p.death[size_t(person)]));
    for (int k = 0; k < months; ++k) {
        const double a = from + k * kMonthDays, b = a + kMonthDays;
        out.atRisk[size_t(k)] = std::max(0.0, std::min(b, riskEnd) - std::max(a, riskStart)) / kMonthDays;
    }
    switch (o) {
        case Outcome::EmergencyAdmissions:
        case Outcome::BedDays:
            addRows(project, Dataset::Apc, o, person, from, months, out);
            break;
        case Outcome::Ae:
            addRows(project, Dataset::Ae, o, person, from, months, out);
            break;
        case Outcome::Outpatients:
            addRows(project, Dataset::Op, o, person, from, months, out);
            break;
        case Outcome::Ambulance:
            addRows(project, Dataset::Ambulance, o, person, from, months, out);
            break;
        case Outcome::Cost:
            for (Dataset d : {Dataset::Ae, Dataset::Apc, Dataset::Op, Dataset::Mh, Dataset::Community, Dataset::Ambulance})
                addRows(project, d, o, person, from, months, out);
            break;
        case Outcome::Custom:
            if (custom) addCustom(*custom, person, from, months, out);
            break;
    }
}

}  // namespace phm::core::evaluation
