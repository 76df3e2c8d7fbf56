#pragma once
// Collects one event dataset's rows in file order during import, then turns them into the
// per-person, date-sorted EventTable (a counting sort by person, then a sort by date within
// each person).
#include "store/project.h"

#include <string>
#include <unordered_map>

namespace phm::core {

class EventBuilder {
public:
    void add(int32_t pid, int32_t date, int32_t end, std::string_view code, uint8_t a1, uint8_t a2, float value, float cost);
    EventTable build(int32_t persons) const;
    int64_t rows() const { return int64_t(mPid.size()); }

private:
    std::vector<int32_t> mPid, mDate, mEnd;
    std::vector<uint32_t> mCode;
    std::vector<uint8_t> mA1, mA2;
    std::vector<float> mValue, mCost;
    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>> mDict;
    std::vector<QString> mCodes;
};

}  // namespace phm::core
