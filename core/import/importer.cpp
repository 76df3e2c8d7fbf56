#include "import/importer.h"

#include "base/filesystem.h"
#include "base/safefile.h"
#include "governance/auditjournal.h"
#include "governance/users.h"
#include "import/importjob.h"
#include "store/columnblocks.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <cstdio>

namespace phm::core {

namespace {
// Reads the extract window from the generator's manifest if there is one.
std::pair<int32_t, int32_t> manifestWindow(const QString &dir) {
    QFile f(QDir(dir).filePath(QStringLiteral("manifest.json")));
    if (!f.open(QIODevice::ReadOnly)) return {kNoDate, kNoDate};
    const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
    auto day = [&](const char *k) { return parseIsoDate(o.value(QLatin1String(k)).toString().toStdString()).value_or(kNoDate); };
    return {day("extract_start"), day("extract_end")};
}

// The activity window from the activity files imported so far (GP records reach back before it,
// so they set only its end), unless the manifest names it; finish() stores the same window.
std::pair<int32_t, int32_t> activityWindow(const QString &dir, const std::vector<FileImportReport> &files) {
    if (auto w = manifestWindow(dir); w.second != kNoDate) return w;
    int32_t start = kNoDate, end = kNoDate;
    for (const FileImportReport &f : files) {
        if (f.dateMax == kNoDate || f.dataset == QLatin1String("practices") || f.dataset == QLatin1String("persons")) continue;
        if (end == kNoDate || f.dateMax > end) end = f.dateMax;
        if (f.dataset != QLatin1String(fileSpec(Dataset::Gp).key) && (start == kNoDate || f.dateMin < start)) start = f.dateMin;
    }
    return {start, end};
}
}  // namespace

void ImportJob::discard() {
    mWriter.reset();  // joins the writer thread before the connection goes
    mDb.reset();
    // Paths are empty when preparation failed early; QDir(QString()) would be the working
    // directory, so only ever remove what this run created.
    if (!mTemp.isEmpty()) QFile::remove(mTemp);
    if (!mRejectsTemp.isEmpty()) QDir(mRejectsTemp).removeRecursively();
}

Status ImportJob::finish(ImportReport &report) {
    QElapsedTimer phase;
    phase.start();
    auto mark = [&](const char *name) { report.timings.push_back({QLatin1String(name), phase.restart() / 1000.0}); };
    mFeedback.setPhase(QCoreApplication::translate("phm::core", "Indexing"));
    std::array<EventTable, kEventDatasetCount> tables;
    // The event index is built here while the writer thread finishes inserts and SQL indexes.
    int32_t start = kNoDate, end = kNoDate;
    for (int e = 0; e < kEventDatasetCount; ++e) {
        tables[size_t(e)] = mEvents[size_t(e)].build(mPersons.count);
        mEvents[size_t(e)] = EventBuilder{};
        const EventTable &t = tables[size_t(e)];
        if (t.rows == 0) continue;
        if (end == kNoDate || t.maxDate > end) end = t.maxDate;
        if (e + kFirstEventDataset != int(Dataset::Gp) && (start == kNoDate || t.minDate < start)) start = t.minDate;
    }
    auto [mStart, mEnd] = manifestWindow(mFrom);
    if (mEnd != kNoDate) start = mStart, end = mEnd;
    mark("event_index");
    if (auto s = mWriter->finish(); !s) return s;
    mark("wait_for_sql_writer");
    report.timings.push_back({QStringLiteral("sql_writer_inserts"), mWriter->insertSeconds()});
    report.timings.push_back({QStringLiteral("sql_writer_indexes"), mWriter->execSeconds()});
    mWriter.reset();
    if (auto s = writeGeography(*mDb, mGeo); !s) return s;
    if (auto s = writeColumnBlocks(*mDb, mPersons, tables); !s) return s;
    mark("column_blocks");
    report.persons = mPersons.count;
    report.practices = qint64(mGeo.practices.size());
    report.project = mTarget;
    report.rejectsDir = mTarget + QStringLiteral(".rejects");
    // The project keeps its report with paths relative to itself (where it is opened from is
    // where they point: core/session/projectloader), not the folders of the machine it was made on.
    ImportReport stored = report;
    stored.project = QFileInfo(mTarget).fileName();
    stored.rejectsDir = stored.project + QStringLiteral(".rejects");
    const QString json = QString::fromUtf8(QJsonDocument(stored.toJson()).toJson(QJsonDocument::Compact));
    for (const auto &[k, v] : {std::pair{QStringLiteral("import_report"), json},
                               {QStringLiteral("source_folder"), QFileInfo(mFrom).absoluteFilePath()},
                               {QStringLiteral("extract_start"), QString::number(start)},
                               {QStringLiteral("extract_end"), QString::number(end)}})
        if (auto s = mDb->setMeta(k, v); !s) return s;
    qint64 rejected = 0;
    for (const FileImportReport &f : report.files) rejected += f.rowsRejected;
    const QJsonObject importDetail{{QStringLiteral("persons"), qint64(report.persons)}, {QStringLiteral("rows_rejected"), rejected}};
    if (auto s = carryOverGovernance(*mDb, mTarget, importDetail, &mImportEntry); !s) return s;
    if (auto s = mDb->exec(QStringLiteral("COMMIT")); !s) return s;
    mDb.reset();
    mark("commit");
    if (mFeedback.isCanceled()) return Error{ErrorCode::Canceled, QStringLiteral("import cancelled"), {}};
    // Durable first, then one atomic rename: readers see the old project or the new one.
    if (!fs::syncFile(mTemp) || !fs::replaceFile(mTemp, mTarget))
        return Error{ErrorCode::CannotWrite, QStringLiteral("cannot replace %1").arg(mTarget), mTarget};
    fs::syncFolder(QFileInfo(mTarget).absolutePath());  // and the new name with it
    mark("sync_and_rename");
    if (auto s = audit::journalAppend(mTarget, {audit::JournalLine{mImportEntry.seq, mImportEntry.hash, mImportEntry.at}}); !s)
        return Error{s.error().code,
                     QStringLiteral("%1 was imported, but its import entry could not be written to the audit journal: %2")
                         .arg(mTarget, s.error().message),
                     mTarget};
    return replaceRejects(report.rejectsDir);
}

// The new rejects files replace the previous import's by name (each dataset's file name), and
// the previous import's others are removed; anything else in the folder (an analyst's notes) is
// not ours and stays.
Status ImportJob::replaceRejects(const QString &rejectsDir) const {
    if (auto s = makePrivateFolder(rejectsDir); !s) return s;
    if (!QFile::setPermissions(rejectsDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                                               QFileDevice::ReadUser | QFileDevice::WriteUser | QFileDevice::ExeUser))
        return Error{ErrorCode::CannotWrite, QStringLiteral("cannot restrict the permissions of %1").arg(rejectsDir), rejectsDir};
    const QDir dir(rejectsDir);
    for (int d = 0; d < kDatasetCount; ++d) {
        const QString ours = dir.filePath(QLatin1String(fileSpec(Dataset(d)).file));
        if (QFileInfo(ours).isFile() && !QFile::remove(ours))
            return Error{ErrorCode::CannotWrite, QStringLiteral("cannot replace %1").arg(ours), ours};
    }
    const QDir temp(mRejectsTemp);
    for (const QString &name : temp.entryList(QDir::Files))
        if (!QFile::rename(temp.filePath(name), dir.filePath(name)))
            return Error{ErrorCode::CannotWrite, QStringLiteral("cannot move the rejects file %1 into %2").arg(name, rejectsDir),
                         rejectsDir};
    QDir().rmdir(mRejectsTemp);
    return Ok{};
}

Result<ImportReport> ImportJob::run() {
    QElapsedTimer timer;
    timer.start();
    ImportReport report;
    // Held until the job ends: no audit entry can be written into the file this import replaces,
    // and no second import can carry over the log without this one's entry.
    auto lock = ProjectLock::acquire(mTarget, QStringLiteral("import"));
    if (!lock) return lock.error();
    mLock = std::move(lock.value());
    if (auto s = prepare(); !s) {
        discard();
        return s.error();
    }
    // Progress weights roughly follow typical file sizes.
    static constexpr double weight[kDatasetCount] = {0.5, 8, 45, 5, 5, 10, 3, 4, 0.5, 2, 0.2};
    double total = 0, done = 0;
    for (double w : weight) total += w;
    for (int d = 0; d < kDatasetCount; ++d) {
        mFeedback.setPhase(QCoreApplication::translate("phm::core", "Importing %1").arg(QLatin1String(fileSpec(Dataset(d)).file)));
        if (Dataset(d) == Dataset::Programmes) std::tie(mWindowStart, mWindowEnd) = activityWindow(mFrom, report.files);
        FileImportReport rep;
        const double from = 90.0 * done / total;
        done += weight[d];
        QElapsedTimer fileTimer;
        fileTimer.start();
        if (auto s = importFile(Dataset(d), rep, from, 90.0 * done / total); !s) {
            discard();
            return s.error();
        }
        report.timings.push_back({rep.file, fileTimer.elapsed() / 1000.0});
        report.files.push_back(rep);
        if (Dataset(d) == Dataset::Persons && mPersons.count == 0) {
            discard();
            return Error{ErrorCode::NoPersons, QStringLiteral("%1: no valid rows in persons.csv; nothing to import").arg(mFrom), mFrom};
        }
    }
    report.seconds = timer.elapsed() / 1000.0;
    if (auto s = finish(report); !s) {
        discard();
        return s.error();
    }
    report.seconds = timer.elapsed() / 1000.0;
    mFeedback.setProgress(100);
    return report;
}

Result<ImportReport> importExtract(const QString &fromDir, const QString &projectPath, Feedback &feedback) {
    return importExtract(fromDir, projectPath, feedback, ImportOptions{});
}

Result<ImportReport> importExtract(const QString &fromDir, const QString &projectPath, Feedback &feedback, const ImportOptions &options) {
    ImportJob job(fromDir, projectPath, feedback, options);
    return job.run();
}

bool isWorkbenchProject(const QString &path) {
    // ProjectDb::open checks the SQLite header, the application id (or an older project's meta
    // keys) and the schema version, and refuses anything else.
    return bool(ProjectDb::open(path, false));
}

}  // namespace phm::core
