#pragma once
// Programme enrolments in the synthetic extract (programmes.csv) and what the programmes do.
// Enrolment mimics real case finding: older, frailer, more deprived people and those just admitted
// as an emergency are more likely to be enrolled, so a naive comparison is biased. One programme
// avoids some emergency admissions and A&E attendances from enrolment on, building up over three
// months; the other does nothing. docs/synthetic-data.md gives the models; manifest.json the truth.
#include "synth/synthcontext.h"
#include "synth/synthperson.h"

#include <array>
#include <vector>

namespace phm::core::synth {

struct ProgrammeModel {
    const char *name;
    // Relative change in the outcome averaged over the first 12 months after enrolment (the
    // quantity an evaluation with the default 12-month window estimates); 0 = none.
    double emergencyEffect, aeEffect;
};
inline constexpr int kBuildUpDays = 91;  // the effect grows linearly to its full size over 3 months
inline constexpr std::array<ProgrammeModel, 2> kProgrammes = {{
    {"Proactive care", -0.20, -0.10},
    {"Social prescribing", 0.0, 0.0},
}};
// The full (steady-state) effect that averages to `average` over 12 months with the build-up.
double steadyEffect(double average);

struct Enrolment {
    int programme = 0;                // index into kProgrammes
    int32_t enrolled = 0, ended = 0;  // ended 0 = still enrolled
    const char *referral = "";
};

// Who is enrolled in what, decided from the person and their emergency admission dates (before
// any of their rows is written). `side` is the person's own stream, so people never enrolled get
// exactly the records they would have had without programmes.
std::vector<Enrolment> enrol(const SynthContext &ctx, const SynthPerson &p, const std::vector<int32_t> &emergencyDates, Rng &side);

// The share of the full effect reached on `day` (0 before enrolment, 1 after the build-up).
double effectReached(const Enrolment &e, int32_t day);
// The probability that an emergency admission on `day` does not happen, given the enrolments.
double emergencyAvoided(const std::vector<Enrolment> &enrolments, int32_t day);
// The same for an A&E attendance that ends without admission. `admittedRate` and `otherRate`
// are the person's expected rates of A&E attendances ending in admission and not; the chance is
// chosen so that all the person's A&E attendances fall by the programme's A&E effect.
double aeAvoided(const std::vector<Enrolment> &enrolments, int32_t day, double admittedRate, double otherRate);

}  // namespace phm::core::synth
