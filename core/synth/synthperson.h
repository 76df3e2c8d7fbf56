#pragma once
// One synthetic person before any activity is generated.
#include "synth/synthcontext.h"
#include "synth/synthmodel.h"

#include <array>
#include <bitset>
#include <cstdint>

namespace phm::core::synth {

struct SynthPerson {
    int64_t index = 0;
    int lsoa = 0;
    int place = 0;
    int practice = 0;  // index into ReferenceData::practices()
    bool female = false;
    int32_t birth = 0;  // days since epoch (day is synthetic; only year-month is written)
    int age = 0;        // at the extract end
    int ethnicity = 0;  // index into the persons.csv ethnicity enumeration
    int imdDecile = 5;
    double z = 0;  // latent ill-health: drives multimorbidity and use
    std::bitset<ConditionCount> conditions;
    std::array<int32_t, ConditionCount> onset{};
    std::bitset<37> deficits;                     // eFI deficits by number (1..36)
    uint8_t flags = 0;                            // bit order of kPersonFlags
    int32_t regStart = 0, regEnd = 0, death = 0;  // 0 = none for regEnd/death
    int32_t obsStart = 0, obsEnd = 0;             // window in which activity can happen
    int ltcCount() const;
    int efiCount() const { return int(deficits.count()); }
    bool isSouthAsian() const { return ethnicity >= 7 && ethnicity <= 10; }
    bool isBlack() const { return ethnicity >= 11 && ethnicity <= 13; }
    bool has(Condition c) const { return conditions.test(size_t(c)); }
};

enum Flag : uint8_t {
    Carer = 1,
    Housebound = 2,
    CareHome = 4,
    Homeless = 8,
    SubstanceMisuse = 16,
    LearningDisabilityFlag = 32,
    LivesAlone = 64,
    Offender = 128
};

SynthPerson makePerson(const SynthContext &ctx, int64_t index, Rng &rng);

}  // namespace phm::core::synth
