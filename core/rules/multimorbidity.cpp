#include "rules/multimorbidity.h"

#include "rules/rulecatalogue.h"

#include <QHash>
#include <algorithm>
#include <bit>

namespace phm::core {

const QStringList &longTermConditions() {
    static const QStringList names = {
        QStringLiteral("hypertension"), QStringLiteral("diabetes"), QStringLiteral("asthma"),        QStringLiteral("copd"),
        QStringLiteral("chd"),          QStringLiteral("af"),       QStringLiteral("heart_failure"), QStringLiteral("ckd"),
        QStringLiteral("stroke"),       QStringLiteral("cancer"),   QStringLiteral("depression"),    QStringLiteral("smi"),
        QStringLiteral("dementia"),     QStringLiteral("epilepsy"), QStringLiteral("pad"),           QStringLiteral("osteoporosis")};
    return names;
}

QStringList ConditionCombination::names() const {
    QStringList out;
    for (int k = 0; k < longTermConditions().size(); ++k)
        if (conditions & (1u << k)) out << longTermConditions()[k];
    return out;
}

MultimorbidityProfile multimorbidity(const std::vector<uint32_t> &bits, const rules::Selection &people, int maxCount, int top) {
    MultimorbidityProfile out;
    out.byCount.assign(size_t(maxCount) + 1, 0);
    QHash<uint32_t, int64_t> combos;
    for (size_t i = people.find_first(); i != rules::Selection::npos; i = people.find_next(i)) {
        ++out.people;
        const int n = std::popcount(bits[i]);
        ++out.byCount[size_t(std::min(n, maxCount))];
        if (n >= 2) ++combos[bits[i]];
    }
    for (auto it = combos.constBegin(); it != combos.constEnd(); ++it) out.combinations.push_back({it.key(), it.value()});
    std::sort(out.combinations.begin(), out.combinations.end(),
              [](const auto &a, const auto &b) { return a.count != b.count ? a.count > b.count : a.conditions < b.conditions; });
    if (int(out.combinations.size()) > top) out.combinations.resize(size_t(top));
    return out;
}

}  // namespace phm::core
