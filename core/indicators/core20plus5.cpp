#include "indicators/core20plus5.h"

#include "rules/ruleengine.h"
#include "rules/ruleparser.h"
#include "store/projectdb.h"
#include "store/projectlock.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace phm::core {

namespace {
const QString kMetaKey = QStringLiteral("core20plus5.plus_groups");
const QString kCore20Rule = QStringLiteral("imd_quintile = 1");  // national IMD 2019 deciles 1-2

Error groupError(const QString &source, const QString &message) {
    return {ErrorCode::BadPlusGroups, source.isEmpty() ? message : QStringLiteral("%1: %2").arg(source, message), source};
}

Status checkGroups(const std::vector<PlusGroup> &groups, const rules::CodeLists *lists, const QString &source) {
    if (groups.size() > size_t(kMaxPlusGroups))
        return groupError(source, QStringLiteral("%1 PLUS groups; at most %2 can be compared").arg(groups.size()).arg(kMaxPlusGroups));
    for (size_t i = 0; i < groups.size(); ++i) {
        const PlusGroup &g = groups[i];
        if (g.name.trimmed().isEmpty()) return groupError(source, QStringLiteral("PLUS group %1 has no name").arg(i + 1));
        const rules::ParseResult parsed = rules::parseRule(g.rule, lists);
        if (!parsed.ok()) return groupError(source, QStringLiteral("PLUS group \"%1\": %2").arg(g.name, parsed.error.format(g.rule)));
    }
    return Ok{};
}
}  // namespace

std::vector<PlusGroup> defaultPlusGroups() {
    return {
        {QStringLiteral("Ethnic minority groups"), QStringLiteral("ethnic_group in ('asian', 'black', 'mixed', 'other')")},
        {QStringLiteral("Inclusion health"), QStringLiteral("homeless or substance_misuse or offender")},
        {QStringLiteral("Learning disability"), QStringLiteral("learning_disability")},
        {QStringLiteral("Severe mental illness"), QStringLiteral("has(gp, @smi)")},
        {QStringLiteral("Carers"), QStringLiteral("carer")},
    };
}

Result<std::vector<PlusGroup>> parsePlusGroups(const QByteArray &json, const rules::CodeLists *lists, const QString &source) {
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (doc.isNull())
        return groupError(source, QStringLiteral("not JSON at character %1: %2").arg(parseError.offset).arg(parseError.errorString()));
    if (!doc.object().value(QStringLiteral("plus_groups")).isArray())
        return groupError(source, QStringLiteral("expected {\"plus_groups\": [{\"name\": ..., \"rule\": ...}, ...]}"));
    std::vector<PlusGroup> groups;
    for (const QJsonValue &v : doc.object().value(QStringLiteral("plus_groups")).toArray())
        groups.push_back({v.toObject().value(QStringLiteral("name")).toString(), v.toObject().value(QStringLiteral("rule")).toString()});
    if (auto s = checkGroups(groups, lists, source); !s) return s.error();
    return groups;
}

QByteArray plusGroupsJson(const std::vector<PlusGroup> &groups) {
    QJsonArray list;
    for (const PlusGroup &g : groups) list.append(QJsonObject{{QStringLiteral("name"), g.name}, {QStringLiteral("rule"), g.rule}});
    return QJsonDocument(QJsonObject{{QStringLiteral("plus_groups"), list}}).toJson(QJsonDocument::Indented);
}

Result<std::vector<PlusGroup>> loadPlusGroups(ProjectDb &db, const rules::CodeLists *lists) {
    const QString stored = db.meta(kMetaKey);
    if (stored.isEmpty()) return defaultPlusGroups();
    return parsePlusGroups(stored.toUtf8(), lists, db.path());
}

Status savePlusGroups(ProjectDb &db, const std::vector<PlusGroup> &groups, const rules::CodeLists *lists) {
    if (auto s = checkGroups(groups, lists, QString()); !s) return s;  // nothing is written unless every group is valid
    auto lock = lockForWriting(db, QStringLiteral("plus-groups"));     // waits for an import to finish
    if (!lock) return lock.error();
    return db.setMeta(kMetaKey, QString::fromUtf8(plusGroupsJson(groups)));
}

const std::vector<ClinicalArea> &clinicalAreas() {
    static const std::vector<ClinicalArea> areas = {
        {QStringLiteral("Maternity"), {QStringLiteral("maternity-pregnancies")}},
        {QStringLiteral("Severe mental illness"), {QStringLiteral("smi-bp-checked")}},
        {QStringLiteral("Chronic respiratory disease"), {QStringLiteral("copd-emergency"), QStringLiteral("copd")}},
        {QStringLiteral("Early cancer diagnosis"), {QStringLiteral("cancer-emergency")}},
        {QStringLiteral("Hypertension case-finding"),
         {QStringLiteral("hypertension-case-finding"), QStringLiteral("hypertension"), QStringLiteral("bp-control")}},
    };
    return areas;
}

