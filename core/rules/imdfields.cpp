#include "rules/imdfields.h"

namespace phm::core::rules {

std::optional<ImdField> imdField(const QString &name) {
    if (name == QLatin1String("imd_rank")) return ImdField{};
    for (size_t k = 0; k < kImdDomains.size(); ++k) {
        const QString stem = QStringLiteral("imd_%1_").arg(QLatin1String(kImdDomains[k]));
        if (name == stem + QLatin1String("rank")) return ImdField{int(k), false};
        if (name == stem + QLatin1String("decile")) return ImdField{int(k), true};
    }
    return std::nullopt;
}

int imdFieldValue(const ImdField &field, const Lsoa &lsoa) {
    const int rank = field.domain < 0 ? lsoa.imdRank : lsoa.domainRank[size_t(field.domain)];
    return field.decile ? imdDecileOfRank(rank) : std::max(0, rank);
}

}  // namespace phm::core::rules
