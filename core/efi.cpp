#include "efi.h"

#include "refdata.h"
#include "rulecatalogue.h"
#include "ruleengine.h"

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

Result<std::vector<uint8_t>> computeEfiDeficits(const Project &project, const rules::CodeLists &lists, int32_t indexDate) {
    const EventTable &gp = project.eventTable(Dataset::Gp);
    // For each GP code in the project: which deficits it signals (bit k = k-th code-list deficit),
    // and whether it is a medication.
    std::vector<uint64_t> deficitBits(gp.codes.size(), 0);
    std::vector<uint8_t> medication(gp.codes.size(), 0);
    QHash<QString, size_t> index;
    for (size_t i = 0; i < gp.codes.size(); ++i) index.insert(gp.codes[i], i);
    const QStringList names = efiCodeListNames();
    for (int k = 0; k < names.size(); ++k) {
        auto codes = lists.codes(names[k]);
        if (!codes) return codes.error();
        for (const QString &c : codes.value()) {
            auto it = index.constFind(c);
            if (it != index.constEnd()) deficitBits[*it] |= uint64_t(1) << k;
        }
    }
    auto meds = lists.codes(efiMedicationList());
    if (!meds) return meds.error();
    for (const QString &c : meds.value()) {
        auto it = index.constFind(c);
        if (it != index.constEnd()) medication[*it] = 1;
    }
    const int32_t yearStart = rules::windowStart(rules::Window{rules::Window::Months, 12}, indexDate);
    std::vector<uint8_t> out(size_t(project.persons.count), 0);
    std::vector<uint32_t> recentMeds;
    for (int32_t p = 0; p < project.persons.count; ++p) {
        uint64_t bits = 0;
        recentMeds.clear();
        for (uint32_t r = gp.offsets[size_t(p)]; r < gp.offsets[size_t(p) + 1]; ++r) {
            if (gp.date[r] > indexDate) break;
            const uint32_t c = gp.code[r];
            bits |= deficitBits[c];
            if (medication[c] && gp.date[r] > yearStart) recentMeds.push_back(c);
        }
        std::sort(recentMeds.begin(), recentMeds.end());
        const auto distinct = std::unique(recentMeds.begin(), recentMeds.end()) - recentMeds.begin();
        out[size_t(p)] = uint8_t(std::popcount(bits) + (distinct >= 5 ? 1 : 0));
    }
    return out;
}

}  // namespace phm::core
