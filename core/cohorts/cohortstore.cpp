#include "cohorts/cohortstore.h"

#include "governance/audit.h"
#include "governance/auditjournal.h"
#include "governance/users.h"
#include "rules/ruleparser.h"
#include "store/projectdb.h"
#include "store/projectlock.h"

#include <map>
#include <optional>
#include <queue>

namespace phm::core {

namespace {
// Whether identities were ever revealed from this saved cohort (the audit log says).
bool revealedFrom(ProjectDb &db, const QString &name) {
    if (db.schemaVersion() < 3) return false;
    Statement st(db, QStringLiteral("SELECT 1 FROM audit_log WHERE action = 'reidentify' AND json_valid(detail) AND "
                                    "json_extract(detail, '$.cohort') = ? LIMIT 1"));
    st.bindText(1, name);
    return st.step();
}
}  // namespace

namespace {
QString descriptionKey(const QString &name) { return QStringLiteral("cohort.description.") + name; }

// "<what>: <SQLite's message>", or the project's locked or damaged error when that is the cause.
Error dbError(ProjectDb &db, const QString &what) { return db.failure(what); }
// The cohorts a rule uses through in_cohort (none if it does not parse: it cannot run either).
QStringList usedCohorts(const QString &rule) {
    QStringList out;
    const rules::ParseResult parsed = rules::parseRule(rule);
    if (!parsed.ok()) return out;
    std::vector<const rules::Expr *> todo{parsed.expr.get()};
    while (!todo.empty()) {
        const rules::Expr *e = todo.back();
        todo.pop_back();
        if (e->kind == rules::Expr::InCohort && !out.contains(e->cohort)) out << e->cohort;
        for (const auto &c : e->children) todo.push_back(c.get());
    }
    return out;
}

// The shortest cycle that saving `rule` as `name` would close, as names from `name` back to it
// ("A", "B", "A"); empty when there is none. Breadth first over the saved cohorts' current rules,
// so a long chain of cohorts cannot exhaust the stack.
Result<QStringList> cycleThrough(ProjectDb &db, const QString &name, const QString &rule) {
    const QStringList uses = usedCohorts(rule);
    if (uses.isEmpty()) return QStringList();
    std::map<QString, QStringList> graph;
    Statement st(db, QStringLiteral("SELECT c.name, v.rule FROM cohort c JOIN cohort_version v ON v.cohort_id = c.id "
                                    "WHERE v.version = (SELECT max(version) FROM cohort_version WHERE cohort_id = c.id)"));
    while (st.step()) graph[st.columnText(0)] = usedCohorts(st.columnText(1));
    if (!st.ok()) return dbError(db, QStringLiteral("cannot read cohorts"));
    graph[name] = uses;
    std::map<QString, QString> from;  // how each reached cohort was reached
    std::queue<QString> next;
    next.push(name);
    while (!next.empty()) {
        const QString at = next.front();
        next.pop();
        for (const QString &used : graph[at]) {
            if (used == name) {
                QStringList cycle{name};
                for (QString back = at; back != name; back = from[back]) cycle.insert(1, back);
                cycle << name;
                return cycle;
            }
            if (from.emplace(used, at).second) next.push(used);
        }
    }
    return QStringList();
}
}  // namespace

Result<std::vector<SavedCohort>> savedCohorts(ProjectDb &db) {
    std::vector<SavedCohort> out;
    if (db.schemaVersion() < 2) return out;  // an older project has none yet
    Statement st(db, QStringLiteral("SELECT c.name, v.version, v.rule, v.author, v.saved_at, v.note, v.count FROM cohort c "
                                    "JOIN cohort_version v ON v.cohort_id = c.id ORDER BY c.name, v.version"));
    while (st.step()) {
        const QString name = st.columnText(0);
        if (out.empty() || out.back().name != name) out.push_back(SavedCohort{name, {}, {}});
        out.back().history.push_back(CohortVersion{int(st.columnInt(1)), st.columnText(2), st.columnText(3), st.columnText(5),
                                                   QDateTime::fromString(st.columnText(4), Qt::ISODate), st.columnInt(6)});
    }
    if (!st.ok()) return dbError(db, QStringLiteral("cannot read cohorts"));
    Statement described(db, QStringLiteral("SELECT substr(key, 20), value FROM meta WHERE substr(key, 1, 19) = 'cohort.description.'"));
    while (described.step())
        for (SavedCohort &c : out)
            if (c.name == described.columnText(0)) c.description = described.columnText(1);
    if (!described.ok()) return dbError(db, QStringLiteral("cannot read cohort descriptions"));
    return out;
}

Result<SavedCohort> findSavedCohort(const std::vector<SavedCohort> &saved, const QString &name) {
    for (const SavedCohort &c : saved)
        if (c.name == name) return c;
    return Error{ErrorCode::UnknownCohort, QStringLiteral("no saved cohort called \"%1\"").arg(name), name};
}

Result<SavedCohort> findSavedCohort(ProjectDb &db, const QString &name) {
    auto all = savedCohorts(db);
    if (!all) return all.error();
    return findSavedCohort(all.value(), name);
}

CohortRules cohortRules(const Result<std::vector<SavedCohort>> &saved) {
    CohortRules out;
    if (!saved) {
        out.unreadable = saved.error();
        return out;
    }
    for (const SavedCohort &c : saved.value()) out.current[c.name] = c.current().rule;
    return out;
}

// The journal beside the project is a file of its own, reached by the project's path (db.path()).
Result<CohortVersion> saveCohort(ProjectDb &db, const QString &name, const QString &rule, const QString &author, const QString &note,
                                 qint64 count) {
    if (name.trimmed().isEmpty()) return Error{ErrorCode::BadName, QStringLiteral("a cohort needs a name"), {}};
    auto lock = lockForWriting(db, QStringLiteral("cohorts"));  // waits for an import to finish
    if (!lock) return lock.error();
    if (auto s = db.migrate(); !s) return s.error();
    if (auto s = db.exec(QStringLiteral("BEGIN IMMEDIATE")); !s) return s.error();
    auto rollback = [&](const QString &what) {
        const Error e = dbError(db, what);
        db.exec(QStringLiteral("ROLLBACK"));
        return e;
    };
    // in_cohort must not go round in a circle (the engine would refuse it at every run).
    auto cycle = cycleThrough(db, name, rule);
    if (!cycle || !cycle.value().isEmpty()) {
        db.exec(QStringLiteral("ROLLBACK"));
        if (!cycle) return cycle.error();
        return Error{ErrorCode::CohortCycle,
                     QStringLiteral("cohort \"%1\" cannot be saved: in_cohort would go round in a circle: %2")
                         .arg(name, cycle.value().join(QStringLiteral(" -> "))),
                     name};
    }
    Statement insertCohort(db, QStringLiteral("INSERT OR IGNORE INTO cohort(name) VALUES (?)"));
    insertCohort.bindText(1, name);
    if (!insertCohort.stepDone()) return rollback(QStringLiteral("cannot save cohort"));
    Statement next(
        db, QStringLiteral("SELECT c.id, COALESCE(max(v.version), 0) + 1 FROM cohort c LEFT JOIN cohort_version v ON v.cohort_id = c.id "
                           "WHERE c.name = ? GROUP BY c.id"));
    next.bindText(1, name);
    if (!next.step()) return rollback(QStringLiteral("cannot save cohort"));
    const int64_t id = next.columnInt(0);
    CohortVersion v{int(next.columnInt(1)), rule, author, note, QDateTime::currentDateTimeUtc(), count};
    next.reset();
    Statement insert(
        db, QStringLiteral("INSERT INTO cohort_version(cohort_id, version, rule, author, saved_at, note, count) VALUES (?,?,?,?,?,?,?)"));
    insert.bind(1, id);
    insert.bind(2, int64_t(v.version));
    insert.bindText(3, rule);
    insert.bindText(4, author);
    insert.bindText(5, v.savedAt.toString(Qt::ISODate));
    insert.bindText(6, note);
    insert.bind(7, int64_t(count));
    if (!insert.stepDone()) return rollback(QStringLiteral("cannot save cohort"));
    // A cohort identities were revealed from is evidence: every later change of it is audited (its
    // earlier versions are kept, so what was revealed can always be read back).
    std::optional<audit::Entry> changed;
    if (revealedFrom(db, name)) {
        auto found = findUser(db, currentLogin());
        const User who = found ? found.value() : User::unlisted(currentLogin());
        changed = audit::Entry{
            0,
            {},
            who.name,
            roleName(who.role),
            QStringLiteral("cohort-changed"),
            QJsonObject{
                {QStringLiteral("cohort"), name}, {QStringLiteral("version"), v.version}, {QStringLiteral("revealed_before"), true}},
            {},
            {}};
        db.setWriteLocked(true);  // this save holds the project's write lock
        const Status s = audit::appendInTransaction(db, *changed);
        db.setWriteLocked(false);
        if (!s) {
            db.exec(QStringLiteral("ROLLBACK"));
            return s.error();
        }
    }
    if (auto s = db.exec(QStringLiteral("COMMIT")); !s) return s.error();
    if (changed)
        if (auto j = audit::journalAppend(db.path(), {audit::JournalLine{changed->seq, changed->hash, changed->at}}); !j) return j.error();
    return v;
}

Status removeCohort(ProjectDb &db, const QString &name) {
    auto lock = lockForWriting(db, QStringLiteral("cohorts"));  // waits for an import to finish
    if (!lock) return lock.error();
    if (db.schemaVersion() < 2) return Error{ErrorCode::UnknownCohort, QStringLiteral("no saved cohort called \"%1\"").arg(name), name};
    if (auto s = db.exec(QStringLiteral("BEGIN IMMEDIATE")); !s) return s;
    if (revealedFrom(db, name)) {
        db.exec(QStringLiteral("ROLLBACK"));
        return Error{ErrorCode::CohortRevealed,
                     QStringLiteral("identities were revealed from \"%1\": it is kept, with its versions, as the record of what was "
                                    "revealed")
                         .arg(name),
                     name};
    }
    auto found = findUser(db, currentLogin());
    const User who = found ? found.value() : User::unlisted(currentLogin());
    audit::Entry deleted{
        0, {}, who.name, roleName(who.role), QStringLiteral("cohort-deleted"), QJsonObject{{QStringLiteral("cohort"), name}}, {}, {}};
    db.setWriteLocked(true);  // every deletion is audited, in the same transaction, under the lock held
    const Status audited = audit::appendInTransaction(db, deleted);
    db.setWriteLocked(false);
    if (!audited) {
        db.exec(QStringLiteral("ROLLBACK"));
        return audited;
    }
    Statement del(db, QStringLiteral("DELETE FROM cohort_version WHERE cohort_id = (SELECT id FROM cohort WHERE name = ?)"));
    del.bindText(1, name);
    Statement delCohort(db, QStringLiteral("DELETE FROM cohort WHERE name = ?"));
    delCohort.bindText(1, name);
    Statement delDescription(db, QStringLiteral("DELETE FROM meta WHERE key = ?"));
    delDescription.bindText(1, descriptionKey(name));
    if (!del.stepDone() || !delCohort.stepDone() || !delDescription.stepDone()) {
        const Error e = dbError(db, QStringLiteral("cannot delete cohort"));
        db.exec(QStringLiteral("ROLLBACK"));
        return e;
    }
    if (auto s = db.exec(QStringLiteral("COMMIT")); !s) return s;
    return audit::journalAppend(db.path(), {audit::JournalLine{deleted.seq, deleted.hash, deleted.at}});
}

namespace {
// Appends an audit entry of the current user inside the open transaction (the caller holds the
// project's write lock); on failure the transaction is rolled back.
Status auditInTransaction(ProjectDb &db, const QString &action, const QJsonObject &detail, audit::Entry &entry) {
    auto found = findUser(db, currentLogin());
    const User who = found ? found.value() : User::unlisted(currentLogin());
    entry = audit::Entry{0, {}, who.name, roleName(who.role), action, detail, {}, {}};
    db.setWriteLocked(true);
    const Status s = audit::appendInTransaction(db, entry);
    db.setWriteLocked(false);
    if (!s) db.exec(QStringLiteral("ROLLBACK"));
    return s;
}

bool cohortExists(ProjectDb &db, const QString &name) {
    Statement st(db, QStringLiteral("SELECT 1 FROM cohort WHERE name = ?"));
    st.bindText(1, name);
    return st.step();
}

// The saved cohorts whose current rule uses `name` through in_cohort.
QStringList usersOf(ProjectDb &db, const QString &name) {
    QStringList out;
    Statement st(db, QStringLiteral("SELECT c.name, v.rule FROM cohort c JOIN cohort_version v ON v.cohort_id = c.id "
                                    "WHERE v.version = (SELECT max(version) FROM cohort_version WHERE cohort_id = c.id)"));
    while (st.step())
        if (st.columnText(0) != name && usedCohorts(st.columnText(1)).contains(name)) out << st.columnText(0);
    return out;
}

// Begins a cohort edit's transaction (the caller holds the lock); an error when there is no such
// cohort.
Status beginEdit(ProjectDb &db, const QString &name) {
    const Error unknown{ErrorCode::UnknownCohort, QStringLiteral("no saved cohort called \"%1\"").arg(name), name};
    if (db.schemaVersion() < 2) return unknown;
    if (auto s = db.exec(QStringLiteral("BEGIN IMMEDIATE")); !s) return s;
    if (!cohortExists(db, name)) {
        db.exec(QStringLiteral("ROLLBACK"));
        return unknown;
    }
    return Ok{};
}

Status commitEdit(ProjectDb &db, const audit::Entry &entry) {
    if (auto s = db.exec(QStringLiteral("COMMIT")); !s) return s;
    return audit::journalAppend(db.path(), {audit::JournalLine{entry.seq, entry.hash, entry.at}});
}
}  // namespace

Status renameCohort(ProjectDb &db, const QString &name, const QString &newName) {
    if (newName.trimmed().isEmpty()) return Error{ErrorCode::BadName, QStringLiteral("a cohort needs a name"), {}};
    if (newName == name) return Ok{};
    auto lock = lockForWriting(db, QStringLiteral("cohorts"));  // waits for an import to finish
    if (!lock) return lock.error();
    if (auto s = beginEdit(db, name); !s) return s;
    auto refuse = [&db](ErrorCode code, const QString &message, const QString &context) -> Status {
        db.exec(QStringLiteral("ROLLBACK"));
        return Error{code, message, context};
    };
    if (cohortExists(db, newName))
        return refuse(ErrorCode::BadName, QStringLiteral("there is already a saved cohort called \"%1\"").arg(newName), newName);
    if (revealedFrom(db, name))
        return refuse(ErrorCode::CohortRevealed,
                      QStringLiteral("identities were revealed from \"%1\": it keeps its name, the one the audit log records").arg(name),
                      name);
    if (const QStringList users = usersOf(db, name); !users.isEmpty())
        return refuse(
            ErrorCode::BadName,
            QStringLiteral("\"%1\" is used by in_cohort in %2: rename it there first").arg(name, users.join(QStringLiteral(", "))), name);
    audit::Entry entry;
    const QJsonObject detail{{QStringLiteral("cohort"), name}, {QStringLiteral("new_name"), newName}};
    if (auto s = auditInTransaction(db, QStringLiteral("cohort-renamed"), detail, entry); !s) return s;
    Statement update(db, QStringLiteral("UPDATE cohort SET name = ? WHERE name = ?"));
    update.bindText(1, newName);
    update.bindText(2, name);
    Statement moveDescription(db, QStringLiteral("UPDATE meta SET key = ? WHERE key = ?"));
    moveDescription.bindText(1, descriptionKey(newName));
    moveDescription.bindText(2, descriptionKey(name));
    if (!update.stepDone() || !moveDescription.stepDone()) {
        const Error e = dbError(db, QStringLiteral("cannot rename cohort"));
        db.exec(QStringLiteral("ROLLBACK"));
        return e;
    }
    return commitEdit(db, entry);
}

Status setCohortDescription(ProjectDb &db, const QString &name, const QString &description) {
    auto lock = lockForWriting(db, QStringLiteral("cohorts"));
    if (!lock) return lock.error();
    if (auto s = beginEdit(db, name); !s) return s;
    audit::Entry entry;
    const QJsonObject detail{{QStringLiteral("cohort"), name}};  // the text itself is in the project, not the log
    if (auto s = auditInTransaction(db, QStringLiteral("cohort-described"), detail, entry); !s) return s;
    Statement write(db, description.trimmed().isEmpty() ? QStringLiteral("DELETE FROM meta WHERE key = ?")
                                                        : QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)"));
    write.bindText(1, descriptionKey(name));
    if (!description.trimmed().isEmpty()) write.bindText(2, description.trimmed());
    if (!write.stepDone()) {
        const Error e = dbError(db, QStringLiteral("cannot describe cohort"));
        db.exec(QStringLiteral("ROLLBACK"));
        return e;
    }
    return commitEdit(db, entry);
}

}  // namespace phm::core
