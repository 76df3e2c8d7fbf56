// Reading and writing the maturity rows (maturityrows.h).
#include "maturity/maturityrows.h"

#include "cohorts/cohortstore.h"

#include <sqlite3.h>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <map>

namespace phm::core::maturity::rows {

QString now() { return QDateTime::currentDateTimeUtc().toString(Qt::ISODate); }

QString compact(const QJsonValue &v) {
    return QString::fromUtf8(v.isArray() ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                                         : QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
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
    Statement s(db, QStringLiteral("SELECT cycle_id, stage, reached_on, cohorts, note, recorded_at, recorded_by, %1 FROM phm_cycle_stage "
                                   "ORDER BY id")
                        .arg(db.schemaVersion() >= 8 ? QStringLiteral("evaluation") : QStringLiteral("NULL")));
    while (s.step()) {
        auto it = index.find(s.columnInt(0));
        const auto stage = cycle::stageNamed(s.columnText(1));
        if (it == index.end() || !stage) continue;
        QStringList cohorts;
        for (const QJsonValue &v : QJsonDocument::fromJson(s.columnText(3).toUtf8()).array()) cohorts << v.toString();
        out[it->second].stages.push_back(cycle::StageRecord{*stage, QDate::fromString(s.columnText(2), Qt::ISODate), cohorts,
                                                            s.columnText(4), s.columnText(5), s.columnText(6),
                                                            std::max<int64_t>(0, s.columnInt(7))});
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
    Statement st(db, QStringLiteral("INSERT INTO phm_cycle_stage(cycle_id, stage, reached_on, cohorts, note, recorded_at, recorded_by, "
                                    "evaluation) VALUES (?,?,?,?,?,?,?,?)"));
    st.bind(1, int64_t(cycleId));
    st.bindText(2, cycle::stageKey(s.stage));
    st.bindText(3, s.reachedOn.toString(Qt::ISODate));
    st.bindText(4, compact(QJsonArray::fromStringList(s.cohorts)));
    st.bindText(5, s.note);
    st.bindText(6, s.recordedAt);
    st.bindText(7, s.recordedBy);
    if (s.evaluation > 0)
        st.bind(8, int64_t(s.evaluation));
    else
        st.bindNull(8);
    if (!st.stepDone()) return dbError(db, QStringLiteral("cannot save the stage"));
    return Ok{};
}

QStringList savedCohortNames(ProjectDb &db) {
    QStringList names;
    if (auto saved = savedCohorts(db))
        for (const SavedCohort &c : saved.value()) names << c.name;
    return names;
}

}  // namespace phm::core::maturity::rows
