#include "governance/users.h"

#include "base/filesystem.h"
#include "governance/audit.h"
#include "store/projectdb.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonObject>

namespace phm::core {

namespace {
// "<what>: <SQLite's message>", or the project's locked or damaged error when that is the cause.
Error dbError(ProjectDb &db, const QString &what) { return db.failure(what); }

int adminCount(ProjectDb &db, const QString &except) {
    Statement st(db, QStringLiteral("SELECT count(*) FROM app_user WHERE role = 'admin' AND name <> ?"));
    st.bindText(1, except);
    return st.step() ? int(st.columnInt(0)) : 0;
}

bool practiceExists(ProjectDb &db, const QString &code) {
    Statement st(db, QStringLiteral("SELECT 1 FROM practice WHERE code = ?"));
    st.bindText(1, code);
    return st.step();
}

// Runs change() and the audit entry in one write transaction, under the project's write lock.
template <class F>
Status inTransaction(ProjectDb &db, const User &actor, const QString &action, const QJsonObject &detail, F change) {
    audit::Entry e{0, {}, actor.name, roleName(actor.role), action, detail, {}, {}};
    return audit::writeWithEntry(db, e, change);
}
}  // namespace

QString roleName(Role role) {
    switch (role) {
        case Role::Clinician:
            return QStringLiteral("clinician");
        case Role::Admin:
            return QStringLiteral("admin");
        case Role::Analyst:
            break;
    }
    return QStringLiteral("analyst");
}

std::optional<Role> roleNamed(const QString &name) {
    for (Role r : {Role::Analyst, Role::Clinician, Role::Admin})
        if (roleName(r) == name) return r;
    return std::nullopt;
}

QString currentLogin() {
    for (const char *var : {"PHM_USER", "USER", "USERNAME", "LOGNAME"})
        if (const QString v = qEnvironmentVariable(var); !v.isEmpty()) return v;
    if (const QString v = fs::systemLoginName(); !v.isEmpty()) return v;  // no login shell (services, CI)
    return QStringLiteral("unknown");
}

Result<std::vector<User>> listUsers(ProjectDb &db) {
    std::vector<User> out;
    if (db.schemaVersion() < 3) return out;
    Statement st(db, QStringLiteral("SELECT name, role, practice, added_at, added_by FROM app_user ORDER BY name"));
    while (st.step())
        out.push_back(User{st.columnText(0), roleNamed(st.columnText(1)).value_or(Role::Analyst), st.columnText(2), true, st.columnText(3),
                           st.columnText(4)});
    if (!st.ok()) return dbError(db, QStringLiteral("cannot read the users"));
    return out;
}

Result<User> findUser(ProjectDb &db, const QString &login) {
    auto all = listUsers(db);
    if (!all) return all.error();
    for (const User &u : all.value())
        if (u.name == login) return u;
    return User{login, Role::Analyst, {}, false, {}, {}};
}

namespace {
QString withArticle(Role role) { return (role == Role::Clinician ? QStringLiteral("a ") : QStringLiteral("an ")) + roleName(role); }
}  // namespace

Status requireRole(const User &actor, Role role, const QString &what) {
    if (role == Role::Analyst) return Ok{};
    if (actor.role == role && actor.listed && !actor.proven)
        return Error{ErrorCode::NotProven,
                     QStringLiteral("Only %1 can %2: %3, give your passphrase to prove it is you (--passphrase-file FILE; a new project's "
                                    "admin first sets one with `phm users passphrase`).")
                         .arg(withArticle(role), what, actor.name),
                     actor.name};
    if (actor.role == role && actor.listed) return Ok{};
    const QString who = actor.listed ? QStringLiteral("%1 is %2").arg(actor.name, withArticle(actor.role))
                                     : QStringLiteral("%1 is not a user of this project, so works as an analyst").arg(actor.name);
    return Error{ErrorCode::NotPermitted, QStringLiteral("Only %1 can %2; %3.").arg(withArticle(role), what, who), actor.name};
}

Status setUser(ProjectDb &db, const User &actor, const User &user) {
    if (auto s = db.migrate(); !s) return s;
    auto existing = listUsers(db);
    if (!existing) return existing.error();
    const bool bootstrap = existing.value().empty();
    if (bootstrap && user.role != Role::Admin)
        return Error{ErrorCode::FirstUserAdmin, QStringLiteral("the first user of a project must be an admin"), user.name};
    if (!bootstrap)
        if (auto s = requireRole(actor, Role::Admin, QStringLiteral("add or change users")); !s) return s;
    if (user.name.trimmed().isEmpty() || user.name.contains(QLatin1Char(' ')))
        return Error{ErrorCode::BadUser, QStringLiteral("a user needs a login name without spaces"), user.name};
    if (user.role == Role::Clinician && !practiceExists(db, user.practice))
        return Error{ErrorCode::BadPractice,
                     user.practice.isEmpty() ? QStringLiteral("a clinician must be bound to a practice (--practice CODE)")
                                             : QStringLiteral("practice %1 is not a practice of this project").arg(user.practice),
                     user.practice};
    if (!bootstrap && user.role != Role::Admin && adminCount(db, user.name) == 0)
        return Error{ErrorCode::LastAdmin, QStringLiteral("%1 is the project's only admin; add another admin first").arg(user.name),
                     user.name};
    const QString practice = user.role == Role::Clinician ? user.practice : QString();
    const QJsonObject detail{
        {QStringLiteral("user"), user.name}, {QStringLiteral("role"), roleName(user.role)}, {QStringLiteral("practice"), practice}};
    const User &by = bootstrap ? user : actor;
    return inTransaction(db, by, QStringLiteral("set-user"), detail, [&]() -> Status {
        Statement st(db, QStringLiteral("INSERT OR REPLACE INTO app_user(name, role, practice, added_at, added_by) VALUES (?,?,?,?,?)"));
        st.bindText(1, user.name);
        st.bindText(2, roleName(user.role));
        if (practice.isEmpty())
            st.bindNull(3);
        else
            st.bindText(3, practice);
        st.bindText(4, QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
        st.bindText(5, by.name);
        if (!st.stepDone()) return dbError(db, QStringLiteral("cannot save the user"));
        return Ok{};
    });
}

Status removeUser(ProjectDb &db, const User &actor, const QString &login) {
    if (auto s = requireRole(actor, Role::Admin, QStringLiteral("remove users")); !s) return s;
    auto target = findUser(db, login);
    if (!target) return target.error();
    if (!target.value().listed) return Error{ErrorCode::UnknownUser, QStringLiteral("%1 is not a user of this project").arg(login), login};
    if (target.value().role == Role::Admin && adminCount(db, login) == 0)
        return Error{ErrorCode::LastAdmin, QStringLiteral("%1 is the project's only admin; add another admin first").arg(login), login};
    return inTransaction(db, actor, QStringLiteral("remove-user"), QJsonObject{{QStringLiteral("user"), login}}, [&]() -> Status {
        Statement st(db, QStringLiteral("DELETE FROM app_user WHERE name = ?"));
        st.bindText(1, login);
        if (!st.stepDone()) return dbError(db, QStringLiteral("cannot remove the user"));
        return Ok{};
    });
}

Status carryOverGovernance(ProjectDb &db, const QString &replacedProject, const QJsonObject &importDetail, audit::Entry *appended) {
    std::vector<User> users;
    if (QFileInfo::exists(replacedProject)) {
        auto old = ProjectDb::open(replacedProject, false);
        if (!old) return old.error();
        ProjectDb &from = *old.value();
        if (from.schemaVersion() > kSchemaVersion)
            return Error{ErrorCode::NewerSchema, QStringLiteral("%1 was written by a newer PHM Workbench").arg(replacedProject),
                         replacedProject};
        auto listed = listUsers(from);
        if (!listed) return listed.error();
        users = listed.value();
        if (from.schemaVersion() >= 3) {
            Statement read(from,
                           QStringLiteral("SELECT seq, at, user, role, action, detail, prev_hash, hash FROM audit_log ORDER BY rowid"));
            Statement write(
                db, QStringLiteral("INSERT INTO audit_log(seq, at, user, role, action, detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?)"));
            while (read.step()) {
                write.bind(1, read.columnInt(0));
                for (int c = 1; c < 8; ++c) write.bindText(c + 1, read.columnText(c));
                if (!write.stepDone()) return dbError(db, QStringLiteral("cannot keep the audit log"));
            }
            if (!read.ok()) return dbError(from, QStringLiteral("cannot read the audit log of the project being replaced"));
            if (auto s = db.setMeta(QStringLiteral("audit.head"), from.meta(QStringLiteral("audit.head"))); !s) return s;
            if (const QString policy = from.meta(QStringLiteral("disclosure.policy")); !policy.isEmpty())  // set by an admin: it stays
                if (auto s = db.setMeta(QStringLiteral("disclosure.policy"), policy); !s) return s;
        }
        // What the ICS made, not what the extract holds, stays too: saved cohorts with their
        // history (schema 2), pack templates (schema 4), maturity frameworks, assessments and PHM
        // cycles (schema 5), the privileged users' credentials (schema 6), and programmes frozen from
        // cohorts and saved evaluations (schema 7).
        for (const auto &[version, table] :
             {std::pair{2, "cohort"}, std::pair{2, "cohort_version"}, std::pair{4, "pack_template"}, std::pair{5, "maturity_framework"},
              std::pair{5, "maturity_assessment"}, std::pair{5, "phm_cycle"}, std::pair{5, "phm_cycle_stage"}, std::pair{6, "credential"},
              std::pair{7, "programme"}, std::pair{7, "programme_member"}, std::pair{7, "evaluation"}})
            if (from.schemaVersion() >= version)
                if (auto s = copyRows(from, db, QLatin1String(table)); !s) return s;
        // And every setting in the meta table (analysts' indicators, PLUS groups, and whatever a
        // later version keeps there) except what describes the extract just imported.
        if (from.schemaVersion() >= 1) {
            Statement meta(from, QStringLiteral("SELECT key, value FROM meta WHERE key NOT IN ('import_report', 'source_folder', "
                                                "'extract_start', 'extract_end', 'audit.head', 'disclosure.policy')"));
            while (meta.step())
                if (auto s = db.setMeta(meta.columnText(0), meta.columnText(1)); !s) return s;
            if (!meta.ok()) return dbError(from, QStringLiteral("cannot read the settings of the project being replaced"));
        }
    }
    const QString login = currentLogin();
    if (users.empty()) users.push_back(User{login, Role::Admin, {}, true, QDateTime::currentDateTimeUtc().toString(Qt::ISODate), login});
    Statement insert(db, QStringLiteral("INSERT INTO app_user(name, role, practice, added_at, added_by) VALUES (?,?,?,?,?)"));
    for (const User &u : users) {
        insert.bindText(1, u.name);
        insert.bindText(2, roleName(u.role));
        if (u.practice.isEmpty())
            insert.bindNull(3);
        else
            insert.bindText(3, u.practice);
        insert.bindText(4, u.addedAt);
        insert.bindText(5, u.addedBy);
        if (!insert.stepDone()) return dbError(db, QStringLiteral("cannot keep the users"));
    }
    User actor = User{login, Role::Analyst, {}, false, {}, {}};
    for (const User &u : users)
        if (u.name == login) actor = u;
    audit::Entry e{0, {}, actor.name, roleName(actor.role), QStringLiteral("import"), importDetail, {}, {}};
    if (auto s = audit::appendInTransaction(db, e); !s) return s;
    if (appended) *appended = e;
    return Ok{};
}

Status recordAsCurrentUser(const QString &projectPath, const QString &action, const QJsonObject &detail) {
    auto opened = ProjectDb::open(projectPath, false);
    if (!opened) return opened.error();
    auto user = findUser(*opened.value(), currentLogin());
    if (!user) return user.error();
    opened.value().reset();  // audit::record opens the project for writing
    return audit::record(projectPath, user.value().name, roleName(user.value().role), action, detail);
}

Result<std::vector<audit::Entry>> readAuditLog(ProjectDb &db, const User &actor) {
    if (auto s = requireRole(actor, Role::Admin, QStringLiteral("read the audit log")); !s) return s.error();
    return audit::entries(db);
}

Result<audit::Verification> verifyAuditLog(const QString &projectPath) { return audit::verifyProject(projectPath); }

}  // namespace phm::core
