#include "store/projectdb.h"

#include "base/dataspec.h"
#include "store/project.h"

#include <sqlite3.h>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

namespace phm::core {

namespace {
QString sqlType(ColumnType t) {
    switch (t) {
        case ColumnType::Date:
        case ColumnType::YearMonth:
        case ColumnType::Integer:
        case ColumnType::Flag:
        case ColumnType::Person:
            return QStringLiteral("INTEGER");
        case ColumnType::Decimal:
            return QStringLiteral("REAL");
        default:
            return QStringLiteral("TEXT");
    }
}

// Schema version 1. Event tables mirror docs/data-spec.md: dates are INTEGER days since
// 1970-01-01, person_id becomes pid (the person table's row id). Later versions append steps.
QStringList migrationV1() {
    QStringList s = {
        QStringLiteral("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)"),
        QStringLiteral("CREATE TABLE lsoa(idx INTEGER PRIMARY KEY, code TEXT UNIQUE NOT NULL, name TEXT, lad_code TEXT, place TEXT, "
                       "imd_decile INTEGER, imd_rank INTEGER, imd_score REAL, ruc TEXT, in_ics INTEGER)"),
        QStringLiteral("CREATE TABLE practice(idx INTEGER PRIMARY KEY, code TEXT UNIQUE NOT NULL, name TEXT, pcn_code TEXT, pcn_name TEXT, "
                       "place TEXT, care_alliance TEXT, postcode TEXT, list_size INTEGER)"),
        QStringLiteral("CREATE TABLE column_block(name TEXT PRIMARY KEY, rows INTEGER NOT NULL, data BLOB NOT NULL)"),
    };
    QStringList personCols = {QStringLiteral("pid INTEGER PRIMARY KEY"),
                              QStringLiteral("person_id TEXT NOT NULL"),
                              QStringLiteral("sex TEXT"),
                              QStringLiteral("birth_ym INTEGER"),
                              QStringLiteral("ethnicity TEXT"),
                              QStringLiteral("lsoa_idx INTEGER"),
                              QStringLiteral("practice_idx INTEGER"),
                              QStringLiteral("registration_start INTEGER"),
                              QStringLiteral("registration_end INTEGER"),
                              QStringLiteral("date_of_death INTEGER")};
    for (const char *f : kPersonFlags) personCols << QStringLiteral("%1 INTEGER").arg(QLatin1String(f));
    s << QStringLiteral("CREATE TABLE person(%1)").arg(personCols.join(QStringLiteral(", ")));
    for (int d = kFirstEventDataset; d < kDatasetCount; ++d) {
        const FileSpec &f = fileSpec(Dataset(d));
        QStringList cols;
        for (const ColumnSpec &c : f.columns)
            cols << (c.type == ColumnType::Person ? QStringLiteral("pid INTEGER NOT NULL")
                                                  : QStringLiteral("%1 %2").arg(QLatin1String(c.name), sqlType(c.type)));
        s << QStringLiteral("CREATE TABLE %1(%2)").arg(QLatin1String(f.key), cols.join(QStringLiteral(", ")));
    }
    return s;
}

// Schema version 2: saved cohorts, each a history of rule versions.
QStringList migrationV2() {
    return {QStringLiteral("CREATE TABLE cohort(id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL)"),
            QStringLiteral("CREATE TABLE cohort_version(cohort_id INTEGER NOT NULL REFERENCES cohort(id) ON DELETE CASCADE, "
                           "version INTEGER NOT NULL, rule TEXT NOT NULL, author TEXT NOT NULL, saved_at TEXT NOT NULL, "
                           "note TEXT, count INTEGER, PRIMARY KEY (cohort_id, version))")};
}

// Schema version 3: information governance. Users with roles, and the audit log: append-only
// (triggers refuse UPDATE and DELETE) and hash-chained (core/governance/audit), so an edit made around the
// triggers is still found by `phm audit verify`.
QStringList migrationV3() {
    return {
        QStringLiteral("CREATE TABLE app_user(name TEXT PRIMARY KEY, role TEXT NOT NULL CHECK (role IN ('analyst', 'clinician', 'admin')), "
                       "practice TEXT, added_at TEXT NOT NULL, added_by TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE audit_log(seq INTEGER PRIMARY KEY, at TEXT NOT NULL, user TEXT NOT NULL, role TEXT NOT NULL, "
                       "action TEXT NOT NULL, detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)"),
        QStringLiteral("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                       "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"),
        QStringLiteral("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
                       "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END")};
}

// Schema version 4: pack templates (core/packs/packtemplate), one JSON definition per name.
QStringList migrationV4() {
    return {
        QStringLiteral("CREATE TABLE pack_template(name TEXT PRIMARY KEY, definition TEXT NOT NULL, updated_at TEXT NOT NULL, "
                       "updated_by TEXT NOT NULL)")};
}

// Schema version 6: credentials (core/governance/credentials). A privileged user's passphrase as an Argon2id
// verifier, and their key pairs (X25519 for the key store's practice keys, Ed25519 for signing)
// with the secret halves sealed under a key derived from the passphrase.
QStringList migrationV6() {
    return {
        QStringLiteral("CREATE TABLE credential(login TEXT PRIMARY KEY, verifier TEXT NOT NULL, salt BLOB NOT NULL, "
                       "box_public BLOB NOT NULL, sign_public BLOB NOT NULL, sealed_secrets BLOB NOT NULL, set_at TEXT NOT NULL, "
                       "set_by TEXT NOT NULL)")};
}

// Schema version 7: evaluation (core/evaluation). The programme-enrolment table for projects
// imported before programmes.csv existed; programmes frozen from a saved cohort (members by
// pseudonym, so a re-import keeps them); saved evaluations with their settings and result.
QStringList migrationV7() {
    const FileSpec &f = fileSpec(Dataset::Programmes);
    QStringList cols;
    for (const ColumnSpec &c : f.columns)
        cols << (c.type == ColumnType::Person ? QStringLiteral("pid INTEGER NOT NULL")
                                              : QStringLiteral("%1 %2").arg(QLatin1String(c.name), sqlType(c.type)));
    return {QStringLiteral("CREATE TABLE IF NOT EXISTS %1(%2)").arg(QLatin1String(f.key), cols.join(QStringLiteral(", "))),
            QStringLiteral("CREATE TABLE programme(name TEXT PRIMARY KEY, cohort TEXT NOT NULL, cohort_version INTEGER NOT NULL, "
                           "index_date INTEGER NOT NULL, created_at TEXT NOT NULL, created_by TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE programme_member(programme TEXT NOT NULL, person_id TEXT NOT NULL, "
                           "PRIMARY KEY (programme, person_id))"),
            QStringLiteral("CREATE TABLE evaluation(id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, programme TEXT NOT NULL, "
                           "settings TEXT NOT NULL, result TEXT NOT NULL, saved_at TEXT NOT NULL, saved_by TEXT NOT NULL)")};
}

// Schema version 8: the PHM cycle's evaluate stage links a saved evaluation (core/maturity).
QStringList migrationV8() { return {QStringLiteral("ALTER TABLE phm_cycle_stage ADD COLUMN evaluation INTEGER")}; }
// Schema version 9: the project's own code lists (core/rules/codeliststore), one code a line.
QStringList migrationV9() {
    return {
        QStringLiteral("CREATE TABLE codelist(name TEXT PRIMARY KEY, codes TEXT NOT NULL, source TEXT NOT NULL, added_at TEXT "
                       "NOT NULL, added_by TEXT NOT NULL)")};
}

// Schema version 5: PHM maturity (core/maturity/maturitystore). Frameworks by name; assessments and cycle
// stages append-only, so the history of every area is kept.
QStringList migrationV5() {
    QStringList s = {
        QStringLiteral("CREATE TABLE maturity_framework(name TEXT PRIMARY KEY, definition TEXT NOT NULL, updated_at TEXT NOT NULL, "
                       "updated_by TEXT NOT NULL)"),
        QStringLiteral(
            "CREATE TABLE maturity_assessment(id INTEGER PRIMARY KEY AUTOINCREMENT, framework TEXT NOT NULL, area_level TEXT NOT "
            "NULL, area_code TEXT NOT NULL, assessed_on TEXT NOT NULL, definition TEXT NOT NULL, recorded_at TEXT NOT NULL, "
            "recorded_by TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX maturity_assessment_area ON maturity_assessment(area_level, area_code)"),
        QStringLiteral(
            "CREATE TABLE phm_cycle(id INTEGER PRIMARY KEY AUTOINCREMENT, pcn TEXT NOT NULL, title TEXT NOT NULL, created_at TEXT "
            "NOT NULL, created_by TEXT NOT NULL)"),
        QStringLiteral(
            "CREATE TABLE phm_cycle_stage(id INTEGER PRIMARY KEY AUTOINCREMENT, cycle_id INTEGER NOT NULL REFERENCES phm_cycle(id), "
            "stage TEXT NOT NULL, reached_on TEXT NOT NULL, cohorts TEXT NOT NULL, note TEXT, recorded_at TEXT NOT NULL, "
            "recorded_by TEXT NOT NULL)")};
    for (const char *table : {"maturity_assessment", "phm_cycle", "phm_cycle_stage"})
        for (const char *op : {"UPDATE", "DELETE"})
            s << QStringLiteral(
                     "CREATE TRIGGER %1_no_%2 BEFORE %3 ON %1 BEGIN SELECT RAISE(ABORT, '%1 keeps its history: records are "
                     "never changed or removed'); END")
                     .arg(QLatin1String(table), QString::fromLatin1(op).toLower(), QLatin1String(op));
    return s;
}
}  // namespace

// Process-wide SQLite settings, applied once before the library initialises (later calls are
// refused by SQLite and harmless). Every connection is used by one thread at a time, so
// multi-thread mode is safe; memory statistics would take a global mutex on every allocation.
static void configureSqlite() {
    static const bool done = [] {
        sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        return true;
    }();
    (void)done;
}

Error notAProjectError(const QString &path) {
    return Error{ErrorCode::NotAProject, QStringLiteral("%1: this is not a PHM Workbench project").arg(path), path};
}

Error damagedProjectError(const QString &path, const QString &what) {
    return Error{ErrorCode::CorruptProject, QStringLiteral("%1: the project is damaged: %2").arg(path, what), path};
}

Error lockedProjectError(const QString &path) {
    return Error{ErrorCode::Locked,
                 QStringLiteral("%1: the project is locked by another program (an import, another workbench or an SQLite tool is "
                                "writing to it); try again when it has finished")
                     .arg(path),
                 path};
}

namespace {
// How long a connection waits for another program's lock before giving up with lockedProjectError.
constexpr int kBusyTimeoutMs = 2000;

// The file itself, before SQLite sees it: SQLite would treat an empty file as a new database, and
// opening a FIFO or a device could block or read forever.
Status checkFile(const QString &path) {
    const QFileInfo info(path);
    if (!info.exists()) return Error{ErrorCode::NoProject, QStringLiteral("%1: no such project file").arg(path), path};
    if (!info.isFile()) return notAProjectError(path);
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error{ErrorCode::CannotOpen, QStringLiteral("%1: cannot read the project: %2").arg(path, f.errorString()), path};
    const QByteArray head = f.read(100);
    if (!head.startsWith(QByteArray("SQLite format 3\0", 16))) return notAProjectError(path);
    if (head.size() < 100) return damagedProjectError(path, QStringLiteral("the file is cut short (%1 bytes)").arg(head.size()));
    // The header says how many pages the file has (when its "valid for" counter matches the change
    // counter): a shorter file lost its end, which SQLite itself only notices when it reads there.
    auto be = [&](int at, int bytes) {
        uint32_t v = 0;
        for (int i = 0; i < bytes; ++i) v = (v << 8) | uint8_t(head[at + i]);
        return v;
    };
    const int64_t pageSize = be(16, 2) == 1 ? 65536 : be(16, 2);
    if (pageSize < 512 || (pageSize & (pageSize - 1)) != 0)
        return damagedProjectError(path, QStringLiteral("the header gives page size %1, which SQLite never writes").arg(pageSize));
    const int64_t pages = be(24, 4) == be(92, 4) ? be(28, 4) : 0;
    if (info.size() % pageSize != 0 || info.size() < pages * pageSize)
        return damagedProjectError(
            path, QStringLiteral("the file is cut short (%1 bytes, the header says %2)").arg(info.size()).arg(pages * pageSize));
    return Ok{};
}
}  // namespace

Result<std::unique_ptr<ProjectDb>> ProjectDb::connect(const QString &path, Access access) {
    configureSqlite();
    std::unique_ptr<ProjectDb> p(new ProjectDb);
    p->mPath = path;
    p->mWrite = access != Access::Read;
    p->mCreated = access == Access::Create;
    // Private cache, no mutex (each connection is used by one thread at a time, as Qt SQL's driver
    // opened it); only the import's temporary file is ever created.
    int flags = SQLITE_OPEN_PRIVATECACHE | SQLITE_OPEN_NOMUTEX;
    flags |= access == Access::Read ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (access == Access::Create) flags |= SQLITE_OPEN_CREATE;
    if (const int rc = sqlite3_open_v2(path.toUtf8().constData(), &p->mHandle, flags, nullptr); rc != SQLITE_OK) {
        // Worded as Qt SQL's driver said it ("<SQLite's message> Error opening database"), which
        // `phm` prints.
        const QString why = QString::fromUtf8(sqlite3_errmsg(p->mHandle));
        sqlite3_close_v2(p->mHandle);
        p->mHandle = nullptr;
        return Error{ErrorCode::CannotOpen, QStringLiteral("cannot open project %1: %2 Error opening database").arg(path, why), path};
    }
    sqlite3_busy_timeout(p->mHandle, kBusyTimeoutMs);
    // The file may come from anyone: no writable schema, and no functions with side effects run
    // from its triggers or views.
    sqlite3_db_config(p->mHandle, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    sqlite3_db_config(p->mHandle, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
    if (auto s = p->exec(QStringLiteral("PRAGMA cell_size_check = ON")); !s) return s.error();
    return p;
}

Result<std::unique_ptr<ProjectDb>> ProjectDb::open(const QString &path, bool write) {
    if (auto s = checkFile(path); !s) return s.error();
    auto p = connect(path, write ? Access::Write : Access::Read);
    if (!p) return p;
    if (auto s = p.value()->identify(); !s) return s.error();
    return p;
}

Result<std::unique_ptr<ProjectDb>> ProjectDb::create(const QString &path) {
    auto p = connect(path, Access::Create);
    if (!p) return p;
    auto version = p.value()->pragma("user_version");
    auto id = p.value()->pragma("application_id");
    if (!version) return version.error();
    if (!id) return id.error();
    p.value()->mSchemaVersion = int(version.value());
    p.value()->mApplicationId = id.value();
    return p;
}

Result<int64_t> ProjectDb::pragma(const char *name) {
    sqlite3_stmt *st = nullptr;
    int rc = sqlite3_prepare_v2(mHandle, QByteArray("PRAGMA ").append(name).constData(), -1, &st, nullptr);
    int64_t value = 0;
    if (rc == SQLITE_OK) rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) value = sqlite3_column_int64(st, 0);
    const Error e = failure(QStringLiteral("cannot read PRAGMA %1").arg(QLatin1String(name)));
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW) return e;
    return value;
}

// Ours by the application id, or (written before it was set) by the meta keys every import
// writes; then a schema version this build knows.
Status ProjectDb::identify() {
    auto id = pragma("application_id");
    if (!id) return id.error();
    auto version = pragma("user_version");
    if (!version) return version.error();
    mApplicationId = id.value();
    if (mApplicationId == 0) {
        sqlite3_stmt *st = nullptr;
        int rc = sqlite3_prepare_v2(mHandle,
                                    "SELECT count(*) FROM meta WHERE key IN ('extract_start', 'extract_end', 'import_report') AND "
                                    "EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'column_block')",
                                    -1, &st, nullptr);
        if (rc == SQLITE_OK) rc = sqlite3_step(st);
        const bool known = rc == SQLITE_ROW && sqlite3_column_int64(st, 0) > 0;
        const int code = sqlite3_errcode(mHandle) & 0xff;
        const Error e = failure(QStringLiteral("cannot read the meta table"));
        sqlite3_finalize(st);
        // No meta table at all is someone else's database; a failure to read one is damage.
        if (rc != SQLITE_ROW && code != SQLITE_ERROR) return e;
        if (!known) return notAProjectError(mPath);
    } else if (mApplicationId != kApplicationId) {
        return notAProjectError(mPath);
    }
    if (version.value() > kSchemaVersion)
        return Error{ErrorCode::NewerSchema,
                     QStringLiteral("%1 was written by a newer PHM Workbench (schema %2; this build reads up to %3)")
                         .arg(mPath)
                         .arg(version.value())
                         .arg(kSchemaVersion),
                     mPath};
    if (version.value() < 1)
        return damagedProjectError(mPath, QStringLiteral("schema version %1 is not one PHM Workbench writes").arg(version.value()));
    mSchemaVersion = int(version.value());
    return Ok{};
}

Error ProjectDb::failure(const QString &what) const {
    const int code = sqlite3_errcode(mHandle) & 0xff;
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED) return lockedProjectError(mPath);
    if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB || code == SQLITE_IOERR || code == SQLITE_RANGE || code == SQLITE_FORMAT)
        return damagedProjectError(mPath, QStringLiteral("%1 (%2)").arg(what, lastError()));
    return Error{ErrorCode::SqlError, QStringLiteral("%1: %2").arg(what, lastError()), mPath};
}

