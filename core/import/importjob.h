#pragma once
// Internal to the importer: one import run's state. See importer.h for the contract.
#include "base/csvwriter.h"
#include "governance/audit.h"
#include "import/eventbuilder.h"
#include "import/importer.h"
#include "import/rowvalidator.h"
#include "store/project.h"
#include "store/projectdb.h"
#include "store/projectlock.h"
#include "store/sqlbatchwriter.h"

#include <QFileInfo>
#include <memory>
#include <memory_resource>
#include <unordered_map>
#include <unordered_set>

namespace phm::core {

// Lazily creates <rejects>/<file> and appends one row per rejected record.
class RejectWriter {
public:
    explicit RejectWriter(QString path) : mPath(std::move(path)) {}
    ~RejectWriter() { close(); }
    bool add(int64_t line, const char *reason, const QString &column, const std::string &detail, std::string_view raw) {
        if (!mFile.isOpen()) {
            if (!mFile.open(mPath)) return false;
            mBuf.appendRaw("line,reason,column,detail,record\n");
        }
        mBuf.integer(line);
        mBuf.rawField(reason);
        mBuf.field(column.toStdString());
        mBuf.field(detail);
        mBuf.field(raw);
        mBuf.endRow();
        if (mBuf.size() > (1 << 20)) return flush();
        return true;
    }
    bool close() {
        const bool ok = flush();
        return mFile.isOpen() ? mFile.close() && ok : ok;
    }

private:
    bool flush() {
        const bool ok = !mFile.isOpen() || mFile.write(mBuf.buffer());
        mBuf.clear();
        return ok;
    }
    QString mPath;
    CsvFile mFile;
    CsvBuffer mBuf;
};

class ImportJob {
public:
    ImportJob(const QString &fromDir, const QString &projectPath, Feedback &fb, const ImportOptions &options = {})
        : mFrom(fromDir), mTarget(QFileInfo(projectPath).absoluteFilePath()), mFeedback(fb), mOptions(options) {}
    Result<ImportReport> run();

private:
    Status prepare();
    Status importFile(Dataset d, FileImportReport &rep, double from, double to);
    RowProblem accept(Dataset d, const std::vector<FieldValue> &v, std::string_view raw, FileImportReport &rep);
    RowProblem acceptPractice(const std::vector<FieldValue> &v);
    RowProblem acceptPerson(const std::vector<FieldValue> &v);
    RowProblem acceptEvent(Dataset d, const std::vector<FieldValue> &v, std::string_view raw, FileImportReport &rep);
    // A programme enrolment: a known person, enrolled inside the extract window, once per
    // person, programme and date (importrows.cpp).
    RowProblem acceptProgramme(const std::vector<FieldValue> &v, FileImportReport &rep);
    // The row's values into the dataset's SQL table (pid for the person column).
    void writeSqlRow(const FileSpec &spec, const std::vector<FieldValue> &v, int32_t pid);
    // The person a row names (the last lookup is remembered), or -1 counted as unlinked.
    int32_t linkPerson(std::string_view personId, FileImportReport &rep);
    int lsoaIndex(std::string_view code);
    Status finish(ImportReport &report);
    void discard();
    void removeStaleTemporaries();
    Status checkTarget() const;
    Status replaceRejects(const QString &rejectsDir) const;

    QString mFrom, mTarget, mTemp, mRejectsTemp;
    Feedback &mFeedback;
    ImportOptions mOptions;
    std::unique_ptr<ProjectLock> mLock;  // the project's write lock, held from the first check to the end
    std::unique_ptr<ProjectDb> mDb;
    audit::Entry mImportEntry;                // journalled once the new file has replaced the project
    std::unique_ptr<SqlBatchWriter> mWriter;  // INSERTs of the file being imported, on its own thread
    Geography mGeo;
    PersonTable mPersons;
    std::array<EventBuilder, kEventDatasetCount> mEvents;
    // Transparent hashing: look up a std::string_view without building a std::string per row.
    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    template <class V>
    using StringMap = std::unordered_map<std::string, V, Hash, std::equal_to<>>;
    StringMap<int> mPracticeIndex, mLsoaIndex;
    StringMap<int32_t> mPersonIndex;
    // Event files are usually grouped by person, so the last lookup is remembered.
    std::string mLastPersonId;
    int32_t mLastPid = -1;
    std::array<int, kPersonFlags.size()> mFlagColumns{};
    // Spec column indexes of the EventColumns fields of the file being imported (-1 = unused).
    struct EventFields {
        int date = -1, end = -1, code = -1, attr1 = -1, attr2 = -1, value = -1, cost = -1;
    } mEventFields;
    // Hashes of accepted event rows (exact-duplicate check); nodes come from a per-file arena.
    std::unique_ptr<std::pmr::monotonic_buffer_resource> mSeenArena;
    std::unique_ptr<std::pmr::unordered_set<uint64_t>> mSeenRows;
    std::vector<qint64> mPresent;
    int mPersonCol = -1;
    // The extract's activity window (manifest, else the activity files' dates), known once the
    // activity files are in; programme enrolments must fall inside it.
    int32_t mWindowStart = kNoDate, mWindowEnd = kNoDate;
};

}  // namespace phm::core
