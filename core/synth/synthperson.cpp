#include "synth/synthperson.h"

#include "base/dates.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace phm::core::synth {

int SynthPerson::ltcCount() const {
    int n = 0;
    for (int c = 0; c < ConditionCount; ++c)
        if (c != Obesity && conditions.test(size_t(c))) ++n;
    return n;
}

namespace {
int sampleAge(const std::array<double, 6> &bands, Rng &rng) {
    static constexpr int lo[6] = {0, 16, 25, 35, 50, 65};
    static constexpr int hi[6] = {15, 24, 34, 49, 64, 104};
    double total = 0;
    for (double b : bands) total += b;
    const size_t band = rng.pick(bands, total);
    if (band < 5) return rng.uniformInt(lo[band], hi[band]);
    // 65+: shares of the five-year bands among England's over-65s (ONS mid-year estimates,
    // rounded): 65-69 27%, 70-74 26%, 75-79 20%, 80-84 16%, 85-89 7%, 90+ 4%.
    static constexpr std::array<double, 6> old = {0.27, 0.26, 0.20, 0.16, 0.07, 0.04};
    const size_t b = rng.pick(old, 1.0);
    if (b < 5) return 65 + 5 * int(b) + rng.uniformInt(0, 4);
    return std::min(104, 90 + int(-std::log(1 - rng.uniform()) / 0.3));
}

double odds(double p) { return p / (1 - p); }
double prob(double o) { return o / (1 + o); }
double depIndex(int decile) { return (5.5 - decile) / 4.5; }  // +1 most deprived, -1 least

int pickEthnicity(const SynthContext &ctx, int place, int decile, int age, Rng &rng) {
    auto w = ctx.ethnicityMix(place);
    // Minority groups are younger and more often live in the more deprived neighbourhoods.
    const double minority = std::exp(0.35 * depIndex(decile)) * (age >= 65 ? 0.45 : age < 18 ? 1.3 : 1.0);
    for (size_t e = 1; e < 16; ++e) w[e] *= minority;
    double total = 0;
    for (double x : w) total += x;
    return int(rng.pick(w, total));
}

void assignConditions(SynthPerson &p, Rng &rng, int32_t dataEnd) {
    const int band = ageBand7(p.age);
    const double d = depIndex(p.imdDecile);
    for (int c = 0; c < ConditionCount; ++c) {
        const ConditionModel &m = kConditions[size_t(c)];
        const double p0 = m.pct[size_t(band)] / 100.0;
        if (p0 <= 0) continue;
        double o = odds(p0);
        o *= std::pow(m.maleRatio, p.female ? -0.5 : 0.5);
        o *= std::pow(m.deprivationRatio, d / 2.0);
        if (p.isSouthAsian()) o *= m.southAsian;
        if (p.isBlack()) o *= m.black;
        o *= std::exp(m.latent * p.z - m.latent * m.latent / 2.0);
        if (!rng.chance(prob(o))) continue;
        p.conditions.set(size_t(c));
        const int minAge = (c == Asthma || c == LearningDisability || c == Epilepsy || c == Obesity) ? 1 : std::min(p.age, 18);
        const int32_t earliest = std::max(p.birth + minAge * 365, daysFromCivil(1995, 1, 1));
        p.onset[size_t(c)] = earliest + int32_t(rng.uniform() * std::max(1, dataEnd - earliest));
        if (m.efiDeficit) p.deficits.set(size_t(m.efiDeficit));
    }
    if (p.has(LearningDisability)) p.flags |= LearningDisabilityFlag;
}

double ageFactor(int age) {
    return age < 40 ? 0.02 : age < 50 ? 0.06 : age < 60 ? 0.12 : age < 70 ? 0.25 : age < 80 ? 0.5 : age < 85 ? 0.8 : 1.0;
}

// Calibrates the drawn deficits so the eFI categories of people aged 65+ come close to Clegg et
// al. 2016 (about 50% fit, 35% mild, 12% moderate, 3% severe); see docs/synthetic-data.md.
constexpr double kDeficitScale = 1.6;

void assignFrailtyAndFlags(SynthPerson &p, Rng &rng) {
    const double d = depIndex(p.imdDecile);
    for (const DeficitModel &m : kOtherDeficits) {
        if (m.p85 <= 0) continue;
        const double pr =
            std::min(0.95, kDeficitScale * m.p85 * ageFactor(p.age) * std::exp(m.latent * p.z - m.latent * m.latent / 2.0 + 0.15 * d));
        if (rng.chance(pr)) p.deficits.set(size_t(m.number));
    }
    if (rng.chance(std::min(0.9, 0.06 * ageFactor(p.age) * std::exp(0.6 * p.z)))) p.deficits.set(35);
    const int n = p.efiCount();
    if (p.age >= 18) {
        if (rng.chance((p.age >= 50 && p.age < 65 ? 0.10 : 0.05) * (p.female ? 1.3 : 0.8))) p.flags |= Carer;
        if (rng.chance(p.age >= 80 ? 0.45 : p.age >= 65 ? 0.30 : 0.12)) p.flags |= LivesAlone;
        if (p.age < 65 && rng.chance(0.0022 * std::exp(1.2 * d) * (p.female ? 0.5 : 1.5))) p.flags |= Homeless;
        if (p.age < 70 && rng.chance(0.010 * std::exp(0.6 * d) * (p.female ? 0.6 : 1.5))) p.flags |= SubstanceMisuse;
        if (p.age < 46 && !p.female && rng.chance(0.006 * std::exp(0.6 * d))) p.flags |= Offender;
    }
    if (p.age >= 65) {
        const double housebound = (p.age >= 85 ? 0.12 : p.age >= 75 ? 0.035 : 0.01) * std::exp(0.12 * n);
        if (rng.chance(std::min(0.8, housebound))) {
            p.flags |= Housebound;
            p.deficits.set(16);
        }
        const double careHome = (p.age >= 85 ? 0.06 : p.age >= 75 ? 0.012 : 0.003) * (p.has(Dementia) ? 5.0 : 1.0) * std::exp(0.08 * n);
        if (rng.chance(std::min(0.85, careHome))) {
            p.flags |= CareHome;
            p.flags &= uint8_t(~LivesAlone);
            p.deficits.set(26);
        }
    }
}

void assignRegistration(SynthPerson &p, const GeneratorConfig &cfg, Rng &rng) {
    const int32_t start = cfg.extractStart, end = cfg.extractEnd, span = end - start;
    // Newcomers (births in the window and people moving in) join during the window.
    const bool bornInWindow = p.birth > start;
    const double moverRate = (p.age >= 18 && p.age < 35) ? 0.09 : p.age >= 65 ? 0.02 : 0.045;
    if (bornInWindow)
        p.regStart = p.birth + rng.uniformInt(7, 42);
    else if (rng.chance(moverRate))
        p.regStart = start + int32_t(rng.uniform() * span);
    else
        p.regStart = std::max(p.birth + 14, start - int32_t(rng.uniform() * 365 * std::min(p.age, 25)) - 1);
    p.regStart = std::min(p.regStart, end - 1);
    // Leavers move away; others may die (Gompertz hazard raised by illness, frailty and deprivation).
    if (rng.chance(moverRate * 0.8)) {
        p.regEnd = std::max(p.regStart + 30, start + int32_t(rng.uniform() * span));
        if (p.regEnd >= end) p.regEnd = 0;
    }
    double h = std::exp(-10.8 + 0.094 * p.age) * (1 + 0.12 * p.ltcCount()) * std::exp(0.3 * p.z + 0.12 * depIndex(p.imdDecile));
    if (p.has(Cancer)) h *= 1.8;
    if (p.has(HeartFailure)) h *= 1.7;
    if (p.has(Dementia)) h *= 2.0;
    if (p.age < 1) h += 0.003;
    h = std::min(0.7, h);
    const double pDie = 1 - (1 - h) * (1 - h);
    if (!p.regEnd && rng.chance(pDie)) {
        p.death = std::max(p.regStart + 1, start + int32_t(rng.uniform() * span));
        if (p.death >= end) p.death = end - 1;
        p.regEnd = p.death;
    }
    p.obsStart = std::max(start, p.regStart);
    p.obsEnd = p.regEnd ? p.regEnd : end;
}
}  // namespace

