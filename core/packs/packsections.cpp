// One builder per section of a pack (packsections.h), each publishing through the disclosure policy.
#include "packs/packsections.h"

#include "base/dates.h"
#include "base/plaintext.h"
#include "governance/governedoutput.h"
#include "indicators/inequality.h"
#include "rules/efi.h"

#include <QJsonObject>
#include <QLocale>
#include <algorithm>
#include <cmath>
#include <set>

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

// A labelled line of counts against its total, with shares from published counts.
std::vector<PackRow> protectedRows(const QStringList &labels, const std::vector<double> &counts, double total,
                                   const disclosure::Policy &policy) {
    const disclosure::ProtectedLine line = disclosure::protectLine(counts, total, policy);
    std::vector<PackRow> rows;
    for (qsizetype i = 0; i < labels.size(); ++i)
        rows.push_back({labels[i], line.parts[size_t(i)],
                        std::isnan(line.parts[size_t(i)]) || !(line.total > 0) ? NAN : 100.0 * line.parts[size_t(i)] / line.total});
    return rows;
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

InequalityOptions inequalityOptions(const PackInputs &in) {
    InequalityOptions io;
    io.repetitions = 10000;
    io.governed = &in.policy();
    return io;
}

}  // namespace

void addCover(const PackInputs &in, const PackArea &a, PackData &pack) {
    const AreaIndex &areas = in.areas;
    const Project &p = areas.project();
    pack.area = a.area;
    pack.title = in.options.layout.title;
    pack.sections = in.options.layout.sections;
    pack.logo = in.options.layout.logo;
    pack.areaName = areas.name(a.area);
    pack.areaCode = areas.code(a.area);
    pack.levelName = levelName(in.level);
    pack.parentName = in.level == Area::Ics ? QString() : areas.name(areas.parentOf(a.area));
    pack.periodStart = p.extractStart;
    pack.periodEnd = p.extractEnd;
    pack.policy = in.policy().describe();
    pack.registered = disclosure::publish(double(areas.population(a.area)), in.policy());
}

void addMaturity(const PackInputs &in, const PackArea &a, PackData &pack) {
    const AreaIndex &areas = in.areas;
    const PackMaturityInputs &mi = in.maturity;
    const Area::Kind level = in.level;
    PackData::Maturity &m = pack.maturity;
    m.framework = *mi.framework;
    const QString code = level == Area::Pcn ? areas.code(a.area) : areas.name(a.area);
    for (const maturity::Assessment &x : mi.assessed)
        if (x.framework == m.framework.name && x.level == mi.level && x.area == code) m.history.push_back(x);
    std::sort(m.history.begin(), m.history.end(), [](const auto &x, const auto &y) { return x.assessedOn < y.assessedOn; });
    QStringList pcns;
    for (int k = 0; k < areas.areaCount(Area::Pcn); ++k) {
        const Area pcn{Area::Pcn, k};
        const bool inside = level == Area::Ics || (level == Area::Pcn ? k == a.area.index : areas.parentOf(pcn) == a.area);
        if (!inside) continue;
        pcns << areas.code(pcn);
        if (level == Area::Pcn) continue;
        const auto it = std::find_if(mi.newest.begin(), mi.newest.end(), [&](const maturity::Assessment &x) {
            return x.level == QLatin1String("pcn") && x.area == areas.code(pcn);
        });
        m.pcns.push_back({areas.name(pcn), it != mi.newest.end() ? *it : maturity::Assessment{}});
    }
    for (const cycle::Cycle &c : mi.cycles)
        if (pcns.contains(c.pcn)) m.cycles.push_back(c);
    const cycle::Dashboard d = cycle::dashboard(mi.cycles, pcns, mi.yearFrom, mi.yearTo);
    m.pcnCount = d.pcns;
    m.completed = d.completed;
    m.yearFrom = mi.yearFrom;
    m.yearTo = mi.yearTo;
}

void addPyramid(const PackInputs &in, const PackArea &a, PackData &pack) {
    const Pyramid pyramid = in.areas.pyramid(a.area);
    // The pyramid is a table: bands by sex, with totals.
    disclosure::Table t;
    for (int b = 0; b < kPyramidBands; ++b) t.cells.push_back({double(pyramid.male[size_t(b)]), double(pyramid.female[size_t(b)])});
    const disclosure::Protected safe = disclosure::protect(t, in.policy());
    for (int b = 0; b < kPyramidBands; ++b) {
        pack.male[size_t(b)] = safe.cells[size_t(b)][0];
        pack.female[size_t(b)] = safe.cells[size_t(b)][1];
    }
}

