#include "store/sqlbatchwriter.h"

#include <QElapsedTimer>

namespace phm::core {

SqlBatchWriter::SqlBatchWriter(ProjectDb &db) : mDb(db) {
    mThread = std::thread([this] { writerLoop(); });
}

SqlBatchWriter::~SqlBatchWriter() {
    if (mThread.joinable()) finish();
}

std::unique_ptr<SqlBatchWriter::Work> SqlBatchWriter::freshBatch() {
    std::unique_ptr<Work> w;
    {
        std::lock_guard lock(mMutex);
        if (!mFree.empty()) {
            w = std::move(mFree.front());
            mFree.pop_front();
        }
    }
    if (!w) w = std::make_unique<Work>();
    w->kind = Work::Rows;
    w->columns = mColumns;
    w->rows = 0;
    w->text.clear();
    if (w->cells.size() < kRowsPerBatch * size_t(mColumns)) w->cells.resize(kRowsPerBatch * size_t(mColumns));
    return w;
}

void SqlBatchWriter::beginTable(const QString &insertSql, int columns) {
    auto prepare = std::make_unique<Work>();
    prepare->kind = Work::Prepare;
    prepare->sql = insertSql;
    prepare->columns = columns;
    enqueue(std::move(prepare));
    mColumns = columns;
    mCurrent = freshBatch();
}

void SqlBatchWriter::endTable(const QString &sql) {
    flushRows();
    mCurrent.reset();
    if (sql.isEmpty()) return;
    auto exec = std::make_unique<Work>();
    exec->kind = Work::Exec;
    exec->sql = sql;
    enqueue(std::move(exec));
}

void SqlBatchWriter::setNull(int c) { cell(c).kind = Cell::Null; }
void SqlBatchWriter::setInt(int c, int64_t v) {
    Cell &x = cell(c);
    x.kind = Cell::Int;
    x.i = v;
}
void SqlBatchWriter::setReal(int c, double v) {
    Cell &x = cell(c);
    x.kind = Cell::Real;
    x.d = v;
}
void SqlBatchWriter::setText(int c, std::string_view v) {
    Cell &x = cell(c);
    x.kind = Cell::Text;
    x.offset = uint32_t(mCurrent->text.size());
    x.length = uint32_t(v.size());
    mCurrent->text.append(v);
}

void SqlBatchWriter::endRow() {
    if (++mCurrent->rows == kRowsPerBatch) flushRows();
}

void SqlBatchWriter::flushRows() {
    if (!mCurrent || mCurrent->rows == 0) return;
    enqueue(std::move(mCurrent));
    mCurrent = freshBatch();
}

void SqlBatchWriter::enqueue(std::unique_ptr<Work> work) {
    std::unique_lock lock(mMutex);
    mChanged.wait(lock, [this] { return mQueue.size() < kMaxQueued; });
    mQueue.push_back(std::move(work));
    mChanged.notify_all();
}

bool SqlBatchWriter::hasFailed() {
    std::lock_guard lock(mMutex);
    return !mError.isEmpty();
}

void SqlBatchWriter::writerLoop() {
    std::unique_ptr<Statement> st;
    auto fail = [this](const QString &message) {
        std::lock_guard lock(mMutex);
        if (mError.isEmpty()) mError = message;
    };
    for (;;) {
        std::unique_ptr<Work> work;
        {
            std::unique_lock lock(mMutex);
            mChanged.wait(lock, [this] { return !mQueue.empty() || mDone; });
            if (mQueue.empty()) return;
            work = std::move(mQueue.front());
            mQueue.pop_front();
            mChanged.notify_all();
        }
        if (hasFailed()) continue;  // drain the queue; the import is going to fail anyway
        QElapsedTimer busy;
        busy.start();
        if (work->kind == Work::Prepare) {
            st = std::make_unique<Statement>(mDb, work->sql);
            if (!st->isValid()) fail(mDb.lastError());
            continue;
        }
        if (work->kind == Work::Exec) {
            st.reset();
            if (auto s = mDb.exec(work->sql); !s) fail(s.error().message);
            mExecSeconds += busy.nsecsElapsed() / 1e9;
            continue;
        }
        for (size_t r = 0; r < work->rows; ++r) {
            const Cell *row = &work->cells[r * size_t(work->columns)];
            for (int c = 0; c < work->columns; ++c) {
                const Cell &x = row[c];
                switch (x.kind) {
                    case Cell::Null:
                        st->bindNull(c + 1);
                        break;
                    case Cell::Int:
                        st->bind(c + 1, x.i);
                        break;
                    case Cell::Real:
                        st->bind(c + 1, x.d);
                        break;
                    case Cell::Text:
                        st->bindTextStatic(c + 1, std::string_view(work->text.data() + x.offset, x.length));
                        break;
                }
            }
            if (!st->stepDone()) {
                fail(mDb.lastError());
                break;
            }
        }
        mInsertSeconds += busy.nsecsElapsed() / 1e9;
        std::lock_guard lock(mMutex);
        mFree.push_back(std::move(work));
    }
}

Status SqlBatchWriter::finish() {
    flushRows();
    {
        std::lock_guard lock(mMutex);
        mDone = true;
    }
    mChanged.notify_all();
    if (mThread.joinable()) mThread.join();
    mQueue.clear();
    if (!mError.isEmpty()) return Error{ErrorCode::SqlError, QStringLiteral("database error while importing: %1").arg(mError), mDb.path()};
    return Ok{};
}

}  // namespace phm::core
