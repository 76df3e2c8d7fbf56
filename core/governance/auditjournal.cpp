#include "governance/auditjournal.h"

#include "base/filesystem.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>

namespace phm::core::audit {

namespace {
const QByteArray kGenesis(64, '0');

QByteArray lineHash(const QByteArray &previous, qint64 seq, const QString &hash, const QString &at) {
    const QByteArray content = previous + ' ' + QByteArray::number(seq) + ' ' + hash.toLatin1() + ' ' + at.toLatin1();
    return QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex();
}

Error ioError(const QString &path, const QString &what) {
    return Error{ErrorCode::CannotWrite, QStringLiteral("%1 %2: %3").arg(what, path, fs::lastError()), path};
}

// The hash of the journal's last complete line (kGenesis for an empty journal), reading only its
// tail, and whether the file ends in the middle of a line.
bool lastLineHash(const fs::NativeFile &file, QByteArray &hash, bool &torn) {
    const qint64 size = file.size();
    if (size < 0) return false;
    hash = kGenesis;
    torn = false;
    if (size == 0) return true;
    const qint64 from = size > 4096 ? size - 4096 : 0;
    QByteArray tail(int(size - from), '\0');
    if (file.readAt(tail.data(), tail.size(), from) != tail.size()) return false;
    torn = !tail.endsWith('\n');
    const QList<QByteArray> lines = tail.split('\n');
    for (qsizetype i = lines.size() - 2; i >= 0; --i) {  // the last piece is empty or torn
        const QList<QByteArray> f = lines[i].split(' ');
        if (f.size() == 4 && f[3].size() == 64) {
            hash = f[3];
            return true;
        }
    }
    return true;
}
}  // namespace

QString journalPath(const QString &projectPath) { return projectPath + QStringLiteral(".audit"); }

Status journalAppend(const QString &projectPath, const std::vector<JournalLine> &lines) {
    const QString path = journalPath(projectPath);
    const bool existed = QFileInfo::exists(path);
    fs::NativeFile file;
    if (!file.open(path, fs::NativeFile::Mode::Append)) return ioError(path, QStringLiteral("cannot open the audit journal"));
    auto fail = [&](const QString &what) {
        Error e = ioError(path, what);
        file.close();
        return e;
    };
    if (!file.restrictToOwner()) return fail(QStringLiteral("cannot restrict the permissions of the audit journal"));
    QByteArray previous;
    bool torn = false;
    if (!lastLineHash(file, previous, torn)) return fail(QStringLiteral("cannot read the audit journal"));
    QByteArray text = torn ? QByteArray("\n") : QByteArray();  // a torn line stays visible to verify
    for (const JournalLine &l : lines) {
        previous = lineHash(previous, l.seq, l.hash, l.at);
        text += QByteArray::number(l.seq) + ' ' + l.hash.toLatin1() + ' ' + l.at.toLatin1() + ' ' + previous + '\n';
    }
    if (!file.append(text)) return fail(QStringLiteral("cannot write the audit journal"));
    if (!file.sync()) return fail(QStringLiteral("cannot sync the audit journal"));
    file.close();
    if (!existed) fs::syncFolder(QFileInfo(path).absolutePath());  // the new name is durable too
    return Ok{};
}

Result<Journal> readJournal(const QString &projectPath) {
    Journal j;
    const QString path = journalPath(projectPath);
    const QFileInfo info(path);
    if (!info.exists() && !info.isSymLink()) return j;
    j.found = true;
    QFile f(path);
    if (!info.isFile() || !f.open(QIODevice::ReadOnly))
        return Error{ErrorCode::CannotRead, QStringLiteral("cannot read the audit journal %1: %2").arg(path, f.errorString()), path};
    const QByteArray all = f.readAll();
    if (f.error() != QFileDevice::NoError)
        return Error{ErrorCode::CannotRead, QStringLiteral("cannot read the audit journal %1: %2").arg(path, f.errorString()), path};
    QList<QByteArray> lines = all.split('\n');
    const bool torn = !all.isEmpty() && !all.endsWith('\n');
    if (!torn) lines.removeLast();  // the empty piece after the final newline
    QByteArray previous = kGenesis;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QList<QByteArray> field = lines[i].split(' ');
        bool seqOk = false;
        const qint64 seq = field.value(0).toLongLong(&seqOk);
        const bool wellFormed = field.size() == 4 && seqOk && seq > 0 && field[1].size() == 64 && field[3].size() == 64;
        if (!wellFormed || lineHash(previous, seq, QString::fromLatin1(field[1]), QString::fromLatin1(field[2])) != field[3]) {
            j.brokenLine = i + 1;
            j.brokenSeq = seqOk ? seq : 0;
            j.problem =
                wellFormed
                    ? QStringLiteral("line %1 of the audit journal %2 was changed: it does not follow the line before it")
                          .arg(i + 1)
                          .arg(path)
                    : QStringLiteral("line %1 of the audit journal %2 is not a journal line (cut short or edited)").arg(i + 1).arg(path);
            return j;
        }
        previous = field[3];
        j.lines.push_back(JournalLine{seq, QString::fromLatin1(field[1]), QString::fromLatin1(field[2])});
    }
    return j;
}

}  // namespace phm::core::audit
