#include "stratify/segmentation.h"

#include "rules/personmeasures.h"
#include "rules/rulecatalogue.h"
#include "rules/ruleparser.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <map>

namespace phm::core {

QStringList segmentationTemplateIds() {
    QStringList out;
    for (const QString &f : QDir(QStringLiteral(":/phm/segmentation")).entryList({QStringLiteral("*.json")}))
        out << QFileInfo(f).completeBaseName();
    return out;
}

Result<SegmentationTemplate> loadSegmentationTemplate(const QString &idOrPath) {
    const QString path = QFileInfo::exists(idOrPath) ? idOrPath : QStringLiteral(":/phm/segmentation/%1.json").arg(idOrPath);
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error{ErrorCode::UnknownTemplate,
                     QStringLiteral("no segmentation template \"%1\" (bundled: %2)")
                         .arg(idOrPath, segmentationTemplateIds().join(QStringLiteral(", "))),
                     idOrPath};
    QJsonParseError parseError;
    const QJsonObject o = QJsonDocument::fromJson(f.readAll(), &parseError).object();
    if (parseError.error != QJsonParseError::NoError)
        return Error{ErrorCode::BadTemplate, QStringLiteral("%1: %2 at byte %3").arg(path, parseError.errorString()).arg(parseError.offset),
                     path};
    SegmentationTemplate t;
    t.id = QFileInfo(path).completeBaseName();
    t.name = o.value(QStringLiteral("name")).toString(t.id);
    t.source = o.value(QStringLiteral("source")).toString();
    for (const QJsonValue &v : o.value(QStringLiteral("segments")).toArray()) {
        const QJsonObject s = v.toObject();
        t.segments.push_back({s.value(QStringLiteral("name")).toString(), s.value(QStringLiteral("rule")).toString(),
                              s.value(QStringLiteral("description")).toString()});
    }
    if (t.segments.empty()) return Error{ErrorCode::BadTemplate, QStringLiteral("%1 has no segments").arg(path), path};
    return t;
}

namespace {
// Adds each person's activity in the 12 months to the index date to their segment's totals.
void addActivity(const Project &p, int32_t indexDate, SegmentationResult &r) {
    const auto activity = activityMeasures(p, indexDate);
    for (size_t i = r.inScope.find_first(); i != rules::Selection::npos; i = r.inScope.find_next(i)) {
        SegmentSummary &s = r.segments[r.segmentOf[i]];
        s.emergencyAdmissions += activity->emergencyAdmissions[i];
        s.aeAttendances += activity->aeAttendances[i];
        s.cost += double(activity->healthCost[i]) + double(activity->socialCareCost[i]);
    }
}
}  // namespace

Result<SegmentationResult> segmentPopulation(const Project &project, const rules::CodeLists &lists, const SegmentationTemplate &t,
                                             int32_t indexDate, const rules::Selection *scope) {
    if (indexDate == kNoDate) indexDate = project.extractEnd;
    SegmentationResult r;
    r.templateName = t.name;
    r.segmentOf.assign(size_t(project.persons.count), 0);
    rules::MemoryEngine engine(project, lists);
    auto registered = rules::parseRule(QStringLiteral("registered"));
    auto reg = engine.evaluate(*registered.expr, indexDate);
    if (!reg) return reg.error();
    rules::Selection inScope(size_t(project.persons.count));
    if (scope)
        inScope = *scope;
    else
        inScope.set();
    rules::Selection remaining = reg.value().people & inScope;
    r.persons = int64_t(inScope.count());
    r.inScope = inScope;
    r.segments.push_back({QStringLiteral("Not registered at the index date"), QStringLiteral("Moved away or died before the index date"),
                          int64_t(inScope.count() - remaining.count())});
    for (const SegmentDefinition &def : t.segments) {
        rules::Selection members = remaining;
        if (!def.rule.trimmed().isEmpty()) {
            const rules::ParseResult parsed = rules::parseRule(def.rule, &lists);
            if (!parsed.ok())
                return Error{ErrorCode::RuleError, QStringLiteral("segment \"%1\": %2").arg(def.name, parsed.error.format(def.rule)),
                             def.rule};
            auto e = engine.evaluate(*parsed.expr, indexDate);
            if (!e) return Error{ErrorCode::RuleError, QStringLiteral("segment \"%1\": %2").arg(def.name, e.error().message), def.rule};
            members &= e.value().people;
        }
        const auto index = uint8_t(r.segments.size());
        for (size_t i = members.find_first(); i != rules::Selection::npos; i = members.find_next(i)) r.segmentOf[i] = index;
        r.segments.push_back({def.name, def.description, int64_t(members.count())});
        remaining -= members;
    }
    if (remaining.any())  // a template without a catch-all segment
        r.segments.push_back({QStringLiteral("Not in any segment"), QString(), int64_t(remaining.count())});
    for (size_t i = remaining.find_first(); i != rules::Selection::npos; i = remaining.find_next(i))
        r.segmentOf[i] = uint8_t(r.segments.size() - 1);
    addActivity(project, indexDate, r);
    return r;
}

std::vector<SegmentTransition> transitions(const SegmentationResult &a, const SegmentationResult &b) {
    std::map<std::pair<int, int>, int64_t> cells;
    const rules::Selection both = a.inScope & b.inScope;
    for (size_t i = both.find_first(); i != rules::Selection::npos; i = both.find_next(i)) ++cells[{a.segmentOf[i], b.segmentOf[i]}];
    std::vector<SegmentTransition> out;
    for (const auto &[key, n] : cells) out.push_back({key.first, key.second, n});
    return out;
}

}  // namespace phm::core
