#include "import/importjob.h"

#include "base/csvreader.h"
#include "base/dataspec.h"
#include "base/filesystem.h"
#include "base/safefile.h"
#include "geo/refdata.h"
#include "governance/auditjournal.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace phm::core {

namespace {
// The INSERT for a dataset's SQL table and its number of parameters.
std::pair<QString, int> insertStatement(Dataset d) {
    QStringList cols;
    if (d == Dataset::Persons) {
        cols = QStringList{QStringLiteral("pid"),          QStringLiteral("person_id"),          QStringLiteral("sex"),
                           QStringLiteral("birth_ym"),     QStringLiteral("ethnicity"),          QStringLiteral("lsoa_idx"),
                           QStringLiteral("practice_idx"), QStringLiteral("registration_start"), QStringLiteral("registration_end"),
                           QStringLiteral("date_of_death")};
        for (const char *f : kPersonFlags) cols << QLatin1String(f);
    } else {
        for (const ColumnSpec &c : fileSpec(d).columns)
            cols << (c.type == ColumnType::Person ? QStringLiteral("pid") : QLatin1String(c.name));
    }
    QStringList marks;
    for (int i = 0; i < cols.size(); ++i) marks << QStringLiteral("?");
    const QString table = d == Dataset::Persons ? QStringLiteral("person") : QLatin1String(fileSpec(d).key);
    return {QStringLiteral("INSERT INTO %1(%2) VALUES (%3)").arg(table, cols.join(QLatin1Char(',')), marks.join(QLatin1Char(','))),
            int(cols.size())};
}

Error fileError(ErrorCode code, const QString &message) { return Error{code, message, {}}; }

QString delimiterHint(const std::vector<std::string_view> &header) {
    if (header.size() != 1) return QString();
    for (char d : {';', '\t', '|'})
        if (header[0].find(d) != std::string_view::npos)
            return QStringLiteral(" The header is one column containing '%1': the file looks %2-delimited; save it comma-separated.")
                .arg(d == '\t' ? QStringLiteral("\\t") : QString(QLatin1Char(d)))
                .arg(d == '\t' ? QStringLiteral("tab") : QString(QLatin1Char(d)));
    return QString();
}

// The record for the rejects file: as read, unless the file has columns outside the data spec.
// Those are ignored by the import and may be identifiers slipped into the extract (an NHS number,
// a name), so only the spec's columns are kept; a record that cannot be split into its columns
// is not written at all.
std::string rejectRecord(const RowValidator &v, const CsvReader &reader) {
    if (v.unknownColumns().empty()) return std::string(reader.raw());
    const std::vector<std::string_view> &fields = reader.fields();
    if (reader.isMalformed() || int(fields.size()) != v.headerSize()) return {};
    CsvBuffer b;
    for (size_t c = 0; c < v.spec().columns.size(); ++c)
        if (const int at = v.position(int(c)); at >= 0) b.field(fields[size_t(at)]);
    return b.buffer();
}

}  // namespace

// A project is always replaced; any other file only when asked (and never a key store).
Status ImportJob::checkTarget() const {
    const QFileInfo target(mTarget);
    const QString journal = audit::journalPath(mTarget);
    if (!target.exists() && QFileInfo::exists(journal))
        return fileError(ErrorCode::OrphanJournal,
                         QStringLiteral("refusing to create %1: the audit journal %2 of a project that was there remains, and the new "
                                        "project's log would never match it; if that project was removed on purpose, move the journal "
                                        "away first")
                             .arg(mTarget, journal));
    if (!target.exists()) return Ok{};
    if (target.isDir()) return fileError(ErrorCode::IsFolder, QStringLiteral("refusing to replace %1: it is a folder").arg(mTarget));
    if (isWorkbenchProject(mTarget)) return Ok{};
    QFile f(mTarget);
    if (f.open(QIODevice::ReadOnly) && f.read(8) == "PHMKEYS1")
        return fileError(ErrorCode::ProtectedFile,
                         QStringLiteral("refusing to replace %1: it is a key store, not a project (--force does not apply)").arg(mTarget));
    if (mOptions.replaceOtherFile) return Ok{};
    return fileError(ErrorCode::NotProject,
                     QStringLiteral("refusing to replace %1: it is not a PHM Workbench project; choose another file, or give --force to "
                                    "replace it")
                         .arg(mTarget));
}

