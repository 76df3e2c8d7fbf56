#include "packs/pack.h"

#include "governance/governedoutput.h"

#include "cohorts/cohortanalysis.h"
#include "geo/boundaries.h"
#include "indicators/inequality.h"
#include "rules/efi.h"
#include "rules/personmeasures.h"
#include "stats/classbreaks.h"
#include "stratify/riskmodel.h"
#include "stratify/segmentation.h"

#include <QLocale>
#include <algorithm>

namespace phm::core {

namespace {

QString levelName(Area::Kind k) {
    switch (k) {
        case Area::Ics:
            return QStringLiteral("Integrated Care System");
        case Area::Alliance:
            return QStringLiteral("Care alliance");
        case Area::Place:
            return QStringLiteral("Place");
        case Area::Pcn:
            return QStringLiteral("Primary care network");
        case Area::Practice:
            return QStringLiteral("Practice");
        case Area::Lsoa:
            return QStringLiteral("Neighbourhood (LSOA)");
    }
    return {};
}

// A distribution (people per group) as published: parts protected against the total, shares
// only from shown counts.
std::vector<PackRow> distribution(const std::vector<InequalityGroup> &groups, double total, const disclosure::Policy &policy) {
    std::vector<double> counts;
    for (const InequalityGroup &g : groups) counts.push_back(g.value.denominator);
    const disclosure::ProtectedLine line = disclosure::protectLine(counts, total, policy);
    // Shares from the published counts, so a share cannot be turned back into an exact count.
    std::vector<PackRow> out;
    for (size_t i = 0; i < groups.size(); ++i)
        out.push_back(
            {groups[i].label, line.parts[i], std::isnan(line.parts[i]) || !(line.total > 0) ? NAN : 100.0 * line.parts[i] / line.total});
    return out;
}

}  // namespace

Result<std::vector<PackData>> buildPacks(const AreaIndex &areas, const rules::CodeLists &lists,
                                         const std::vector<IndicatorDefinition> &definitions, Area::Kind level, const PackOptions &options,
                                         Feedback *feedback) {
    const Project &p = areas.project();
    std::vector<IndicatorDefinition> chosen;
    if (options.layout.indicators.isEmpty()) {
        chosen = definitions;
    } else {
        for (const QString &id : options.layout.indicators) {
            const IndicatorDefinition *d = findIndicator(definitions, id);
            if (!d) return Error{QStringLiteral("unknown_indicator"), QStringLiteral("no indicator `%1` for the pack").arg(id), id};
            chosen.push_back(*d);
        }
    }
    const disclosure::Policy &policy = options.policy;
    // Every value in a pack is computed from the counts as the pack publishes them.
    ProfileOptions governed;
    governed.governed = &policy;
    ProfileWorkspace workspace;
    auto profile = computeProfile(areas, lists, chosen, level, governed, &workspace);
    if (!profile) return profile.error();
    // People counted by group: an indicator whose numerator and denominator are everyone registered.
    IndicatorDefinition everyone;
    everyone.id = QStringLiteral("registered");
    everyone.numerator = QStringLiteral("registered");
    // The inequality shown: emergency admissions when defined, else the first DSR or rate.
    const IndicatorDefinition *gradient = findIndicator(definitions, QStringLiteral("emergency-admissions"));
    for (const IndicatorDefinition &d : definitions)
        if (!gradient && (d.type == IndicatorType::Dsr || d.type == IndicatorType::Rate)) gradient = &d;
    const int count = level == Area::Ics ? 1 : areas.areaCount(level);
    // The map: the indicator for every LSOA, ICS-wide quintiles, and where each area's people live.
    const IndicatorDefinition *mapDefinition = findIndicator(definitions, options.layout.mapIndicator);
    std::optional<Profile> lsoaProfile;
    std::vector<double> lsoaValues;
    std::vector<int> lsoaShape;
    std::vector<std::vector<int>> residents(size_t(count), std::vector<int>(size_t(areas.areaCount(Area::Lsoa)), 0));
    std::vector<int> lsoaResidents(size_t(areas.areaCount(Area::Lsoa)), 0);
    if (mapDefinition) {
        auto lp = computeProfile(areas, lists, {*mapDefinition}, Area::Lsoa, governed, &workspace);
        if (!lp) return lp.error();
        lsoaProfile = std::move(lp.value());
        const Boundaries &b = lsoaBoundaries();
        QHash<QString, int> shapeOf;
        for (int s = 0; s < int(b.shapes.size()); ++s) shapeOf.insert(b.shapes[size_t(s)].code, s);
        for (int l = 0; l < areas.areaCount(Area::Lsoa); ++l) {
            lsoaShape.push_back(shapeOf.value(areas.code(Area{Area::Lsoa, l}), -1));
            const ProfileRow &r = lsoaProfile->rows[size_t(l)];
            lsoaValues.push_back(disclosure::derived(r.value.ci.value, r.value.numerator, r.value.denominator, policy));
        }
        for (int32_t i = 0; i < p.persons.count; ++i) {
            if (!areas.isRegistered(i)) continue;
            const int l = areas.areaOf(Area::Lsoa, i), a = level == Area::Ics ? 0 : areas.areaOf(level, i);
            if (l < 0 || a < 0 || a >= count) continue;
            ++residents[size_t(a)][size_t(l)];
            ++lsoaResidents[size_t(l)];
        }
    }
    const std::vector<double> mapBreaks = classBreaks(lsoaValues, BreakMethod::Quantile, 5);
    // Segments, risk and frailty: the template, one risk model for everyone, eFI at the extract end.
    auto segmentation = loadSegmentationTemplate(options.layout.segmentationTemplate);
    if (!segmentation) return segmentation.error();
    auto model = trainRiskModel(p, lists);
    if (!model) return model.error();
    if (auto scored = scoreRiskModel(model.value(), p, lists); !scored) return scored.error();
    auto gp = gpMeasures(p, lists, p.extractEnd);
    if (!gp) return gp.error();
    // A labelled line of counts against its total, with shares from published counts.
    auto protectedRows = [&](const QStringList &labels, const std::vector<double> &counts, double total) {
        const disclosure::ProtectedLine line = disclosure::protectLine(counts, total, policy);
        std::vector<PackRow> rows;
        for (qsizetype i = 0; i < labels.size(); ++i)
            rows.push_back({labels[i], line.parts[size_t(i)],
                            std::isnan(line.parts[size_t(i)]) || !(line.total > 0) ? NAN : 100.0 * line.parts[size_t(i)] / line.total});
        return rows;
    };
    // Maturity and cycles are read once for every pack.
    auto frameworks = maturity::frameworks(p.path);
    auto assessed = maturity::assessments(p.path);
    auto cycles = maturity::cycles(p.path);
    if (!frameworks) return frameworks.error();
    if (!assessed) return assessed.error();
    if (!cycles) return cycles.error();
    const QString maturityLevel = level == Area::Pcn     ? QStringLiteral("pcn")
                                  : level == Area::Place ? QStringLiteral("place")
                                  : level == Area::Ics   ? QStringLiteral("ics")
                                                         : QString();
    // The framework assessed most at this level (the first shipped one when none is).
    const maturity::Framework *chosenFramework = &frameworks.value().front();
    {
        int best = 0;
        for (const maturity::Framework &f : frameworks.value()) {
            const auto n = int(std::count_if(assessed.value().begin(), assessed.value().end(), [&](const maturity::Assessment &x) {
                return x.framework == f.name && x.level == maturityLevel;
            }));
            if (n > best) {
                best = n;
                chosenFramework = &f;
            }
        }
    }
    // "This year" for the PHM cycle: the financial year the pack is produced in.
    const auto [yearFrom, yearTo] = cycle::financialYear(QDate::currentDate());
    const std::vector<maturity::Assessment> newest = maturity::latestByArea(assessed.value(), chosenFramework->name);
    std::vector<PackData> out;
    for (int a = 0; a < count; ++a) {
        if (feedback && feedback->isCanceled()) return Error{QStringLiteral("canceled"), QStringLiteral("canceled"), {}};
        if (options.onlyArea >= 0 && a != options.onlyArea) continue;
        const Area area{level, a};
        PackData pack;
        pack.area = area;
        pack.title = options.layout.title;
        pack.sections = options.layout.sections;
        pack.logo = options.layout.logo;
        pack.areaName = areas.name(area);
        pack.areaCode = areas.code(area);
        pack.levelName = levelName(level);
        pack.parentName = level == Area::Ics ? QString() : areas.name(areas.parentOf(area));
        pack.periodStart = p.extractStart;
        pack.periodEnd = p.extractEnd;
        pack.policy = policy.describe();
        pack.registered = disclosure::publish(double(areas.population(area)), policy);
        {  // PHM maturity and the cycle
            PackData::Maturity &m = pack.maturity;
            m.framework = *chosenFramework;
            const QString code = level == Area::Pcn ? areas.code(area) : areas.name(area);
            for (const maturity::Assessment &x : assessed.value())
                if (x.framework == m.framework.name && x.level == maturityLevel && x.area == code) m.history.push_back(x);
            std::sort(m.history.begin(), m.history.end(), [](const auto &x, const auto &y) { return x.assessedOn < y.assessedOn; });
            QStringList pcns;
            for (int k = 0; k < areas.areaCount(Area::Pcn); ++k) {
                const Area pcn{Area::Pcn, k};
                const bool inside = level == Area::Ics || (level == Area::Pcn ? k == a : areas.parentOf(pcn) == area);
                if (!inside) continue;
                pcns << areas.code(pcn);
                if (level == Area::Pcn) continue;
                const auto it = std::find_if(newest.begin(), newest.end(), [&](const maturity::Assessment &x) {
                    return x.level == QLatin1String("pcn") && x.area == areas.code(pcn);
                });
                m.pcns.push_back({areas.name(pcn), it != newest.end() ? *it : maturity::Assessment{}});
            }
            for (const cycle::Cycle &c : cycles.value())
                if (pcns.contains(c.pcn)) m.cycles.push_back(c);
            const cycle::Dashboard d = cycle::dashboard(cycles.value(), pcns, yearFrom, yearTo);
            m.pcnCount = d.pcns;
            m.completed = d.completed;
            m.yearFrom = yearFrom;
            m.yearTo = yearTo;
        }
        const Pyramid pyramid = areas.pyramid(area);
        {
            // The pyramid is a table: bands by sex, with totals.
            disclosure::Table t;
            for (int b = 0; b < kPyramidBands; ++b) t.cells.push_back({double(pyramid.male[size_t(b)]), double(pyramid.female[size_t(b)])});
            const disclosure::Protected safe = disclosure::protect(t, policy);
            for (int b = 0; b < kPyramidBands; ++b) {
                pack.male[size_t(b)] = safe.cells[size_t(b)][0];
                pack.female[size_t(b)] = safe.cells[size_t(b)][1];
            }
        }
        std::optional<rules::Selection> scope;
        if (level != Area::Ics) scope = areaMembers(areas, area);
        InequalityOptions io;
        io.repetitions = 10000;
        io.governed = &policy;
        for (const auto &[dimension, target] :
             {std::pair{InequalityDimension::EthnicGroup, &pack.ethnicity}, std::pair{InequalityDimension::ImdDecile, &pack.deprivation}}) {
            auto groups = computeInequality(p, lists, everyone, dimension, scope ? &*scope : nullptr, io, &workspace);
            if (!groups) return groups.error();
            *target = distribution(groups.value().groups, groups.value().overall.denominator, policy);
        }
        if (gradient) {
            auto byImd =
                computeInequality(p, lists, *gradient, InequalityDimension::ImdQuintile, scope ? &*scope : nullptr, io, &workspace);
            if (!byImd) return byImd.error();
            pack.inequalityIndicator = gradient->name;
            for (const InequalityGroup &g : byImd.value().groups) {
                const double v = disclosure::derived(g.value.ci.value, g.value.numerator, g.value.denominator, policy);
                pack.inequality.push_back({g.label, v, NAN});
                pack.inequalityLimits.emplace_back(std::isnan(v) ? NAN : g.value.ci.lower, std::isnan(v) ? NAN : g.value.ci.upper);
            }
            if (byImd.value().sii) {
                // Every decile's value must be shown for the gradient to be published.
                const bool complete =
                    std::none_of(pack.inequality.begin(), pack.inequality.end(), [](const PackRow &r) { return std::isnan(r.count); });
                if (complete) {
                    pack.sii = byImd.value().sii->sii;
                    pack.siiLower = byImd.value().sii->siiLower;
                    pack.siiUpper = byImd.value().sii->siiUpper;
                }
            }
        }
        for (const ProfileRow &r : profile.value().rows) {
            if (r.area.index != a) continue;
            PackIndicator pi;
            pi.definition = chosen[size_t(r.indicator)];
            pi.numerator = disclosure::publish(r.value.numerator, policy);
            pi.denominator = disclosure::publish(r.value.denominator, policy);
            for (double *v : {&pi.value.value, &pi.value.lower, &pi.value.upper}) *v = NAN;
            if (!disclosure::isSmall(r.value.numerator, policy) && !disclosure::isSmall(r.value.denominator, policy)) pi.value = r.value.ci;
            pi.parentValue = r.parentValue;
            pi.icsValue = r.icsValue;
            pi.vsIcs = std::isnan(pi.value.value) ? Significance::NotCompared : r.vsIcs;
            pi.vsParent = std::isnan(pi.value.value) ? Significance::NotCompared : r.vsParent;
            pi.peers = peerRange(profile.value(), r.indicator);
            pack.indicators.push_back(pi);
        }
        // What the data says: significantly worse than the ICS, largest relative gap first.
        std::vector<const PackIndicator *> worse;
        for (const PackIndicator &pi : pack.indicators)
            if (pi.vsIcs == Significance::Worse && pi.icsValue != 0) worse.push_back(&pi);
        std::sort(worse.begin(), worse.end(), [](const auto *x, const auto *y) {
            return std::abs(x->value.value / x->icsValue - 1) > std::abs(y->value.value / y->icsValue - 1);
        });
        const QLocale l;
        for (size_t i = 0; i < worse.size() && i < 5; ++i)
            pack.priorities << QStringLiteral("%1: %2 against %3 for the ICS (%4% %5)")
                                   .arg(worse[i]->definition.name, l.toString(worse[i]->value.value, 'f', 1),
                                        l.toString(worse[i]->icsValue, 'f', 1))
                                   .arg(l.toString(std::abs(worse[i]->value.value / worse[i]->icsValue - 1) * 100, 'f', 0),
                                        worse[i]->value.value > worse[i]->icsValue ? QStringLiteral("higher") : QStringLiteral("lower"));
        for (const QString &id : options.layout.funnelIndicators) {
            const auto it = std::find_if(chosen.begin(), chosen.end(), [&](const IndicatorDefinition &d) { return d.id == id; });
            if (it == chosen.end() || it->type == IndicatorType::Mean) continue;
            pack.funnels.push_back(funnelPlot(profile.value(), int(it - chosen.begin()), *it, level == Area::Ics ? -1 : a, policy));
        }
        if (mapDefinition) {
            pack.map.indicator = mapDefinition->name;
            pack.map.breaks = mapBreaks;
            for (size_t n = 0; n < lsoaShape.size(); ++n)
                if (lsoaShape[n] >= 0 && lsoaResidents[n] > 0 && residents[size_t(a)][n] * 4 >= lsoaResidents[n]) {
                    pack.map.shapes.push_back(lsoaShape[n]);
                    pack.map.values.push_back(lsoaValues[n]);
                }
        }
        {
            const rules::Selection members = scope ? *scope : areaMembers(areas, area);
            auto segments = segmentPopulation(p, lists, segmentation.value(), kNoDate, &members);
            if (!segments) return segments.error();
            pack.segmentationTemplate = segments.value().templateName;
            QStringList names;
            std::vector<double> counts;
            double registered = 0;
            for (size_t k = 1; k < segments.value().segments.size(); ++k) {  // [0]: not registered
                names << segments.value().segments[k].name;
                counts.push_back(double(segments.value().segments[k].count));
                registered += counts.back();
            }
            const std::vector<PackRow> rows = protectedRows(names, counts, registered);
            for (size_t k = 0; k < rows.size(); ++k) {
                const SegmentSummary &s = segments.value().segments[k + 1];
                const bool shown = !std::isnan(rows[k].count);
                pack.segments.push_back({rows[k].label, rows[k].count, rows[k].percent,
                                         shown ? disclosure::publish(double(s.emergencyAdmissions), policy) : NAN,
                                         shown && rows[k].count > 0 ? disclosure::roundMagnitude(s.cost, policy) / rows[k].count : NAN});
            }
            rules::Selection registeredHere = members;
            for (size_t i = registeredHere.find_first(); i != rules::Selection::npos; i = registeredHere.find_next(i))
                if (!areas.isRegistered(int32_t(i))) registeredHere.reset(i);
            const RiskSummary risk = summariseRisk(model.value(), registeredHere);
            pack.riskTiers = protectedRows({QStringLiteral("High"), QStringLiteral("Rising"), QStringLiteral("Low")},
                                           {double(risk.high), double(risk.rising), double(risk.low)},
                                           double(risk.high + risk.rising + risk.low + risk.notScored));
            pack.expectedAdmissions = disclosure::publish(std::round(risk.expectedAdmissions), policy);
            pack.auroc = model.value().auroc;
            std::vector<double> efi(4, 0);
            double older = 0;
            for (size_t i = registeredHere.find_first(); i != rules::Selection::npos; i = registeredHere.find_next(i)) {
                if (areas.ageAtEnd(int32_t(i)) < 65) continue;
                static const QStringList order = {QStringLiteral("fit"), QStringLiteral("mild"), QStringLiteral("moderate"),
                                                  QStringLiteral("severe")};
                efi[size_t(std::max<qsizetype>(0, order.indexOf(efiCategory(gp.value()->efiDeficits[i]))))] += 1;
                older += 1;
            }
            pack.frailty = protectedRows(
                {QStringLiteral("Fit"), QStringLiteral("Mild"), QStringLiteral("Moderate"), QStringLiteral("Severe")}, efi, older);
        }
        pack.importReport = publishedImportReport(p.importReport, policy);
        out.push_back(std::move(pack));
        if (feedback) feedback->setProgress(100.0 * (a + 1) / count);
    }
    return out;
}

}  // namespace phm::core
