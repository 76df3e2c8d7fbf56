#pragma once
// Buffered CSV writer (RFC 4180 quoting, '\n' line ends) used by the generator and the rejects
// files. Formatting uses std::to_chars, so output is byte-identical across locales and runs.
#include <QString>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace phm::core {

class CsvBuffer {
public:
    void field(std::string_view text);     // quoted if it needs to be
    void rawField(std::string_view text);  // caller guarantees no quoting needed
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
