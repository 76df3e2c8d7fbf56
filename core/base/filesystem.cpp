// The POSIX and Windows implementations of base/filesystem.h. The Windows half is not built by
// our CI; it is kept to direct calls of the documented Win32 API.
#include "base/filesystem.h"

#include <QDir>
#include <QFile>
#include <cstdio>

#ifdef _WIN32
#include <io.h>
#include <windows.h>
#else
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>
#if defined(__linux__)
#include <sys/prctl.h>
#endif
#endif

namespace phm::core::fs {

#ifndef _WIN32

bool NativeFile::open(const QString &path, Mode mode) {
    close();
    int flags = O_CLOEXEC;
    if (mode == Mode::Read) flags |= O_RDONLY;
    if (mode == Mode::ReadWrite) flags |= O_RDWR | O_CREAT;
    if (mode == Mode::Append) flags |= O_RDWR | O_CREAT | O_APPEND;
    mFd = ::open(QFile::encodeName(path).constData(), flags, 0600);
    return mFd >= 0;
}

bool NativeFile::isOpen() const { return mFd >= 0; }

void NativeFile::close() {
    if (mFd >= 0) ::close(mFd);
    mFd = -1;
}

qint64 NativeFile::size() const {
    struct stat st {};
    return ::fstat(mFd, &st) == 0 ? qint64(st.st_size) : -1;
}

qint64 NativeFile::readAt(char *data, qint64 bytes, qint64 offset) const { return ::pread(mFd, data, size_t(bytes), off_t(offset)); }

bool NativeFile::writeAt(const QByteArray &bytes, qint64 offset) {
    return ::pwrite(mFd, bytes.constData(), size_t(bytes.size()), off_t(offset)) == bytes.size();
}

bool NativeFile::append(const QByteArray &bytes) { return ::write(mFd, bytes.constData(), size_t(bytes.size())) == bytes.size(); }

bool NativeFile::truncate(qint64 size) { return ::ftruncate(mFd, off_t(size)) == 0; }

bool NativeFile::sync() { return ::fsync(mFd) == 0; }

bool NativeFile::restrictToOwner() { return ::fchmod(mFd, 0600) == 0; }

NativeFile::Lock NativeFile::tryLock() {
    if (::flock(mFd, LOCK_EX | LOCK_NB) == 0) return Lock::Taken;
    return errno == EWOULDBLOCK || errno == EINTR ? Lock::Busy : Lock::Failed;
}

void NativeFile::unlock() { ::flock(mFd, LOCK_UN); }

bool NativeFile::isFileAt(const QString &path) const {
    struct stat held {
    }, named{};
    return ::fstat(mFd, &held) == 0 && ::stat(QFile::encodeName(path).constData(), &named) == 0 && held.st_dev == named.st_dev &&
           held.st_ino == named.st_ino;
}

QString lastError() { return QString::fromLocal8Bit(strerror(errno)); }

bool syncFile(const QString &path) {
    NativeFile f;
    return f.open(path, NativeFile::Mode::Read) && f.sync();
}

bool replaceFile(const QString &from, const QString &to) {
    return ::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) == 0;
}

