#pragma once
// The project file: one SQLite database, opened and used through SQLite's own C API
// (sqlite3_open_v2, Statement below). Not through Qt SQL: its driver may carry its own copy of
// SQLite (Qt's bundled build on Windows, macOS and many distributions), and sharing that
// driver's handle with the separately linked libsqlite3 the rest of the program uses breaks
// wherever the two copies differ (two sets of globals, configuration and locks for one file).
// Binding through QVariant would also cost more than the insert itself at ten million rows.
#include "base/result.h"

#include <QString>
#include <memory>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace phm::core {

// 1: extract and column blocks; 2: saved cohorts; 3: users and audit log; 4: pack templates;
// 5: maturity frameworks, assessments and PHM cycles; 6: credentials of privileged users;
// 7: programmes and evaluations; 8: an evaluation linked to the PHM cycle; 9: project code lists.
constexpr int kSchemaVersion = 9;
// PRAGMA application_id of every project ("PHMW"). Projects written before it was set are known
// by their meta keys instead, and stamped the first time they are written.
constexpr int64_t kApplicationId = 0x50484D57;

// The errors every reader of a project file gives: "<file>: this is not a PHM Workbench project",
// "<file>: the project is damaged: <what, where>", and a lock held by another program.
Error notAProjectError(const QString &path);
Error damagedProjectError(const QString &path, const QString &what);
Error lockedProjectError(const QString &path);

class ProjectDb {
public:
    // An existing project, checked before anything else reads it: a regular file, an SQLite
    // database, ours (application id or meta keys) and a schema version this build knows. Never
    // creates a file. Waits a short while for another program's lock, then says it is locked.
    static Result<std::unique_ptr<ProjectDb>> open(const QString &path, bool write);
    // A new database at path (created if absent), unchecked: for the import's temporary file.
    static Result<std::unique_ptr<ProjectDb>> create(const QString &path);
    ~ProjectDb();
    ProjectDb(const ProjectDb &) = delete;
    ProjectDb &operator=(const ProjectDb &) = delete;
    sqlite3 *handle() const { return mHandle; }
    const QString &path() const { return mPath; }
    Status exec(const QString &sql);
    QString lastError() const;
    // The error for the connection's last failure: "<what>: <SQLite's message>" (sql_error), or
    // the locked or damaged error when SQLite says that is the cause.
    Error failure(const QString &what) const;
    int schemaVersion() const { return mSchemaVersion; }
    // Creates or upgrades the schema to kSchemaVersion (each step in one transaction).
    Status migrate();
    // Size of column_block.data at rowid (-1 if it cannot be read), and an incremental BLOB read
    // of exactly that many bytes straight into dst.
    int64_t blobBytes(int64_t rowid);
    bool readBlob(int64_t rowid, void *dst, size_t bytes);
    Status setMeta(const QString &key, const QString &value);
    QString meta(const QString &key);
    // Closes and opens the file at path() again: after waiting for the project's write lock
    // (core/store/projectlock), the file there may be a new one an import renamed over the old.
    // No Statement may be alive on this connection.
    Status reopen();
    // Set while this connection's writer holds the project's write lock (core/store/projectlock); an
    // audit entry is appended only then (audit::appendInTransaction checks).
    void setWriteLocked(bool locked) { mWriteLocked = locked; }
    bool isWriteLocked() const { return mWriteLocked; }

private:
    ProjectDb() = default;
    enum class Access { Read, Write, Create };
    static Result<std::unique_ptr<ProjectDb>> connect(const QString &path, Access access);
    Status identify();
    Result<int64_t> pragma(const char *name);
    QString mPath;
    bool mWrite = false, mCreated = false;
    bool mWriteLocked = false;
    sqlite3 *mHandle = nullptr;
    int mSchemaVersion = 0;
    int64_t mApplicationId = 0;
};

// Copies every row of `table` from one project to another with the same columns (values keep
// their SQLite types), inside the caller's transaction on `to`.
Status copyRows(ProjectDb &from, ProjectDb &to, const QString &table);

// A prepared statement on the native handle. As in SQLite, bind indexes are 1-based and
// column indexes 0-based.
class Statement {
public:
    Statement(ProjectDb &db, const QString &sql);
    ~Statement();
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    bool isValid() const { return mStmt != nullptr; }
    void bindNull(int i);
    void bind(int i, int64_t v);
    void bind(int i, double v);
    void bindText(int i, std::string_view v);              // copied by SQLite
    void bindText(int i, const QString &v);                // as UTF-8, copied by SQLite
    void bindTextStatic(int i, std::string_view v);        // not copied: keep alive until step()
    void bindBlob(int i, const void *data, size_t bytes);  // not copied: keep alive until step()
    bool step();                                           // true while a row is available; false when done (check ok())
    bool stepDone();                                       // executes an INSERT/UPDATE and resets; false on error
    void reset();
    int64_t columnInt(int i) const;
    double columnDouble(int i) const;
    QString columnText(int i) const;
    const void *columnBlob(int i) const;
    int columnBytes(int i) const;
    bool ok() const { return mOk; }

private:
    sqlite3_stmt *mStmt = nullptr;
    bool mOk = true;
};

}  // namespace phm::core
