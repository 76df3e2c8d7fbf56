#pragma once
// Dates are stored everywhere as days since 1970-01-01 (int32), the same number SQLite's
// unixepoch()/86400 gives, so the in-memory and SQL engines agree.
#include <QDate>
#include <QDateTime>
#include <QString>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace phm::core {

constexpr int32_t kNoDate = INT32_MIN;

int32_t daysFromCivil(int year, unsigned month, unsigned day);
void civilFromDays(int32_t days, int &year, unsigned &month, unsigned &day);
// Strict ISO-8601 calendar date "YYYY-MM-DD"; nullopt if malformed or not a real date.
std::optional<int32_t> parseIsoDate(std::string_view text);
// "YYYY-MM" -> year*12 + (month-1); nullopt if malformed.
std::optional<int32_t> parseYearMonth(std::string_view text);
// Writes "YYYY-MM-DD" into out (10 chars) and returns the number of chars written.
int formatIsoDate(int32_t days, char *out);
std::string isoDate(int32_t days);
// The one date format people read: "31 Mar 2024" (UK English, whatever the system locale).
QString displayDate(int32_t days);
QString displayDate(const QDate &date);
QString displayDateTime(const QDateTime &when);  // "31 Mar 2024 14:05", in local time

}  // namespace phm::core
