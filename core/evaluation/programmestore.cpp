#include "evaluation/programmestore.h"

#include "base/plaintext.h"
#include "evaluation/programmes.h"
#include "store/projectdb.h"
#include "store/projectlock.h"

#include <QJsonDocument>

namespace phm::core::evaluation {

namespace {
Error failed(ProjectDb &db, const QString &what) {
    db.exec(QStringLiteral("ROLLBACK"));
    return db.failure(what);
}

// A programme of that name, imported or frozen.
bool programmeExists(ProjectDb &db, const QString &name) {
    if (hasTable(db, "programmes")) {
        Statement st(db, QStringLiteral("SELECT 1 FROM programmes WHERE programme = ? LIMIT 1"));
        st.bindText(1, name);
        if (st.step()) return true;
    }
    Statement st(db, QStringLiteral("SELECT 1 FROM programme WHERE name = ?"));
    st.bindText(1, name);
    return st.step();
}

Result<QJsonObject> objectIn(ProjectDb &db, bool fits, const QString &text, qint64 id, const char *what) {
    if (!fits || text.size() > kMaxEvaluationJson)
        return Error{ErrorCode::CorruptProject,
                     QStringLiteral("%1: saved evaluation %2: its %3 is too large").arg(db.path()).arg(id).arg(QLatin1String(what)),
                     db.path()};
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return Error{ErrorCode::CorruptProject,
                     QStringLiteral("%1: saved evaluation %2: its %3 is not a JSON object").arg(db.path()).arg(id).arg(QLatin1String(what)),
                     db.path()};
    return doc.object();
}
}  // namespace

Status saveFrozenProgramme(ProjectDb &db, const FrozenProgramme &p, const QString &author) {
    const QString name = p.name.trimmed();
    if (name.isEmpty()) return Error{ErrorCode::BadName, QStringLiteral("a programme needs a name"), {}};
    if (name.size() > kMaxProgrammeName)
        return Error{ErrorCode::BadName, QStringLiteral("a programme's name is at most %1 characters").arg(kMaxProgrammeName), name};
    if (p.members.empty()) return Error{ErrorCode::TooFewPeople, QStringLiteral("programme \"%1\" would have no members").arg(name), name};
    auto lock = lockForWriting(db, QStringLiteral("programmes"));  // waits for an import to finish
    if (!lock) return lock.error();
    if (auto s = db.migrate(); !s) return s.error();
    if (auto s = db.exec(QStringLiteral("BEGIN IMMEDIATE")); !s) return s.error();
    if (programmeExists(db, name)) {
        db.exec(QStringLiteral("ROLLBACK"));
        return Error{ErrorCode::NameClash, QStringLiteral("there is already a programme called \"%1\"").arg(name), name};
    }
    Statement insert(db, QStringLiteral("INSERT INTO programme(name, cohort, cohort_version, index_date, created_at, created_by) "
                                        "VALUES (?,?,?,?,?,?)"));
    insert.bindText(1, name);
    insert.bindText(2, p.cohort);
    insert.bind(3, int64_t(p.cohortVersion));
    insert.bind(4, int64_t(p.indexDate));
    insert.bindText(5, QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    insert.bindText(6, author);
    if (!insert.stepDone()) return failed(db, QStringLiteral("cannot save programme"));
    Statement member(db, QStringLiteral("INSERT OR IGNORE INTO programme_member(programme, person_id) VALUES (?,?)"));
    for (const std::string &id : p.members) {
        member.bindText(1, name);
        member.bindText(2, std::string_view(id));
        if (!member.stepDone()) return failed(db, QStringLiteral("cannot save programme members"));
    }
    return db.exec(QStringLiteral("COMMIT"));
}

Result<qint64> saveEvaluation(ProjectDb &db, const SavedEvaluation &e, const QString &author) {
    const QString name = e.name.trimmed();
    if (name.isEmpty()) return Error{ErrorCode::BadName, QStringLiteral("a saved evaluation needs a name"), {}};
    if (name.size() > kMaxProgrammeName)
        return Error{ErrorCode::BadName, QStringLiteral("an evaluation's name is at most %1 characters").arg(kMaxProgrammeName), name};
    if (e.programme.isEmpty()) return Error{ErrorCode::UnknownProgramme, QStringLiteral("a saved evaluation names its programme"), {}};
    const QByteArray settings = QJsonDocument(e.settings).toJson(QJsonDocument::Compact),
                     result = QJsonDocument(e.result).toJson(QJsonDocument::Compact);
    if (settings.size() > kMaxEvaluationJson || result.size() > kMaxEvaluationJson)
        return Error{ErrorCode::BadValue, QStringLiteral("the evaluation is too large to save"), name};
    auto lock = lockForWriting(db, QStringLiteral("evaluations"));
    if (!lock) return lock.error();
    if (auto s = db.migrate(); !s) return s.error();
    if (Statement count(db, QStringLiteral("SELECT count(*) FROM evaluation")); !count.step() || count.columnInt(0) >= kMaxSavedEvaluations)
        return Error{ErrorCode::BadValue, QStringLiteral("the project already holds %1 saved evaluations").arg(kMaxSavedEvaluations), name};
    Statement insert(db,
                     QStringLiteral("INSERT INTO evaluation(name, programme, settings, result, saved_at, saved_by) VALUES (?,?,?,?,?,?)"));
    insert.bindText(1, name);
    insert.bindText(2, e.programme);
    insert.bindText(3, std::string_view(settings.constData(), size_t(settings.size())));
    insert.bindText(4, std::string_view(result.constData(), size_t(result.size())));
    insert.bindText(5, QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    insert.bindText(6, author);
    if (!insert.stepDone()) return db.failure(QStringLiteral("cannot save the evaluation"));
    Statement id(db, QStringLiteral("SELECT last_insert_rowid()"));
    if (!id.step()) return db.failure(QStringLiteral("cannot save the evaluation"));
    return qint64(id.columnInt(0));
}

Result<SavedEvaluations> savedEvaluations(ProjectDb &db) {
    SavedEvaluations out;
    if (!hasTable(db, "evaluation")) return out;
    int64_t bytes = 0;
    if (auto s = refuseComputedColumns(db, "evaluation"); !s) return s.error();
    // The lengths (bytes) come first, so an oversized value is never read into the workbench.
    Statement st(
        db, QStringLiteral("SELECT id, name, programme, coalesce(length(CAST(settings AS BLOB)), 0) AS s, "
                           "CASE WHEN length(CAST(settings AS BLOB)) <= ?1 THEN settings END, "
                           "coalesce(length(CAST(result AS BLOB)), 0) AS r, CASE WHEN length(CAST(result AS BLOB)) <= ?1 THEN result END, "
                           "saved_at, saved_by FROM evaluation ORDER BY id LIMIT ?2"));
    st.bind(1, int64_t(kMaxEvaluationJson));
    st.bind(2, int64_t(kMaxSavedEvaluations) + 1);
    while (st.step()) {
        SavedEvaluation e;
        e.id = st.columnInt(0);
        if (out.evaluations.size() + out.damaged.size() == size_t(kMaxSavedEvaluations)) {
            out.damaged.push_back(
                {e.id,
                 QStringLiteral("%1: more than %2 saved evaluations; the rest are not read").arg(db.path()).arg(kMaxSavedEvaluations)});
            break;
        }
        e.name = oneLine(st.columnText(1), kMaxProgrammeName);
        e.programme = oneLine(st.columnText(2), kMaxProgrammeName);
        const int64_t settingsBytes = st.columnInt(3), resultBytes = st.columnInt(5);
        if ((bytes += settingsBytes + resultBytes) > kMaxEvaluationsBytes) {
            out.damaged.push_back({e.id, QStringLiteral("%1: the saved evaluations hold more than %2 MB; the rest are not read")
                                             .arg(db.path())
                                             .arg(kMaxEvaluationsBytes >> 20)});
            break;
        }
        auto settings = objectIn(db, settingsBytes <= kMaxEvaluationJson, st.columnText(4), e.id, "settings");
        auto result = objectIn(db, resultBytes <= kMaxEvaluationJson, st.columnText(6), e.id, "result");
        if (!settings || !result) {
            out.damaged.push_back({e.id, (!settings ? settings.error() : result.error()).message});
            continue;
        }
        e.settings = settings.value();
        e.result = result.value();
        e.savedAt = QDateTime::fromString(st.columnText(7), Qt::ISODate);
        e.savedBy = oneLine(st.columnText(8), kMaxProgrammeName);
        out.evaluations.push_back(std::move(e));
    }
    if (!st.ok()) return db.failure(QStringLiteral("cannot read saved evaluations"));
    return out;
}

}  // namespace phm::core::evaluation
