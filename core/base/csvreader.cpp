// The RFC 4180 state machine of csvreader.h, over a memory-mapped file (or a Qt resource read whole).
#include "base/csvreader.h"

#include <QFileInfo>

#include <cstring>

namespace phm::core {

CsvReader::CsvReader(const QString &path, char delimiter) : mPath(path), mDelim(delimiter), mFile(path) {}

bool CsvReader::fail(ErrorCode code, const QString &message, int64_t line, int64_t column) {
    mError = Error{code, QStringLiteral("%1: line %2, column %3: %4").arg(mPath).arg(line).arg(column).arg(message), mPath};
    return false;
}

Status CsvReader::open() {
    if (mPath.startsWith(QLatin1Char(':'))) {  // Qt resource: may be compressed, so read it whole
        if (!mFile.open(QIODevice::ReadOnly)) return Error{ErrorCode::CannotOpen, QStringLiteral("%1: missing resource").arg(mPath), mPath};
        mOwned = mFile.readAll();
        mData = mOwned.constData();
        mSize = size_t(mOwned.size());
        return mSize ? Status(Ok{}) : Status(Error{ErrorCode::EmptyFile, QStringLiteral("%1: empty").arg(mPath), mPath});
    }
    if (QFileInfo(mPath).exists() && !QFileInfo(mPath).isFile())  // a FIFO would block, a device never end
        return Error{ErrorCode::NotAFile, QStringLiteral("%1: not an ordinary file (a FIFO, device or folder)").arg(mPath), mPath};
    if (!mFile.open(QIODevice::ReadOnly))
        return Error{ErrorCode::CannotOpen, QStringLiteral("%1: cannot open: %2").arg(mPath, mFile.errorString()), mPath};
    mSize = size_t(mFile.size());
    if (mSize == 0)
        return Error{ErrorCode::EmptyFile, QStringLiteral("%1: line 1, column 1: the file is empty (a header row is required)").arg(mPath),
                     mPath};
    mData = reinterpret_cast<const char *>(mFile.map(0, qint64(mSize)));
    if (!mData) return Error{ErrorCode::CannotMap, QStringLiteral("%1: cannot read: %2").arg(mPath, mFile.errorString()), mPath};
    const auto *u = reinterpret_cast<const unsigned char *>(mData);
    if (mSize >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
        return Error{ErrorCode::BadEncoding,
                     QStringLiteral("%1: line 1, column 1: the file is UTF-16 encoded; save it as UTF-8").arg(mPath), mPath};
    if (mSize >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) mPos = mLineStart = 3;
    const size_t probe = std::min<size_t>(mSize, 4096);
    if (std::memchr(mData, 0, probe))
        return Error{ErrorCode::BadEncoding,
                     QStringLiteral("%1: line 1: the file contains NUL bytes; it is binary or UTF-16, not UTF-8 CSV").arg(mPath), mPath};
    return Ok{};
}

void CsvReader::skipToLineEnd() {
    while (mPos < mSize && mData[mPos] != '\n') ++mPos;
}

void CsvReader::skipBlankLines() {
    while (mPos < mSize && (mData[mPos] == '\n' || mData[mPos] == '\r')) {
        if (mData[mPos] == '\n') {
            ++mLine;
            mLineStart = mPos + 1;
        }
        ++mPos;
    }
}

// Keeps physical line accounting right for newlines inside quotes.
void CsvReader::countLines(size_t from, size_t to) {
    for (size_t i = from; i < to; ++i)
        if (mData[i] == '\n') {
            ++mLine;
            mLineStart = i + 1;
        }
}

bool CsvReader::scanQuoted(Span &span) {
    const int64_t qLine = mLine;
    const int64_t qCol = columnAt(mPos);
    size_t p = ++mPos;
    bool escaped = false;
    for (;;) {
        const void *hit = std::memchr(mData + p, '"', mSize - p);
        const size_t stop = hit ? size_t(static_cast<const char *>(hit) - mData) : mSize;
        countLines(p, stop);
        if (!hit)
            return fail(ErrorCode::UnterminatedQuote, QStringLiteral("quoted field is never closed (the file may be truncated)"), qLine,
                        qCol);
        if (stop + 1 < mSize && mData[stop + 1] == '"') {
            escaped = true;
            p = stop + 2;
            continue;
        }
        span = {mPos, stop, escaped};
        mPos = stop + 1;
        break;
    }
    if (mPos < mSize && mData[mPos] != mDelim && mData[mPos] != '\n' && mData[mPos] != '\r') {
        if (mMalformed.empty())
            mMalformed = QStringLiteral("unexpected character after closing quote at line %1, column %2")
                             .arg(mLine)
                             .arg(columnAt(mPos))
                             .toStdString();
        while (mPos < mSize && mData[mPos] != mDelim && mData[mPos] != '\n' && mData[mPos] != '\r') ++mPos;
    }
    return true;
}

void CsvReader::unexpectedQuote() {
    mMalformed = QStringLiteral("quote inside an unquoted field at line %1, column %2").arg(mLine).arg(columnAt(mPos)).toStdString();
}

// Quoted spans with "" are unescaped once the record is known, so string_views into mScratch
// stay valid (scratch is reserved once per record).
void CsvReader::makeFields() {
    mScratch.clear();
    mScratch.reserve(mRaw.size());
    for (const Span &s : mSpans) {
        if (!s.escaped) {
            mFields.emplace_back(mData + s.begin, s.end - s.begin);
            continue;
        }
        const size_t start = mScratch.size();
        for (size_t i = s.begin; i < s.end; ++i) {
            mScratch.push_back(mData[i]);
            if (mData[i] == '"') ++i;  // "" -> "
        }
        mFields.emplace_back(mScratch.data() + start, mScratch.size() - start);
    }
}

CsvReader::Step CsvReader::next() {
    mFields.clear();
    mMalformed.clear();
    skipBlankLines();
    if (mPos >= mSize) return Step::End;
    const size_t recordStart = mPos;
    mRecordLine = mLine;
    mSpans.clear();
    size_t recordEnd = mSize;
    for (;;) {      // one field per turn, up to the record's line end
        Span span;  // set by either branch (not zeroed first: this runs for every field)
        if (mPos < mSize && mData[mPos] == '"') {
            if (!scanQuoted(span)) return Step::Error;
        } else {  // the common case, kept inline: this loop is the hot path of the import
            const size_t b = mPos;
            while (mPos < mSize) {
                const char c = mData[mPos];
                if (c == mDelim || c == '\n' || c == '\r') break;
                if (c == '"' && mMalformed.empty()) unexpectedQuote();
                ++mPos;
            }
            span = {b, mPos, false};
        }
        mSpans.push_back(span);
        if (mPos >= mSize) break;
        const char c = mData[mPos];
        if (c == mDelim) {
            ++mPos;
            continue;
        }
        recordEnd = mPos;
        if (c == '\r') ++mPos;
        if (mPos < mSize && mData[mPos] == '\n') ++mPos;
        ++mLine;
        mLineStart = mPos;
        break;
    }
    mRaw = std::string_view(mData + recordStart, recordEnd - recordStart);
    makeFields();
    return Step::Record;
}

}  // namespace phm::core
