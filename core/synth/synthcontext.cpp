#include "synth/synthcontext.h"

#include <QRegularExpression>
#include <algorithm>
#include <cmath>
#include <numeric>

namespace phm::core::synth {

uint64_t mixSeed(uint64_t seed, uint64_t stream) {
    // splitmix64 finaliser over the pair: decorrelates neighbouring chunk seeds.
    uint64_t z = seed * 0x9E3779B97F4A7C15ULL + stream * 0xBF58476D1CE4E5B9ULL + 0x94D049BB133111EBULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

std::string pseudonym(uint64_t index, uint64_t seed) {
    constexpr uint64_t mask = (uint64_t(1) << 48) - 1;
    uint64_t x = (index + (mixSeed(seed, 7) & mask)) & mask;
    for (int round = 0; round < 3; ++round) {  // each step is invertible on 48 bits
        x = (x * 0x5DEECE66DULL + 0xB) & mask;
        x ^= x >> 23;
    }
    static const char *hex = "0123456789ABCDEF";
    std::string out(13, 'P');
    for (int i = 12; i >= 1; --i) {
        out[size_t(i)] = hex[x & 15];
        x >>= 4;
    }
    return out;
}

namespace {
// Census 2021 ethnic group shares (%) by place, in the order A B C D E F G H J K L M N P R S,
// rounded from the ONS TS021 local-authority tables; Z and 99 are added by the generator.
constexpr std::array<std::array<double, 16>, 4> kPlaceEthnicity = {{
    {62.7, 1.1, 9.5, 1.6, 0.4, 0.9, 0.9, 5.6, 4.4, 2.3, 2.1, 1.8, 2.7, 0.6, 0.5, 2.2},    // Bedford
    {81.0, 0.8, 6.4, 0.9, 0.3, 0.8, 0.7, 1.7, 0.8, 0.4, 1.1, 0.6, 1.3, 0.2, 0.4, 0.9},    // Central Bedfordshire
    {31.8, 0.9, 11.8, 1.5, 0.5, 0.8, 1.0, 5.8, 23.4, 6.7, 3.9, 1.9, 7.2, 1.0, 0.5, 2.7},  // Luton
    {60.8, 0.8, 8.4, 1.2, 0.8, 1.2, 1.1, 4.9, 2.1, 1.4, 3.0, 1.1, 7.8, 0.6, 1.0, 2.0},    // Milton Keynes
}};

uint64_t hilbert(uint32_t n, uint32_t x, uint32_t y) {
    uint64_t d = 0;
    for (uint32_t s = n / 2; s > 0; s /= 2) {
        const uint32_t rx = (x & s) > 0, ry = (y & s) > 0;
        d += uint64_t(s) * s * ((3 * rx) ^ ry);
        if (ry == 0) {
            if (rx == 1) {
                x = s - 1 - x;
                y = s - 1 - y;
            }
            std::swap(x, y);
        }
    }
    return d;
}

// "MK40 3DB" -> sortable key: area letters, district number, inward code.
QString postcodeKey(const QString &postcode) {
    static const QRegularExpression re(QStringLiteral("^([A-Z]+)(\\d+)\\s*(.*)$"));
    const auto m = re.match(postcode);
    if (!m.hasMatch()) return postcode;
    return QStringLiteral("%1%2%3").arg(m.captured(1)).arg(m.captured(2).toInt(), 3, 10, QLatin1Char('0')).arg(m.captured(3));
}
}  // namespace

SynthContext::SynthContext(const GeneratorConfig &config) : mConfig(config), mRef(ReferenceData::instance()) {
    allocatePeople();
    buildCatchments();
    mEthnicity.resize(4);
    for (size_t p = 0; p < 4; ++p) {
        for (size_t e = 0; e < 16; ++e) mEthnicity[p][e] = kPlaceEthnicity[p][e];
        mEthnicity[p][16] = 2.5;  // Z not stated
        mEthnicity[p][17] = 0.6;  // 99 not known
    }
    for (const EfiDeficitRef &d : mRef.efiDeficits()) {
        bool fromCondition = false;
        for (const ConditionModel &m : kConditions) fromCondition |= (m.efiDeficit == d.number);
        if (!fromCondition && !d.snomed.empty() && d.number < 37) mDeficitCode[size_t(d.number)] = d.snomed.front().toStdString();
    }
}

void SynthContext::allocatePeople() {
    const auto &lsoas = mRef.blmkLsoas();
    const double total = std::accumulate(lsoas.begin(), lsoas.end(), 0.0, [](double s, const LsoaRef &l) { return s + l.population; });
    // Largest-remainder allocation of N people to LSOAs in proportion to mid-2019 population.
    std::vector<int64_t> count(lsoas.size());
    std::vector<std::pair<double, size_t>> remainder;
    int64_t assigned = 0;
    for (size_t i = 0; i < lsoas.size(); ++i) {
        const double exact = double(mConfig.people) * lsoas[i].population / total;
        count[i] = int64_t(std::floor(exact));
        assigned += count[i];
        remainder.push_back({exact - double(count[i]), i});
    }
    std::stable_sort(remainder.begin(), remainder.end(), [](auto a, auto b) { return a.first > b.first; });
    for (int64_t k = 0; k < mConfig.people - assigned; ++k) ++count[remainder[size_t(k) % remainder.size()].second];
    mLsoaFirstPerson.assign(lsoas.size() + 1, 0);
    for (size_t i = 0; i < lsoas.size(); ++i) mLsoaFirstPerson[i + 1] = mLsoaFirstPerson[i] + count[i];

    // Age structure: the LSOA's own Census 2021 bands where the code is unchanged, else its place's.
    const QStringList places = ReferenceData::places();
    std::vector<std::array<double, 6>> placeBands(4, std::array<double, 6>{});
    mLsoaPlace.resize(lsoas.size());
    for (size_t i = 0; i < lsoas.size(); ++i) {
        mLsoaPlace[i] = int(places.indexOf(lsoas[i].place));
        for (size_t b = 0; b < 6; ++b) placeBands[size_t(mLsoaPlace[i])][b] += lsoas[i].age6[b];
    }
    mAgeBands.resize(lsoas.size());
    for (size_t i = 0; i < lsoas.size(); ++i) {
        const auto &src = lsoas[i].hasAge6 ? lsoas[i].age6 : std::array<int, 6>{};
        for (size_t b = 0; b < 6; ++b) mAgeBands[i][b] = lsoas[i].hasAge6 ? double(src[b]) : placeBands[size_t(mLsoaPlace[i])][b];
    }
}

int SynthContext::lsoaOf(int64_t person) const {
    auto it = std::upper_bound(mLsoaFirstPerson.begin(), mLsoaFirstPerson.end(), person);
    return int(it - mLsoaFirstPerson.begin()) - 1;
}

void SynthContext::buildCatchments() {
    const auto &lsoas = mRef.blmkLsoas();
    const auto &practices = mRef.practices();
    const QStringList places = ReferenceData::places();
    mPlacePractices.assign(4, {});
    mPlaceListSizes.assign(4, {});
    mHomePractice.assign(lsoas.size(), 0);
    for (size_t p = 0; p < practices.size(); ++p) mAllListSizes.push_back(std::max(1000, practices[p].listSize));
    for (int place = 0; place < 4; ++place) {
        // Practices in postcode order approximate their geography; LSOAs in Hilbert order do the same,
        // so walking both by cumulative share gives each neighbourhood a nearby "home" practice.
        std::vector<int> prac;
        for (size_t p = 0; p < practices.size(); ++p)
            if (practices[p].place == places[place]) prac.push_back(int(p));
        std::sort(prac.begin(), prac.end(),
                  [&](int a, int b) { return postcodeKey(practices[size_t(a)].postcode) < postcodeKey(practices[size_t(b)].postcode); });
        std::vector<int> area;
        double minX = 1e9, maxX = -1e9, minY = 1e9, maxY = -1e9;
        for (size_t i = 0; i < lsoas.size(); ++i)
            if (mLsoaPlace[i] == place) {
                area.push_back(int(i));
                minX = std::min(minX, lsoas[i].lon), maxX = std::max(maxX, lsoas[i].lon);
                minY = std::min(minY, lsoas[i].lat), maxY = std::max(maxY, lsoas[i].lat);
            }
        auto key = [&](int i) {
            const auto &l = lsoas[size_t(i)];
            const auto gx = uint32_t((l.lon - minX) / std::max(1e-9, maxX - minX) * 1023);
            const auto gy = uint32_t((l.lat - minY) / std::max(1e-9, maxY - minY) * 1023);
            return hilbert(1024, gx, gy);
        };
        std::sort(area.begin(), area.end(), [&](int a, int b) { return key(a) < key(b); });
        double listTotal = 0, popTotal = 0;
        for (int p : prac) listTotal += mAllListSizes[size_t(p)];
        for (int i : area) popTotal += lsoas[size_t(i)].population;
        double cum = 0;
        for (int i : area) {
            const double mid = (cum + lsoas[size_t(i)].population / 2.0) / popTotal * listTotal;
            cum += lsoas[size_t(i)].population;
            double c = 0;
            size_t k = 0;
            for (; k + 1 < prac.size(); ++k) {
                c += mAllListSizes[size_t(prac[k])];
                if (c >= mid) break;
            }
            mHomePractice[size_t(i)] = int(k);  // position within the place's ordered list
        }
        for (int p : prac) mPlaceListSizes[size_t(place)].push_back(mAllListSizes[size_t(p)]);
        mPlacePractices[size_t(place)] = prac;
    }
}

int SynthContext::pickPractice(int lsoa, Rng &rng) const {
    const int place = mLsoaPlace[size_t(lsoa)];
    const auto &prac = mPlacePractices[size_t(place)];
    const int home = mHomePractice[size_t(lsoa)];
    const double r = rng.uniform();
    if (r < 0.70) return prac[size_t(home)];
    if (r < 0.90) {
        const int offset = rng.uniformInt(-2, 2);
        return prac[size_t(std::clamp(home + offset, 0, int(prac.size()) - 1))];
    }
    if (r < 0.985) {
        const auto &w = mPlaceListSizes[size_t(place)];
        return prac[rng.pick(w, std::accumulate(w.begin(), w.end(), 0.0))];
    }
    return int(rng.pick(mAllListSizes, std::accumulate(mAllListSizes.begin(), mAllListSizes.end(), 0.0)));
}

}  // namespace phm::core::synth
