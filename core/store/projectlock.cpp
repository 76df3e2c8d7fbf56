#include "store/projectlock.h"

#include "base/filesystem.h"
#include "store/projectdb.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QThread>

namespace phm::core {

namespace {
int defaultWaitMs() {
    bool ok = false;
    const int seconds = qEnvironmentVariableIntValue("PHM_LOCK_WAIT_SECONDS", &ok);
    return ok && seconds >= 0 ? seconds * 1000 : 10 * 60 * 1000;
}

// "<pid> <purpose>" of the holder, empty if it has not said yet (or released).
QString holderOf(const fs::NativeFile &file) {
    char buf[256] = {};
    const qint64 n = file.readAt(buf, sizeof buf - 1, 0);
    return n > 0 ? QString::fromUtf8(buf, int(n)).trimmed() : QString();
}

Error busy(const QString &project, const QString &holder, int waitedMs) {
    const QString pid = holder.section(QLatin1Char(' '), 0, 0);
    const QString what = holder.section(QLatin1Char(' '), 1);
    if (waitedMs == 0 && what == QLatin1String("import"))
        return Error{ErrorCode::ProjectBusy,
                     QStringLiteral("another import of %1 is running (process %2); wait for it to finish").arg(project, pid), project};
    const QString who =
        holder.isEmpty() ? QStringLiteral("another writer")
                         : QStringLiteral("%1 (process %2)").arg(what == QLatin1String("import") ? QStringLiteral("an import") : what, pid);
    return Error{ErrorCode::ProjectBusy,
                 QStringLiteral("waited %1 s for %2 to finish writing %3; nothing was written, try again later")
                     .arg(waitedMs / 1000)
                     .arg(who, project),
                 project};
}
}  // namespace

QString lockPath(const QString &projectPath) { return projectPath + QStringLiteral(".lock"); }

Result<std::unique_ptr<ProjectLock>> ProjectLock::acquire(const QString &projectPath, const QString &purpose, int waitMs) {
    const QString project = QFileInfo(projectPath).absoluteFilePath();
    const QString path = lockPath(project);
    const int wait = waitMs < 0 ? defaultWaitMs() : waitMs;
    const bool isImport = purpose == QLatin1String("import");
    QElapsedTimer timer;
    timer.start();
    std::unique_ptr<ProjectLock> lock(new ProjectLock);
    fs::NativeFile &file = lock->mFile;
    for (;;) {
        if (!file.isOpen() && !file.open(path, fs::NativeFile::Mode::ReadWrite))
            return Error{ErrorCode::CannotLock, QStringLiteral("cannot open the lock file %1: %2").arg(path, fs::lastError()), project};
        const fs::NativeFile::Lock taken = file.tryLock();
        if (taken == fs::NativeFile::Lock::Taken) {
            // The holder before us may have removed the file on release: lock the one there now.
            if (file.isFileAt(path)) break;
            file.close();
            continue;
        }
        if (taken == fs::NativeFile::Lock::Failed) {
            const QString why = fs::lastError();
            file.close();
            return Error{ErrorCode::CannotLock, QStringLiteral("cannot lock %1: %2").arg(path, why), project};
        }
        const QString holder = holderOf(file);
        if (isImport && holder.section(QLatin1Char(' '), 1) == QLatin1String("import")) {
            file.close();
            return busy(project, holder, 0);
        }
        if (timer.elapsed() >= wait) {
            file.close();
            return busy(project, holder, int(timer.elapsed()));
        }
        QThread::msleep(20);
    }
    file.restrictToOwner();
    const QByteArray who = QByteArray::number(QCoreApplication::applicationPid()) + ' ' + purpose.toUtf8() + '\n';
    if (!file.truncate(0) || !file.writeAt(who, 0)) {
        // The lock is held; only the message another writer would see is missing.
    }
    lock->mProject = project;
    return lock;
}

ProjectLock::~ProjectLock() {
    if (!mFile.isOpen() || mProject.isEmpty()) return;  // not acquired: nothing of ours to remove
    // Removed while still held, so nothing is left beside the project; a writer waiting on this
    // file finds it gone once it has the lock and locks the new one (isFileAt).
    QFile::remove(lockPath(mProject));
    mFile.unlock();
    mFile.close();
}

Result<std::unique_ptr<ProjectLock>> lockForWriting(ProjectDb &db, const QString &purpose) {
    auto lock = ProjectLock::acquire(db.path(), purpose);
    if (!lock) return lock.error();
    if (auto s = db.reopen(); !s) return s.error();
    return lock;
}

}  // namespace phm::core
