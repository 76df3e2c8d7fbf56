// The PHM maturity records of a project (maturitystore.h): frameworks, assessments and cycles,
// read and written in the project file, and their all-or-nothing JSON export and import.
#include "maturity/maturitystore.h"

#include "cohorts/cohortstore.h"
#include "store/projectdb.h"
#include "store/projectlock.h"

#include <sqlite3.h>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <map>

namespace phm::core::maturity {

namespace {
// "<what>: <SQLite's message>", or the project's locked or damaged error when that is the cause.
Error dbError(ProjectDb &db, const QString &what) { return db.failure(what); }

QString now() { return QDateTime::currentDateTimeUtc().toString(Qt::ISODate); }

QString compact(const QJsonValue &v) {
    return QString::fromUtf8(v.isArray() ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                                         : QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
}

// Opens the project for writing at the current schema inside BEGIN IMMEDIATE; `work` runs in the
// transaction, which commits only if it succeeds.
template <class T, class F>
Result<T> inTransaction(const QString &path, F work) {
    auto lock = ProjectLock::acquire(path, QStringLiteral("maturity"));  // waits for an import to finish
    if (!lock) return lock.error();
    auto opened = ProjectDb::open(path, true);
    if (!opened) return opened.error();
    ProjectDb &db = *opened.value();
    if (auto s = db.migrate(); !s) return s.error();
    if (auto s = db.exec(QStringLiteral("BEGIN IMMEDIATE")); !s) return s.error();
    Result<T> r = work(db);
    if (!r) {
        db.exec(QStringLiteral("ROLLBACK"));
        return r;
    }
    if (auto s = db.exec(QStringLiteral("COMMIT")); !s) return s.error();
    return r;
}

Result<std::vector<AssessableArea>> readAreas(ProjectDb &db) {
    std::vector<AssessableArea> out{
        {QStringLiteral("ics"), QStringLiteral("Integrated Care System"), QStringLiteral("Integrated Care System")}};
    Statement places(db, QStringLiteral("SELECT DISTINCT place FROM practice WHERE place IS NOT NULL AND place <> '' ORDER BY place"));
    while (places.step()) out.push_back({QStringLiteral("place"), places.columnText(0), places.columnText(0)});
    Statement pcns(db, QStringLiteral("SELECT pcn_code, min(pcn_name) FROM practice WHERE pcn_code IS NOT NULL AND pcn_code <> '' "
                                      "GROUP BY pcn_code ORDER BY min(pcn_name)"));
    while (pcns.step()) out.push_back({QStringLiteral("pcn"), pcns.columnText(0), pcns.columnText(1)});
    if (!places.ok() || !pcns.ok()) return dbError(db, QStringLiteral("cannot read the areas"));
    return out;
}

Result<std::vector<Framework>> readFrameworks(ProjectDb &db) {
    std::vector<Framework> out = builtInFrameworks();
    if (db.schemaVersion() < 5) return out;
    Statement st(db, QStringLiteral("SELECT name, definition FROM maturity_framework ORDER BY name"));
    while (st.step()) {
        auto f = frameworkFromJson(QJsonDocument::fromJson(st.columnText(1).toUtf8()).object(),
                                   QStringLiteral("%1, framework \"%2\"").arg(db.path(), st.columnText(0)));
        if (!f) return f.error();
        bool replaced = false;
        for (Framework &existing : out)
            if (existing.name.compare(f.value().name, Qt::CaseInsensitive) == 0) {
                existing = f.value();
                replaced = true;
            }
        if (!replaced) out.push_back(std::move(f.value()));
    }
    if (!st.ok()) return dbError(db, QStringLiteral("cannot read the maturity frameworks"));
    return out;
}

// Stored assessments were checked when written; their areas are not checked again (a re-import may
// have changed the geography, and history is kept).
Result<std::vector<Assessment>> readAssessments(ProjectDb &db, const std::vector<Framework> &frameworks) {
    std::vector<Assessment> out;
    if (db.schemaVersion() < 5) return out;
    Statement st(db, QStringLiteral("SELECT id, definition, recorded_at, recorded_by FROM maturity_assessment ORDER BY id"));
    while (st.step()) {
        const QString where = QStringLiteral("%1, assessment %2").arg(db.path()).arg(st.columnInt(0));
        auto a = assessmentFromJson(QJsonDocument::fromJson(st.columnText(1).toUtf8()).object(), frameworks, {}, where);
        if (!a) return a.error();
        a.value().id = st.columnInt(0);
        a.value().recordedAt = st.columnText(2);
        a.value().recordedBy = st.columnText(3);
        out.push_back(std::move(a.value()));
    }
    if (!st.ok()) return dbError(db, QStringLiteral("cannot read the maturity assessments"));
    return out;
}

Result<std::vector<cycle::Cycle>> readCycles(ProjectDb &db) {
    std::vector<cycle::Cycle> out;
    if (db.schemaVersion() < 5) return out;
    std::map<qint64, size_t> index;
    Statement c(db, QStringLiteral("SELECT id, pcn, title FROM phm_cycle ORDER BY id"));
    while (c.step()) {
        index[c.columnInt(0)] = out.size();
        out.push_back(cycle::Cycle{c.columnInt(0), c.columnText(1), c.columnText(2), {}});
    }
    Statement s(
        db, QStringLiteral("SELECT cycle_id, stage, reached_on, cohorts, note, recorded_at, recorded_by FROM phm_cycle_stage ORDER BY id"));
    while (s.step()) {
        auto it = index.find(s.columnInt(0));
        const auto stage = cycle::stageNamed(s.columnText(1));
        if (it == index.end() || !stage) continue;
        QStringList cohorts;
        for (const QJsonValue &v : QJsonDocument::fromJson(s.columnText(3).toUtf8()).array()) cohorts << v.toString();
        out[it->second].stages.push_back(cycle::StageRecord{*stage, QDate::fromString(s.columnText(2), Qt::ISODate), cohorts,
                                                            s.columnText(4), s.columnText(5), s.columnText(6)});
    }
    if (!c.ok() || !s.ok()) return dbError(db, QStringLiteral("cannot read the PHM cycles"));
    return out;
}

// The capabilities and levels stored assessments use that `f` would no longer have.
Status compatible(const Framework &f, const std::vector<Assessment> &stored) {
    for (const Assessment &a : stored) {
        if (a.framework.compare(f.name, Qt::CaseInsensitive) != 0) continue;
        for (const Rating &r : a.ratings) {
            if (f.capabilityIndex(r.capability) < 0)
                return Error{ErrorCode::FrameworkInUse,
                             QStringLiteral("framework \"%1\" would lose the capability \"%2\", used by the assessment of %3 on %4")
                                 .arg(f.name, r.capability, a.area, a.assessedOn.toString(Qt::ISODate)),
                             f.name};
            if (std::max(r.current, r.target) >= f.levels.size())
                return Error{ErrorCode::FrameworkInUse,
                             QStringLiteral("framework \"%1\" would lose a level used by the assessment of %2 on %3")
                                 .arg(f.name, a.area, a.assessedOn.toString(Qt::ISODate)),
                             f.name};
        }
    }
    return Ok{};
}

Status writeFramework(ProjectDb &db, const Framework &f, const QString &author) {
    Statement st(db,
                 QStringLiteral("INSERT OR REPLACE INTO maturity_framework(name, definition, updated_at, updated_by) VALUES (?,?,?,?)"));
    st.bindText(1, f.name);
    st.bindText(2, compact(f.toJson()));
    st.bindText(3, now());
    st.bindText(4, author);
    if (!st.stepDone()) return dbError(db, QStringLiteral("cannot save the framework"));
    return Ok{};
}

Result<Assessment> writeAssessment(ProjectDb &db, Assessment a, const Framework &f, const QString &author) {
    a.id = 0;
    a.recordedAt = now();
    a.recordedBy = author;
    QJsonObject definition = a.toJson(f);
    for (const char *key : {"id", "recorded_at", "recorded_by"}) definition.remove(QLatin1String(key));
    Statement st(db,
                 QStringLiteral("INSERT INTO maturity_assessment(framework, area_level, area_code, assessed_on, definition, recorded_at, "
                                "recorded_by) VALUES (?,?,?,?,?,?,?)"));
    st.bindText(1, a.framework);
    st.bindText(2, a.level);
    st.bindText(3, a.area);
    st.bindText(4, a.assessedOn.toString(Qt::ISODate));
    st.bindText(5, compact(definition));
    st.bindText(6, a.recordedAt);
    st.bindText(7, a.recordedBy);
    if (!st.stepDone()) return dbError(db, QStringLiteral("cannot save the assessment"));
    a.id = sqlite3_last_insert_rowid(db.handle());
    return a;
}

Result<qint64> writeCycle(ProjectDb &db, const QString &pcn, const QString &title, const QString &author) {
    Statement st(db, QStringLiteral("INSERT INTO phm_cycle(pcn, title, created_at, created_by) VALUES (?,?,?,?)"));
    st.bindText(1, pcn);
    st.bindText(2, title);
    st.bindText(3, now());
    st.bindText(4, author);
    if (!st.stepDone()) return dbError(db, QStringLiteral("cannot save the cycle"));
    return qint64(sqlite3_last_insert_rowid(db.handle()));
}

Status writeStage(ProjectDb &db, qint64 cycleId, cycle::StageRecord &s, const QString &author) {
    s.recordedAt = now();
    s.recordedBy = author;
    Statement st(db, QStringLiteral("INSERT INTO phm_cycle_stage(cycle_id, stage, reached_on, cohorts, note, recorded_at, recorded_by) "
                                    "VALUES (?,?,?,?,?,?,?)"));
    st.bind(1, int64_t(cycleId));
    st.bindText(2, cycle::stageKey(s.stage));
    st.bindText(3, s.reachedOn.toString(Qt::ISODate));
    st.bindText(4, compact(QJsonArray::fromStringList(s.cohorts)));
    st.bindText(5, s.note);
    st.bindText(6, s.recordedAt);
    st.bindText(7, s.recordedBy);
    if (!st.stepDone()) return dbError(db, QStringLiteral("cannot save the stage"));
    return Ok{};
}

QStringList savedCohortNames(const QString &path) {
    QStringList names;
    if (auto saved = CohortStore(path).list())
        for (const SavedCohort &c : saved.value()) names << c.name;
    return names;
}

template <class F>
auto reading(const QString &path, F f) -> decltype(f(std::declval<ProjectDb &>())) {
    auto opened = ProjectDb::open(path, false);
    if (!opened) return opened.error();
    return f(*opened.value());
}
}  // namespace

Result<std::vector<AssessableArea>> assessableAreas(const QString &projectPath) {
    return reading(projectPath, [](ProjectDb &db) { return readAreas(db); });
}

Result<std::vector<Framework>> frameworks(const QString &projectPath) {
    return reading(projectPath, [](ProjectDb &db) { return readFrameworks(db); });
}

Result<std::vector<Assessment>> assessments(const QString &projectPath) {
    return reading(projectPath, [](ProjectDb &db) -> Result<std::vector<Assessment>> {
        auto f = readFrameworks(db);
        if (!f) return f.error();
        auto areas = readAreas(db);
        if (!areas) return areas.error();
        return readAssessments(db, f.value());
    });
}

Result<std::vector<cycle::Cycle>> cycles(const QString &projectPath) {
    return reading(projectPath, [](ProjectDb &db) { return readCycles(db); });
}

Result<Records> records(ProjectDb &db) {
    auto frameworks = readFrameworks(db);
    if (!frameworks) return frameworks.error();
    auto assessments = readAssessments(db, frameworks.value());
    auto areas = readAreas(db);
    auto cycles = readCycles(db);
    if (!assessments) return assessments.error();
    if (!areas) return areas.error();
    if (!cycles) return cycles.error();
    return Records{std::move(frameworks.value()), std::move(assessments.value()), std::move(areas.value()), std::move(cycles.value())};
}

Status saveFramework(const QString &projectPath, const Framework &framework, const QString &author) {
    auto r = inTransaction<Ok>(projectPath, [&](ProjectDb &db) -> Result<Ok> {
        auto checked = frameworkFromJson(framework.toJson(), QStringLiteral("framework \"%1\"").arg(framework.name));
        if (!checked) return checked.error();
        auto all = readFrameworks(db);
        if (!all) return all.error();
        auto areas = readAreas(db);
        if (!areas) return areas.error();
        auto stored = readAssessments(db, all.value());
        if (!stored) return stored.error();
        if (auto s = compatible(framework, stored.value()); !s) return s;
        return writeFramework(db, framework, author);
    });
    return r ? Status(Ok{}) : Status(r.error());
}

Result<Assessment> addAssessment(const QString &projectPath, Assessment assessment, const QString &author) {
    return inTransaction<Assessment>(projectPath, [&](ProjectDb &db) -> Result<Assessment> {
        auto all = readFrameworks(db);
        if (!all) return all.error();
        auto areas = readAreas(db);
        if (!areas) return areas.error();
        if (auto s = checkAssessment(assessment, all.value(), areas.value(), QStringLiteral("assessment")); !s) return s.error();
        return writeAssessment(db, assessment, *findFramework(all.value(), assessment.framework), author);
    });
}

Result<cycle::Cycle> startCycle(const QString &projectPath, const QString &pcn, const QString &title, const QString &author) {
    return inTransaction<cycle::Cycle>(projectPath, [&](ProjectDb &db) -> Result<cycle::Cycle> {
        auto areas = readAreas(db);
        if (!areas) return areas.error();
        if (std::none_of(areas.value().begin(), areas.value().end(),
                         [&](const AssessableArea &a) { return a.level == QLatin1String("pcn") && a.code == pcn; }))
            return Error{ErrorCode::UnknownPcn, QStringLiteral("no PCN \"%1\" in this project").arg(pcn), pcn};
        if (title.trimmed().isEmpty()) return Error{ErrorCode::BadCycle, QStringLiteral("a cycle needs a title (the opportunity)"), {}};
        auto id = writeCycle(db, pcn, title.trimmed(), author);
        if (!id) return id.error();
        return cycle::Cycle{id.value(), pcn, title.trimmed(), {}};
    });
}

Result<cycle::Cycle> recordStage(const QString &projectPath, qint64 cycleId, cycle::StageRecord stage, const QString &author) {
    const QStringList saved = savedCohortNames(projectPath);
    return inTransaction<cycle::Cycle>(projectPath, [&](ProjectDb &db) -> Result<cycle::Cycle> {
        auto all = readCycles(db);
        if (!all) return all.error();
        for (cycle::Cycle &c : all.value()) {
            if (c.id != cycleId) continue;
            if (auto s = cycle::checkNextStage(c, stage, saved); !s) return s.error();
            if (auto s = writeStage(db, cycleId, stage, author); !s) return s.error();
            c.stages.push_back(stage);
            return c;
        }
        return Error{ErrorCode::UnknownCycle, QStringLiteral("no PHM cycle %1").arg(cycleId), {}};
    });
}

Result<QJsonObject> exportAll(const QString &projectPath) {
    return reading(projectPath, [](ProjectDb &db) -> Result<QJsonObject> {
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
    });
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

Result<ImportReport> importAll(const QString &projectPath, const QByteArray &json, const QString &source, const QString &author) {
    auto parsed = importRoot(json, source);
    if (!parsed) return parsed.error();
    const QJsonObject root = parsed.value();
    const QStringList saved = savedCohortNames(projectPath);
    return inTransaction<ImportReport>(projectPath, [&](ProjectDb &db) -> Result<ImportReport> {
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
