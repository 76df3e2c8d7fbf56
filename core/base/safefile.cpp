#include "base/safefile.h"

#include "base/filesystem.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace phm::core {

namespace {
constexpr QFileDevice::Permissions kOwnerFile =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser;

// The same file, through symlinks and relative paths; a path that does not exist is compared as
// written, made absolute.
bool sameFile(const QString &a, const QString &b) {
    const QFileInfo fa(a), fb(b);
    const QString ca = fa.exists() ? fa.canonicalFilePath() : fa.absoluteFilePath();
    const QString cb = fb.exists() ? fb.canonicalFilePath() : fb.absoluteFilePath();
    return !ca.isEmpty() && ca == cb;
}

// A device, FIFO or socket: written in place, never replaced by a rename.
bool isSpecial(const QString &path) { return fs::isSpecialFile(path); }
}  // namespace

OutputGuard OutputGuard::forProject(const QString &projectPath, bool force) {
    OutputGuard g;
    g.force = force;
    if (!projectPath.isEmpty()) g.protectedFiles = {projectPath, projectPath + QStringLiteral(".keys")};
    return g;
}

Status checkOutputPath(const QString &path, const OutputGuard &guard) {
    if (path.isEmpty()) return Error{ErrorCode::NoPath, QStringLiteral("no file name given"), path};
    for (const QString &p : guard.protectedFiles)
        if (!p.isEmpty() && sameFile(path, p))
            return Error{ErrorCode::ProtectedFile,
                         QStringLiteral("refusing to write over %1: it is the project or its key store (--force does not apply); "
                                        "choose another file")
                             .arg(path),
                         path};
    const QFileInfo info(path);
    if (info.isDir()) return Error{ErrorCode::IsFolder, QStringLiteral("refusing to write over %1: it is a folder").arg(path), path};
    if (info.exists() && !isSpecial(path) && !guard.force)
        return Error{ErrorCode::FileExists,
                     QStringLiteral("refusing to overwrite %1: the file exists and this command did not create it; give --force to "
                                    "replace it")
                         .arg(path),
                     path};
    return Ok{};
}

SafeFile::SafeFile(QString path) : mPath(std::move(path)) {}

SafeFile::~SafeFile() { cancel(); }

Error SafeFile::writeError(const QString &what) const {
    const QFileDevice *d = mSave ? static_cast<const QFileDevice *>(mSave.get()) : mDirect.get();
    const QString why = d ? d->errorString() : QString();
    return Error{ErrorCode::CannotWrite,
                 why.isEmpty() ? QStringLiteral("cannot %1 %2").arg(what, mPath) : QStringLiteral("cannot %1 %2: %3").arg(what, mPath, why),
                 mPath};
}

Status SafeFile::open(const OutputGuard &guard) {
    if (auto s = checkOutputPath(mPath, guard); !s) return s;
    if (isSpecial(mPath)) {
        mDirect = std::make_unique<QFile>(mPath);
        if (!mDirect->open(QIODevice::WriteOnly)) return writeError(QStringLiteral("write"));
        return Ok{};
    }
    mSave = std::make_unique<QSaveFile>(mPath);
    if (!mSave->open(QIODevice::WriteOnly)) return writeError(QStringLiteral("write"));
    // Owner-only before the first byte, whatever the umask or an old file's mode.
    if (!fs::restrictToOwner(mSave->handle())) {
        mSave->cancelWriting();
        return writeError(QStringLiteral("restrict the permissions of"));
    }
    return Ok{};
}

QIODevice *SafeFile::device() const { return mSave ? static_cast<QIODevice *>(mSave.get()) : mDirect.get(); }

Status SafeFile::write(const QByteArray &bytes) {
    QIODevice *d = device();
    if (!d) return Error{ErrorCode::CannotWrite, QStringLiteral("%1 is not open").arg(mPath), mPath};
    if (d->write(bytes) != bytes.size()) return writeError(QStringLiteral("write"));
    return Ok{};
}

Status SafeFile::commit() {
    if (mDirect) {
        const bool ok = mDirect->flush() && mDirect->error() == QFileDevice::NoError;
        const Error e = writeError(QStringLiteral("write"));
        mDirect->close();
        mDirect.reset();
        if (!ok) return e;
        return Ok{};
    }
    if (!mSave) return Error{ErrorCode::CannotWrite, QStringLiteral("%1 is not open").arg(mPath), mPath};
    // Durable before it replaces anything: a power cut leaves the old file, not an empty one.
    if (!mSave->flush() || !fs::syncDescriptor(mSave->handle())) {
        const Error e = writeError(QStringLiteral("write"));
        mSave->cancelWriting();
        mSave.reset();
        return e;
    }
    const bool ok = mSave->commit();
    const Error e = writeError(QStringLiteral("write"));
    mSave.reset();
    if (!ok) return e;
    return Ok{};
}

void SafeFile::cancel() {
    if (mSave) mSave->cancelWriting();
    mSave.reset();  // removes the temporary
    mDirect.reset();
}

Status writeFileSafely(const QString &path, const QByteArray &bytes, const OutputGuard &guard) {
    SafeFile f(path);
    if (auto s = f.open(guard); !s) return s;
    if (auto s = f.write(bytes); !s) return s;
    return f.commit();
}

Status makePrivateFolder(const QString &path) {
    if (QFileInfo(path).isDir()) return Ok{};  // the user's own folder keeps its permissions
    if (!QDir().mkpath(path)) return Error{ErrorCode::CannotWrite, QStringLiteral("cannot create the folder %1").arg(path), path};
    if (!fs::restrictFolderToOwner(path))
        return Error{ErrorCode::CannotWrite, QStringLiteral("cannot restrict the permissions of %1").arg(path), path};
    return Ok{};
}

bool makePrivateFile(const QString &path) { return QFile::setPermissions(path, kOwnerFile); }

}  // namespace phm::core