Result<Core20Plus5> computeCore20Plus5(const AreaIndex &areas, const rules::CodeLists &lists,
                                       const std::vector<IndicatorDefinition> &indicators, const std::vector<PlusGroup> &plus,
                                       Area::Kind level, const Area &focus, const Core20Plus5Options &options,
                                       ProfileWorkspace *workspace) {
    QElapsedTimer timer;
    timer.start();
    if (auto s = checkGroups(plus, &lists, QString()); !s) return s.error();
    const Project &p = areas.project();
    const int32_t day = options.indexDate == kNoDate ? p.extractEnd : options.indexDate;
    // Each person's groups as bits: Core20 is bit 0, PLUS group i bit i + 1.
    rules::MemoryEngine engine(p, lists);
    auto select = [&](const QString &rule) -> Result<rules::Selection> {
        const rules::ParseResult parsed = rules::parseRule(rule, &lists);
        if (!parsed.ok()) return Error{ErrorCode::BadRule, parsed.error.format(rule), rule};
        auto r = engine.evaluate(*parsed.expr, day);
        if (!r) return r.error();
        return std::move(r.value().people);
    };
    auto registered = select(QStringLiteral("registered"));
    if (!registered) return registered.error();
    const int n = int(p.persons.count);
    std::vector<uint8_t> mask(size_t(n), 0);
    for (int g = 0; g <= int(plus.size()); ++g) {
        auto members = select(g == 0 ? kCore20Rule : plus[size_t(g - 1)].rule);
        if (!members) return members.error();
        for (auto i = members.value().find_first(); i != rules::Selection::npos; i = members.value().find_next(i))
            mask[i] |= uint8_t(1u << g);
    }

    Core20Plus5 out;
    out.plus = plus;
    out.focus = focus;
    // Shares per area of the level, and the ICS.
    const int count = areas.areaCount(level);
    std::vector<std::vector<double>> inGroup(size_t(count) + 1, std::vector<double>(plus.size() + 1, 0));
    std::vector<double> people(size_t(count) + 1, 0);
    const rules::Selection &reg = registered.value();
    for (int i = 0; i < n; ++i) {
        if (!reg.test(size_t(i))) continue;
        const int a = areas.areaOf(level, i);
        if (a < 0 || a >= count) continue;
        for (size_t row : {size_t(a), size_t(count)}) {
            people[row] += 1;
            for (size_t g = 0; g <= plus.size(); ++g)
                if (mask[size_t(i)] & (1u << g)) inGroup[row][g] += 1;
        }
    }
    auto share = [&](double x, double total) { return governedShare(x, total, options.confidence, options.governed); };
    for (int row = 0; row <= count; ++row) {
        const Area area = row < count ? Area{level, row} : Area{Area::Ics, 0};
        GroupShares s{area, areas.name(area), areas.code(area), people[size_t(row)], share(inGroup[size_t(row)][0], people[size_t(row)]),
                      {}};
        for (size_t g = 1; g <= plus.size(); ++g) s.plus.push_back(share(inGroup[size_t(row)][g], people[size_t(row)]));
        out.shares.push_back(std::move(s));
    }

    // The five clinical areas for the focus area: one tally per indicator over every
    // combination of groups, summed into each group and everyone else.
    ProfileWorkspace local;
    ProfileWorkspace &w = workspace ? *workspace : local;
    const int combinations = 1 << (plus.size() + 1);
    IndicatorTallier tallier(p, lists, day, combinations, w);
    std::vector<int> &groupOf = tallier.groupOf();
    groupOf.assign(size_t(n), -1);
    for (int i = 0; i < n; ++i)
        if (areas.contains(focus, i)) groupOf[size_t(i)] = mask[size_t(i)];
    w.groupKey = -1;  // groupOf holds this computation's groups, not a level's areas
    for (int c = 0; c < int(clinicalAreas().size()); ++c) {
        bool found = false;
        for (const QString &id : clinicalAreas()[size_t(c)].indicatorIds) {
            const IndicatorDefinition *it = findIndicator(indicators, id);
            if (!it) continue;
            found = true;
            auto tallies = tallier.tally(*it);
            if (!tallies) return tallies.error();
            Tally all, in[kMaxPlusGroups + 1], rest[kMaxPlusGroups + 1];
            for (int m = 0; m < combinations; ++m) {
                const Tally &t = tallies.value()[size_t(m)];
                all.add(t);
                for (size_t g = 0; g <= plus.size(); ++g) ((m & (1 << g)) ? in[g] : rest[g]).add(t);
            }
            auto compare = [&](size_t g) {
                GroupComparison gc{governedValue(*it, in[g], options.confidence, options.governed),
                                   governedValue(*it, rest[g], options.confidence, options.governed).ci.value,
                                   {}};
                gc.vsRest = compareWith(gc.value.ci, gc.rest, it->polarity);
                return gc;
            };
            ClinicalRow row{c, int(it - indicators.data()), governedValue(*it, all, options.confidence, options.governed), compare(0), {}};
            for (size_t g = 1; g <= plus.size(); ++g) row.plus.push_back(compare(g));
            out.clinical.push_back(std::move(row));
        }
        if (!found) out.missing << clinicalAreas()[size_t(c)].name;
    }
    out.ms = double(timer.nsecsElapsed()) / 1e6;
    return out;
}

}  // namespace phm::core
