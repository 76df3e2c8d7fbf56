#include "import/rowvalidator.h"

#include "base/dates.h"

#include <QByteArrayView>
#include <charconv>

namespace phm::core {

namespace {
constexpr int32_t kMinDate = -32873;  // 1880-01-01
constexpr int32_t kMaxDate = 47846;   // 2100-12-31

bool isAscii(std::string_view s) {
    for (unsigned char c : s)
        if (c >= 0x80) return false;
    return true;
}
}  // namespace

RowValidator::RowValidator(const FileSpec &spec, const std::vector<std::string_view> &header)
    : mSpec(spec), mPosition(spec.columns.size(), -1), mHeaderSize(int(header.size())) {
    for (size_t h = 0; h < header.size(); ++h) {
        std::string_view name = header[h];
        while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
        while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.remove_prefix(1);
        const int c = spec.columnIndex(name);
        if (c >= 0 && mPosition[size_t(c)] < 0)
            mPosition[size_t(c)] = int(h);
        else
            mUnknown.push_back(QString::fromUtf8(name.data(), qsizetype(name.size())));
    }
    for (size_t c = 0; c < spec.columns.size(); ++c) {
        mEnums.push_back(spec.columns[c].type == ColumnType::Enum ? enumValues(spec.columns[c]) : std::vector<std::string_view>{});
        mIsSnomed.push_back(std::string_view(spec.columns[c].name) == "snomed_code");
        if (spec.columns[c].required && mPosition[c] < 0) mMissing.push_back(QLatin1String(spec.columns[c].name));
    }
    // Pairs whose second date must not precede the first.
    static const char *pairs[][2] = {{"registration_start", "registration_end"},
                                     {"admission_date", "discharge_date"},
                                     {"start_date", "end_date"},
                                     {"enrolled_date", "ended_date"}};
    int k = 0;
    for (auto &p : pairs) {
        const int a = spec.columnIndex(p[0]), b = spec.columnIndex(p[1]);
        if (a >= 0 && b >= 0 && k < 2) {
            mEndOf[k][0] = a;
            mEndOf[k][1] = b;
            ++k;
        }
    }
}

RowProblem RowValidator::validate(const std::vector<std::string_view> &fields, std::vector<FieldValue> &out) const {
    if (int(fields.size()) != mHeaderSize)
        return {"malformed_row", -1, "expected " + std::to_string(mHeaderSize) + " fields, found " + std::to_string(fields.size())};
    out.assign(mSpec.columns.size(), FieldValue{});
    for (size_t c = 0; c < mSpec.columns.size(); ++c) {
        if (mPosition[c] < 0) continue;
        const ColumnSpec &col = mSpec.columns[c];
        std::string_view t = fields[size_t(mPosition[c])];
        FieldValue &v = out[c];
        v.text = t;
        if (t.empty()) {
            if (col.required) return {"missing_value", int(c), "required value is empty"};
            continue;
        }
        v.present = true;
        if (!isAscii(t) && !QByteArrayView(t.data(), qsizetype(t.size())).isValidUtf8())
            return {"invalid_utf8", int(c), "bytes are not valid UTF-8"};
        switch (col.type) {
            case ColumnType::Date: {
                const auto d = parseIsoDate(t);
                if (!d || *d < kMinDate || *d > kMaxDate) return {"invalid_date", int(c), "not a valid YYYY-MM-DD date: " + std::string(t)};
                v.integer = *d;
                break;
            }
            case ColumnType::YearMonth: {
                const auto ym = parseYearMonth(t);
                if (!ym || *ym < 1880 * 12 || *ym > 2100 * 12)
                    return {"invalid_date", int(c), "not a valid YYYY-MM month: " + std::string(t)};
                v.integer = *ym;
                break;
            }
            case ColumnType::Integer: {
                auto r = std::from_chars(t.data(), t.data() + t.size(), v.integer);
                if (r.ec != std::errc{} || r.ptr != t.data() + t.size() || v.integer < 0)
                    return {"invalid_value", int(c), "not a non-negative whole number: " + std::string(t)};
                break;
            }
            case ColumnType::Decimal: {
                auto r = std::from_chars(t.data(), t.data() + t.size(), v.number);
                if (r.ec != std::errc{} || r.ptr != t.data() + t.size() || v.number != v.number)
                    return {"invalid_value", int(c), "not a number: " + std::string(t)};
                if (col.allowed[0] == '>' && v.number < 0) return {"invalid_value", int(c), "must not be negative: " + std::string(t)};
                break;
            }
            case ColumnType::Flag:
                if (t != "0" && t != "1") return {"invalid_value", int(c), "flag must be 0 or 1: " + std::string(t)};
                v.integer = t[0] - '0';
                break;
            case ColumnType::Enum: {
                const auto &values = mEnums[c];
                int index = -1;
                for (size_t i = 0; i < values.size(); ++i)
                    if (values[i] == t) index = int(i);
                if (index < 0) return {"invalid_value", int(c), "not one of " + std::string(col.allowed) + ": " + std::string(t)};
                v.integer = index;
                break;
            }
            case ColumnType::Code:
                if (mIsSnomed[c]) {
                    for (char ch : t)
                        if (ch < '0' || ch > '9') return {"invalid_value", int(c), "SNOMED CT id must be digits: " + std::string(t)};
                    if (t.size() < 6 || t.size() > 18) return {"invalid_value", int(c), "SNOMED CT id must have 6-18 digits"};
                }
                break;
            default:
                break;
        }
    }
    for (const auto &pair : mEndOf) {
        if (pair[0] < 0) continue;
        const FieldValue &a = out[size_t(pair[0])], &b = out[size_t(pair[1])];
        if (a.present && b.present && b.integer < a.integer)
            return {"date_order", pair[1],
                    std::string(mSpec.columns[size_t(pair[1])].name) + " is before " + mSpec.columns[size_t(pair[0])].name};
    }
    return {};
}

}  // namespace phm::core
