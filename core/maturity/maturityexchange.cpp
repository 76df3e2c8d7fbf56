// The maturity exchange file (maturitystore.h, exportAll and importAll): every record as JSON, and
// an all-or-nothing import.
#include "maturity/maturityrows.h"
#include "maturity/maturitystore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <map>

namespace phm::core::maturity {

using namespace rows;

Result<QJsonObject> exportAll(ProjectDb &db) {
    auto f = readFrameworks(db);
    if (!f) return f.error();
    auto areas = readAreas(db);
    if (!areas) return areas.error();
    auto a = readAssessments(db, f.value());
    if (!a) return a.error();
    auto c = readCycles(db);
    if (!c) return c.error();
    QJsonArray frameworks, assessments, cycles;
    for (const Framework &x : f.value()) frameworks.append(x.toJson());
    for (const Assessment &x : a.value()) assessments.append(x.toJson(*findFramework(f.value(), x.framework)));
    for (const cycle::Cycle &x : c.value()) cycles.append(x.toJson());
    return QJsonObject{
        {QStringLiteral("frameworks"), frameworks}, {QStringLiteral("assessments"), assessments}, {QStringLiteral("cycles"), cycles}};
}

QJsonObject ImportReport::toJson() const {
    return QJsonObject{
        {QStringLiteral("frameworks_saved"), frameworksSaved},   {QStringLiteral("frameworks_unchanged"), frameworksUnchanged},
        {QStringLiteral("assessments_added"), assessmentsAdded}, {QStringLiteral("assessments_skipped"), assessmentsSkipped},
        {QStringLiteral("cycles_added"), cyclesAdded},           {QStringLiteral("stages_added"), stagesAdded},
        {QStringLiteral("stages_skipped"), stagesSkipped}};
}

namespace {

// The import file's top level: an object of "frameworks", "assessments" and "cycles" lists.
Result<QJsonObject> importRoot(const QByteArray &json, const QString &source) {
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error{ErrorCode::BadJson,
                     QStringLiteral("%1: %2: %3").arg(source, lineAndColumn(json, parseError.offset), parseError.errorString()), source};
    if (!doc.isObject())
        return Error{ErrorCode::BadJson,
                     QStringLiteral("%1: the file must hold a JSON object with \"frameworks\", \"assessments\" and \"cycles\"").arg(source),
                     source};
    const QJsonObject root = doc.object();
    for (auto it = root.begin(); it != root.end(); ++it)
        if (!QStringList{QStringLiteral("frameworks"), QStringLiteral("assessments"), QStringLiteral("cycles")}.contains(it.key()))
            return Error{ErrorCode::BadJson, QStringLiteral("%1: unknown key \"%2\"").arg(source, it.key()), source};
    for (const char *key : {"frameworks", "assessments", "cycles"})
        if (root.contains(QLatin1String(key)) && !root.value(QLatin1String(key)).isArray())
            return Error{ErrorCode::BadJson, QStringLiteral("%1: \"%2\" must be a list").arg(source, QLatin1String(key)), source};
    return root;
}

// What one import works with inside its transaction.
struct Importing {
    ProjectDb &db;
    const QString &source, &author;
    const QStringList &savedCohorts;
    ImportReport &report;
};

// 1. Frameworks: new or changed ones are saved, if every stored assessment still fits. `all`
// receives the frameworks as they now are.
Status importFrameworks(Importing &in, const QJsonArray &frameworks, const std::vector<Assessment> &stored, std::vector<Framework> &all) {
    QStringList importedNames;
    for (qsizetype i = 0; i < frameworks.size(); ++i) {
        const QString where = QStringLiteral("%1: frameworks[%2]").arg(in.source).arg(i);
        auto f = frameworkFromJson(frameworks[i], where);
        if (!f) return f.error();
        if (importedNames.contains(f.value().name, Qt::CaseInsensitive))
            return Error{ErrorCode::BadFramework, QStringLiteral("%1: framework \"%2\" is listed twice").arg(where, f.value().name), where};
        importedNames << f.value().name;
        const auto existing = std::find_if(all.begin(), all.end(),
                                           [&](const Framework &x) { return x.name.compare(f.value().name, Qt::CaseInsensitive) == 0; });
        if (existing != all.end() && existing->toJson() == f.value().toJson()) {
            ++in.report.frameworksUnchanged;
            continue;
        }
        if (auto s = compatible(f.value(), stored); !s)
            return Error{s.error().code, QStringLiteral("%1: %2").arg(where, s.error().message), where};
        if (auto s = writeFramework(in.db, f.value(), in.author); !s) return s.error();
        ++in.report.frameworksSaved;
        if (existing != all.end())
            *existing = f.value();
        else
            all.push_back(f.value());
    }
    return Ok{};
}

// 2. Assessments, against the frameworks as they now are; copies of stored ones are skipped.
Status importAssessments(Importing &in, const QJsonArray &assessments, const std::vector<Framework> &all,
                         const std::vector<AssessableArea> &areas, std::vector<Assessment> have) {
    for (qsizetype i = 0; i < assessments.size(); ++i) {
        auto a = assessmentFromJson(assessments[i], all, areas, QStringLiteral("%1: assessments[%2]").arg(in.source).arg(i));
        if (!a) return a.error();
        if (std::any_of(have.begin(), have.end(), [&](const Assessment &h) { return h.sameContent(a.value()); })) {
            ++in.report.assessmentsSkipped;
            continue;
        }
        auto written = writeAssessment(in.db, a.value(), *findFramework(all, a.value().framework), in.author);
        if (!written) return written.error();
        have.push_back(written.value());
        ++in.report.assessmentsAdded;
    }
    return Ok{};
}

// The stages of one imported cycle; those already recorded (same stage and date) are skipped.
Status importStages(Importing &in, cycle::Cycle &target, const QJsonArray &stages, const QString &where) {
    auto fail = [&](const QString &what) { return Error{ErrorCode::BadCycle, where + QStringLiteral(": ") + what, where}; };
    for (qsizetype k = 0; k < stages.size(); ++k) {
        const QJsonObject so = stages[k].toObject();
        const auto stage = cycle::stageNamed(so.value(QStringLiteral("stage")).toString());
        if (!stage)
            return fail(QStringLiteral("stages[%1]: unknown stage \"%2\" (review, choose, design, implement, evaluate)")
                            .arg(k)
                            .arg(so.value(QStringLiteral("stage")).toString()));
        cycle::StageRecord record{*stage, QDate::fromString(so.value(QStringLiteral("reached_on")).toString(), Qt::ISODate),
                                  {},     so.value(QStringLiteral("note")).toString(),
                                  {},     {}};
        for (const QJsonValue &v : so.value(QStringLiteral("cohorts")).toArray()) record.cohorts << v.toString();
        const auto same =
            std::find_if(target.stages.begin(), target.stages.end(), [&](const cycle::StageRecord &s) { return s.stage == record.stage; });
        if (same != target.stages.end()) {
            if (same->reachedOn != record.reachedOn)
                return fail(
                    QStringLiteral("stages[%1]: \"%2\" is already recorded on %3, not %4")
                        .arg(k)
                        .arg(cycle::stageKey(record.stage), same->reachedOn.toString(Qt::ISODate), record.reachedOn.toString(Qt::ISODate)));
            ++in.report.stagesSkipped;
            continue;
        }
        if (auto s = cycle::checkNextStage(target, record, in.savedCohorts); !s)
            return fail(QStringLiteral("stages[%1]: %2").arg(k).arg(s.error().message));
        if (auto s = writeStage(in.db, target.id, record, in.author); !s) return s.error();
        target.stages.push_back(record);
        ++in.report.stagesAdded;
    }
    return Ok{};
}

// 3. Cycles, matched by PCN and title.
Status importCycles(Importing &in, const QJsonArray &imported, const std::vector<AssessableArea> &areas) {
    auto existingCycles = readCycles(in.db);
    if (!existingCycles) return existingCycles.error();
    std::vector<cycle::Cycle> cycles = existingCycles.value();
    for (qsizetype i = 0; i < imported.size(); ++i) {
        const QString where = QStringLiteral("%1: cycles[%2]").arg(in.source).arg(i);
        auto fail = [&](const QString &what) { return Error{ErrorCode::BadCycle, where + QStringLiteral(": ") + what, where}; };
        const QJsonObject o = imported[i].toObject();
        const QString pcn = o.value(QStringLiteral("pcn")).toString(), title = o.value(QStringLiteral("title")).toString().trimmed();
        if (!imported[i].isObject() || title.isEmpty()) return fail(QStringLiteral("a cycle needs \"pcn\" and \"title\""));
        if (std::none_of(areas.begin(), areas.end(),
                         [&](const AssessableArea &a) { return a.level == QLatin1String("pcn") && a.code == pcn; }))
            return fail(QStringLiteral("no PCN \"%1\" in this project").arg(pcn));
        cycle::Cycle *target = nullptr;
        for (cycle::Cycle &c : cycles)
            if (c.pcn == pcn && c.title == title) target = &c;
        if (!target) {
            auto id = writeCycle(in.db, pcn, title, in.author);
            if (!id) return id.error();
            cycles.push_back(cycle::Cycle{id.value(), pcn, title, {}});
            target = &cycles.back();
            ++in.report.cyclesAdded;
        }
        if (auto s = importStages(in, *target, o.value(QStringLiteral("stages")).toArray(), where); !s) return s;
    }
    return Ok{};
}

}  // namespace

Result<ImportReport> importAll(ProjectDb &db, const QByteArray &json, const QString &source, const QString &author) {
    auto parsed = importRoot(json, source);
    if (!parsed) return parsed.error();
    const QJsonObject root = parsed.value();
    return inTransaction<ImportReport>(db, [&]() -> Result<ImportReport> {
        const QStringList saved = savedCohortNames(db);
        ImportReport report;
        Importing in{db, source, author, saved, report};
        auto known = readFrameworks(db);
        if (!known) return known.error();
        auto areas = readAreas(db);
        if (!areas) return areas.error();
        auto stored = readAssessments(db, known.value());
        if (!stored) return stored.error();
        std::vector<Framework> all = known.value();
        if (auto s = importFrameworks(in, root.value(QStringLiteral("frameworks")).toArray(), stored.value(), all); !s) return s.error();
        if (auto s = importAssessments(in, root.value(QStringLiteral("assessments")).toArray(), all, areas.value(), stored.value()); !s)
            return s.error();
        if (auto s = importCycles(in, root.value(QStringLiteral("cycles")).toArray(), areas.value()); !s) return s.error();
        return report;
    });
}

}  // namespace phm::core::maturity
