#include "synth/synthprogrammes.h"

#include <algorithm>
#include <cmath>

namespace phm::core::synth {

namespace {
double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }
double deprivation(int decile) { return (5.5 - decile) / 4.5; }  // +1 most deprived, -1 least

bool registeredOn(const SynthPerson &p, int32_t day) {
    return p.regStart <= day && (p.regEnd == 0 || p.regEnd > day) && (p.death == 0 || p.death > day);
}

// The chance of enrolment in programme k for someone who is eligible on the day.
double enrolmentChance(int k, const SynthPerson &p, int age, int priorEmergencies) {
    const double dep = deprivation(p.imdDecile), ltc = std::min(6, p.ltcCount());
    if (k == 0)  // proactive care: case finding among the old, frail, multimorbid and just admitted
        return logistic(-6.2 + 0.06 * (age - 50) + 0.10 * p.efiCount() + 0.30 * ltc + 0.30 * dep + 1.3 * (priorEmergencies >= 1) +
                        0.5 * (priorEmergencies >= 2));
    // social prescribing: deprivation, loneliness and low mood
    return logistic(-5.35 + 0.6 * dep + 0.25 * ltc + 0.9 * p.has(Depression) + 0.5 * bool(p.flags & LivesAlone) - 0.01 * (age - 50) +
                    0.6 * (priorEmergencies >= 1));
}

const char *referralSource(int k, int priorEmergencies, Rng &side) {
    if (k == 0) return priorEmergencies >= 1 && side.chance(0.7) ? "hospital" : side.chance(0.85) ? "gp" : "community";
    static constexpr const char *sources[] = {"gp", "self", "community", "social_care", "other"};
    return sources[side.pick(std::array{0.60, 0.15, 0.10, 0.10, 0.05}, 1.0)];
}

double combine(const std::vector<Enrolment> &enrolments, int32_t day, double (*share)(const Enrolment &, int32_t)) {
    double kept = 1;
    for (const Enrolment &e : enrolments) kept *= 1 - std::clamp(share(e, day), 0.0, 1.0);
    return 1 - kept;
}
}  // namespace

double steadyEffect(double average) { return average / (1.0 - 0.5 * kBuildUpDays / 365.25); }

std::vector<Enrolment> enrol(const SynthContext &ctx, const SynthPerson &p, const std::vector<int32_t> &emergencyDates, Rng &side) {
    std::vector<Enrolment> out;
    const int32_t end = ctx.config().extractEnd;
    // Enrolments run for three months, a year before the extract ends: 12 months of history
    // before and 9 to 12 months of follow-up after every enrolment in the default two-year extract.
    const int32_t from = end - 365, to = end - 275;
    for (int k = 0; k < int(kProgrammes.size()); ++k) {
        const int32_t day = from + int32_t(side.uniform() * (to - from));
        const double u = side.uniform();
        const int age = p.age - int((end - day) / 365.25);
        if (age < 18 || !registeredOn(p, day)) continue;
        int prior = 0;
        for (int32_t d : emergencyDates) prior += d >= day - 365 && d < day;
        if (u >= enrolmentChance(k, p, age, prior)) continue;
        Enrolment e{k, day, 0, referralSource(k, prior, side)};
        if (side.chance(k == 0 ? 0.6 : 0.8)) e.ended = day + (k == 0 ? side.uniformInt(90, 270) : side.uniformInt(56, 120));
        if (p.death && (e.ended == 0 || p.death < e.ended)) e.ended = p.death;
        if (e.ended > end) e.ended = 0;
        out.push_back(e);
    }
    return out;
}

double effectReached(const Enrolment &e, int32_t day) {
    if (day < e.enrolled) return 0;
    return std::min(1.0, double(day - e.enrolled) / kBuildUpDays);
}

double emergencyAvoided(const std::vector<Enrolment> &enrolments, int32_t day) {
    return combine(enrolments, day, [](const Enrolment &e, int32_t d) {
        return -steadyEffect(kProgrammes[size_t(e.programme)].emergencyEffect) * effectReached(e, d);
    });
}

double aeAvoided(const std::vector<Enrolment> &enrolments, int32_t day, double admittedRate, double otherRate) {
    double kept = 1;
    for (const Enrolment &e : enrolments) {
        const ProgrammeModel &m = kProgrammes[size_t(e.programme)];
        if (otherRate <= 0 || m.aeEffect == 0) continue;
        // Avoided admissions take their A&E attendance with them; the attendances that end at home
        // fall by what is left of the A&E effect.
        const double wanted = -steadyEffect(m.aeEffect) * (admittedRate + otherRate) + steadyEffect(m.emergencyEffect) * admittedRate;
        kept *= 1 - std::clamp(effectReached(e, day) * wanted / otherRate, 0.0, 1.0);
    }
    return 1 - kept;
}

}  // namespace phm::core::synth
