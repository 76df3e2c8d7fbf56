#pragma once
// A project session: one opened project and everything a view or a command reads with it — the
// loaded person and event tables, the area index, the code lists, the indicator definitions, the
// disclosure policy and the user — plus a read connection to the project file for each thread
// that asks. Analyses (core/operations) take a session, never a path; the GUI holds one session
// per open project and listens to its change signals instead of re-reading the file. Immutable
// parts (project, areas, lists) are shared with worker threads as shared_ptr; the mutable parts
// (indicators, the user) are guarded, so any thread may call any const member.
#include "base/feedback.h"
#include "base/result.h"
#include "geo/areas.h"
#include "governance/disclosure.h"
#include "governance/publish.h"
#include "governance/users.h"
#include "indicators/indicators.h"
#include "maturity/maturitystore.h"
#include "rules/codeliststore.h"
#include "rules/rulecatalogue.h"
#include "session/projectloader.h"

#include <QJsonObject>
#include <QObject>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace phm::core {

class ProjectDb;
struct PlusGroup;
struct CohortVersion;
struct SavedCohort;
struct PackTemplate;

struct SessionOptions {
    bool loadData = true;      // false: the project file only (users, audit log, policy); nothing loaded into memory
    std::optional<User> user;  // who works; by default the environment's login with its role in the project, unproven
};

// A project's PHM maturity records, as the maturity dock shows them.
using MaturityRecords = maturity::Records;

class Session : public QObject {
    Q_OBJECT
public:
    // Checks and opens the project at path (never creating one; a path, as this is where a session starts from the file), loads
    // it unless asked not to, builds the area index and reads the user and the disclosure policy.
    static Result<std::shared_ptr<Session>> open(const QString &path, Feedback &feedback, const SessionOptions &options = {});
    ~Session() override;

    const QString &path() const { return mPath; }
    bool hasData() const { return bool(mProject); }
    // The loaded project and its areas (only when hasData()).
    const Project &project() const { return *mProject; }
    const ProjectPtr &projectPtr() const { return mProject; }
    const AreaIndex &areas() const { return *mAreas; }
    const std::shared_ptr<const AreaIndex> &areasPtr() const { return mAreas; }
    // The code lists rules use: the bundled ones and the project's own (read when it was opened,
    // then kept up to date by saveCodeList and removeCodeList).
    const rules::CodeLists &codeLists() const { return *mLists; }
    std::shared_ptr<const rules::CodeLists> codeListsPtr() const { return mLists; }
    // Project lists the file holds but that could not be read (left out, named).
    std::vector<rules::DamagedCodeList> damagedCodeLists() const;
    Status saveCodeList(const rules::ProjectCodeList &list);
    Status removeCodeList(const QString &name);

    User user() const;
    // The user once proven (core/governance/credentials authenticate), for a privileged action.
    void setUser(const User &user);
    const disclosure::Policy &policy() const { return mPolicy; }
    // The policy an output is made under: the project's, or none when `off` is asked for by a
    // proven admin (refused for anyone else).
    Result<disclosure::Policy> outputPolicy(bool off) const;

    // A read-only connection to the project file for the calling thread, opened on first use and
    // kept for the session's reads. Never share it with another thread; the pointer is good until
    // this thread asks again (a write through the session makes the next ask reopen, so a schema
    // the write upgraded is seen).
    Result<ProjectDb *> connection() const;
    // Runs fn(ProjectDb &) on this thread's connection and returns its result, or the error of
    // opening the connection: how the session's reads, and any reader given the session, reach
    // the project's records.
    template <class F>
    auto read(F fn) const -> decltype(fn(std::declval<ProjectDb &>())) {
        auto db = connection();
        if (!db) return db.error();
        return fn(*db.value());
    }

    // The indicator definitions: bundled, then the project's own, then those of userFile (same id:
    // the later wins). Without userFile the list is kept and refreshed when an indicator changes.
    Result<std::vector<IndicatorDefinition>> indicators(const QString &userFile = {}) const;

    // The audit log, for an admin (anyone else gets the refusal; core/governance/users readAuditLog).
    Result<std::vector<audit::Entry>> auditLog(const User &actor) const;