bool syncFolder(const QString &folder) {
    const int fd = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

bool syncDescriptor(int fd) { return ::fsync(fd) == 0; }

bool restrictToOwner(int fd) { return ::fchmod(fd, S_IRUSR | S_IWUSR) == 0; }

bool restrictToOwner(std::FILE *file) { return restrictToOwner(::fileno(file)); }

bool restrictFolderToOwner(const QString &folder) { return ::chmod(QFile::encodeName(folder).constData(), S_IRWXU) == 0; }

bool isSpecialFile(const QString &path) {
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0) return false;
    return !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

bool processIsRunning(qint64 pid) { return ::kill(pid_t(pid), 0) == 0; }

void forbidCoreDumps() {
#if defined(__linux__)
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif
}

QString systemLoginName() {
    const passwd *pw = getpwuid(getuid());
    return pw && pw->pw_name ? QString::fromLocal8Bit(pw->pw_name) : QString();
}

#else  // _WIN32

namespace {
const wchar_t *native(const QString &path) { return reinterpret_cast<const wchar_t *>(path.utf16()); }

// A handle to what `path` names, for its identity or type only (folders too).
HANDLE inspect(const QString &path) {
    return CreateFileW(native(QDir::toNativeSeparators(path)), 0, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                       OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, nullptr);
}

// The byte locked by tryLock: 4 GiB in, past anything written, since Windows locks are mandatory
// and another process must still read the lock file's contents.
OVERLAPPED lockRange() {
    OVERLAPPED ov{};
    ov.OffsetHigh = 1;
    return ov;
}
}  // namespace

bool NativeFile::open(const QString &path, Mode mode) {
    close();
    DWORD access = GENERIC_READ;
    if (mode == Mode::ReadWrite) access |= GENERIC_WRITE;
    if (mode == Mode::Append) access |= FILE_APPEND_DATA;
    // Shared for deletion, so a lock file can be removed while held, as on POSIX.
    mHandle = CreateFileW(native(QDir::toNativeSeparators(path)), access, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                          mode == Mode::Read ? OPEN_EXISTING : OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, nullptr);
    return mHandle != INVALID_HANDLE_VALUE;
}

bool NativeFile::isOpen() const { return mHandle != INVALID_HANDLE_VALUE; }

void NativeFile::close() {
    if (mHandle != INVALID_HANDLE_VALUE) CloseHandle(mHandle);
    mHandle = INVALID_HANDLE_VALUE;
}

qint64 NativeFile::size() const {
    LARGE_INTEGER size{};
    return GetFileSizeEx(mHandle, &size) ? qint64(size.QuadPart) : -1;
}

qint64 NativeFile::readAt(char *data, qint64 bytes, qint64 offset) const {
    OVERLAPPED ov{};
    ov.Offset = DWORD(offset & 0xffffffff);
    ov.OffsetHigh = DWORD(offset >> 32);
    DWORD read = 0;
    if (ReadFile(mHandle, data, DWORD(bytes), &read, &ov)) return read;
    return GetLastError() == ERROR_HANDLE_EOF ? 0 : -1;
}

bool NativeFile::writeAt(const QByteArray &bytes, qint64 offset) {
    OVERLAPPED ov{};
    ov.Offset = DWORD(offset & 0xffffffff);
    ov.OffsetHigh = DWORD(offset >> 32);
    DWORD written = 0;
    return WriteFile(mHandle, bytes.constData(), DWORD(bytes.size()), &written, &ov) && written == DWORD(bytes.size());
}

bool NativeFile::append(const QByteArray &bytes) {
    DWORD written = 0;  // FILE_APPEND_DATA without FILE_WRITE_DATA: every write goes to the end
    return WriteFile(mHandle, bytes.constData(), DWORD(bytes.size()), &written, nullptr) && written == DWORD(bytes.size());
}

bool NativeFile::truncate(qint64 size) {
    LARGE_INTEGER at{};
    at.QuadPart = size;
    return SetFilePointerEx(mHandle, at, nullptr, FILE_BEGIN) && SetEndOfFile(mHandle);
}

bool NativeFile::sync() { return FlushFileBuffers(mHandle) != 0; }

bool NativeFile::restrictToOwner() { return true; }

NativeFile::Lock NativeFile::tryLock() {
    OVERLAPPED ov = lockRange();
    if (LockFileEx(mHandle, LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ov)) return Lock::Taken;
    return GetLastError() == ERROR_LOCK_VIOLATION ? Lock::Busy : Lock::Failed;
}

void NativeFile::unlock() {
    OVERLAPPED ov = lockRange();
    UnlockFileEx(mHandle, 0, 1, 0, &ov);
}

bool NativeFile::isFileAt(const QString &path) const {
    BY_HANDLE_FILE_INFORMATION held{}, named{};
    const HANDLE h = inspect(path);
    if (h == INVALID_HANDLE_VALUE) return false;
    const bool ok = GetFileInformationByHandle(mHandle, &held) && GetFileInformationByHandle(h, &named);
    CloseHandle(h);
    return ok && held.dwVolumeSerialNumber == named.dwVolumeSerialNumber && held.nFileIndexHigh == named.nFileIndexHigh &&
           held.nFileIndexLow == named.nFileIndexLow;
}

QString lastError() { return qt_error_string(int(GetLastError())); }

bool syncFile(const QString &path) {
    NativeFile f;  // FlushFileBuffers needs write access
    return f.open(path, NativeFile::Mode::ReadWrite) && f.sync();
}

bool replaceFile(const QString &from, const QString &to) {
    return MoveFileExW(native(QDir::toNativeSeparators(from)), native(QDir::toNativeSeparators(to)),
                       MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH) != 0;
}

bool syncFolder(const QString &) { return true; }

bool syncDescriptor(int fd) { return FlushFileBuffers(reinterpret_cast<HANDLE>(_get_osfhandle(fd))) != 0; }

bool restrictToOwner(int) { return true; }

bool restrictToOwner(std::FILE *) { return true; }

bool restrictFolderToOwner(const QString &) { return true; }

bool isSpecialFile(const QString &path) {
    const HANDLE h = inspect(path);
    if (h == INVALID_HANDLE_VALUE) return false;
    const DWORD type = GetFileType(h);
    CloseHandle(h);
    return type != FILE_TYPE_DISK;
}

bool processIsRunning(qint64 pid) {
    const HANDLE h = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, DWORD(pid));
    if (!h) return false;
    DWORD code = 0;
    const bool running = GetExitCodeProcess(h, &code) && code == STILL_ACTIVE;
    CloseHandle(h);
    return running;
}

void forbidCoreDumps() {}

QString systemLoginName() { return {}; }

#endif

}  // namespace phm::core::fs
