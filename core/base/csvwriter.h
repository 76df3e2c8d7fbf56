#pragma once
// Buffered CSV writer (RFC 4180 quoting, '\n' line ends) used by the generator, the rejects
// files, the ids file of `phm cohort` and the CSV of every `phm` command (csvTextCell). It is the
// one place CSV text cells are written: a text cell that a spreadsheet would run as a formula
// (starting with = + - @, a tab or a carriage return) gets a leading single quote (OWASP's
// advice on CSV injection). Numbers written as numbers stay numbers, negative ones included.
// Formatting uses std::to_chars, so output is byte-identical across locales and runs.
#include <QString>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace phm::core {

class CsvBuffer {
public:
    void field(std::string_view text);     // a text cell: neutralised and quoted if it needs to be
    void rawField(std::string_view text);  // caller guarantees a fixed token: no quoting or formula
    void integer(int64_t v);
    void decimal(double v, int places);
    void date(int32_t days);  // kNoDate -> empty
    void empty() { sep(); }
    void endRow() {
        mBuf.push_back('\n');
        mFirst = true;
    }
    void appendRaw(std::string_view text) { mBuf.append(text); }
    std::string &buffer() { return mBuf; }
    const std::string &buffer() const { return mBuf; }
    size_t size() const { return mBuf.size(); }
    void clear() {
        mBuf.clear();
        mFirst = true;
    }

private:
    void sep() {
        if (!mFirst) mBuf.push_back(',');
        mFirst = false;
    }
    std::string mBuf;
    bool mFirst = true;
};

// A text cell as CSV: a would-be formula neutralised, then quoted if it needs to be.
std::string csvTextCell(std::string_view text);
QString csvTextCell(const QString &text);
// Whether a spreadsheet would read the text as a formula (or a command, via DDE).
bool looksLikeFormula(std::string_view text);

// Owns a FILE*; appends buffers; reports errors instead of throwing.
class CsvFile {
public:
    CsvFile() = default;
    ~CsvFile();
    CsvFile(const CsvFile &) = delete;
    CsvFile &operator=(const CsvFile &) = delete;
    bool open(const QString &path);
    bool write(std::string_view bytes);
    bool close();
    bool isOpen() const { return mFile != nullptr; }

private:
    std::FILE *mFile = nullptr;
};

}  // namespace phm::core
