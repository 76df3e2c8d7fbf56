// buildPacks (pack.h): what every pack of a level shares is computed once (prepare* below), then
// each area's pack is filled section by section (packsections.h).
#include "packs/pack.h"

#include "cohorts/cohortanalysis.h"
#include "geo/boundaries.h"
#include "governance/governedoutput.h"
#include "packs/packsections.h"
#include "stats/classbreaks.h"

#include <algorithm>
#include <tuple>

namespace phm::core {

namespace {

Status chooseIndicators(PackInputs &in, const std::vector<IndicatorDefinition> &definitions) {
    if (in.options.layout.indicators.isEmpty()) {
        in.chosen = definitions;
        return Ok{};
    }
    for (const QString &id : in.options.layout.indicators) {
        const IndicatorDefinition *d = findIndicator(definitions, id);
        if (!d) return Error{ErrorCode::UnknownIndicator, QStringLiteral("no indicator `%1` for the pack").arg(id), id};
        in.chosen.push_back(*d);
    }
    return Ok{};
}

// The indicator for every LSOA, ICS-wide quintiles, and where each area's people live.
Status prepareMap(PackInputs &in, const std::vector<IndicatorDefinition> &definitions, const ProfileOptions &governed) {
    const AreaIndex &areas = in.areas;
    const Project &p = areas.project();
    PackMapInputs &m = in.map;
    const int lsoas = areas.areaCount(Area::Lsoa);
    m.definition = findIndicator(definitions, in.options.layout.mapIndicator);
    m.residents.assign(size_t(in.count), std::vector<int>(size_t(lsoas), 0));
    m.lsoaResidents.assign(size_t(lsoas), 0);
    if (m.definition) {
        auto lsoaProfile = computeProfile(areas, in.lists, {*m.definition}, Area::Lsoa, governed, in.workspace);
        if (!lsoaProfile) return lsoaProfile.error();
        const Boundaries &b = lsoaBoundaries();
        QHash<QString, int> shapeOf;
        for (int s = 0; s < int(b.shapes.size()); ++s) shapeOf.insert(b.shapes[size_t(s)].code, s);
        for (int l = 0; l < lsoas; ++l) {
            m.lsoaShape.push_back(shapeOf.value(areas.code(Area{Area::Lsoa, l}), -1));
            const ProfileRow &r = lsoaProfile.value().rows[size_t(l)];
            m.lsoaValues.push_back(disclosure::derived(r.value.ci.value, r.value.numerator, r.value.denominator, in.policy()));
        }
        for (int32_t i = 0; i < p.persons.count; ++i) {
            if (!areas.isRegistered(i)) continue;
            const int l = areas.areaOf(Area::Lsoa, i), a = in.level == Area::Ics ? 0 : areas.areaOf(in.level, i);
            if (l < 0 || a < 0 || a >= in.count) continue;
            ++m.residents[size_t(a)][size_t(l)];
            ++m.lsoaResidents[size_t(l)];
        }
    }
    m.breaks = classBreaks(m.lsoaValues, BreakMethod::Quantile, 5);
    return Ok{};
}

// Segments, risk and frailty: the template, one risk model for everyone, eFI at the extract end.
Status prepareStratification(PackInputs &in) {
    const Project &p = in.areas.project();
    auto segmentation = loadSegmentationTemplate(in.options.layout.segmentationTemplate);
    if (!segmentation) return segmentation.error();
    in.segmentation = std::move(segmentation.value());
    auto model = trainRiskModel(p, in.lists);
    if (!model) return model.error();
    if (auto scored = scoreRiskModel(model.value(), p, in.lists); !scored) return scored.error();
    in.model = std::move(model.value());
    auto gp = gpMeasures(p, in.lists, p.extractEnd);
    if (!gp) return gp.error();
    in.gp = gp.value();
    return Ok{};
}

// Maturity and cycles, as the caller read them, shared by every pack.
Status prepareMaturity(PackInputs &in, const maturity::Records &records) {
    PackMaturityInputs &m = in.maturity;
    if (records.frameworks.empty())  // the shipped frameworks are always among them
        return Error{ErrorCode::BadArgument, QStringLiteral("the pack was given no maturity frameworks"), {}};
    m.frameworks = records.frameworks;
    m.assessed = records.assessments;
    m.cycles = records.cycles;
    m.level = in.level == Area::Pcn     ? QStringLiteral("pcn")
              : in.level == Area::Place ? QStringLiteral("place")
              : in.level == Area::Ics   ? QStringLiteral("ics")
                                        : QString();
    // The framework assessed most at this level (the first shipped one when none is).
    m.framework = &m.frameworks.front();
    int best = 0;
    for (const maturity::Framework &f : m.frameworks) {
        const auto n = int(std::count_if(m.assessed.begin(), m.assessed.end(),
                                         [&](const maturity::Assessment &x) { return x.framework == f.name && x.level == m.level; }));
        if (n > best) {
            best = n;
            m.framework = &f;
        }
    }
    // "This year" for the PHM cycle: the financial year the pack is produced in.
    std::tie(m.yearFrom, m.yearTo) = cycle::financialYear(QDate::currentDate());
    m.newest = maturity::latestByArea(m.assessed, m.framework->name);
    return Ok{};
}

Status prepare(PackInputs &in, const std::vector<IndicatorDefinition> &definitions, const maturity::Records &maturity) {
    if (auto s = chooseIndicators(in, definitions); !s) return s;
    // Every value in a pack is computed from the counts as the pack publishes them.
    ProfileOptions governed;
    governed.governed = &in.policy();
    auto profile = computeProfile(in.areas, in.lists, in.chosen, in.level, governed, in.workspace);
    if (!profile) return profile.error();
    in.profile = std::move(profile.value());
    // People counted by group: an indicator whose numerator and denominator are everyone registered.
    in.everyone.id = QStringLiteral("registered");
    in.everyone.numerator = QStringLiteral("registered");
    // The inequality shown: emergency admissions when defined, else the first DSR or rate.
    in.gradient = findIndicator(definitions, QStringLiteral("emergency-admissions"));
    for (const IndicatorDefinition &d : definitions)
        if (!in.gradient && (d.type == IndicatorType::Dsr || d.type == IndicatorType::Rate)) in.gradient = &d;
    if (auto s = prepareMap(in, definitions, governed); !s) return s;
    if (auto s = prepareStratification(in); !s) return s;
    return prepareMaturity(in, maturity);
}

PackArea packArea(const PackInputs &in, const Area &area) {
    PackArea a{area, std::nullopt, {}, {}};
    if (in.level != Area::Ics) a.scope = areaMembers(in.areas, area);
    a.members = a.scope ? *a.scope : areaMembers(in.areas, area);
    a.registered = a.members;
    for (size_t i = a.registered.find_first(); i != rules::Selection::npos; i = a.registered.find_next(i))
        if (!in.areas.isRegistered(int32_t(i))) a.registered.reset(i);
    return a;
}

Result<PackData> buildPack(const PackInputs &in, const Area &area) {
    const PackArea a = packArea(in, area);
    PackData pack;
    addCover(in, a, pack);
    addMaturity(in, a, pack);
    addEvaluations(in, a, pack);
    addPyramid(in, a, pack);
    if (auto s = addDistributions(in, a, pack); !s) return s.error();
    if (auto s = addInequality(in, a, pack); !s) return s.error();
    addIndicators(in, a, pack);
    addPriorities(pack);
    addFunnels(in, a, pack);
    addMap(in, a, pack);
    if (auto s = addSegments(in, a, pack); !s) return s.error();
    addRiskAndFrailty(in, a, pack);
    pack.importReport = publishedImportReport(in.areas.project().importReport, in.policy());
    return pack;
}

}  // namespace

Result<std::vector<PackData>> buildPacks(const AreaIndex &areas, const rules::CodeLists &lists,
                                         const std::vector<IndicatorDefinition> &definitions, const maturity::Records &maturity,
                                         Area::Kind level, const PackOptions &options, Feedback *feedback) {
    ProfileWorkspace workspace;
    PackInputs in{areas, lists, options, level};
    in.count = level == Area::Ics ? 1 : areas.areaCount(level);
    in.workspace = &workspace;
    if (auto s = prepare(in, definitions, maturity); !s) return s.error();
    std::vector<PackData> out;
    for (int a = 0; a < in.count; ++a) {
        if (feedback && feedback->isCanceled()) return Error{ErrorCode::Canceled, QStringLiteral("cancelled"), {}};
        if (options.onlyArea >= 0 && a != options.onlyArea) continue;
        auto pack = buildPack(in, Area{level, a});
        if (!pack) return pack.error();
        out.push_back(std::move(pack.value()));
        if (feedback) feedback->setProgress(100.0 * (a + 1) / in.count);
    }
    return out;
}

}  // namespace phm::core
