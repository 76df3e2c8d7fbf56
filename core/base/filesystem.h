#pragma once
// The operating-system file calls core needs beyond QFile and QSaveFile, in one place: appends
// that land at the end whoever else writes (O_APPEND), fsync of a file and of a folder (so a new
// or renamed name survives a power cut), an exclusive lock that does not wait (flock), positional
// reads and writes, owner-only permissions, and whether a file is a device or a process still
// runs. POSIX and Windows implementations live in filesystem.cpp; nothing else in core includes a
// POSIX or Win32 header.
//
// Failures return false (or -1); lastError() then says why, in the system's words, and must be
// called before any other file call. Thread contract: a NativeFile belongs to one thread at a
// time; the free functions are safe from any thread.
#include <QByteArray>
#include <QString>
#include <cstdio>

namespace phm::core::fs {

class NativeFile {
public:
    enum class Mode {
        Read,       // an existing file
        ReadWrite,  // created owner-only (0600) if absent
        Append,     // as ReadWrite, and every write goes to the end of the file
    };
    enum class Lock { Taken, Busy, Failed };

    NativeFile() = default;
    ~NativeFile() { close(); }
    NativeFile(const NativeFile &) = delete;
    NativeFile &operator=(const NativeFile &) = delete;

    bool open(const QString &path, Mode mode);
    bool isOpen() const;
    void close();
    qint64 size() const;  // -1 on failure
    // Reads up to `bytes` at `offset` (fewer at the end of the file): the count, or -1.
    qint64 readAt(char *data, qint64 bytes, qint64 offset) const;
    bool writeAt(const QByteArray &bytes, qint64 offset);  // all of it, or false
    bool append(const QByteArray &bytes);                  // all of it, or false (Mode::Append)
    bool truncate(qint64 size);
    bool sync();             // to the disk (fsync, FlushFileBuffers)
    bool restrictToOwner();  // 0600; on Windows the folder's ACLs apply and this does nothing
    Lock tryLock();          // an exclusive lock, without waiting (flock, LockFileEx)
    void unlock();
    // Whether this is still the file that `path` names (the same device and inode, or volume and
    // file index): another process may have removed or replaced it.
    bool isFileAt(const QString &path) const;

private:
#ifdef _WIN32
    void *mHandle = reinterpret_cast<void *>(-1);  // INVALID_HANDLE_VALUE
#else
    int mFd = -1;
#endif
};

// Why the last call above failed (strerror(errno), or the Windows message of GetLastError()).
QString lastError();

bool syncFile(const QString &path);  // an existing file, to the disk
// Renames `from` over `to` in one step (readers see the old file or the new one, never neither):
// rename(), or MoveFileExW with MOVEFILE_REPLACE_EXISTING where rename() will not replace.
bool replaceFile(const QString &from, const QString &to);
bool syncFolder(const QString &folder);             // its names, to the disk (true on Windows: NTFS journals them)
bool syncDescriptor(int fd);                        // QFileDevice::handle()'s descriptor
bool restrictToOwner(int fd);                       // 0600 (true on Windows)
bool restrictToOwner(std::FILE *file);              // 0600 (true on Windows)
bool restrictFolderToOwner(const QString &folder);  // 0700 (true on Windows)
// A device, FIFO or socket (not a regular file or folder); false when it cannot be examined.
bool isSpecialFile(const QString &path);
bool processIsRunning(qint64 pid);
// A process holding secret keys writes no core file if it crashes (Linux; elsewhere nothing).
void forbidCoreDumps();
// The account's name from the system's user database, empty if it has none (or on Windows).
QString systemLoginName();

}  // namespace phm::core::fs
