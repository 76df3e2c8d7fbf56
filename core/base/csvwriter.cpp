#include "base/csvwriter.h"

#include "base/dates.h"
#include "base/filesystem.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace phm::core {

bool looksLikeFormula(std::string_view t) {
    return !t.empty() && (t[0] == '=' || t[0] == '+' || t[0] == '-' || t[0] == '@' || t[0] == '\t' || t[0] == '\r');
}

namespace {
void appendCell(std::string &out, std::string_view t) {
    const bool formula = looksLikeFormula(t);
    if (t.find_first_of(",\"\n\r") == std::string_view::npos) {
        if (formula) out.push_back('\'');
        out.append(t);
        return;
    }
    out.push_back('"');
    if (formula) out.push_back('\'');
    for (char c : t) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
}
}  // namespace

std::string csvTextCell(std::string_view text) {
    std::string out;
    appendCell(out, text);
    return out;
}

QString csvTextCell(const QString &text) {
    const QByteArray utf8 = text.toUtf8();
    return QString::fromStdString(csvTextCell(std::string_view(utf8.constData(), size_t(utf8.size()))));
}

void CsvBuffer::field(std::string_view t) {
    sep();
    appendCell(mBuf, t);
}

void CsvBuffer::rawField(std::string_view t) {
    sep();
    mBuf.append(t);
}

void CsvBuffer::integer(int64_t v) {
    sep();
    char tmp[24];
    auto r = std::to_chars(tmp, tmp + sizeof tmp, v);
    mBuf.append(tmp, r.ptr);
}

void CsvBuffer::decimal(double v, int places) {
    sep();
    if (!std::isfinite(v)) return;
    char tmp[48];
    auto r = std::to_chars(tmp, tmp + sizeof tmp, v, std::chars_format::fixed, places);
    mBuf.append(tmp, r.ptr);
}

void CsvBuffer::date(int32_t days) {
    sep();
    if (days == kNoDate) return;
    char tmp[10];
    formatIsoDate(days, tmp);
    mBuf.append(tmp, 10);
}

CsvFile::~CsvFile() {
    if (mFile) std::fclose(mFile);
}

bool CsvFile::open(const QString &path) {
    mFile = std::fopen(path.toLocal8Bit().constData(), "wb");
    // Extracts and rejects hold patient-level data: readable by their owner only.
    if (mFile && !fs::restrictToOwner(mFile)) {
        std::fclose(mFile);
        mFile = nullptr;
    }
    return mFile != nullptr;
}

bool CsvFile::write(std::string_view bytes) { return mFile && std::fwrite(bytes.data(), 1, bytes.size(), mFile) == bytes.size(); }

bool CsvFile::close() {
    if (!mFile) return false;
    const bool ok = std::fclose(mFile) == 0;
    mFile = nullptr;
    return ok;
}

}  // namespace phm::core
