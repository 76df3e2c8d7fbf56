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
    s->mLists = options.codeLists ? options.codeLists : std::make_shared<const rules::CodeLists>();
    if (options.loadData) {
        auto loaded = openProject(path, feedback);
        if (!loaded) return loaded.error();
        s->mProject = loaded.value();
        s->mAreas = std::make_shared<const AreaIndex>(*s->mProject);
    }
    if (options.user) {
        s->mUser = *options.user;
    } else {
        auto found = findUser(path, currentLogin());
        s->mUser = found ? found.value() : User::unlisted(currentLogin());
    }
    auto policy = projectPolicy(path);
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
    auto &db = mConnections[std::this_thread::get_id()];
    if (!db) {
        auto opened = ProjectDb::open(mPath, false);
        if (!opened) return opened.error();
        db = std::move(opened.value());
    }
    return db.get();
}

Result<std::vector<IndicatorDefinition>> Session::indicators(const QString &userFile) const {
    if (!userFile.isEmpty()) return loadIndicators(userFile, mLists.get(), mPath);
    {
        std::lock_guard lock(mMutex);
        if (mIndicators) return *mIndicators;
    }
    auto loaded = loadIndicators({}, mLists.get(), mPath);
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
    if (auto s = saveProjectIndicator(mPath, definition, mLists.get()); !s) return s;
    {
        std::lock_guard lock(mMutex);
        mIndicators.reset();
    }
    emit indicatorsChanged();
    return Ok{};
}

Status Session::removeIndicator(const QString &id) {
    if (auto s = removeProjectIndicator(mPath, id); !s) return s;
    {
        std::lock_guard lock(mMutex);
        mIndicators.reset();
    }
    emit indicatorsChanged();
    return Ok{};
}

Result<std::vector<PlusGroup>> Session::plusGroups() const { return loadPlusGroups(mPath, mLists.get()); }

Status Session::savePlusGroups(const std::vector<PlusGroup> &groups) {
    if (auto s = core::savePlusGroups(mPath, groups, mLists.get()); !s) return s;
    emit plusGroupsChanged();
    return Ok{};
}

Result<std::vector<SavedCohort>> Session::savedCohorts() const { return CohortStore(mPath).list(); }

Result<std::vector<PackTemplate>> Session::packTemplates() const { return listPackTemplates(mPath); }

Status Session::savePackTemplate(const PackTemplate &t) {
    auto saved = core::savePackTemplate(mPath, t, user().name);
    if (saved) emit templatesChanged();
    return saved;
}

Status Session::removePackTemplate(const QString &name) {
    auto removed = core::removePackTemplate(mPath, name);
    if (removed) emit templatesChanged();
    return removed;
}

Result<CohortVersion> Session::saveCohort(const QString &name, const QString &rule, const QString &author, const QString &note,
                                          qint64 count) {
    auto saved = CohortStore(mPath).save(name, rule, author, note, count);
    if (saved) emit cohortsChanged();
    return saved;
}

Status Session::removeCohort(const QString &name) {
    auto removed = CohortStore(mPath).remove(name);
    if (removed) emit cohortsChanged();
    return removed;
}

}  // namespace phm::core
