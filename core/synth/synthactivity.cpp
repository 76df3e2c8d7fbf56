#include "synth/synthactivity.h"

#include "base/dates.h"
#include "synth/synthprogrammes.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <vector>

namespace phm::core::synth {

namespace {

struct Ctx {
    const SynthContext &sc;
    const SynthPerson &p;
    const std::string &pid;
    Rng &rng;
    RowSink &sink;
    Rng &side;    // the person's programme stream (synthprogrammes.h)
    int seq = 0;  // per-person row counter for record identifiers
    std::vector<Enrolment> enrolments;
    double years() const { return std::max(0.0, (p.obsEnd - p.obsStart) / 365.25); }
    int32_t dateIn(int32_t a, int32_t b) { return b <= a ? a : a + int32_t(rng.uniform() * (b - a)); }
    int32_t anyDate() { return dateIn(p.obsStart, p.obsEnd); }
    std::string id(char prefix) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%c%09lld%04d", prefix, static_cast<long long>(p.index), ++seq);
        return buf;
    }
};

double depIndex(int decile) { return (5.5 - decile) / 4.5; }

// Use of services rises with illness, frailty, deprivation and the latent z.
double intensity(const SynthPerson &p) {
    return std::exp(0.35 * p.z + 0.25 * depIndex(p.imdDecile)) * (1 + 0.3 * p.ltcCount()) * (1 + 0.08 * p.efiCount());
}

struct GpRow {
    int32_t date;
    std::string_view code;
    double value;
    std::string_view type;
    bool operator<(const GpRow &o) const { return std::tie(date, code, value) < std::tie(o.date, o.code, o.value); }
    bool operator==(const GpRow &o) const { return date == o.date && code == o.code && value == o.value; }
};

void medications(Ctx &c, std::vector<GpRow> &ev) {
    const SynthPerson &p = c.p;
    std::vector<std::string_view> meds;
    for (int k = 0; k < ConditionCount; ++k) {
        if (!p.conditions.test(size_t(k))) continue;
        std::string_view list(kConditions[size_t(k)].medications);
        while (!list.empty()) {
            const size_t semi = list.find(';');
            meds.push_back(list.substr(0, semi));
            list = semi == std::string_view::npos ? std::string_view{} : list.substr(semi + 1);
        }
    }
    if (p.efiCount() >= 5) {
        meds.push_back("387137007");  // omeprazole
        meds.push_back("387517004");  // paracetamol
    }
    std::sort(meds.begin(), meds.end());
    meds.erase(std::unique(meds.begin(), meds.end()), meds.end());
    // Repeat prescriptions: one issue about every six months while registered.
    for (std::string_view m : meds) {
        if (!c.rng.chance(0.85)) continue;  // not everyone with a condition is treated
        for (int32_t d = p.obsStart + c.rng.uniformInt(0, 150); d < p.obsEnd; d += 160 + c.rng.uniformInt(0, 40))
            ev.push_back({d, m, NAN, "medication"});
    }
}

void observations(Ctx &c, std::vector<GpRow> &ev) {
    const SynthPerson &p = c.p;
    if (p.age < 16) return;
    const bool cvd = p.has(Hypertension) || p.has(Diabetes) || p.has(Ckd) || p.has(Chd) || p.has(Stroke);
    for (int32_t y = p.obsStart; y < p.obsEnd; y += 365) {
        if (!(cvd || (p.age >= 40 && c.rng.chance(0.2)))) continue;
        const int32_t d = c.dateIn(y, std::min(p.obsEnd, y + 365));
        const double sbp = std::round(c.rng.normal(p.has(Hypertension) ? 138 : 126, 14));
        ev.push_back({d, kSystolicBp, sbp, "observation"});
        ev.push_back({d, kDiastolicBp, std::round(c.rng.normal(sbp * 0.58, 7)), "observation"});
    }
    if (p.has(Diabetes))
        for (int32_t d = p.obsStart + c.rng.uniformInt(0, 120); d < p.obsEnd; d += 150 + c.rng.uniformInt(0, 60))
            ev.push_back({d, kHba1c, std::round(std::max(35.0, c.rng.normal(56 + 4 * depIndex(p.imdDecile), 12))), "observation"});
    if (c.rng.chance(p.has(Obesity) ? 0.9 : 0.35))
        ev.push_back(
            {c.anyDate(), kBmi, std::round(10 * (p.has(Obesity) ? 30 + c.rng.gamma(2, 2.5) : c.rng.normal(26, 3.5))) / 10, "observation"});
    if (c.rng.chance(0.5)) {
        const double smoke = 0.13 * std::exp(0.45 * depIndex(p.imdDecile)) * (p.has(Copd) ? 2.5 : 1) * (p.age >= 65 ? 0.6 : 1);
        const double ex = p.age >= 50 ? 0.35 : 0.15;
        const double r = c.rng.uniform();
        ev.push_back({c.anyDate(), r < smoke ? kCurrentSmoker : r < smoke + ex ? kExSmoker : kNeverSmoked, NAN, "observation"});
    }
}

void gpEvents(Ctx &c) {
    const SynthPerson &p = c.p;
    static thread_local std::vector<GpRow> ev;
    ev.clear();
    for (int k = 0; k < ConditionCount; ++k)
        if (p.conditions.test(size_t(k))) ev.push_back({p.onset[size_t(k)], kConditions[size_t(k)].snomed, NAN, "diagnosis"});
    for (int d = 1; d <= 35; ++d) {
        const std::string &code = c.sc.deficitCode(d);
        if (code.empty() || !p.deficits.test(size_t(d))) continue;
        ev.push_back({std::min(p.obsEnd - 1, c.dateIn(std::max(p.birth + 365, p.obsEnd - 365 * 6), p.obsEnd)), code, NAN, "diagnosis"});
    }
    medications(c, ev);
    observations(c, ev);
    // Living people with life-limiting illness are on the palliative care register too
    // (QOF 2022/23 England: about 0.45% of registered patients).
    const bool lifeLimiting = p.has(Cancer) || p.has(HeartFailure) || p.has(Dementia) || p.efiCount() >= 13;
    if (!p.death && p.age >= 60 && lifeLimiting && c.rng.chance(std::min(0.6, 0.03 * (1 + 0.15 * p.efiCount()) * (p.has(Cancer) ? 3 : 1))))
        ev.push_back({c.dateIn(std::max(p.obsStart, p.obsEnd - 300), p.obsEnd), kPalliativeCare, NAN, "procedure"});
    if (p.death && c.rng.chance(0.45))
        ev.push_back({std::max(p.obsStart, p.death - c.rng.uniformInt(7, 200)), kPalliativeCare, NAN, "procedure"});
    std::sort(ev.begin(), ev.end());
    ev.erase(std::unique(ev.begin(), ev.end()), ev.end());
    for (const GpRow &r : ev) {
        CsvBuffer &b = c.sink.begin(Dataset::Gp);
        b.rawField(c.pid);
        b.date(r.date);
        b.rawField(r.code);
        if (std::isnan(r.value))
            b.empty();
        else
            b.decimal(r.value, r.code == kBmi ? 1 : 0);
        b.rawField(r.type);
        c.sink.end(Dataset::Gp);
    }
}

struct Dx {
    const char *icd;
    const char *hrg;
    double base;
};

Dx emergencyDiagnosis(Ctx &c) {
    const SynthPerson &p = c.p;
    static constexpr Dx options[] = {
        {"I50.0", "EB03C", 2900}, {"J44.1", "DZ65D", 2400}, {"J45.9", "DZ15P", 1300}, {"I21.4", "EB10C", 3300}, {"I20.0", "EB13C", 1700},
        {"I48.9", "EB07D", 1600}, {"I63.9", "AA35D", 4200}, {"E11.6", "KB02H", 1900}, {"F05.1", "WD11Z", 2600}, {"S72.0", "HT12C", 6800},
        {"R29.6", "WD11Z", 1500}, {"N39.0", "LA04N", 1700}, {"J18.9", "DZ11R", 2600}, {"R07.4", "EB12C", 700},  {"R10.4", "FD05B", 900},
        {"A09.9", "FD01J", 800},  {"K35.8", "FF10B", 3100}, {"S06.0", "AA26H", 1200}, {"L03.1", "JD07J", 1400}, {"R55", "EB08E", 1000},
        {"J21.9", "PD12C", 1100}, {"R50.9", "PW16D", 700},  {"J06.9", "CB02F", 600},
    };
    const bool frail = p.efiCount() >= 9, old = p.age >= 70, child = p.age < 16;
    const double w[] = {p.has(HeartFailure) ? 3.0 : 0.0,
                        p.has(Copd) ? 3.0 : 0.0,
                        p.has(Asthma) ? 1.2 : 0.0,
                        p.has(Chd) ? 1.0 : 0.05,
                        p.has(Chd) ? 1.0 : 0.0,
                        p.has(Af) ? 1.0 : 0.0,
                        p.has(Stroke) ? 0.8 : 0.15 * old,
                        p.has(Diabetes) ? 0.5 : 0.0,
                        p.has(Dementia) ? 0.8 : 0.0,
                        frail ? 0.8 : 0.05 * old,
                        frail ? 1.0 : 0.1 * old,
                        old ? 1.0 : 0.3,
                        old ? 1.3 : 0.4,
                        child ? 0.0 : 1.0,
                        1.2,
                        0.6,
                        p.age < 40 ? 0.4 : 0.1,
                        0.4,
                        0.5,
                        old ? 0.6 : 0.2,
                        p.age < 2 ? 3.0 : 0.0,
                        child ? 1.5 : 0.0,
                        child ? 1.0 : 0.1};
    double total = 0;
    for (double x : w) total += x;
    return options[c.rng.pick(w, total)];
}

std::string secondaryDiagnoses(const SynthPerson &p) {
    static constexpr const char *icd[ConditionCount] = {"I10",   "E11.9", "J45.9", "J44.9", "I25.1", "I48.9", "I50.9",
                                                        "N18.3", "I69.3", "C80.9", "F32.9", "F20.9", "F03",   "F79",
                                                        "G40.9", "M81.9", "M19.9", "E03.9", "I73.9", "E66.9"};
    std::string out;
    for (int k = 0; k < ConditionCount; ++k)
        if (p.conditions.test(size_t(k))) {
            if (!out.empty()) out += ';';
            out += icd[k];
        }
    return out;
}

void apcRow(Ctx &c, int32_t admit, int los, const char *method, const Dx &dx, double cost, bool withSecondaries) {
    CsvBuffer &b = c.sink.begin(Dataset::Apc);
    b.rawField(c.id('S'));
    b.rawField(c.pid);
    b.date(admit);
    const int32_t discharge = std::min(admit + los, c.sc.config().extractEnd + 60);
    b.date(discharge > c.sc.config().extractEnd ? kNoDate : discharge);
    b.rawField(method);
    b.rawField(dx.icd);
    b.field(withSecondaries ? secondaryDiagnoses(c.p) : std::string());
    b.rawField(dx.hrg);
    b.decimal(cost, 2);
    c.sink.end(Dataset::Apc);
}

void aeRow(Ctx &c, int32_t date, bool admitted, bool ambulance) {
    const int acuity = admitted ? (c.rng.chance(0.3)    ? 2
                                   : c.rng.chance(0.08) ? 1
                                                        : 3)
                                : 2 + int(c.rng.pick(std::array{0.05, 0.45, 0.38, 0.12}, 1.0));
    static constexpr const char *dest[] = {"home", "referred", "transferred", "left", "other"};
    CsvBuffer &b = c.sink.begin(Dataset::Ae);
    b.rawField(c.id('A'));
    b.rawField(c.pid);
    b.date(date);
    b.integer(acuity);
    b.rawField(ambulance ? "ambulance" : c.rng.chance(0.95) ? "walk_in" : "other");
    b.rawField(admitted ? "admitted" : dest[c.rng.pick(std::array{0.72, 0.17, 0.03, 0.06, 0.02}, 1.0)]);
    b.decimal(std::array{480.0, 390.0, 290.0, 210.0, 140.0}[size_t(acuity - 1)] * (0.85 + 0.3 * c.rng.uniform()), 2);
    c.sink.end(Dataset::Ae);
}

void ambulanceRow(Ctx &c, int32_t date, bool conveyed) {
    CsvBuffer &b = c.sink.begin(Dataset::Ambulance);
    b.rawField(c.id('E'));
    b.rawField(c.pid);
    b.date(date);
    b.integer(1 + int(c.rng.pick(std::array{0.08, 0.60, 0.25, 0.05, 0.02}, 1.0)));
    b.rawField(conveyed ? "Y" : "N");
    b.decimal(conveyed ? 460 : c.rng.chance(0.7) ? 330 : 50, 2);
    c.sink.end(Dataset::Ambulance);
}

int lengthOfStay(Ctx &c, bool emergency) {
    const int age = c.p.age;
    const double mean = emergency ? (age < 18 ? 1.0 : age < 65 ? 3.0 : age < 80 ? 6.0 : 9.0) * (1 + 0.05 * c.p.efiCount()) : 1.2;
    if (c.rng.chance(emergency ? 0.25 : 0.7)) return 0;  // same-day
    return 1 + c.rng.poisson(mean * c.rng.gamma(1.5, 1 / 1.5));
}

void acute(Ctx &c) {
    const SynthPerson &p = c.p;
    const double y = c.years();
    if (y <= 0) return;
    const double m = intensity(p);
    static constexpr double emergencyBase[7] = {0.045, 0.035, 0.04, 0.045, 0.06, 0.09, 0.15};
    const double eRate = (p.age < 5 ? 0.07 : p.age < 18 ? 0.025 : emergencyBase[ageBand7(p.age)]) * m * c.rng.gamma(0.7, 1 / 0.7);
    int emergencies = c.rng.poisson(eRate * y);
    std::vector<int32_t> eDates;
    for (int k = 0; k < emergencies; ++k) eDates.push_back(c.anyDate());
    if (p.death && c.rng.chance(0.55)) eDates.push_back(std::max(p.obsStart, p.death - c.rng.uniformInt(0, 30)));
    c.enrolments = enrol(c.sc, p, eDates, c.side);
    for (int32_t d : eDates) {
        if (!c.enrolments.empty() && c.side.chance(emergencyAvoided(c.enrolments, d))) continue;  // avoided by a programme
        const bool viaAe = c.rng.chance(0.75);
        const bool ambulance = viaAe && c.rng.chance(std::min(0.75, 0.25 + 0.006 * p.age));
        if (viaAe) aeRow(c, d, true, ambulance);
        if (ambulance) ambulanceRow(c, d, true);
        const Dx dx = emergencyDiagnosis(c);
        const int los = lengthOfStay(c, true);
        const char *method = viaAe ? "21" : std::array{"22", "23", "24", "28"}[size_t(c.rng.uniformInt(0, 3))];
        apcRow(c, d, los, method, dx, dx.base * (0.8 + 0.4 * c.rng.uniform()) + 350.0 * std::max(0, los - 2), true);
    }
    // A&E attendances that end without admission.
    static constexpr double aeBase[7] = {0.28, 0.32, 0.24, 0.2, 0.2, 0.22, 0.35};
    const double aeRate = (p.age < 5 ? 0.45 : aeBase[ageBand7(p.age)]) * std::pow(m, 0.7) * c.rng.gamma(1.0, 1.0);
    const int attendances = c.rng.poisson(aeRate * y);
    for (int k = 0; k < attendances; ++k) {
        const int32_t d = c.anyDate();
        if (!c.enrolments.empty() && c.side.chance(aeAvoided(c.enrolments, d, 0.75 * eRate, aeRate))) continue;
        const bool ambulance = c.rng.chance(std::min(0.5, 0.08 + 0.004 * p.age));
        aeRow(c, d, false, ambulance);
        if (ambulance) ambulanceRow(c, d, true);
    }
    const int notConveyed = c.rng.poisson(0.02 * m * (p.age >= 75 ? 3 : 1) * y);
    for (int k = 0; k < notConveyed; ++k) ambulanceRow(c, c.anyDate(), false);
    // Elective and day-case care.
    const int electives = c.rng.poisson((0.03 + 0.004 * p.age) * (1 + 0.2 * p.ltcCount()) * y);
    static constexpr Dx elective[] = {{"H25.9", "BZ34B", 950}, {"M17.1", "HN22C", 6400}, {"K40.9", "FF61C", 1900}, {"K80.2", "GA10J", 3100},
                                      {"N40", "LB25F", 1600},  {"K57.3", "FE21Z", 700},  {"M23.2", "HT23C", 1900}};
    for (int k = 0; k < electives; ++k) {
        const Dx dx = elective[c.rng.uniformInt(0, 6)];
        const int los = dx.base > 5000 ? 3 + c.rng.poisson(1) : lengthOfStay(c, false);
        apcRow(c, c.anyDate(), los, std::array{"11", "11", "12", "13"}[size_t(c.rng.uniformInt(0, 3))], dx,
               dx.base * (0.9 + 0.2 * c.rng.uniform()), false);
    }
    if (p.has(Cancer) && p.onset[Cancer] > c.sc.config().extractStart - 365 && c.rng.chance(0.6)) {
        const int cycles = 3 + c.rng.poisson(3);
        int32_t d = std::max(p.obsStart, p.onset[Cancer] + 30);
        for (int k = 0; k < cycles && d < p.obsEnd; ++k, d += 21) apcRow(c, d, 0, "12", {"Z51.1", "SB12Z", 480}, 480, false);
    }
    // Births: women aged 16-44, about 6% a year.
    if (p.female && p.age >= 16 && p.age <= 44 && c.rng.chance(0.06 * y)) {
        const int32_t delivery = c.anyDate();
        const bool caesarean = c.rng.chance(0.32);
        apcRow(c, delivery, caesarean ? 3 : 1, "31", caesarean ? Dx{"O82", "NZ50A", 4300} : Dx{"O80", "NZ30A", 2300},
               (caesarean ? 4300 : 2300) * (0.9 + 0.2 * c.rng.uniform()), false);
        CsvBuffer &b = c.sink.begin(Dataset::Gp);
        b.rawField(c.pid);
        b.date(std::max(p.obsStart, delivery - 220));
        b.rawField(kPregnancy);
        b.empty();
        b.rawField("diagnosis");
        c.sink.end(Dataset::Gp);
    }
}

void outpatients(Ctx &c) {
    const SynthPerson &p = c.p;
    const int n = c.rng.poisson((0.3 + 0.01 * p.age + 0.3 * p.ltcCount()) * std::exp(0.2 * p.z) * c.years());
    for (int k = 0; k < n; ++k) {
        const char *tfc = "300";
        if (p.age < 16)
            tfc = "420";
        else if (p.has(Cancer) && c.rng.chance(0.4))
            tfc = "370";
        else if ((p.has(Chd) || p.has(Af) || p.has(HeartFailure)) && c.rng.chance(0.4))
            tfc = "320";
        else if ((p.has(Copd) || p.has(Asthma)) && c.rng.chance(0.3))
            tfc = "340";
        else if (p.has(Diabetes) && c.rng.chance(0.3))
            tfc = "307";
        else if (p.has(Ckd) && c.rng.chance(0.3))
            tfc = "361";
        else if (p.has(Arthritis) && c.rng.chance(0.4))
            tfc = "110";
        else
            tfc = std::array{"100", "101", "120", "130", "330", "502", "410", "430", "400"}[size_t(c.rng.uniformInt(0, 8))];
        const double dna = 0.06 * std::exp(0.4 * depIndex(p.imdDecile));
        const double r = c.rng.uniform();
        const char *status = r < dna ? "3" : r < dna + 0.04 ? "2" : r < dna + 0.07 ? "4" : r < dna + 0.08 ? "7" : "5";
        const bool first = c.rng.chance(0.35);
        CsvBuffer &b = c.sink.begin(Dataset::Op);
        b.rawField(c.id('O'));
        b.rawField(c.pid);
        b.date(c.anyDate());
        b.rawField(tfc);
        b.rawField(first ? "1" : "2");
        b.rawField(status);
        if (status[0] == '5')
            b.decimal((first ? 210 : 120) * (0.85 + 0.3 * c.rng.uniform()), 2);
        else
            b.empty();
        c.sink.end(Dataset::Op);
    }
}

void communityCare(Ctx &c) {
    const SynthPerson &p = c.p;
    const double y = c.years();
    // Mental health services.
    const double mhActive = p.has(Smi) ? 0.8 : p.has(Dementia) ? 0.3 : p.has(Depression) ? 0.12 : (p.flags & SubstanceMisuse) ? 0.2 : 0.01;
    if (c.rng.chance(mhActive)) {
        const int n = 1 + c.rng.poisson((p.has(Smi) ? 9 : 4) * y * c.rng.gamma(1.2, 1 / 1.2));
        const char *team = p.has(Smi) ? (p.age < 35 && c.rng.chance(0.5) ? "A14" : "A06") : p.has(Dementia) ? "A07" : "A05";
        for (int k = 0; k < n; ++k) {
            const bool crisis = p.has(Smi) && c.rng.chance(0.08);
            const bool phone = c.rng.chance(0.3);
            const bool attended = c.rng.chance(0.88);
            CsvBuffer &b = c.sink.begin(Dataset::Mh);
            b.rawField(c.id('M'));
            b.rawField(c.pid);
            b.date(c.anyDate());
            b.rawField(crisis ? "A02" : team);
            b.rawField(phone ? "telephone" : c.rng.chance(0.1) ? "video" : "face_to_face");
            b.rawField(attended ? "1" : "0");
            if (attended)
                b.decimal(phone ? 85 : 165, 2);
            else
                b.empty();
            c.sink.end(Dataset::Mh);
        }
    }
    // Community health services.
    const int efi = p.efiCount();
    const double chActive = efi >= 9 ? 0.6 : p.age >= 80 ? 0.35 : p.ltcCount() >= 2 ? 0.12 : 0.03;
    if (c.rng.chance(chActive)) {
        const int n = 1 + c.rng.poisson((efi >= 9 ? 12 : 4) * y * c.rng.gamma(1.0, 1.0));
        for (int k = 0; k < n; ++k) {
            const char *service =
                efi >= 9 && c.rng.chance(0.6)
                    ? "district_nursing"
                    : std::array{"community_matron",     "physiotherapy",       "podiatry",
                                 "occupational_therapy", "speech_and_language", "rehabilitation"}[size_t(c.rng.uniformInt(0, 5))];
            CsvBuffer &b = c.sink.begin(Dataset::Community);
            b.rawField(c.id('C'));
            b.rawField(c.pid);
            b.date(c.anyDate());
            b.rawField(p.death && c.rng.chance(0.2) ? "palliative_care" : service);
            b.decimal(60 + 30 * c.rng.uniform(), 2);
            c.sink.end(Dataset::Community);
        }
    }
    // Adult social care.
    if (p.age < 18) return;
    double asc = p.age >= 85 ? 0.12 : p.age >= 65 ? 0.025 : 0.004;
    asc *= (efi >= 13 ? 4 : efi >= 9 ? 2 : 1) * (p.has(Dementia) ? 3 : 1) * (p.has(LearningDisability) ? 12 : 1);
    if (!(p.flags & CareHome) && !c.rng.chance(std::min(0.9, asc))) return;
    const char *type = (p.flags & CareHome) ? (c.rng.chance(0.4) ? "nursing" : "residential")
                       : p.has(LearningDisability) && c.rng.chance(0.5)
                           ? "direct_payment"
                           : std::array{"home_care", "home_care", "day_care", "reablement", "equipment"}[size_t(c.rng.uniformInt(0, 4))];
    const double weekly = std::string_view(type) == "nursing"       ? 1150
                          : std::string_view(type) == "residential" ? 900
                          : std::string_view(type) == "equipment"   ? 15
                                                                    : 250 + 350 * c.rng.uniform();
    const int32_t start = c.rng.chance(0.6) ? p.obsStart - c.rng.uniformInt(30, 1500) : c.anyDate();
    int32_t end = std::string_view(type) == "reablement" ? start + 42 : p.death ? p.death : 0;
    if (end > c.sc.config().extractEnd) end = 0;
    CsvBuffer &b = c.sink.begin(Dataset::Asc);
    b.rawField(c.id('W'));
    b.rawField(c.pid);
    b.rawField(type);
    b.date(start);
    b.date(end ? end : kNoDate);
    b.decimal(weekly, 2);
    c.sink.end(Dataset::Asc);
}

void enrolments(Ctx &c) {
    for (const Enrolment &e : c.enrolments) {
        CsvBuffer &b = c.sink.begin(Dataset::Programmes);
        b.rawField(c.pid);
        b.rawField(kProgrammes[size_t(e.programme)].name);
        b.date(e.enrolled);
        b.date(e.ended ? e.ended : kNoDate);
        b.rawField(e.referral);
        c.sink.end(Dataset::Programmes);
        c.sink.enrolled(e.programme);
    }
}

}  // namespace

void writeActivity(const SynthContext &ctx, const SynthPerson &p, const std::string &personId, Rng &rng, RowSink &sink) {
    Rng side(mixSeed(ctx.config().seed ^ 0x5EED9A0ULL, uint64_t(p.index)));
    Ctx c{ctx, p, personId, rng, sink, side, 0, {}};
    gpEvents(c);
    acute(c);
    outpatients(c);
    communityCare(c);
    enrolments(c);
}

}  // namespace phm::core::synth