Status addDistributions(const PackInputs &in, const PackArea &a, PackData &pack) {
    const InequalityOptions io = inequalityOptions(in);
    for (const auto &[dimension, target] :
         {std::pair{InequalityDimension::EthnicGroup, &pack.ethnicity}, std::pair{InequalityDimension::ImdDecile, &pack.deprivation}}) {
        auto groups =
            computeInequality(in.areas.project(), in.lists, in.everyone, dimension, a.scope ? &*a.scope : nullptr, io, in.workspace);
        if (!groups) return groups.error();
        *target = distribution(groups.value().groups, groups.value().overall.denominator, in.policy());
    }
    return Ok{};
}

Status addInequality(const PackInputs &in, const PackArea &a, PackData &pack) {
    if (!in.gradient) return Ok{};
    auto byImd = computeInequality(in.areas.project(), in.lists, *in.gradient, InequalityDimension::ImdQuintile,
                                   a.scope ? &*a.scope : nullptr, inequalityOptions(in), in.workspace);
    if (!byImd) return byImd.error();
    pack.inequalityIndicator = in.gradient->name;
    for (const InequalityGroup &g : byImd.value().groups) {
        const double v = disclosure::derived(g.value.ci.value, g.value.numerator, g.value.denominator, in.policy());
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
    return Ok{};
}

void addIndicators(const PackInputs &in, const PackArea &a, PackData &pack) {
    const disclosure::Policy &policy = in.policy();
    for (const ProfileRow &r : in.profile.rows) {
        if (r.area.index != a.area.index) continue;
        PackIndicator pi;
        pi.definition = in.chosen[size_t(r.indicator)];
        pi.numerator = disclosure::publish(r.value.numerator, policy);
        pi.denominator = disclosure::publish(r.value.denominator, policy);
        for (double *v : {&pi.value.value, &pi.value.lower, &pi.value.upper}) *v = NAN;
        if (!disclosure::isSmall(r.value.numerator, policy) && !disclosure::isSmall(r.value.denominator, policy)) pi.value = r.value.ci;
        pi.parentValue = r.parentValue;
        pi.icsValue = r.icsValue;
        pi.vsIcs = std::isnan(pi.value.value) ? Significance::NotCompared : r.vsIcs;
        pi.vsParent = std::isnan(pi.value.value) ? Significance::NotCompared : r.vsParent;
        pi.peers = peerRange(in.profile, r.indicator);
        pack.indicators.push_back(pi);
    }
}

void addPriorities(PackData &pack) {
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
}

void addFunnels(const PackInputs &in, const PackArea &a, PackData &pack) {
    for (const QString &id : in.options.layout.funnelIndicators) {
        const auto it = std::find_if(in.chosen.begin(), in.chosen.end(), [&](const IndicatorDefinition &d) { return d.id == id; });
        if (it == in.chosen.end() || it->type == IndicatorType::Mean) continue;
        pack.funnels.push_back(
            funnelPlot(in.profile, int(it - in.chosen.begin()), *it, in.level == Area::Ics ? -1 : a.area.index, in.policy()));
    }
}

void addMap(const PackInputs &in, const PackArea &a, PackData &pack) {
    const PackMapInputs &m = in.map;
    if (!m.definition) return;
    pack.map.indicator = m.definition->name;
    pack.map.breaks = m.breaks;
    // An LSOA is the area's when at least a quarter of its registered residents are the area's.
    for (size_t n = 0; n < m.lsoaShape.size(); ++n)
        if (m.lsoaShape[n] >= 0 && m.lsoaResidents[n] > 0 && m.residents[size_t(a.area.index)][n] * 4 >= m.lsoaResidents[n]) {
            pack.map.shapes.push_back(m.lsoaShape[n]);
            pack.map.values.push_back(m.lsoaValues[n]);
        }
}

Status addSegments(const PackInputs &in, const PackArea &a, PackData &pack) {
    const disclosure::Policy &policy = in.policy();
    auto segments = segmentPopulation(in.areas.project(), in.lists, in.segmentation, kNoDate, &a.members);
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
    const std::vector<PackRow> rows = protectedRows(names, counts, registered, policy);
    for (size_t k = 0; k < rows.size(); ++k) {
        const SegmentSummary &s = segments.value().segments[k + 1];
        const bool shown = !std::isnan(rows[k].count);
        pack.segments.push_back({rows[k].label, rows[k].count, rows[k].percent,
                                 shown ? disclosure::publish(double(s.emergencyAdmissions), policy) : NAN,
                                 shown && rows[k].count > 0 ? disclosure::roundMagnitude(s.cost, policy) / rows[k].count : NAN});
    }
    return Ok{};
}

void addRiskAndFrailty(const PackInputs &in, const PackArea &a, PackData &pack) {
    const disclosure::Policy &policy = in.policy();
    const rules::Selection &registeredHere = a.registered;
    const RiskSummary risk = summariseRisk(in.model, registeredHere);
    pack.riskTiers = protectedRows({QStringLiteral("High"), QStringLiteral("Rising"), QStringLiteral("Low")},
                                   {double(risk.high), double(risk.rising), double(risk.low)},
                                   double(risk.high + risk.rising + risk.low + risk.notScored), policy);
    pack.expectedAdmissions = disclosure::publish(std::round(risk.expectedAdmissions), policy);
    pack.auroc = in.model.auroc;
    std::vector<double> efi(4, 0);
    double older = 0;
    for (size_t i = registeredHere.find_first(); i != rules::Selection::npos; i = registeredHere.find_next(i)) {
        if (in.areas.ageAtEnd(int32_t(i)) < 65) continue;
        static const QStringList order = {QStringLiteral("fit"), QStringLiteral("mild"), QStringLiteral("moderate"),
                                          QStringLiteral("severe")};
        efi[size_t(std::max<qsizetype>(0, order.indexOf(efiCategory(in.gp->efiDeficits[i]))))] += 1;
        older += 1;
    }
    pack.frailty = protectedRows({QStringLiteral("Fit"), QStringLiteral("Mild"), QStringLiteral("Moderate"), QStringLiteral("Severe")}, efi,
                                 older, policy);
}

constexpr size_t kMaxPackProgrammes = 40;

void addEvaluations(const PackInputs &in, const PackArea &a, PackData &pack) {
    for (const evaluation::Programme &p : in.options.programmes) {
        if (pack.programmes.size() >= kMaxPackProgrammes) break;  // a pack is for reading, not a dump
        int64_t here = 0;
        for (int32_t person : p.people) here += a.members.test(size_t(person));
        PackData::ProgrammeCount x;
        x.name = p.name;
        x.source = p.source;
        x.here = disclosure::publish(double(here), in.policy());
        x.ics = disclosure::publish(double(p.people.size()), in.policy());
        if (!p.enrolled.empty() && !std::isnan(x.ics)) {  // the dates of a programme too small to show are not shown
            const auto [first, last] = std::minmax_element(p.enrolled.begin(), p.enrolled.end());
            x.first = displayDate(*first), x.last = displayDate(*last);
        }
        pack.programmes.push_back(std::move(x));
    }
    std::set<qint64> named;  // by the evaluate stage of this area's cycles
    for (const cycle::Cycle &c : pack.maturity.cycles)
        for (const cycle::StageRecord &s : c.stages)
            if (s.evaluation > 0) named.insert(s.evaluation);
    auto number = [](const QJsonValue &v) { return v.isDouble() ? v.toDouble() : NAN; };
    for (const evaluation::SavedEvaluation &e : in.options.evaluations) {
        const QJsonObject &r = e.result, effect = r.value(QStringLiteral("effect")).toObject();
        PackData::Evaluation x;
        x.id = e.id;
        x.name = e.name;
        x.programme = e.programme;
        // Text from a stored result (hostile input) reaches the PDF as one short line only.
        x.source = oneLine(r.value(QStringLiteral("programme_source")).toString(), 100);
        x.outcome = oneLine(r.value(QStringLiteral("outcome")).toString(), 100);
        x.unit = oneLine(r.value(QStringLiteral("unit")).toString(), 20);
        x.method = r.value(QStringLiteral("method")).toString() == QLatin1String("its") ? QStringLiteral("its") : QStringLiteral("did");
        x.summary = r.value(QStringLiteral("summary")).toString();
        x.savedBy = e.savedBy;
        x.savedAt = e.savedAt.isValid() ? displayDate(e.savedAt.date()) : QString();
        x.treated = number(r.value(QStringLiteral("treated")));
        x.controls = number(r.value(QStringLiteral("controls")));
        x.relative = number(effect.value(QStringLiteral("relative")));
        x.lower = number(effect.value(QStringLiteral("relative_lower")));
        x.upper = number(effect.value(QStringLiteral("relative_upper")));
        x.per1000 = number(r.value(QStringLiteral("per_1000_per_year")));
        x.per1000Lower = number(r.value(QStringLiteral("per_1000_per_year_lower")));
        x.per1000Upper = number(r.value(QStringLiteral("per_1000_per_year_upper")));
        x.linked = named.count(e.id) > 0;
        pack.evaluations.push_back(std::move(x));
    }
    std::stable_sort(pack.evaluations.begin(), pack.evaluations.end(),
                     [](const PackData::Evaluation &x, const PackData::Evaluation &y) { return x.linked && !y.linked; });
    if (pack.evaluations.empty() && pack.programmes.empty())
        pack.sections.erase(std::remove(pack.sections.begin(), pack.sections.end(), PackSection::Evaluation), pack.sections.end());
}

}  // namespace phm::core