Status ImportJob::prepare() {
    if (!QFileInfo(mFrom).isDir()) return fileError(ErrorCode::NoFolder, QStringLiteral("%1 is not a folder").arg(mFrom));
    if (auto s = checkTarget(); !s) return s;
    // Every input must be an ordinary file: opening a FIFO blocks until something writes to it,
    // and a device can be read for ever. Checked before anything is created.
    QStringList inputs = {QStringLiteral("manifest.json")};
    for (const FileSpec &f : dataSpec()) inputs << QLatin1String(f.file);
    for (const QString &name : inputs) {
        const QFileInfo input(QDir(mFrom).filePath(name));
        if (input.exists() && !input.isFile())
            return fileError(ErrorCode::NotAFile,
                             QStringLiteral("%1: not an ordinary file (a FIFO, device or folder); the extract must be regular files")
                                 .arg(input.filePath()));
    }
    const QString tag = QStringLiteral(".importing-%1").arg(QCoreApplication::applicationPid());
    mTemp = mTarget + tag;
    mRejectsTemp = mTarget + QStringLiteral(".rejects") + tag;
    removeStaleTemporaries();
    if (auto s = makePrivateFolder(mRejectsTemp); !s) return s;
    {  // created owner-only before SQLite writes a byte of patient-level data into it
        QFile created(mTemp);
        if (!created.open(QIODevice::WriteOnly | QIODevice::NewOnly) || !makePrivateFile(mTemp))
            return fileError(ErrorCode::CannotWrite, QStringLiteral("cannot create %1: %2").arg(mTemp, created.errorString()));
    }
    auto db = ProjectDb::create(mTemp);
    if (!db) return db.error();
    mDb = std::move(db.value());
    mDb->setWriteLocked(true);  // run() holds the project's write lock
    for (const char *pragma :
         {"PRAGMA page_size = 16384", "PRAGMA journal_mode = OFF", "PRAGMA synchronous = OFF", "PRAGMA locking_mode = EXCLUSIVE",
          "PRAGMA cache_size = -262144", "PRAGMA temp_store = MEMORY", "PRAGMA application_id = 1346915671"})
        if (auto s = mDb->exec(QLatin1String(pragma)); !s) return s;
    if (auto s = mDb->migrate(); !s) return s;
    // The ICS's own LSOAs come first so their indexes are stable across imports.
    for (const LsoaRef &l : ReferenceData::instance().blmkLsoas()) {
        mLsoaIndex.emplace(l.code.toStdString(), int(mGeo.lsoas.size()));
        mGeo.lsoas.push_back({l.code, l.name, l.ladCode, l.place, l.imdDecile, l.imdRank, l.imdScore, l.ruc, true});
    }
    if (auto s = mDb->exec(QStringLiteral("BEGIN")); !s) return s;
    mWriter = std::make_unique<SqlBatchWriter>(*mDb);
    return Ok{};
}

// A killed import leaves <project>.importing-<pid> behind; it holds patient-level data, so the
// next import deletes any whose process no longer exists.
void ImportJob::removeStaleTemporaries() {
    const QFileInfo target(mTarget);
    const QDir dir = target.absoluteDir();
    const QStringList stale =
        dir.entryList({target.fileName() + QStringLiteral(".importing-*"), target.fileName() + QStringLiteral(".rejects.importing-*")},
                      QDir::Files | QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot);
    for (const QString &name : stale) {
        const qint64 pid = name.section(QLatin1Char('-'), -1).toLongLong();
        if (pid > 0 && pid != QCoreApplication::applicationPid() && fs::processIsRunning(pid)) continue;  // still running
        const QString path = dir.filePath(name);
        if (QFileInfo(path).isDir())
            QDir(path).removeRecursively();
        else
            QFile::remove(path);
    }
}

