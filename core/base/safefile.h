#pragma once
// Every file the workbench writes (project, rejects, key store, CSV, JSON, PDF, PNG) goes
// through here, so that no command loses a file (issue 14):
// - an output never replaces the project it reads or that project's key store, and replaces
//   another existing file only when asked to (--force, or the user confirming in a dialog);
// - it is written to a temporary file in the same folder and renamed into place only when every
//   write, the flush and the fsync have succeeded, so a full disk or a crash leaves the old file
//   (or nothing) rather than a truncated one, and the error names the file;
// - it is readable by its owner only (0600; folders 0700): outputs hold pseudonymised or
//   patient-level data.
// Devices (/dev/null, /dev/full, a terminal) are written directly: there is nothing to rename.
#include "base/result.h"

#include <QIODevice>
#include <QString>
#include <QStringList>
#include <memory>

class QFile;
class QSaveFile;

namespace phm::core {

struct OutputGuard {
    bool force = false;          // an existing file the command did not create may be replaced
    QStringList protectedFiles;  // never replaced by an output, even with force
    // The project and its key store protected; `force` as given.
    static OutputGuard forProject(const QString &projectPath, bool force = false);
};

// Ok when `path` may be written: refuses a protected file, a folder, and, without force, an
// existing regular file, with a message naming the file (and --force where it would help).
// Error codes: "protected_file", "file_exists", "is_folder".
Status checkOutputPath(const QString &path, const OutputGuard &guard);

class SafeFile {
public:
    explicit SafeFile(QString path);
    ~SafeFile();  // without commit(): the temporary is removed and the target left as it was
    SafeFile(const SafeFile &) = delete;
    SafeFile &operator=(const SafeFile &) = delete;

    // Checks the path against the guard, then opens a temporary owner-only file beside it.
    Status open(const OutputGuard &guard);
    // The device to write to (for QPdfWriter, QImage::save, QTextStream); null until open.
    QIODevice *device() const;
    Status write(const QByteArray &bytes);
    // Flushes, syncs and renames the temporary over the target; any failure (disk full) is an
    // error and the target keeps its old contents.
    Status commit();
    void cancel();
    const QString &path() const { return mPath; }

private:
    Error writeError(const QString &what) const;
    QString mPath;
    std::unique_ptr<QSaveFile> mSave;  // regular files
    std::unique_ptr<QFile> mDirect;    // devices
};

// open, write, commit.
Status writeFileSafely(const QString &path, const QByteArray &bytes, const OutputGuard &guard);

// Creates the folder (and parents) if missing, owner-only (0700); an existing folder is left as is.
Status makePrivateFolder(const QString &path);
// Makes an existing file owner-only (0600).
bool makePrivateFile(const QString &path);

}  // namespace phm::core
