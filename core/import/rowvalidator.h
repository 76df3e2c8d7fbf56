#pragma once
// Turns one CSV record into typed values following the FileSpec, or says why it is rejected.
#include "base/dataspec.h"

#include <QString>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace phm::core {

struct FieldValue {
    std::string_view text;  // raw (trimmed of nothing); empty = missing
    int64_t integer = 0;    // dates (days), year-months, integers, flags, enum index
    double number = 0;      // decimals
    bool present = false;
};

struct RowProblem {
    const char *reason = nullptr;  // stable reject reason (docs/data-spec.md), nullptr = row is fine
    int column = -1;               // spec column index, -1 for whole-row problems
    std::string detail;
};

class RowValidator {
public:
    // headerFields: the file's header row. Fills missingRequired/unknownColumns.
    RowValidator(const FileSpec &spec, const std::vector<std::string_view> &headerFields);
    const std::vector<QString> &missingRequired() const { return mMissing; }
    const std::vector<QString> &unknownColumns() const { return mUnknown; }
    int headerSize() const { return mHeaderSize; }
    bool hasColumn(int specColumn) const { return mPosition[size_t(specColumn)] >= 0; }
    // The header position of a spec column, -1 if absent.
    int position(int specColumn) const { return mPosition[size_t(specColumn)]; }
    // Parses and checks types, allowed values and date order. Lookups (LSOA, practice, person)
    // and duplicates are the caller's, since they need import state.
    RowProblem validate(const std::vector<std::string_view> &fields, std::vector<FieldValue> &out) const;
    const FileSpec &spec() const { return mSpec; }

private:
    const FileSpec &mSpec;
    std::vector<int> mPosition;  // spec column -> header position, -1 if absent
    std::vector<std::vector<std::string_view>> mEnums;
    std::vector<char> mIsSnomed;
    std::vector<QString> mMissing, mUnknown;
    int mHeaderSize = 0;
    int mEndOf[2][2] = {{-1, -1}, {-1, -1}};  // (start, end) column pairs that must be ordered
};

}  // namespace phm::core