int ImportJob::lsoaIndex(std::string_view code) {
    auto it = mLsoaIndex.find(code);
    if (it != mLsoaIndex.end()) return it->second;
    const QString q = QString::fromLatin1(code.data(), qsizetype(code.size()));
    const auto &england = ReferenceData::instance().englandLsoas();
    auto n = england.constFind(q);
    if (n == england.constEnd() || mGeo.lsoas.size() >= 65535) return -1;
    const int index = int(mGeo.lsoas.size());
    mGeo.lsoas.push_back({q, q, n->ladCode, ReferenceData::placeOfLad(n->ladCode), n->imdDecile, n->imdRank, n->imdScore, n->ruc, false});
    mLsoaIndex.emplace(std::string(code), index);
    return index;
}

Status ImportJob::importFile(Dataset d, FileImportReport &rep, double from, double to) {
    const FileSpec &spec = fileSpec(d);
    const QString path = QDir(mFrom).filePath(QLatin1String(spec.file));
    rep.file = QLatin1String(spec.file);
    rep.dataset = QLatin1String(spec.key);
    if (!QFileInfo::exists(path)) {
        if (spec.required) return fileError(ErrorCode::MissingFile, QStringLiteral("%1: required file %2 is missing").arg(mFrom, rep.file));
        if (d >= Dataset::Gp)  // the empty table still gets its index, so every project has the same schema
            mWriter->endTable(QStringLiteral("CREATE INDEX ix_%1_pid ON %1(pid)").arg(QLatin1String(spec.key)));
        return Ok{};
    }
    rep.present = true;
    CsvReader reader(path);
    if (auto s = reader.open(); !s) return s;
    if (reader.next() != CsvReader::Step::Record || reader.isMalformed())
        return fileError(ErrorCode::BadHeader,
                         QStringLiteral("%1: line 1: the header row is missing or malformed%2")
                             .arg(path, reader.isMalformed() ? QStringLiteral(" (%1)").arg(QString::fromStdString(reader.malformedReason()))
                                                             : QString()));
    const RowValidator validator(spec, reader.fields());
    if (!validator.missingRequired().empty()) {
        QStringList names;
        for (const QString &m : validator.missingRequired()) names << QStringLiteral("`%1`").arg(m);
        return fileError(ErrorCode::MissingColumn, QStringLiteral("%1: line 1: required column %2 not found.%3")
                                                       .arg(path, names.join(QStringLiteral(", ")), delimiterHint(reader.fields())));
    }
    for (const QString &u : validator.unknownColumns()) rep.unknownColumns << u;
    mPersonCol = spec.columnIndex("person_id");
    if (isEventDataset(d)) {
        const EventColumns &m = eventColumns(d);
        auto at = [&](const char *name) { return name ? spec.columnIndex(name) : -1; };
        mEventFields = {at(m.date), at(m.end), at(m.code), at(m.attr1), at(m.attr2), at(m.value), at(m.cost)};
    }
    if (d >= Dataset::Persons) {
        const auto [sql, columns] = insertStatement(d);
        mWriter->beginTable(sql, columns);
    }
    mPresent.assign(spec.columns.size(), 0);
    mSeenRows.reset();
    mSeenArena = std::make_unique<std::pmr::monotonic_buffer_resource>();
    mSeenRows = std::make_unique<std::pmr::unordered_set<uint64_t>>(mSeenArena.get());
    mSeenRows->reserve(size_t(reader.size() / 40));  // about one entry per row
    for (size_t f = 0; f < kPersonFlags.size(); ++f) mFlagColumns[f] = fileSpec(Dataset::Persons).columnIndex(kPersonFlags[f]);
    RejectWriter rejects(QDir(mRejectsTemp).filePath(rep.file));
    std::vector<FieldValue> values;
    SubFeedback fb(mFeedback, from, to);
    for (;;) {
        const CsvReader::Step step = reader.next();
        if (step == CsvReader::Step::Error) return reader.error();
        if (step == CsvReader::Step::End) break;
        ++rep.rowsRead;
        RowProblem problem;
        if (reader.isMalformed())
            problem = {"malformed_row", -1, reader.malformedReason()};
        else
            problem = validator.validate(reader.fields(), values);
        if (!problem.reason) problem = accept(d, values, reader.raw(), rep);
        if (problem.reason) {
            ++rep.rowsRejected;
            ++rep.rejectsByReason[QLatin1String(problem.reason)];
            const QString column = problem.column >= 0 ? QLatin1String(spec.columns[size_t(problem.column)].name) : QString();
            if (!rejects.add(reader.line(), problem.reason, column, problem.detail, rejectRecord(validator, reader)))
                return fileError(ErrorCode::CannotWrite, QStringLiteral("cannot write rejects for %1 (disk full?)").arg(rep.file));
        } else {
            ++rep.rowsImported;
            for (size_t c = 0; c < values.size(); ++c) mPresent[c] += values[c].present;
        }
        if ((rep.rowsRead & 0xFFFF) == 0) {
            if (fb.isCanceled()) return fileError(ErrorCode::Canceled, QStringLiteral("import cancelled"));
            fb.setProgress(100.0 * reader.fraction());
        }
    }
    if (!rejects.close()) return fileError(ErrorCode::CannotWrite, QStringLiteral("cannot write rejects for %1").arg(rep.file));
    for (size_t c = 0; c < spec.columns.size(); ++c)
        if (validator.hasColumn(int(c)))
            rep.completeness.push_back(
                {QLatin1String(spec.columns[c].name), rep.rowsImported ? double(mPresent[c]) / double(rep.rowsImported) : 0.0});
    if (d >= Dataset::Gp)
        mWriter->endTable(QStringLiteral("CREATE INDEX ix_%1_pid ON %1(pid)").arg(QLatin1String(spec.key)));
    else if (d == Dataset::Persons)
        mWriter->endTable();
    if (mWriter->hasFailed()) return mWriter->finish();
    mSeenRows.reset();
    mSeenArena.reset();
    return Ok{};
}

