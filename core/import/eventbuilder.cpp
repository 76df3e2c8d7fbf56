#include "import/eventbuilder.h"

#include <algorithm>
#include <numeric>

namespace phm::core {

void EventBuilder::add(int32_t pid, int32_t date, int32_t end, std::string_view code, uint8_t a1, uint8_t a2, float value, float cost) {
    auto it = mDict.find(code);
    if (it == mDict.end()) {
        it = mDict.emplace(std::string(code), uint32_t(mCodes.size())).first;
        mCodes.push_back(QString::fromUtf8(code.data(), qsizetype(code.size())));
    }
    mPid.push_back(pid);
    mDate.push_back(date);
    mEnd.push_back(end);
    mCode.push_back(it->second);
    mA1.push_back(a1);
    mA2.push_back(a2);
    mValue.push_back(value);
    mCost.push_back(cost);
}

EventTable EventBuilder::build(int32_t persons) const {
    EventTable t;
    const size_t n = mPid.size();
    t.rows = int64_t(n);
    t.offsets.assign(size_t(persons) + 1, 0);
    for (int32_t p : mPid) ++t.offsets[size_t(p) + 1];
    std::partial_sum(t.offsets.begin(), t.offsets.end(), t.offsets.begin());
    std::vector<uint32_t> next(t.offsets.begin(), t.offsets.end() - 1), order(n);
    for (size_t i = 0; i < n; ++i) order[next[size_t(mPid[i])]++] = uint32_t(i);
    for (int32_t p = 0; p < persons; ++p)
        std::stable_sort(order.begin() + t.offsets[size_t(p)], order.begin() + t.offsets[size_t(p) + 1],
                         [&](uint32_t a, uint32_t b) { return mDate[a] < mDate[b]; });
    auto gather = [&](const auto &src, auto &dst) {
        dst.resize(n);
        for (size_t i = 0; i < n; ++i) dst[i] = src[order[i]];
    };
    gather(mDate, t.date);
    gather(mEnd, t.end);
    gather(mCode, t.code);
    gather(mA1, t.attr1);
    gather(mA2, t.attr2);
    gather(mValue, t.value);
    gather(mCost, t.cost);
    t.codes = mCodes;
    for (int32_t d : mDate) {
        if (t.minDate == kNoDate || d < t.minDate) t.minDate = d;
        if (t.maxDate == kNoDate || d > t.maxDate) t.maxDate = d;
    }
    return t;
}

}  // namespace phm::core