Status ProjectDb::reopen() {
    // A fresh connection to what is at the path now (checked again unless this is the import's
    // own new file), then this object takes it over; the old connection closes with `fresh`.
    if (!mCreated)
        if (auto s = checkFile(mPath); !s) return s;
    auto fresh = connect(mPath, mCreated ? Access::Create : mWrite ? Access::Write : Access::Read);
    if (!fresh) return fresh.error();
    if (!mCreated)
        if (auto s = fresh.value()->identify(); !s) return s;
    std::swap(mHandle, fresh.value()->mHandle);
    mSchemaVersion = fresh.value()->mSchemaVersion;
    mApplicationId = fresh.value()->mApplicationId;
    return Ok{};
}

// close_v2: a Statement still alive (a bug) leaves the connection to close when it is finalised,
// rather than leaking it.
ProjectDb::~ProjectDb() { sqlite3_close_v2(mHandle); }

QString ProjectDb::lastError() const { return QString::fromUtf8(sqlite3_errmsg(mHandle)); }

Status ProjectDb::exec(const QString &sql) {
    char *msg = nullptr;
    if (sqlite3_exec(mHandle, sql.toUtf8().constData(), nullptr, nullptr, &msg) != SQLITE_OK) {
        const QString text = QString::fromUtf8(msg ? msg : "unknown error");
        sqlite3_free(msg);
        const int code = sqlite3_errcode(mHandle) & 0xff;
        if (code == SQLITE_BUSY || code == SQLITE_LOCKED || code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
            return failure(QStringLiteral("cannot run %1").arg(sql.left(40)));
        return Error{ErrorCode::SqlError, QStringLiteral("database error in %1: %2").arg(mPath, text), sql};
    }
    return Ok{};
}

Status ProjectDb::migrate() {
    const std::vector<QStringList> steps = {migrationV1(), migrationV2(), migrationV3(), migrationV4(), migrationV5(),
                                            migrationV6(), migrationV7(), migrationV8(), migrationV9()};
    int version = mSchemaVersion;
    if (version < 0 || version > kSchemaVersion)
        return Error{ErrorCode::NewerSchema,
                     QStringLiteral("%1 was written by a newer PHM Workbench (schema %2; this build reads up to %3)")
                         .arg(mPath)
                         .arg(version)
                         .arg(kSchemaVersion),
                     mPath};
    // A new database, or one written before the application id: stamp it as ours (when writing).
    if (mApplicationId != kApplicationId && sqlite3_db_readonly(mHandle, "main") == 0) {
        if (auto s = exec(QStringLiteral("PRAGMA application_id = %1").arg(kApplicationId)); !s) return s;
        mApplicationId = kApplicationId;
    }
    for (; version < kSchemaVersion; ++version) {
        if (auto s = exec(QStringLiteral("BEGIN")); !s) return s;
        for (const QString &sql : steps[size_t(version)])
            if (auto s = exec(sql); !s) {
                exec(QStringLiteral("ROLLBACK"));
                return s;
            }
        if (auto s = exec(QStringLiteral("PRAGMA user_version = %1").arg(version + 1)); !s) return s;
        if (auto s = exec(QStringLiteral("COMMIT")); !s) return s;
        mSchemaVersion = version + 1;
    }
    return Ok{};
}

int64_t ProjectDb::blobBytes(int64_t rowid) {
    sqlite3_blob *blob = nullptr;
    if (sqlite3_blob_open(mHandle, "main", "column_block", "data", rowid, 0, &blob) != SQLITE_OK) {
        sqlite3_blob_close(blob);
        return -1;
    }
    const int64_t bytes = sqlite3_blob_bytes(blob);
    sqlite3_blob_close(blob);
    return bytes;
}

bool ProjectDb::readBlob(int64_t rowid, void *dst, size_t bytes) {
    sqlite3_blob *blob = nullptr;
    if (sqlite3_blob_open(mHandle, "main", "column_block", "data", rowid, 0, &blob) != SQLITE_OK) return false;
    const bool ok = size_t(sqlite3_blob_bytes(blob)) == bytes && (bytes == 0 || sqlite3_blob_read(blob, dst, int(bytes), 0) == SQLITE_OK);
    sqlite3_blob_close(blob);
    return ok;
}

Status ProjectDb::setMeta(const QString &key, const QString &value) {
    Statement st(*this, QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)"));
    st.bindText(1, key);
    st.bindText(2, value);
    if (!st.stepDone()) return Error{ErrorCode::SqlError, lastError(), mPath};
    return Ok{};
}

Status copyRows(ProjectDb &from, ProjectDb &to, const QString &table) {
    sqlite3_stmt *read = nullptr, *write = nullptr;
    auto done = [&](Status s) {
        sqlite3_finalize(read);
        sqlite3_finalize(write);
        return s;
    };
    if (sqlite3_prepare_v2(from.handle(), QStringLiteral("SELECT * FROM %1").arg(table).toUtf8().constData(), -1, &read, nullptr) !=
        SQLITE_OK)
        return done(Error{ErrorCode::SqlError, QStringLiteral("cannot read %1 of %2: %3").arg(table, from.path(), from.lastError()), {}});
    // By the source's column names: a table that gained a column since (schema 8's
    // phm_cycle_stage.evaluation) takes the older rows with the new column empty.
    const int columns = sqlite3_column_count(read);
    QStringList marks, names;
    for (int c = 0; c < columns; ++c) {
        marks << QStringLiteral("?");
        names << QLatin1Char('"') + QString::fromUtf8(sqlite3_column_name(read, c)).replace(QLatin1Char('"'), QStringLiteral("\"\"")) +
                     QLatin1Char('"');
    }
    if (sqlite3_prepare_v2(to.handle(),
                           QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                               .arg(table, names.join(QLatin1Char(',')), marks.join(QLatin1Char(',')))
                               .toUtf8()
                               .constData(),
                           -1, &write, nullptr) != SQLITE_OK)
        return done(Error{ErrorCode::SqlError, QStringLiteral("cannot write %1: %2").arg(table, to.lastError()), {}});
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(read)) == SQLITE_ROW) {
        for (int c = 0; c < columns; ++c) sqlite3_bind_value(write, c + 1, sqlite3_column_value(read, c));
        if (sqlite3_step(write) != SQLITE_DONE)
            return done(Error{ErrorCode::SqlError, QStringLiteral("cannot copy %1: %2").arg(table, to.lastError()), {}});
        sqlite3_reset(write);
    }
    if (rc != SQLITE_DONE)
        return done(Error{ErrorCode::SqlError, QStringLiteral("cannot read %1 of %2: %3").arg(table, from.path(), from.lastError()), {}});
    return done(Ok{});
}

