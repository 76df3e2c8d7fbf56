#include "rules/personmeasures.h"
#include "rules/personvalues.h"

#include "base/parallel.h"
#include "rules/efi.h"
#include "rules/multimorbidity.h"
#include "rules/rulecatalogue.h"
#include "rules/ruleengine.h"

#include <QHash>
#include <algorithm>
#include <bit>
#include <cmath>
#include <deque>
#include <mutex>
#include <thread>

namespace phm::core {

struct DerivedCache {
    static constexpr size_t kKeep = 4;                                      // index dates kept per kind of measure
    std::mutex gpMutex, activityMutex;                                      // held while computing, so a second asker waits and reuses
    std::deque<std::pair<uint64_t, std::shared_ptr<const GpMeasures>>> gp;  // code lists serial, measures
    std::deque<std::shared_ptr<const ActivityMeasures>> activity;
    // Values worked out above the rules. Not held while computing: a segmentation's rules may
    // read the risk tier, which is computed on the same thread.
    std::mutex valuesMutex;
    PersonValuesSource source;
    std::deque<std::pair<QString, std::shared_ptr<const PersonValues>>> values;  // key, values
};

std::shared_ptr<DerivedCache> makeDerivedCache() { return std::make_shared<DerivedCache>(); }

namespace {

Result<std::shared_ptr<const GpMeasures>> computeGp(const Project &project, const rules::CodeLists &lists, int32_t indexDate) {
    const EventTable &gp = project.eventTable(Dataset::Gp);
    // What each GP code in the project signals: eFI deficits (bit k = k-th code-list deficit),
    // a medication (for polypharmacy), long-term conditions (bit k = longTermConditions()[k]).
    std::vector<uint64_t> deficitBits(gp.codes.size(), 0);
    std::vector<uint32_t> conditionBits(gp.codes.size(), 0);
    std::vector<uint8_t> medication(gp.codes.size(), 0);
    QHash<QString, size_t> index;
    for (size_t i = 0; i < gp.codes.size(); ++i) index.insert(gp.codes[i], i);
    auto mark = [&](const QString &list, auto &&apply) -> Result<bool> {
        auto codes = lists.codes(list);
        if (!codes) return codes.error();
        for (const QString &c : codes.value())
            if (auto it = index.constFind(c); it != index.constEnd()) apply(*it);
        return true;
    };
    const QStringList deficits = efiCodeListNames();
    for (int k = 0; k < deficits.size(); ++k)
        if (auto r = mark(deficits[k], [&](size_t c) { deficitBits[c] |= uint64_t(1) << k; }); !r) return r.error();
    if (auto r = mark(efiMedicationList(), [&](size_t c) { medication[c] = 1; }); !r) return r.error();
    const QStringList &conditions = longTermConditions();
    for (int k = 0; k < conditions.size(); ++k)
        if (auto r = mark(conditions[k], [&](size_t c) { conditionBits[c] |= 1u << k; }); !r) return r.error();

    auto out = std::make_shared<GpMeasures>();
    out->indexDate = indexDate;
    out->efiDeficits.assign(size_t(project.persons.count), 0);
    out->conditions.assign(size_t(project.persons.count), 0);
    const int32_t yearStart = rules::windowStart(rules::Window{rules::Window::Months, 12}, indexDate);
    parallelFor(project.persons.count, [&](int32_t from, int32_t to) {
        std::vector<uint32_t> recentMeds;
        for (int32_t p = from; p < to; ++p) {
            uint64_t bits = 0;
            uint32_t ltc = 0;
            recentMeds.clear();
            for (uint32_t r = gp.offsets[size_t(p)]; r < gp.offsets[size_t(p) + 1] && gp.date[r] <= indexDate; ++r) {
                const uint32_t c = gp.code[r];
                bits |= deficitBits[c];
                ltc |= conditionBits[c];
                if (medication[c] && gp.date[r] > yearStart) recentMeds.push_back(c);
            }
            std::sort(recentMeds.begin(), recentMeds.end());
            const auto distinct = std::unique(recentMeds.begin(), recentMeds.end()) - recentMeds.begin();
            out->efiDeficits[size_t(p)] = uint8_t(std::popcount(bits) + (distinct >= 5 ? 1 : 0));
            out->conditions[size_t(p)] = ltc;
        }
    });
    return std::shared_ptr<const GpMeasures>(std::move(out));
}

std::shared_ptr<const ActivityMeasures> computeActivity(const Project &project, int32_t indexDate) {
    auto out = std::make_shared<ActivityMeasures>();
    const size_t n = size_t(project.persons.count);
    out->indexDate = indexDate;
    out->emergencyAdmissions.assign(n, 0);
    out->aeAttendances.assign(n, 0);
    out->healthCost.assign(n, 0.0f);
    out->socialCareCost.assign(n, 0.0f);
    const int32_t start = rules::windowStart(rules::Window{rules::Window::Months, 12}, indexDate);
    parallelFor(project.persons.count, [&](int32_t from, int32_t to) {
        for (int e = 0; e < kEventDatasetCount; ++e) {
            const Dataset d = Dataset(e + kFirstEventDataset);
            if (d == Dataset::Gp) continue;
            const EventTable &t = project.events[size_t(e)];
            for (int32_t i = from; i < to; ++i) {
                double health = 0, social = 0;
                unsigned emergencies = 0, attendances = 0;
                for (uint32_t row = t.offsets[size_t(i)]; row < t.offsets[size_t(i) + 1] && t.date[row] <= indexDate; ++row) {
                    if (d == Dataset::Asc) {  // weekly cost for the weeks active in the window, as cost(asc, ...)
                        if (!std::isnan(t.value[row]))
                            social += double(t.value[row]) * rules::weeksActive(t.date[row], t.end[row], start, indexDate);
                        continue;
                    }
                    if (t.date[row] <= start) continue;
                    if (!std::isnan(t.cost[row])) health += double(t.cost[row]);
                    if (d == Dataset::Ae) ++attendances;
                    if (d == Dataset::Apc && t.attr1[row] >= 4 && t.attr1[row] <= 13) ++emergencies;  // admission method 2x
                }
                out->healthCost[size_t(i)] += float(health);
                out->socialCareCost[size_t(i)] += float(social);
                out->aeAttendances[size_t(i)] = uint16_t(std::min(65535u, out->aeAttendances[size_t(i)] + attendances));
                out->emergencyAdmissions[size_t(i)] = uint16_t(std::min(65535u, out->emergencyAdmissions[size_t(i)] + emergencies));
            }
        }
    });
    return out;
}

}  // namespace

Result<std::shared_ptr<const GpMeasures>> gpMeasures(const Project &project, const rules::CodeLists &lists, int32_t indexDate) {
    if (!project.derived) return computeGp(project, lists, indexDate);
    DerivedCache &cache = *project.derived;
    std::lock_guard lock(cache.gpMutex);
    for (const auto &[serial, m] : cache.gp)
        if (serial == lists.serial() && m->indexDate == indexDate) return m;
    auto m = computeGp(project, lists, indexDate);
    if (!m) return m.error();
    cache.gp.emplace_front(lists.serial(), m.value());
    if (cache.gp.size() > DerivedCache::kKeep) cache.gp.pop_back();
    return m;
}

std::shared_ptr<const ActivityMeasures> activityMeasures(const Project &project, int32_t indexDate) {
    if (!project.derived) return computeActivity(project, indexDate);
    DerivedCache &cache = *project.derived;
    std::lock_guard lock(cache.activityMutex);
    for (const auto &m : cache.activity)
        if (m->indexDate == indexDate) return m;
    auto m = computeActivity(project, indexDate);
    cache.activity.push_front(m);
    if (cache.activity.size() > DerivedCache::kKeep) cache.activity.pop_back();
    return m;
}

void setPersonValuesSource(const Project &project, PersonValuesSource source) {
    if (!project.derived) return;
    std::lock_guard lock(project.derived->valuesMutex);
    project.derived->source = std::move(source);
    project.derived->values.clear();
}

Result<std::shared_ptr<const PersonValues>> personValues(const Project &project, const rules::CodeLists &lists, const QString &kind,
                                                         const QString &argument, int32_t indexDate) {
    if (indexDate == kNoDate) indexDate = project.extractEnd;
    PersonValuesSource source;
    const QString key = QStringLiteral("%1|%2|%3|%4").arg(kind, argument.toLower()).arg(indexDate).arg(lists.serial());
    if (project.derived) {
        std::lock_guard lock(project.derived->valuesMutex);
        for (const auto &[k, v] : project.derived->values)
            if (k == key) return v;
        source = project.derived->source;
    }
    if (!source) return Error{ErrorCode::RuleError, QStringLiteral("%1 values are not available here").arg(kind), {}};
    auto computed = source(project, lists, kind, argument, indexDate);
    if (!computed) return computed.error();
    std::lock_guard lock(project.derived->valuesMutex);
    project.derived->values.emplace_front(key, computed.value());
    if (project.derived->values.size() > 2 * DerivedCache::kKeep) project.derived->values.pop_back();
    return computed;
}

}  // namespace phm::core
