#include "session/session.h"

#include "cohorts/cohortstore.h"
#include "governance/disclosurepolicy.h"
#include "governance/governedoutput.h"
#include "indicators/core20plus5.h"
#include "packs/packtemplate.h"
#include "store/projectdb.h"

namespace phm::core {

Result<std::shared_ptr<Session>> Session::open(const QString &path, Feedback &feedback, const SessionOptions &options) {
    std::shared_ptr<Session> s(new Session);
    s->mPath = path;
    s->mLists = std::make_shared<rules::CodeLists>();
    // The project's own lists, usable as @name in every rule.
    auto own = s->read([](ProjectDb &db) { return rules::projectCodeLists(db); });
    if (!own) return own.error();
    for (const rules::ProjectCodeList &l : own.value().lists) s->mLists->setProjectList(l.name, l.codes);
    s->mDamagedLists = std::move(own.value().damaged);
    if (options.loadData) {
        auto loaded = openProject(path, feedback);
        if (!loaded) return loaded.error();
        s->mProject = loaded.value();
        s->mAreas = std::make_shared<const AreaIndex>(*s->mProject);
    }
    if (options.user) {
        s->mUser = *options.user;
    } else {
        auto found = s->read([](ProjectDb &db) { return findUser(db, currentLogin()); });
        s->mUser = found ? found.value() : User::unlisted(currentLogin());
    }
    auto policy = s->read([](ProjectDb &db) { return projectPolicy(db); });
    if (!policy) return policy.error();
    s->mPolicy = policy.value();
    return s;
}

Session::~Session() = default;

User Session::user() const {
    std::lock_guard lock(mMutex);
    return mUser;
}

void Session::setUser(const User &user) {
    std::lock_guard lock(mMutex);
    mUser = user;
}

Result<disclosure::Policy> Session::outputPolicy(bool off) const { return core::outputPolicy(mPath, off, user()); }

Result<ProjectDb *> Session::connection() const {
    std::lock_guard lock(mMutex);
    Connection &c = mConnections[std::this_thread::get_id()];
    if (!c.db || c.generation != mGeneration) {
        c.db.reset();  // this thread's own, so nothing else is using it
        auto opened = ProjectDb::open(mPath, false);
        if (!opened) return opened.error();
        c.db = std::move(opened.value());
        c.generation = mGeneration;
    }
    return c.db.get();
}

template <class F, class Announce>
auto Session::writing(F write, Announce announce) -> decltype(write(std::declval<ProjectDb &>())) {
    auto opened = ProjectDb::open(mPath, true);
    if (!opened) return opened.error();
    auto result = write(*opened.value());
    if (result) {
        wrote();
        announce();
    }
    return result;
}

void Session::wrote() {
    std::lock_guard lock(mMutex);
    ++mGeneration;
    mIndicators.reset();
}

Result<std::vector<IndicatorDefinition>> Session::indicators(const QString &userFile) const {
    auto db = connection();
    if (!db) return db.error();
    if (!userFile.isEmpty()) return loadIndicators(userFile, mLists.get(), db.value());
    {
        std::lock_guard lock(mMutex);
        if (mIndicators) return *mIndicators;
    }
    auto loaded = loadIndicators({}, mLists.get(), db.value());
    if (!loaded) return loaded.error();
    std::lock_guard lock(mMutex);
    mIndicators = loaded.value();
    return loaded;
}

Result<disclosure::Published> Session::publish(const QJsonValue &result, const disclosure::OutputFields &fields,
                                               const disclosure::Policy &policy, const QString &command, const QJsonObject &detail) const {
    return publishGoverned(result, fields, policy, mPath, command, detail);
}

Result<QJsonObject> Session::publishObject(const QJsonObject &result, const disclosure::OutputFields &fields,
                                           const disclosure::Policy &policy, const QString &command, const QJsonObject &detail) const {
    return publishGovernedObject(result, fields, policy, mPath, command, detail);
}

Status Session::saveIndicator(const IndicatorDefinition &definition) {
    return writing([&](ProjectDb &db) { return saveProjectIndicator(db, definition, mLists.get()); }, [this] { emit indicatorsChanged(); });
}

Status Session::removeIndicator(const QString &id) {
    return writing([&](ProjectDb &db) { return removeProjectIndicator(db, id); }, [this] { emit indicatorsChanged(); });
}

Result<std::vector<PlusGroup>> Session::plusGroups() const {
    return read([this](ProjectDb &db) { return loadPlusGroups(db, mLists.get()); });
}

Status Session::savePlusGroups(const std::vector<PlusGroup> &groups) {
    return writing([&](ProjectDb &db) { return core::savePlusGroups(db, groups, mLists.get()); }, [this] { emit plusGroupsChanged(); });
}

Result<std::vector<audit::Entry>> Session::auditLog(const User &actor) const {
    return read([&](ProjectDb &db) { return readAuditLog(db, actor); });
}

Result<std::vector<SavedCohort>> Session::savedCohorts() const {
    return read([](ProjectDb &db) { return core::savedCohorts(db); });
}

Result<std::vector<PackTemplate>> Session::packTemplates() const {
    return read([](ProjectDb &db) { return listPackTemplates(db); });
}

Status Session::savePackTemplate(const PackTemplate &t) {
    const QString author = user().name;
    return writing([&](ProjectDb &db) { return core::savePackTemplate(db, t, author); }, [this] { emit templatesChanged(); });
}

Status Session::removePackTemplate(const QString &name) {
    return writing([&](ProjectDb &db) { return core::removePackTemplate(db, name); }, [this] { emit templatesChanged(); });
}

Result<MaturityRecords> Session::maturityRecords() const {
    return read([](ProjectDb &db) { return maturity::records(db); });
}

Status Session::saveFramework(const maturity::Framework &framework) {
    const QString author = user().name;
    return writing([&](ProjectDb &db) { return maturity::saveFramework(db, framework, author); }, [this] { emit maturityChanged(); });
}

Result<maturity::Assessment> Session::addAssessment(const maturity::Assessment &assessment) {
    const QString author = user().name;
    return writing([&](ProjectDb &db) { return maturity::addAssessment(db, assessment, author); }, [this] { emit maturityChanged(); });
}

Result<cycle::Cycle> Session::startCycle(const QString &pcn, const QString &title) {
    const QString author = user().name;
    return writing([&](ProjectDb &db) { return maturity::startCycle(db, pcn, title, author); }, [this] { emit maturityChanged(); });
}

Result<cycle::Cycle> Session::recordStage(qint64 cycleId, const cycle::StageRecord &stage) {
    const QString author = user().name;
    return writing([&](ProjectDb &db) { return maturity::recordStage(db, cycleId, stage, author); }, [this] { emit maturityChanged(); });
}

Result<QJsonObject> Session::exportMaturity() const {
    return read([](ProjectDb &db) { return maturity::exportAll(db); });
}

Result<maturity::ImportReport> Session::importMaturity(const QByteArray &json, const QString &source) {
    const QString author = user().name;
    return writing([&](ProjectDb &db) { return maturity::importAll(db, json, source, author); }, [this] { emit maturityChanged(); });
}

Result<CohortVersion> Session::saveCohort(const QString &name, const QString &rule, const QString &author, const QString &note,
                                          qint64 count) {
    return writing([&](ProjectDb &db) { return core::saveCohort(db, name, rule, author, note, count); }, [this] { emit cohortsChanged(); });
}

Status Session::writeRecords(const QString &kind, const std::function<Status(ProjectDb &)> &write) {
    return writing([&](ProjectDb &db) { return write(db); }, [this, kind] { emit recordsChanged(kind); });
}

Status Session::removeCohort(const QString &name) {
    return writing([&](ProjectDb &db) { return core::removeCohort(db, name); }, [this] { emit cohortsChanged(); });
}

Status Session::renameCohort(const QString &name, const QString &newName) {
    return writing([&](ProjectDb &db) { return core::renameCohort(db, name, newName); }, [this] { emit cohortsChanged(); });
}

Status Session::setCohortDescription(const QString &name, const QString &description) {
    return writing([&](ProjectDb &db) { return core::setCohortDescription(db, name, description); }, [this] { emit cohortsChanged(); });
}

Status Session::recordExport(const QString &action, const QJsonObject &detail) const {
    return recordGovernedExport(mPath, action, mPolicy, detail);
}

std::vector<rules::DamagedCodeList> Session::damagedCodeLists() const {
    std::lock_guard lock(mMutex);
    return mDamagedLists;
}

Status Session::saveCodeList(const rules::ProjectCodeList &list) {
    rules::ProjectCodeList mine = list;
    mine.addedBy = user().name;
    return writing([&](ProjectDb &db) { return rules::saveProjectCodeList(db, mine); },
                   [this, mine] {
                       mLists->setProjectList(mine.name, mine.codes);
                       emit codeListsChanged();
                   });
}

Status Session::removeCodeList(const QString &name) {
    return writing([&](ProjectDb &db) { return rules::removeProjectCodeList(db, name); },
                   [this, name] {
                       mLists->removeProjectList(name);
                       emit codeListsChanged();
                   });
}

}  // namespace phm::core
