#pragma once
// `phm import`: a folder of CSV files (docs/data-spec.md) into a project file.
// Contract: every row is imported or written to <project>.rejects/<file> with its line and
// reason, so rows_read = rows_imported + rows_rejected for every file. All or nothing: the
// project is built in a temporary file beside the target and renamed over it only on
// success, so a failure, cancel or kill leaves an existing project exactly as it was.
#include "base/dates.h"
#include "base/feedback.h"
#include "base/result.h"

#include <QJsonObject>
#include <QStringList>
#include <map>
#include <vector>

namespace phm::core {

struct FileImportReport {
    QString file, dataset;
    bool present = false;
    qint64 rowsRead = 0, rowsImported = 0, rowsRejected = 0;
    std::map<QString, qint64> rejectsByReason;
    QStringList unknownColumns;
    qint64 linked = 0, unlinked = 0;  // event files: rows whose person_id was / was not found
    int32_t dateMin = kNoDate, dateMax = kNoDate;
    std::vector<std::pair<QString, double>> completeness;  // share of imported rows with a value
    double linkageRate() const { return linked + unlinked ? double(linked) / double(linked + unlinked) : 1.0; }
    QJsonObject toJson() const;
};

struct ImportReport {
    std::vector<FileImportReport> files;
    qint64 persons = 0, practices = 0;
    double seconds = 0;
    std::vector<std::pair<QString, double>> timings;  // seconds per phase, for benchmarks
    QString project, rejectsDir;
    double linkageRate() const;
    QJsonObject toJson() const;
    static ImportReport fromJson(const QJsonObject &o);
};

struct ImportOptions {
    // Replace an existing file that is not a PHM Workbench project (`phm import --force`).
    // Without it such a file is refused and left untouched; a project is always replaced.
    bool replaceOtherFile = false;
};

Result<ImportReport> importExtract(const QString &fromDir, const QString &projectPath, Feedback &feedback);
Result<ImportReport> importExtract(const QString &fromDir, const QString &projectPath, Feedback &feedback, const ImportOptions &options);

// Whether the file is a project of ours: SQLite with our application_id, or (older files) a
// `meta` table holding our keys. Reads only; never changes the file.
bool isWorkbenchProject(const QString &path);

}  // namespace phm::core
