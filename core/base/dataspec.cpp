// The linked-extract specification (dataspec.h) as data: one function per file of the extract.
#include "base/dataspec.h"

#include <QStringList>

namespace phm::core {

namespace {
using T = ColumnType;
constexpr bool R = true;
constexpr bool O = false;
const char *kEthnicity = "A|B|C|D|E|F|G|H|J|K|L|M|N|P|R|S|Z|99";

ColumnSpec pid() { return {"person_id", T::Person, R, "", "Pseudonymised person identifier; must exist in persons.csv."}; }
ColumnSpec cost() { return {"cost", T::Decimal, O, ">= 0", "Cost of the activity in GBP (tariff or reference cost)."}; }

// One function per file of the extract, in Dataset order.
FileSpec practices() {
    return {Dataset::Practices,
            "practices",
            "practices.csv",
            "GP practices",
            "ODS epraccur + NHS Digital practice-to-PCN map",
            R,
            {{"practice_code", T::Code, R, "ODS code, e.g. E81002", "Practice ODS code (unique)."},
             {"practice_name", T::Text, R, "", "Practice name."},
             {"pcn_code", T::Code, R, "ODS PCN code, e.g. U83511", "Primary Care Network the practice belongs to."},
             {"pcn_name", T::Text, R, "", "PCN name."},
             {"place", T::Text, R, "", "Place (local authority), e.g. Luton."},
             {"care_alliance", T::Text, R, "", "Care alliance (group of places)."},
             {"postcode", T::Text, O, "", "Practice postcode."},
             {"list_size", T::Integer, O, ">= 0", "Published registered list size, for comparison."}}};
}

FileSpec persons() {
    std::vector<ColumnSpec> person = {
        {"person_id", T::Id, R, "unique", "Pseudonymised person identifier (unique)."},
        {"sex", T::Enum, R, "M|F|I|U", "Sex: M male, F female, I indeterminate, U not known."},
        {"birth_year_month", T::YearMonth, R, "YYYY-MM", "Year and month of birth (day withheld)."},
        {"ethnicity", T::Enum, O, kEthnicity,
         "NHS ethnic category (ONS 2011 groups): A British, B Irish, C other White, D White and Black Caribbean, "
         "E White and Black African, F White and Asian, G other Mixed, H Indian, J Pakistani, K Bangladeshi, "
         "L other Asian, M Caribbean, N African, P other Black, R Chinese, S any other, Z not stated, 99 not known. "
         "Empty = not known."},
        {"lsoa11", T::Lsoa, R, "ONS LSOA 2011 code in England", "LSOA (2011) of residence; sets IMD 2019 and rurality."},
        {"practice_code", T::Practice, R, "a practice_code in practices.csv", "Registered GP practice."},
        {"registration_start", T::Date, R, "YYYY-MM-DD", "Start of the current registration."},
        {"registration_end", T::Date, O, "YYYY-MM-DD, >= registration_start", "End of registration (left or died); empty if registered."},
        {"date_of_death", T::Date, O, "YYYY-MM-DD", "Date of death; empty if alive."}};
    for (const char *flag : kPersonFlags) person.push_back({flag, T::Flag, O, "0|1", "Wider-determinant flag (1 = recorded); empty = 0."});
    return {Dataset::Persons,
            "persons",
            "persons.csv",
            "Persons and registrations",
            "GP registration (PDS/GMS) with wider-determinant flags",
            R,
            person};
}

FileSpec gpEvents() {
    return {
        Dataset::Gp,
        "gp",
        "gp_events.csv",
        "GP events",
        "GP record extracts (GPES/GPDPR): coded journal",
        O,
        {pid(),
         {"event_date", T::Date, R, "YYYY-MM-DD", "Date the code was recorded."},
         {"snomed_code", T::Code, R, "SNOMED CT concept id (6-18 digits)", "Diagnosis, medication (substance), observation or procedure."},
         {"value", T::Decimal, O, "number", "Numeric value for observations (e.g. systolic BP, HbA1c mmol/mol)."},
         {"event_type", T::Enum, O, "diagnosis|medication|observation|procedure", "Kind of record, if the source says."}}};
}

FileSpec aeAttendances() {
    return {
        Dataset::Ae,
        "ae",
        "ae_attendances.csv",
        "A&E attendances",
        "Emergency Care Data Set (ECDS)",
        O,
        {{"attendance_id", T::Id, R, "", "Attendance identifier."},
         pid(),
         {"arrival_date", T::Date, R, "YYYY-MM-DD", "Arrival date."},
         {"acuity", T::Enum, O, "1|2|3|4|5", "ECDS acuity: 1 immediate resuscitation, 2 very urgent, 3 urgent, 4 standard, 5 non-urgent."},
         {"arrival_mode", T::Enum, O, "ambulance|walk_in|other", "How the patient arrived."},
         {"discharge_destination", T::Enum, R, "admitted|home|referred|transferred|died|left|other", "Where the patient went."},
         cost()}};
}

FileSpec apcSpells() {
    return {Dataset::Apc,
            "apc",
            "apc_spells.csv",
            "Admitted patient care spells",
            "SUS+ Admitted Patient Care (spells)",
            O,
            {{"spell_id", T::Id, R, "", "Hospital provider spell identifier."},
             pid(),
             {"admission_date", T::Date, R, "YYYY-MM-DD", "Start of the spell."},
             {"discharge_date", T::Date, O, "YYYY-MM-DD, >= admission_date", "End of the spell; empty if still in hospital."},
             {"admission_method", T::Enum, R, "11|12|13|21|22|23|24|25|2A|2B|2C|2D|28|31|32|81|82|83",
              "NHS admission method: 1x elective, 2x emergency, 3x maternity, 8x other."},
             {"primary_diagnosis", T::Code, R, "ICD-10, e.g. I50.0", "Primary diagnosis of the first episode."},
             {"secondary_diagnoses", T::Text, O, "ICD-10 codes separated by ';'", "Secondary diagnoses."},
             {"hrg", T::Code, O, "HRG4+ code, e.g. EB03C", "Healthcare Resource Group of the spell."},
             cost()}};
}

FileSpec opAppointments() {
    return {Dataset::Op,
            "op",
            "op_appointments.csv",
            "Outpatient appointments",
            "SUS+ Outpatients",
            O,
            {{"appointment_id", T::Id, R, "", "Appointment identifier."},
             pid(),
             {"appointment_date", T::Date, R, "YYYY-MM-DD", "Appointment date."},
             {"treatment_function", T::Code, R, "3-digit treatment function code", "Specialty (e.g. 320 cardiology)."},
             {"first_attendance", T::Enum, O, "1|2", "1 first attendance, 2 follow-up."},
             {"attendance_status", T::Enum, R, "2|3|4|5|6|7",
              "Attended or did not attend: 5/6 attended, 3 did not attend, 2/4 cancelled, 7 arrived late and not seen."},
             cost()}};
}

FileSpec mhContacts() {
    return {Dataset::Mh,
            "mh",
            "mh_contacts.csv",
            "Mental health contacts",
            "Mental Health Services Data Set (MHSDS)",
            O,
            {{"contact_id", T::Id, R, "", "Care contact identifier."},
             pid(),
             {"contact_date", T::Date, R, "YYYY-MM-DD", "Contact date."},
             {"team_type", T::Code, R, "MHSDS team type, e.g. A05", "Service or team type."},
             {"contact_mode", T::Enum, O, "face_to_face|telephone|video|other", "Consultation medium."},
             {"attended", T::Flag, O, "0|1", "1 if the contact took place."},
             cost()}};
}

FileSpec communityContacts() {
    return {Dataset::Community,
            "community",
            "community_contacts.csv",
            "Community contacts",
            "Community Services Data Set (CSDS)",
            O,
            {{"contact_id", T::Id, R, "", "Care contact identifier."},
             pid(),
             {"contact_date", T::Date, R, "YYYY-MM-DD", "Contact date."},
             {"service", T::Enum, R,
              "district_nursing|community_matron|physiotherapy|podiatry|occupational_therapy|speech_and_language|rehabilitation|"
              "palliative_care",
              "Community service."},
             cost()}};
}

FileSpec ascServices() {
    return {Dataset::Asc,
            "asc",
            "asc_services.csv",
            "Adult social care services",
            "Client Level Data (CLD) for adult social care",
            O,
            {{"service_id", T::Id, R, "", "Service identifier."},
             pid(),
             {"service_type", T::Enum, R, "residential|nursing|home_care|day_care|direct_payment|reablement|equipment",
              "Type of long- or short-term support."},
             {"start_date", T::Date, R, "YYYY-MM-DD", "Service start."},
             {"end_date", T::Date, O, "YYYY-MM-DD, >= start_date", "Service end; empty if ongoing."},
             {"weekly_cost", T::Decimal, O, ">= 0", "Planned weekly cost in GBP."}}};
}

FileSpec ambulanceIncidents() {
    return {Dataset::Ambulance,
            "ambulance",
            "ambulance_incidents.csv",
            "Ambulance incidents (999)",
            "Ambulance Data Set (ADS)",
            O,
            {{"incident_id", T::Id, R, "", "Incident identifier."},
             pid(),
             {"incident_date", T::Date, R, "YYYY-MM-DD", "Date of the 999 call."},
             {"category", T::Enum, O, "1|2|3|4|5", "Response category (5 = hear and treat / other)."},
             {"conveyed", T::Enum, R, "Y|N", "Y if the patient was taken to hospital."},
             cost()}};
}

FileSpec programmeEnrolments() {
    return {Dataset::Programmes,
            "programmes",
            "programmes.csv",
            "Programme enrolments",
            "Local service records (case management, social prescribing, virtual wards)",
            O,
            {pid(),
             {"programme", T::Text, R, "", "Name of the programme or service the person was enrolled in."},
             {"enrolled_date", T::Date, R, "YYYY-MM-DD, inside the extract window", "Date of enrolment (the evaluation's index date)."},
             {"ended_date", T::Date, O, "YYYY-MM-DD, >= enrolled_date", "Date the person left the programme; empty if still enrolled."},
             {"referral_source", T::Enum, O, "gp|hospital|community|social_care|self|other", "Who referred the person."}}};
}

std::vector<FileSpec> build() {
    return {practices(),  persons(),           gpEvents(),    aeAttendances(),      apcSpells(),          opAppointments(),
            mhContacts(), communityContacts(), ascServices(), ambulanceIncidents(), programmeEnrolments()};
}
}  // namespace

int FileSpec::columnIndex(std::string_view name) const {
    for (size_t i = 0; i < columns.size(); ++i)
        if (name == columns[i].name) return int(i);
    return -1;
}

const std::vector<FileSpec> &dataSpec() {
    static const std::vector<FileSpec> spec = build();
    return spec;
}

const FileSpec &fileSpec(Dataset d) { return dataSpec()[size_t(d)]; }

std::vector<std::string_view> enumValues(const ColumnSpec &c) {
    std::vector<std::string_view> out;
    std::string_view all(c.allowed);
    size_t start = 0;
    while (start <= all.size()) {
        const size_t bar = all.find('|', start);
        out.push_back(all.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start));
        if (bar == std::string_view::npos) break;
        start = bar + 1;
    }
    return out;
}