QString ProjectDb::meta(const QString &key) {
    Statement st(*this, QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    st.bindText(1, key);
    return st.step() ? st.columnText(0) : QString();
}

Statement::Statement(ProjectDb &db, const QString &sql) {
    if (sqlite3_prepare_v2(db.handle(), sql.toUtf8().constData(), -1, &mStmt, nullptr) != SQLITE_OK) {
        mStmt = nullptr;
        mOk = false;
    }
}
Statement::~Statement() { sqlite3_finalize(mStmt); }
void Statement::bindNull(int i) { sqlite3_bind_null(mStmt, i); }
void Statement::bind(int i, int64_t v) { sqlite3_bind_int64(mStmt, i, v); }
void Statement::bind(int i, double v) { sqlite3_bind_double(mStmt, i, v); }
void Statement::bindText(int i, std::string_view v) { sqlite3_bind_text(mStmt, i, v.data(), int(v.size()), SQLITE_TRANSIENT); }
void Statement::bindText(int i, const QString &v) {
    const QByteArray b = v.toUtf8();
    bindText(i, std::string_view(b.constData(), size_t(b.size())));
}
void Statement::bindTextStatic(int i, std::string_view v) { sqlite3_bind_text(mStmt, i, v.data(), int(v.size()), SQLITE_STATIC); }
void Statement::bindBlob(int i, const void *data, size_t bytes) { sqlite3_bind_blob64(mStmt, i, data, bytes, SQLITE_STATIC); }
bool Statement::step() {
    if (!mStmt) return false;
    const int rc = sqlite3_step(mStmt);
    if (rc == SQLITE_ROW) return true;
    mOk = rc == SQLITE_DONE;
    return false;
}
bool Statement::stepDone() {
    if (!mStmt) return false;
    const int rc = sqlite3_step(mStmt);
    sqlite3_reset(mStmt);
    mOk = rc == SQLITE_DONE;
    return mOk;
}
void Statement::reset() { sqlite3_reset(mStmt); }
int64_t Statement::columnInt(int i) const { return sqlite3_column_int64(mStmt, i); }
double Statement::columnDouble(int i) const { return sqlite3_column_double(mStmt, i); }
QString Statement::columnText(int i) const {
    return QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(mStmt, i)), sqlite3_column_bytes(mStmt, i));
}
const void *Statement::columnBlob(int i) const { return sqlite3_column_blob(mStmt, i); }
int Statement::columnBytes(int i) const { return sqlite3_column_bytes(mStmt, i); }
}  // namespace phm::core
