#include "rules/efi.h"

#include "geo/refdata.h"
#include "rules/rulecatalogue.h"
#include "rules/ruleengine.h"

#include <QHash>
#include <algorithm>
#include <bit>

namespace phm::core {

QStringList efiCodeListNames() {
    QStringList out;
    for (const EfiDeficitRef &d : ReferenceData::instance().efiDeficits())
        if (!d.snomed.empty()) out << d.codeset;
    return out;
}

QString efiMedicationList() { return QStringLiteral("medications"); }

QString efiCategory(int deficits) {
    const double score = efiScore(deficits);
    if (score <= 0.12) return QStringLiteral("fit");
    if (score <= 0.24) return QStringLiteral("mild");
    if (score <= 0.36) return QStringLiteral("moderate");
    return QStringLiteral("severe");
}

}  // namespace phm::core
