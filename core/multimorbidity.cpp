#include "multimorbidity.h"

#include "rulecatalogue.h"

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

Result<std::vector<uint32_t>> computeConditionBits(const Project &p, const rules::CodeLists &lists, int32_t indexDate) {
    const EventTable &gp = p.eventTable(Dataset::Gp);
    std::vector<uint32_t> codeBits(gp.codes.size(), 0);
    QHash<QString, size_t> index;
    for (size_t i = 0; i < gp.codes.size(); ++i) index.insert(gp.codes[i], i);
    const QStringList &names = longTermConditions();
    for (int k = 0; k < names.size(); ++k) {
        auto codes = lists.codes(names[k]);
        if (!codes) return codes.error();
        for (const QString &c : codes.value())
            if (auto it = index.constFind(c); it != index.constEnd()) codeBits[*it] |= 1u << k;
    }
    std::vector<uint32_t> out(size_t(p.persons.count), 0);
    for (int32_t i = 0; i < p.persons.count; ++i)
        for (uint32_t r = gp.offsets[size_t(i)]; r < gp.offsets[size_t(i) + 1] && gp.date[r] <= indexDate; ++r)
            out[size_t(i)] |= codeBits[gp.code[r]];
    return out;
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
