#pragma once
// The IMD 2019 rank and domain fields of the rule language: imd_rank, imd_<domain>_rank and
// imd_<domain>_decile for the seven domains (store/project.h, kImdDomains), read from the LSOA
// of residence. A rank of 0 is not known: no comparison matches it, in either engine.
#include "store/project.h"

#include <QString>
#include <optional>

namespace phm::core::rules {

struct ImdField {
    int domain = -1;  // index into kImdDomains; -1: the IMD itself (imd_rank)
    bool decile = false;
};

std::optional<ImdField> imdField(const QString &name);
// The LSOA's rank or decile (0: not known).
int imdFieldValue(const ImdField &field, const Lsoa &lsoa);

}  // namespace phm::core::rules
