#pragma once
// Electronic Frailty Index (Clegg et al. 2016, Age and Ageing 45:353): 36 equally weighted
// deficits; score = deficits / 36. 35 deficits are present when any code of their eFI code list
// (resources/codelists/efi-*.csv) has been recorded up to the index date; the 36th,
// polypharmacy, when 5 or more distinct medications were issued in the 12 months before it.
// Categories: fit <= 0.12, mild <= 0.24, moderate <= 0.36, severe > 0.36.
#include "base/result.h"
#include "store/project.h"

#include <QString>
#include <QStringList>
#include <vector>

namespace phm::core {

namespace rules {
class CodeLists;
}

constexpr int kEfiDeficits = 36;

// Names of the 35 code-list deficits' lists (efi-activity-limitation, ...), in deficit order.
QStringList efiCodeListNames();
// Medication list used for polypharmacy (distinct codes of @medications).
QString efiMedicationList();

// Deficits per person at an index date: gpMeasures() in personmeasures.h.

inline double efiScore(int deficits) { return double(deficits) / double(kEfiDeficits); }
QString efiCategory(int deficits);  // "fit", "mild", "moderate", "severe"

}  // namespace phm::core