    // Results leave through the governed-output boundary (core/governance/governedoutput): the
    // policy is applied and the export recorded in the audit log before anything is returned.
    Result<disclosure::Published> publish(const QJsonValue &result, const disclosure::OutputFields &fields,
                                          const disclosure::Policy &policy, const QString &command, const QJsonObject &detail = {}) const;
    Result<QJsonObject> publishObject(const QJsonObject &result, const disclosure::OutputFields &fields, const disclosure::Policy &policy,
                                      const QString &command, const QJsonObject &detail = {}) const;
    // Content already through the session's policy (a copied table, a saved chart image) is
    // leaving: records `action` with the policy and `detail` (never the content) before the caller
    // writes it anywhere; an error means nothing may be output.
    Status recordExport(const QString &action, const QJsonObject &detail) const;

    // Changes made through the session, so that views hear of them.
    Status saveIndicator(const IndicatorDefinition &definition);
    Status removeIndicator(const QString &id);
    Result<std::vector<PlusGroup>> plusGroups() const;
    Status savePlusGroups(const std::vector<PlusGroup> &groups);
    Result<std::vector<SavedCohort>> savedCohorts() const;
    Result<CohortVersion> saveCohort(const QString &name, const QString &rule, const QString &author, const QString &note, qint64 count);
    Status removeCohort(const QString &name);
    Status renameCohort(const QString &name, const QString &newName);
    Status setCohortDescription(const QString &name, const QString &description);
    Result<std::vector<PackTemplate>> packTemplates() const;
    Status savePackTemplate(const PackTemplate &t);  // the session's user is its author
    Status removePackTemplate(const QString &name);
    // Maturity frameworks, assessments and PHM cycles (core/maturity/maturitystore); the session's
    // user is the author of what is written.
    Result<MaturityRecords> maturityRecords() const;
    Status saveFramework(const maturity::Framework &framework);
    Result<maturity::Assessment> addAssessment(const maturity::Assessment &assessment);
    Result<cycle::Cycle> startCycle(const QString &pcn, const QString &title);
    Result<cycle::Cycle> recordStage(qint64 cycleId, const cycle::StageRecord &stage);
    // The exchange file (phm maturity export and import): everything, and an all-or-nothing import.
    Result<QJsonObject> exportMaturity() const;
    Result<maturity::ImportReport> importMaturity(const QByteArray &json, const QString &source);
    // Records of a kind the session has no method of its own for (frozen programmes, saved
    // evaluations, and what later analyses keep): write(ProjectDb &) runs on a connection opened
    // for writing (it takes the project's write lock itself, as every store does), and when it
    // succeeds recordsChanged(kind) tells the views. The writer names user() as the author.
    Status writeRecords(const QString &kind, const std::function<Status(ProjectDb &)> &write);

signals:
    void indicatorsChanged();
    void cohortsChanged();
    void plusGroupsChanged();
    void templatesChanged();
    void maturityChanged();
    void recordsChanged(const QString &kind);  // "programmes", "evaluations", ...
    void codeListsChanged();

private:
    Session() = default;
    QString mPath;
    ProjectPtr mProject;
    std::shared_ptr<const AreaIndex> mAreas;
    std::shared_ptr<rules::CodeLists> mLists;
    std::vector<rules::DamagedCodeList> mDamagedLists;  // guarded by mMutex
    disclosure::Policy mPolicy;
    mutable std::mutex mMutex;  // guards what follows
    User mUser;
    mutable std::optional<std::vector<IndicatorDefinition>> mIndicators;
    struct Connection {
        std::unique_ptr<ProjectDb> db;
        uint64_t generation = 0;
    };
    mutable std::map<std::thread::id, Connection> mConnections;
    uint64_t mGeneration = 0;  // bumped by every write through the session
    void wrote();              // after a write: the cached indicators and connections are stale
    // Runs write(ProjectDb &) on a connection opened for writing; when it succeeds, the session
    // learns it wrote and `announce` runs (emitting the change signal).
    template <class F, class Announce>
    auto writing(F write, Announce announce) -> decltype(write(std::declval<ProjectDb &>()));
};

using SessionPtr = std::shared_ptr<Session>;

}  // namespace phm::core