SynthPerson makePerson(const SynthContext &ctx, int64_t index, Rng &rng) {
    const GeneratorConfig &cfg = ctx.config();
    SynthPerson p;
    p.index = index;
    p.lsoa = ctx.lsoaOf(index);
    p.place = ctx.placeIndex(p.lsoa);
    p.imdDecile = ctx.ref().blmkLsoas()[size_t(p.lsoa)].imdDecile;
    p.age = sampleAge(ctx.ageBands(p.lsoa), rng);
    const double femaleShare = p.age >= 85 ? 0.64 : p.age >= 65 ? 0.54 : 0.49;
    p.female = rng.chance(femaleShare);
    p.birth = cfg.extractEnd - p.age * 365 - int32_t(p.age / 4) - rng.uniformInt(0, 364);
    p.ethnicity = pickEthnicity(ctx, p.place, p.imdDecile, p.age, rng);
    p.practice = ctx.pickPractice(p.lsoa, rng);
    p.z = rng.normal();
    assignConditions(p, rng, cfg.extractEnd);
    assignFrailtyAndFlags(p, rng);
    assignRegistration(p, cfg, rng);
    for (int c = 0; c < ConditionCount; ++c)
        if (p.conditions.test(size_t(c))) p.onset[size_t(c)] = std::min(p.onset[size_t(c)], p.obsEnd - 1);
    return p;
}

}  // namespace phm::core::synth
