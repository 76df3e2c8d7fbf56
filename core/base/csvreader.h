#pragma once
// Streaming RFC 4180 reader over a memory-mapped file.
//
// Why not libcsv or a Boost tokenizer: the import contract needs the physical line on which
// every record starts (records may span lines inside quotes), the raw bytes of each record
// for the rejects file, and row-level recovery from a malformed record. Neither library
// reports record positions, so this small state machine does the tokenising and nothing else.
//
// Structural problems inside one record (a quote in an unquoted field, text after a closing
// quote) mark that record malformed and reading continues on the next line; problems that
// make the rest of the file unreadable (unterminated quote at end of file, UTF-16, binary
// data) stop the reader with an Error naming the line and column.
#include "base/result.h"

#include <QByteArray>
#include <QFile>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace phm::core {

class CsvReader {
public:
    enum class Step { Record, End, Error };

    explicit CsvReader(const QString &path, char delimiter = ',');
    Status open();
    Step next();

    const std::vector<std::string_view> &fields() const { return mFields; }
    int64_t line() const { return mRecordLine; }   // 1-based line where the record starts
    std::string_view raw() const { return mRaw; }  // record bytes without the line end
    bool isMalformed() const { return !mMalformed.empty(); }
    const std::string &malformedReason() const { return mMalformed; }
    const Error &error() const { return mError; }
    double fraction() const { return mSize ? double(mPos) / double(mSize) : 1.0; }
    qint64 size() const { return mSize; }
    const QString &path() const { return mPath; }

private:
    bool fail(ErrorCode code, const QString &message, int64_t line, int64_t column);
    int64_t columnAt(size_t pos) const { return int64_t(pos - mLineStart) + 1; }
    void skipToLineEnd();
    // The steps of next(): the spans of a record's fields, then the fields themselves.
    struct Span {
        size_t begin, end;
        bool escaped;  // quoted with "" inside: unescaped into mScratch
    };
    void skipBlankLines();
    bool scanQuoted(Span &span);  // false: the quote is never closed (mError says where)
    void unexpectedQuote();       // marks the record malformed at mPos
    void countLines(size_t from, size_t to);
    void makeFields();

    QString mPath;
    char mDelim;
    QFile mFile;
    QByteArray mOwned;
    const char *mData = nullptr;
    size_t mSize = 0;
    size_t mPos = 0;
    size_t mLineStart = 0;  // byte offset of the current physical line
    int64_t mLine = 1;
    int64_t mRecordLine = 0;
    std::vector<Span> mSpans;
    std::vector<std::string_view> mFields;
    std::string mScratch;  // unescaped quoted fields of the current record
    std::string_view mRaw;
    std::string mMalformed;
    Error mError;
};

}  // namespace phm::core
