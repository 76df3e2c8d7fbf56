#pragma once
// The in-memory project every feature queries: a columnar person table (one array per
// attribute, dictionary-encoded codes, bitsets for flags), the geography, and for each event
// dataset a per-person index (CSR: events of person p are rows offsets[p] .. offsets[p+1]-1,
// sorted by date). Immutable once loaded; shared between threads as shared_ptr<const Project>.
#include "base/dataspec.h"
#include "base/dates.h"

#include <QJsonObject>
#include <QString>
#include <algorithm>
#include <array>
#include <boost/container/vector.hpp>
#include <boost/dynamic_bitset.hpp>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace phm::core {

// Column storage: a vector that can grow without zero-filling (boost default_init), so loading
// a block touches each page once.
template <class T>
using Column = boost::container::vector<T>;

struct Lsoa {
    QString code, name, ladCode, place;
    int imdDecile = 0, imdRank = 0;
    double imdScore = 0;
    QString ruc;
    bool inIcs = false;  // one of the ICS's own LSOAs
    // IMD 2019 domain ranks of England's 32,844 LSOAs (1 = most deprived; 0 = not known), in the
    // order of kImdDomains: reference data joined by the LSOA's code when the project is opened.
    std::array<int, 7> domainRank{};
};

// The IMD 2019 domains as rules name them (imd_<domain>_rank, imd_<domain>_decile).
inline constexpr std::array<const char *, 7> kImdDomains = {"income", "employment", "education",         "health",
                                                            "crime",  "barriers",   "living_environment"};
// The national decile of an IMD 2019 rank (1 = most deprived tenth; 0 for rank 0, not known):
// ceil(rank / 3,284.4), the rule MHCLG's deciles follow.
inline constexpr int kImdLsoas = 32844;
inline int imdDecileOfRank(int rank) { return rank <= 0 ? 0 : std::min(10, (rank * 10 + kImdLsoas - 1) / kImdLsoas); }

struct Practice {
    QString code, name, pcnCode, pcnName, place, alliance, postcode;
    int pcn = 0, placeIndex = 0, allianceIndex = 0, listSize = 0;
};

struct Geography {
    std::vector<Lsoa> lsoas;
    std::vector<Practice> practices;
    std::vector<QString> pcnCodes, pcnNames, places, alliances;
};

struct PersonTable {
    int32_t count = 0;
    Column<char> idBytes;                     // pseudonymised ids, concatenated
    Column<uint32_t> idOffsets;               // count + 1 offsets into idBytes
    Column<uint8_t> sex;                      // index in M|F|I|U
    Column<int32_t> birthYm;                  // year * 12 + month - 1
    Column<uint8_t> ethnicity;                // 0 = not known, else index + 1 in the ethnicity enumeration
    Column<uint16_t> lsoa;                    // index into Geography::lsoas
    Column<uint16_t> practice;                // index into Geography::practices
    Column<int32_t> regStart, regEnd, death;  // days; kNoDate if absent
    std::array<boost::dynamic_bitset<uint64_t>, kPersonFlags.size()> flags;
    std::string_view id(int32_t p) const {
        return {idBytes.data() + idOffsets[size_t(p)], idOffsets[size_t(p) + 1] - idOffsets[size_t(p)]};
    }
    // Registered and alive on the given day.
    bool isRegistered(int32_t p, int32_t day) const {
        return regStart[size_t(p)] <= day && (regEnd[size_t(p)] == kNoDate || regEnd[size_t(p)] > day) &&
               (death[size_t(p)] == kNoDate || death[size_t(p)] > day);
    }
    int ageAt(int32_t p, int32_t day) const;
};

struct EventTable {
    int64_t rows = 0;
    Column<uint32_t> offsets;      // persons + 1
    Column<int32_t> date, end;     // end = kNoDate when the dataset has no end or it is empty
    Column<uint32_t> code;         // index into codes
    Column<uint8_t> attr1, attr2;  // enumerations, index + 1 (0 = missing)
    Column<float> value, cost;     // NaN when missing
    std::vector<QString> codes;    // dictionary
    int32_t minDate = kNoDate, maxDate = kNoDate;
    // Inverted index, built when a project is opened: the rows with code c are
    // codeRows[codeOffsets[c] .. codeOffsets[c+1]-1], in row order (so by person, then date);
    // rowPerson gives each row's person.
    Column<uint32_t> codeOffsets, codeRows;
    Column<int32_t> rowPerson;
    void buildCodeIndex();
};

// Which extract column feeds each EventTable field, per dataset (nullptr = not used).
struct EventColumns {
    const char *date, *end, *code, *attr1, *attr2, *value, *cost;
};
const EventColumns &eventColumns(Dataset d);

// Measures derived from the project and kept for reuse (personmeasures.h); shared, thread-safe.
struct DerivedCache;

struct Project {
    QString path;
    int schemaVersion = 0;
    int32_t extractStart = kNoDate, extractEnd = kNoDate;  // activity window; extractEnd is the default index date
    Geography geography;
    PersonTable persons;
    std::array<EventTable, kEventDatasetCount> events;
    QJsonObject importReport;               // as printed by `phm import --json`
    std::shared_ptr<DerivedCache> derived;  // set when opened; null: derived measures are not kept
    const EventTable &eventTable(Dataset d) const { return events[size_t(int(d) - kFirstEventDataset)]; }
};

}  // namespace phm::core
