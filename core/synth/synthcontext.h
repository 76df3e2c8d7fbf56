#pragma once
// Read-only state shared by all generator threads: who lives where, which practice serves
// which neighbourhood, and the ethnicity mix of each place. Built once per `phm generate`.
#include "geo/refdata.h"
#include "synth/synthmodel.h"

#include <boost/random/gamma_distribution.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <cstdint>
#include <iterator>
#include <string>
#include <vector>

namespace phm::core::synth {

// Boost distributions give the same numbers on every platform, which "same seed, same bytes" needs.
class Rng {
public:
    explicit Rng(uint64_t seed) : mEngine(seed) {}
    double uniform() { return boost::random::uniform_01<double>()(mEngine); }
    bool chance(double p) { return uniform() < p; }
    int uniformInt(int lo, int hi) { return lo + int(uniform() * double(hi - lo + 1)); }  // inclusive
    double normal(double mean = 0, double sd = 1) { return boost::random::normal_distribution<double>(mean, sd)(mEngine); }
    int poisson(double mean) { return mean <= 0 ? 0 : boost::random::poisson_distribution<int, double>(mean)(mEngine); }
    double gamma(double shape, double scale) { return boost::random::gamma_distribution<double>(shape, scale)(mEngine); }
    template <class W>
    size_t pick(const W &weights, double total) {
        double r = uniform() * total;
        const size_t n = std::size(weights);
        for (size_t i = 0; i < n; ++i) {
            r -= weights[i];
            if (r < 0) return i;
        }
        return n - 1;
    }

private:
    boost::random::mt19937_64 mEngine;
};

uint64_t mixSeed(uint64_t seed, uint64_t stream);
// Unique 12-hex-digit pseudonym for person index i (a bijection on 48 bits, so no collisions).
std::string pseudonym(uint64_t index, uint64_t seed);

struct GeneratorConfig {
    int64_t people = 1000000;
    uint64_t seed = 2026;
    double faultScale = 1.0;   // multiplies every fault rate; 0 disables faults
    int32_t extractStart = 0;  // first day of activity (days since epoch)
    int32_t extractEnd = 0;    // last day of the extract: the default index date
    int threads = 2;
};

class SynthContext {
public:
    explicit SynthContext(const GeneratorConfig &config);
    const GeneratorConfig &config() const { return mConfig; }
    const ReferenceData &ref() const { return mRef; }
    int lsoaOf(int64_t person) const;  // index into ref().blmkLsoas()
    const std::array<double, 6> &ageBands(int lsoa) const { return mAgeBands[size_t(lsoa)]; }
    int placeIndex(int lsoa) const { return mLsoaPlace[size_t(lsoa)]; }
    int homePractice(int lsoa) const { return mHomePractice[size_t(lsoa)]; }
    // Practices of a place in catchment order, and their list-size weights.
    const std::vector<int> &placePractices(int place) const { return mPlacePractices[size_t(place)]; }
    int pickPractice(int lsoa, Rng &rng) const;
    const std::array<double, 18> &ethnicityMix(int place) const { return mEthnicity[size_t(place)]; }
    // SNOMED code the generator records for an eFI deficit that is not one of the modelled
    // conditions; empty when the deficit comes from a condition or is derived (polypharmacy).
    const std::string &deficitCode(int number) const { return mDeficitCode[size_t(number)]; }

private:
    void allocatePeople();
    void buildCatchments();
    GeneratorConfig mConfig;
    const ReferenceData &mRef;
    std::vector<int64_t> mLsoaFirstPerson;  // cumulative: person index where each LSOA starts
    std::vector<std::array<double, 6>> mAgeBands;
    std::vector<int> mLsoaPlace;
    std::vector<int> mHomePractice;
    std::vector<std::vector<int>> mPlacePractices;
    std::vector<std::vector<double>> mPlaceListSizes;
    std::vector<double> mAllListSizes;
    std::vector<std::array<double, 18>> mEthnicity;
    std::array<std::string, 37> mDeficitCode;
};

}  // namespace phm::core::synth