int enumIndex(const ColumnSpec &c, std::string_view value) {
    std::string_view all(c.allowed);
    int index = 0;
    size_t start = 0;
    for (;;) {
        const size_t bar = all.find('|', start);
        const std::string_view item = all.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start);
        if (item == value) return index;
        if (bar == std::string_view::npos) return -1;
        start = bar + 1;
        ++index;
    }
}

QString columnTypeName(ColumnType t) {
    switch (t) {
        case T::Id:
            return QStringLiteral("identifier");
        case T::Text:
            return QStringLiteral("text");
        case T::Code:
            return QStringLiteral("code");
        case T::Date:
            return QStringLiteral("date");
        case T::YearMonth:
            return QStringLiteral("year-month");
        case T::Integer:
            return QStringLiteral("integer");
        case T::Decimal:
            return QStringLiteral("decimal");
        case T::Flag:
            return QStringLiteral("flag");
        case T::Enum:
            return QStringLiteral("enumeration");
        case T::Lsoa:
            return QStringLiteral("LSOA code");
        case T::Practice:
            return QStringLiteral("practice code");
        case T::Person:
            return QStringLiteral("person reference");
    }
    return {};
}

QString dataSpecMarkdown() {
    QStringList out;
    out << QStringLiteral("# Linked extract: data specification") << QString()
        << QStringLiteral("Generated by `phm data-spec` from `core/base/dataspec.cpp`; a test keeps this file and the code identical.")
        << QString()
        << QStringLiteral(
               "An extract is a folder of CSV files: UTF-8 (a BOM is accepted), a header row, RFC 4180 quoting, "
               "`,` delimiter, ISO-8601 dates (`YYYY-MM-DD`). Columns are found by header name in any order; "
               "unknown columns are reported and ignored. Every event row carries the pseudonymised `person_id` "
               "that links it to `persons.csv`. Which clinical codes mean which condition is not in this "
               "specification: it lives in the code lists under `resources/codelists/`.")
        << QString();
    for (const FileSpec &f : dataSpec()) {
        out << QStringLiteral("## `%1` — %2").arg(QLatin1String(f.file), QLatin1String(f.title)) << QString()
            << QStringLiteral("Modelled on: %1. %2")
                   .arg(QLatin1String(f.modelledOn), f.required ? QStringLiteral("**Required file.**") : QStringLiteral("Optional file."))
            << QString() << QStringLiteral("| column | type | required | allowed values | meaning |")
            << QStringLiteral("|---|---|---|---|---|");
        for (const ColumnSpec &c : f.columns) {
            QString allowed = QLatin1String(c.allowed);
            allowed.replace(QLatin1Char('|'), QStringLiteral(", "));
            out << QStringLiteral("| `%1` | %2 | %3 | %4 | %5 |")
                       .arg(QLatin1String(c.name), columnTypeName(c.type), c.required ? QStringLiteral("yes") : QStringLiteral("no"),
                            allowed, QLatin1String(c.description));
        }
        out << QString();
    }
    out << QStringLiteral("## Reject reasons") << QString()
        << QStringLiteral("Each row is imported or written to `<project>.rejects/<file>` with its line number and one of these reasons:")
        << QString() << QStringLiteral("| reason | meaning |") << QStringLiteral("|---|---|")
        << QStringLiteral("| `malformed_row` | wrong number of fields, or broken quoting |")
        << QStringLiteral("| `invalid_utf8` | bytes that are not UTF-8 |")
        << QStringLiteral("| `missing_value` | a required column is empty |")
        << QStringLiteral("| `invalid_value` | not one of the allowed values, or not a number |")
        << QStringLiteral("| `invalid_date` | not a real `YYYY-MM-DD` date (or `YYYY-MM`), or outside 1880 to the extract end |")
        << QStringLiteral("| `date_order` | an end date before its start date |")
        << QStringLiteral("| `unknown_lsoa` | not an England LSOA 2011 code |")
        << QStringLiteral("| `unknown_practice` | not a `practice_code` in `practices.csv` |")
        << QStringLiteral("| `unknown_person` | `person_id` not imported from `persons.csv` |")
        << QStringLiteral("| `duplicate_id` | a `person_id` or `practice_code` seen before in the same file |")
        << QStringLiteral("| `duplicate_row` | an exact copy of an earlier row |")
        << QStringLiteral("| `outside_extract` | `programmes.csv`: enrolled before the extract starts or after it ends |")
        << QStringLiteral(
               "| `duplicate_enrolment` | `programmes.csv`: the same person enrolled in the same programme on the same date again |")
        << QString();
    return out.join(QLatin1Char('\n'));
}

}  // namespace phm::core
