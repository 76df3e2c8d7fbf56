#include "store/projectlock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QThread>
#include <cerrno>
#include <cstring>

namespace phm::core {

namespace {
int defaultWaitMs() {
    bool ok = false;
    const int seconds = qEnvironmentVariableIntValue("PHM_LOCK_WAIT_SECONDS", &ok);
    return ok && seconds >= 0 ? seconds * 1000 : 10 * 60 * 1000;
}

// "<pid> <purpose>" of the holder, empty if it has not said yet (or released).
QString holderOf(int fd) {
    char buf[256] = {};
    const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
    return n > 0 ? QString::fromUtf8(buf, int(n)).trimmed() : QString();
}

Error busy(const QString &project, const QString &holder, int waitedMs) {
    const QString pid = holder.section(QLatin1Char(' '), 0, 0);
    const QString what = holder.section(QLatin1Char(' '), 1);
    if (waitedMs == 0 && what == QLatin1String("import"))
        return Error{QStringLiteral("project_busy"),
                     QStringLiteral("another import of %1 is running (process %2); wait for it to finish").arg(project, pid), project};
    const QString who =
        holder.isEmpty() ? QStringLiteral("another writer")
                         : QStringLiteral("%1 (process %2)").arg(what == QLatin1String("import") ? QStringLiteral("an import") : what, pid);
    return Error{QStringLiteral("project_busy"),
                 QStringLiteral("waited %1 s for %2 to finish writing %3; nothing was written, try again later")
                     .arg(waitedMs / 1000)
                     .arg(who, project),
                 project};
}
}  // namespace

QString lockPath(const QString &projectPath) { return projectPath + QStringLiteral(".lock"); }

namespace {
// Whether fd is still the file at path: the holder before us may have removed it on release.
bool stillThere(int fd, const QByteArray &path) {
    struct stat held {
    }, named{};
    return ::fstat(fd, &held) == 0 && ::stat(path.constData(), &named) == 0 && held.st_dev == named.st_dev && held.st_ino == named.st_ino;
}
}  // namespace

Result<std::unique_ptr<ProjectLock>> ProjectLock::acquire(const QString &projectPath, const QString &purpose, int waitMs) {
    const QString project = QFileInfo(projectPath).absoluteFilePath();
    const QByteArray path = QFile::encodeName(lockPath(project));
    const int wait = waitMs < 0 ? defaultWaitMs() : waitMs;
    const bool isImport = purpose == QLatin1String("import");
    QElapsedTimer timer;
    timer.start();
    int fd = -1;
    for (;;) {
        if (fd < 0) {
            fd = ::open(path.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
            if (fd < 0)
                return Error{
                    QStringLiteral("cannot_lock"),
                    QStringLiteral("cannot open the lock file %1: %2").arg(lockPath(project), QString::fromLocal8Bit(strerror(errno))),
                    project};
        }
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
            if (stillThere(fd, path)) break;
            ::close(fd);  // locked a file its holder had removed: lock the one there now
            fd = -1;
            continue;
        }
        if (errno != EWOULDBLOCK && errno != EINTR) {
            const QString why = QString::fromLocal8Bit(strerror(errno));
            ::close(fd);
            return Error{QStringLiteral("cannot_lock"), QStringLiteral("cannot lock %1: %2").arg(lockPath(project), why), project};
        }
        const QString holder = holderOf(fd);
        if (isImport && holder.section(QLatin1Char(' '), 1) == QLatin1String("import")) {
            ::close(fd);
            return busy(project, holder, 0);
        }
        if (timer.elapsed() >= wait) {
            ::close(fd);
            return busy(project, holder, int(timer.elapsed()));
        }
        QThread::msleep(20);
    }
    ::fchmod(fd, 0600);
    const QByteArray who = QByteArray::number(QCoreApplication::applicationPid()) + ' ' + purpose.toUtf8() + '\n';
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, who.constData(), size_t(who.size()), 0) != who.size()) {
        // The lock is held; only the message another writer would see is missing.
    }
    std::unique_ptr<ProjectLock> lock(new ProjectLock);
    lock->mProject = project;
    lock->mFd = fd;
    return lock;
}

ProjectLock::~ProjectLock() {
    if (mFd < 0) return;
    // Removed while still held, so nothing is left beside the project; a writer waiting on this
    // file finds it gone once it has the lock and locks the new one (stillThere).
    ::unlink(QFile::encodeName(lockPath(mProject)).constData());
    ::flock(mFd, LOCK_UN);
    ::close(mFd);
}

}  // namespace phm::core
