#pragma once
// Parameters of the synthetic population. Sources and reasoning are in docs/synthetic-data.md.
// Prevalences are percentages by age band (0-17, 18-39, 40-49, 50-59, 60-69, 70-79, 80+),
// chosen so that all-age prevalence lands near the published QOF 2022/23 England figures.
#include <array>
#include <cstdint>

namespace phm::core::synth {

enum Condition : int {
    Hypertension,
    Diabetes,
    Asthma,
    Copd,
    Chd,
    Af,
    HeartFailure,
    Ckd,
    Stroke,
    Cancer,
    Depression,
    Smi,
    Dementia,
    LearningDisability,
    Epilepsy,
    Osteoporosis,
    Arthritis,
    Hypothyroidism,
    Pad,
    Obesity,
    ConditionCount
};

struct ConditionModel {
    const char *key;     // code list name in resources/codelists/<key>.csv
    const char *snomed;  // code the generator records (also in the code list)
    std::array<double, 7> pct;
    double maleRatio;         // odds multiplier for men relative to women
    double deprivationRatio;  // odds ratio most vs least deprived decile
    double southAsian;        // odds multiplier for ethnic groups H, J, K, L
    double black;             // odds multiplier for ethnic groups M, N, P
    double latent;            // weight on the person's latent ill-health z (multimorbidity)
    int efiDeficit;           // eFI deficit number this condition also counts as (0 = none)
    const char *medications;  // SNOMED CT substance codes issued while the condition is present, ';'-separated
};

// clang-format off
inline constexpr std::array<ConditionModel, ConditionCount> kConditions = {{
    {"hypertension", "38341003", {0.0, 1.7, 7.2, 16.5, 32, 47, 60}, 1.15, 1.25, 1.2, 1.5, 0.45, 17, "386864001;386872004"},
    {"diabetes", "44054006", {0.15, 1.5, 5.8, 11, 16, 20.5, 19.5}, 1.35, 1.9, 2.4, 1.9, 0.55, 7, "372567009"},
    {"asthma", "195967001", {5.0, 6.5, 6.5, 6.5, 7, 7.5, 7}, 0.85, 1.3, 1.0, 1.0, 0.35, 27, "372897005;116601002"},
    {"copd", "13645005", {0.0, 0.1, 0.8, 2.3, 4.8, 7.8, 9}, 1.1, 2.8, 0.5, 0.5, 0.6, 27, "372905008;372897005"},
    {"chd", "53741008", {0.0, 0.1, 1.0, 3.0, 7.2, 12.5, 18}, 1.9, 1.6, 1.5, 0.8, 0.6, 19, "387458008;373444002"},
    {"af", "49436004", {0.0, 0.05, 0.35, 1.1, 3.8, 9, 16.5}, 1.35, 0.95, 0.6, 0.6, 0.5, 4, "698090000;386868003"},
    {"heart_failure", "84114007", {0.0, 0.05, 0.25, 0.7, 1.8, 4.2, 9}, 1.45, 1.6, 1.0, 1.0, 0.75, 14, "387475002;386868003"},
    {"ckd", "433144002", {0.0, 0.25, 0.8, 2.5, 6.8, 16, 32}, 0.85, 1.3, 1.3, 1.3, 0.55, 6, ""},
    {"stroke", "230690007", {0.0, 0.1, 0.5, 1.3, 3.1, 6.3, 10}, 1.2, 1.5, 1.2, 1.3, 0.6, 5, "387458008;373444002"},
    {"cancer", "363346000", {0.12, 0.6, 2.0, 4.1, 8.5, 13, 15.5}, 0.9, 1.0, 0.6, 0.7, 0.3, 0, ""},
    {"depression", "35489007", {0.4, 13, 16.5, 16.5, 14.5, 12, 11}, 0.55, 1.5, 0.6, 0.6, 0.45, 0, "372594008"},
    {"smi", "58214004", {0.02, 0.9, 1.25, 1.25, 1.1, 0.9, 0.8}, 1.1, 2.2, 1.2, 2.5, 0.3, 0, "386849001"},
    {"dementia", "52448006", {0.0, 0.0, 0.02, 0.14, 0.75, 3.3, 11}, 0.8, 1.2, 1.0, 1.0, 0.6, 20, "387442003"},
    {"learning_disability", "110359009", {0.65, 0.6, 0.5, 0.45, 0.35, 0.2, 0.1}, 1.5, 1.5, 1.0, 1.0, 0.0, 0, ""},
    {"epilepsy", "84757009", {0.4, 0.8, 0.9, 0.9, 0.9, 0.9, 0.8}, 1.1, 1.6, 1.0, 1.0, 0.25, 0, "387010007"},
    {"osteoporosis", "64859006", {0.0, 0.05, 0.3, 1.5, 4.0, 8.5, 14}, 0.2, 1.1, 0.8, 0.5, 0.45, 22, "391730008"},
    {"arthritis", "69896004", {0.05, 0.6, 3.5, 8, 14, 21, 26}, 0.7, 1.3, 1.0, 1.0, 0.45, 3, "387517004"},
    {"hypothyroidism", "40930008", {0.1, 1.5, 3, 4.2, 5.6, 7, 8}, 0.22, 1.05, 1.0, 0.8, 0.2, 31, "710809001"},
    {"pad", "233958001", {0.0, 0.02, 0.2, 0.6, 1.6, 3.2, 5}, 1.6, 1.8, 0.7, 1.0, 0.6, 25, "387458008"},
    {"obesity", "414916001", {1.0, 9, 13, 15, 15, 12.5, 8}, 0.95, 1.6, 1.0, 1.5, 0.3, 0, ""},
}};
// clang-format on

// eFI deficits not tied to a condition above: base probability at age 85+ (scaled down with age)
// and the weight on latent ill-health. Numbers are deficit_no from efi-deficits.csv.
struct DeficitModel {
    int number;
    double p85;
    double latent;
};
inline constexpr std::array<DeficitModel, 21> kOtherDeficits = {{
    {1, 0.10, 0.5},  {2, 0.22, 0.4},  {8, 0.20, 0.4},  {9, 0.22, 0.5},  {10, 0.30, 0.6}, {11, 0.20, 0.3}, {12, 0.14, 0.5},
    {13, 0.32, 0.2}, {15, 0.09, 0.4}, {16, 0.00, 0.0}, {18, 0.14, 0.5}, {21, 0.20, 0.6}, {23, 0.05, 0.3}, {24, 0.10, 0.3},
    {26, 0.12, 0.6}, {28, 0.09, 0.5}, {29, 0.22, 0.3}, {30, 0.08, 0.4}, {32, 0.25, 0.5}, {33, 0.25, 0.4}, {34, 0.32, 0.3},
}};
// Deficit 35 (weight loss and anorexia) and 36 (polypharmacy, derived from medications) are
// handled in code: 35 follows frailty, 36 follows the medications actually issued.

inline constexpr int ageBand7(int age) {
    return age < 18 ? 0 : age < 40 ? 1 : age < 50 ? 2 : age < 60 ? 3 : age < 70 ? 4 : age < 80 ? 5 : 6;
}

// Observation codes (SNOMED CT).
inline constexpr const char *kSystolicBp = "271649006";
inline constexpr const char *kDiastolicBp = "271650006";
inline constexpr const char *kHba1c = "1003671000000109";
inline constexpr const char *kBmi = "60621009";
inline constexpr const char *kCurrentSmoker = "77176002";
inline constexpr const char *kExSmoker = "8517006";
inline constexpr const char *kNeverSmoked = "266919005";
inline constexpr const char *kPregnancy = "77386006";
inline constexpr const char *kPalliativeCare = "103735009";

}  // namespace phm::core::synth