RowProblem ImportJob::accept(Dataset d, const std::vector<FieldValue> &v, std::string_view raw, FileImportReport &rep) {
    static const int personDate = fileSpec(Dataset::Persons).columnIndex("registration_start");
    static const int enrolledDate = fileSpec(Dataset::Programmes).columnIndex("enrolled_date");
    const int dateCol = d == Dataset::Persons      ? personDate
                        : d == Dataset::Programmes ? enrolledDate
                        : d >= Dataset::Gp         ? mEventFields.date
                                                   : -1;
    RowProblem p = d == Dataset::Practices    ? acceptPractice(v)
                   : d == Dataset::Persons    ? acceptPerson(v)
                   : d == Dataset::Programmes ? acceptProgramme(v, rep)
                                              : acceptEvent(d, v, raw, rep);
    if (!p.reason && dateCol >= 0) {
        const auto day = int32_t(v[size_t(dateCol)].integer);
        if (rep.dateMin == kNoDate || day < rep.dateMin) rep.dateMin = day;
        if (rep.dateMax == kNoDate || day > rep.dateMax) rep.dateMax = day;
    }
    return p;
}

RowProblem ImportJob::acceptPractice(const std::vector<FieldValue> &v) {
    const std::string code(v[0].text);
    if (mPracticeIndex.find(code) != mPracticeIndex.end()) return {"duplicate_id", 0, "practice_code seen before: " + code};
    auto q = [&](int i) { return QString::fromUtf8(v[size_t(i)].text.data(), qsizetype(v[size_t(i)].text.size())); };
    Practice p;
    p.code = q(0), p.name = q(1), p.pcnCode = q(2), p.pcnName = q(3), p.place = q(4), p.alliance = q(5), p.postcode = q(6);
    p.listSize = int(v[7].integer);
    mPracticeIndex.emplace(code, int(mGeo.practices.size()));
    mGeo.practices.push_back(p);
    return {};
}

}  // namespace phm::core
