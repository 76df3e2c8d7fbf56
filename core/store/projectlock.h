#pragma once
// The project's write lock: an exclusive advisory lock (flock) on `<project>.lock`, taken by every
// import for its whole run (from its first check until the new file has been renamed over the
// project and its audit entry journalled), by every write that appends an audit entry, and by the
// project's other writes (cohorts, pack templates, settings, maturity records). So nothing can be
// written into a file an import is about to replace, and two imports cannot each carry over the
// log without the other's entry. A writer that finds an import running waits for it
// (PHM_LOCK_WAIT_SECONDS, default 10 minutes) and then writes into the new file; an import that
// finds another import running fails at once, naming the project and the process. The lock file
// is there only while held: the holder removes it before unlocking, and a waiter that then gets
// the lock on the removed file retries on the new one.
//
// Advisory only: it orders the workbench's own writers and does nothing against a process that
// writes the file by other means (docs/governance.md, The audit log). Thread contract: a lock
// belongs to the thread that took it; one process must not take it twice (flock locks of one
// process conflict like another's), so a holder calls the *InTransaction functions, never the
// path-taking ones.
#include "base/filesystem.h"
#include "base/result.h"

#include <QString>
#include <memory>

namespace phm::core {

class ProjectLock {
public:
    static constexpr int kDefaultWait = -1;  // PHM_LOCK_WAIT_SECONDS if set, else 10 minutes
    // A path: the lock is a file beside the project. `purpose` is recorded in it while held ("import", "audit", ...), for the
    // message another writer gets. An import (`purpose` "import") never waits for another import.
    static Result<std::unique_ptr<ProjectLock>> acquire(const QString &projectPath, const QString &purpose, int waitMs = kDefaultWait);
    ~ProjectLock();
    ProjectLock(const ProjectLock &) = delete;
    ProjectLock &operator=(const ProjectLock &) = delete;
    const QString &projectPath() const { return mProject; }

private:
    ProjectLock() = default;
    QString mProject;
    fs::NativeFile mFile;  // open and locked once acquired
};

QString lockPath(const QString &projectPath);  // <project>.lock

class ProjectDb;
// The write lock for one write through `db` (opened for writing): taken, waiting for an import to
// finish, then `db` reopened, since the import may have renamed a new file over the project
// meanwhile. No Statement may be alive on `db`.
Result<std::unique_ptr<ProjectLock>> lockForWriting(ProjectDb &db, const QString &purpose);

}  // namespace phm::core
