#include "project.h"

namespace phm::core {

int PersonTable::ageAt(int32_t p, int32_t day) const {
    int y;
    unsigned m, d;
    civilFromDays(day, y, m, d);
    const int ym = y * 12 + int(m) - 1;
    return (ym - birthYm[size_t(p)]) / 12;
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
