#include "base/dates.h"

#include <QDate>
#include <QLocale>
#include <charconv>
#include <chrono>

namespace phm::core {

using namespace std::chrono;

int32_t daysFromCivil(int y, unsigned m, unsigned d) {
    return static_cast<int32_t>(sys_days{year{y} / month{m} / day{d}}.time_since_epoch().count());
}

void civilFromDays(int32_t days, int &y, unsigned &m, unsigned &d) {
    const year_month_day ymd{sys_days{std::chrono::days{days}}};
    y = int(ymd.year());
    m = unsigned(ymd.month());
    d = unsigned(ymd.day());
}

static bool parseDigits(std::string_view s, int &out) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return std::from_chars(s.data(), s.data() + s.size(), out).ec == std::errc{};
}

std::optional<int32_t> parseIsoDate(std::string_view t) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
    int y = 0, m = 0, d = 0;
    if (!parseDigits(t.substr(0, 4), y) || !parseDigits(t.substr(5, 2), m) || !parseDigits(t.substr(8, 2), d)) return std::nullopt;
    const year_month_day ymd{year{y}, month{unsigned(m)}, day{unsigned(d)}};
    if (!ymd.ok()) return std::nullopt;
    return static_cast<int32_t>(sys_days{ymd}.time_since_epoch().count());
}

std::optional<int32_t> parseYearMonth(std::string_view t) {
    if (t.size() != 7 || t[4] != '-') return std::nullopt;
    int y = 0, m = 0;
    if (!parseDigits(t.substr(0, 4), y) || !parseDigits(t.substr(5, 2), m)) return std::nullopt;
    if (m < 1 || m > 12) return std::nullopt;
    return y * 12 + (m - 1);
}

int formatIsoDate(int32_t days, char *out) {
    int y;
    unsigned m, d;
    civilFromDays(days, y, m, d);
    out[0] = char('0' + (y / 1000) % 10);
    out[1] = char('0' + (y / 100) % 10);
    out[2] = char('0' + (y / 10) % 10);
    out[3] = char('0' + y % 10);
    out[4] = '-';
    out[5] = char('0' + m / 10);
    out[6] = char('0' + m % 10);
    out[7] = '-';
    out[8] = char('0' + d / 10);
    out[9] = char('0' + d % 10);
    return 10;
}

std::string isoDate(int32_t days) {
    char buf[10];
    formatIsoDate(days, buf);
    return std::string(buf, 10);
}

QString displayDate(int32_t days) {
    if (days == kNoDate) return {};
    int y = 0;
    unsigned m = 0, d = 0;
    civilFromDays(days, y, m, d);
    return displayDate(QDate(y, int(m), int(d)));
}

namespace {
const QLocale &ukEnglish() {
    static const QLocale uk(QLocale::English, QLocale::UnitedKingdom);
    return uk;
}
}  // namespace

QString displayDate(const QDate &date) { return date.isValid() ? ukEnglish().toString(date, QStringLiteral("d MMM yyyy")) : QString(); }

QString displayDateTime(const QDateTime &when) {
    return when.isValid() ? ukEnglish().toString(when.toLocalTime(), QStringLiteral("d MMM yyyy HH:mm")) : QString();
}

}  // namespace phm::core
