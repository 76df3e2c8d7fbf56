#include "store/project.h"

namespace phm::core {

int PersonTable::ageAt(int32_t p, int32_t day) const {
    int y;
    unsigned m, d;
    civilFromDays(day, y, m, d);
    const int ym = y * 12 + int(m) - 1;
    return (ym - birthYm[size_t(p)]) / 12;
}

void EventTable::buildCodeIndex() {
    const size_t n = size_t(rows);
    rowPerson.resize(n, boost::container::default_init);
    for (size_t p = 0; p + 1 < offsets.size(); ++p)
        for (uint32_t r = offsets[p]; r < offsets[p + 1]; ++r) rowPerson[r] = int32_t(p);
    codeOffsets.assign(codes.size() + 1, 0);
    for (size_t r = 0; r < n; ++r) ++codeOffsets[code[r] + 1];
    for (size_t c = 1; c < codeOffsets.size(); ++c) codeOffsets[c] += codeOffsets[c - 1];
    Column<uint32_t> next(codeOffsets.begin(), codeOffsets.end() - 1);
    codeRows.resize(n, boost::container::default_init);
    for (size_t r = 0; r < n; ++r) codeRows[next[code[r]]++] = uint32_t(r);
}

const EventColumns &eventColumns(Dataset d) {
    static const std::array<EventColumns, kEventDatasetCount> map = {{
        {"event_date", nullptr, "snomed_code", "event_type", nullptr, "value", nullptr},
        {"arrival_date", nullptr, "discharge_destination", "acuity", "arrival_mode", nullptr, "cost"},
        {"admission_date", "discharge_date", "primary_diagnosis", "admission_method", nullptr, nullptr, "cost"},
        {"appointment_date", nullptr, "treatment_function", "attendance_status", "first_attendance", nullptr, "cost"},
        {"contact_date", nullptr, "team_type", "contact_mode", "attended", nullptr, "cost"},
        {"contact_date", nullptr, "service", nullptr, nullptr, nullptr, "cost"},
        {"start_date", "end_date", "service_type", nullptr, nullptr, "weekly_cost", nullptr},
        {"incident_date", nullptr, "conveyed", "category", nullptr, nullptr, "cost"},
    }};
    return map[size_t(int(d) - kFirstEventDataset)];
}

}  // namespace phm::core
