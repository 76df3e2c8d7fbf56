#include "store/projectcheck.h"

#include <cmath>
#include <limits>

namespace phm::core {

int32_t firstValidDay() {
    static const int32_t d = daysFromCivil(1800, 1, 1);
    return d;
}
int32_t lastValidDay() {
    static const int32_t d = daysFromCivil(2199, 12, 31);
    return d;
}

namespace {

// Values allowed for an enumeration-coded column: 0 (missing) to the number of values (index + 1).
size_t enumLimit(Dataset d, const char *column) {
    if (!column) return 0;
    const FileSpec &f = fileSpec(d);
    const int c = f.columnIndex(column);
    if (c < 0) return 0;
    const ColumnSpec &spec = f.columns[size_t(c)];
    if (spec.type == ColumnType::Flag) return 2;
    if (spec.type == ColumnType::Enum) return enumValues(spec).size();
    return 255;
}

bool validDay(int32_t d) { return d >= firstValidDay() && d <= lastValidDay(); }

// Collects the first problem; each check returns false once one is found, so callers stop early.
class Checker {
public:
    bool failed() const { return !mProblem.isEmpty(); }
    const QString &problem() const { return mProblem; }
    bool fail(const QString &block, const QString &what) { return failWith(QStringLiteral("column block %1: %2").arg(block, what)); }
    bool failWith(const QString &problem) {
        if (!failed()) mProblem = problem;
        return false;
    }
    template <class C>
    bool sized(const QString &block, const C &c, size_t n, const char *unit) {
        if (c.size() == n) return true;
        return fail(block, QStringLiteral("%1 rows, but the project has %2 %3").arg(c.size()).arg(n).arg(QLatin1String(unit)));
    }
    template <class C>
    bool below(const QString &block, const C &c, size_t limit, const char *item, const char *of) {
        for (size_t i = 0; i < c.size(); ++i)
            if (size_t(c[i]) >= limit)
                return fail(block, QStringLiteral("row %1: %2 %3 is outside the %4 %5")
                                       .arg(i)
                                       .arg(QLatin1String(item))
                                       .arg(c[i])
                                       .arg(limit)
                                       .arg(QLatin1String(of)));
        return true;
    }
    template <class C>
    bool days(const QString &block, const C &c, bool optional) {
        for (size_t i = 0; i < c.size(); ++i)
            if (!(validDay(c[i]) || (optional && c[i] == kNoDate)))
                return fail(block, QStringLiteral("row %1 has day %2, outside 1800 to 2199").arg(i).arg(c[i]));
        return true;
    }
    // Offsets into something of `total` items: n + 1 of them, from 0, never decreasing, ending at total.
    template <class C>
    bool offsets(const QString &block, const C &c, size_t persons, size_t total) {
        if (!sized(block, c, persons + 1, "people (plus one)")) return false;
        if (c[0] != 0) return fail(block, QStringLiteral("the first offset is %1, not 0").arg(c[0]));
        for (size_t i = 1; i < c.size(); ++i)
            if (c[i] < c[i - 1] || c[i] > total)
                return fail(block, QStringLiteral("offset %1 (%2) is out of order or past the %3 rows").arg(i).arg(c[i]).arg(total));
        if (c.back() != total) return fail(block, QStringLiteral("the offsets end at %1, not at the %2 rows").arg(c.back()).arg(total));
        return true;
    }

private:
    QString mProblem;
};

bool checkPersons(Checker &k, const Project &p) {
    const PersonTable &t = p.persons;
    const size_t n = size_t(t.count);
    const FileSpec &persons = fileSpec(Dataset::Persons);
    auto name = [](const char *f) { return QStringLiteral("person.%1").arg(QLatin1String(f)); };
    if (!k.sized(name("birth_ym"), t.birthYm, n, "people") || !k.sized(name("ethnicity"), t.ethnicity, n, "people") ||
        !k.sized(name("lsoa"), t.lsoa, n, "people") || !k.sized(name("practice"), t.practice, n, "people") ||
        !k.sized(name("registration_start"), t.regStart, n, "people") || !k.sized(name("registration_end"), t.regEnd, n, "people") ||
        !k.sized(name("date_of_death"), t.death, n, "people"))
        return false;
    if (!k.offsets(name("id_offsets"), t.idOffsets, n, t.idBytes.size())) return false;
    if (!k.below(name("sex"), t.sex, enumValues(persons.columns[size_t(persons.columnIndex("sex"))]).size(), "sex", "sex codes"))
        return false;
    if (!k.below(name("ethnicity"), t.ethnicity, enumValues(persons.columns[size_t(persons.columnIndex("ethnicity"))]).size() + 1,
                 "ethnicity", "ethnicity codes (with not known)"))
        return false;
    if (!k.below(name("lsoa"), t.lsoa, p.geography.lsoas.size(), "LSOA", "LSOAs of the geography")) return false;
    if (!k.below(name("practice"), t.practice, p.geography.practices.size(), "practice", "practices of the geography")) return false;
    for (size_t i = 0; i < n; ++i)
        if (t.birthYm[i] < 1800 * 12 || t.birthYm[i] >= 2200 * 12)
            return k.fail(name("birth_ym"), QStringLiteral("row %1 has birth month %2, outside 1800 to 2199").arg(i).arg(t.birthYm[i]));
    return k.days(name("registration_start"), t.regStart, true) && k.days(name("registration_end"), t.regEnd, true) &&
           k.days(name("date_of_death"), t.death, true);
}

bool checkEvents(Checker &k, const Project &p, int e) {
    const Dataset d = Dataset(e + kFirstEventDataset);
    const EventTable &t = p.events[size_t(e)];
    const EventColumns &cols = eventColumns(d);
    auto name = [&](const char *f) { return QStringLiteral("event.%1.%2").arg(QLatin1String(fileSpec(d).key), QLatin1String(f)); };
    const size_t rows = size_t(t.rows);
    if (t.rows > int64_t(std::numeric_limits<uint32_t>::max())) return k.fail(name("date"), QStringLiteral("too many rows"));
    if (!k.offsets(name("offsets"), t.offsets, size_t(p.persons.count), rows)) return false;
    if (!k.sized(name("end"), t.end, rows, "events") || !k.sized(name("code"), t.code, rows, "events") ||
        !k.sized(name("attr1"), t.attr1, rows, "events") || !k.sized(name("attr2"), t.attr2, rows, "events") ||
        !k.sized(name("value"), t.value, rows, "events") || !k.sized(name("cost"), t.cost, rows, "events"))
        return false;
    if (!k.below(name("code"), t.code, t.codes.size(), "code", "codes of the dictionary")) return false;
    if (!k.below(name("attr1"), t.attr1, enumLimit(d, cols.attr1) + 1, "value", "values of the column (with missing)")) return false;
    if (!k.below(name("attr2"), t.attr2, enumLimit(d, cols.attr2) + 1, "value", "values of the column (with missing)")) return false;
    if (!k.days(name("date"), t.date, false) || !k.days(name("end"), t.end, true)) return false;
    for (const auto &[column, field] : {std::pair{&t.value, "value"}, std::pair{&t.cost, "cost"}})
        for (size_t r = 0; r < rows; ++r)
            if (!std::isnan((*column)[r]) && !(std::abs((*column)[r]) <= 1e9f))
                return k.fail(name(field), QStringLiteral("row %1 has %2, not a number the extract can hold").arg(r).arg((*column)[r]));
    for (size_t person = 0; person < size_t(p.persons.count); ++person)
        for (uint32_t r = t.offsets[person] + 1; r < t.offsets[person + 1]; ++r)
            if (t.date[r] < t.date[r - 1])
                return k.fail(name("date"), QStringLiteral("the events of person %1 are not in date order (row %2)").arg(person).arg(r));
    return true;
}

bool checkGeography(Checker &k, const Project &p) {
    const Geography &g = p.geography;
    // Persons index both with uint16; more would be a file that no import writes.
    if (g.lsoas.size() > 65536 || g.practices.size() > 65536)
        return k.fail(QStringLiteral("person.lsoa"), QStringLiteral("too many areas"));
    for (const Lsoa &l : g.lsoas)
        if (l.imdDecile < 0 || l.imdDecile > 10)
            return k.failWith(QStringLiteral("lsoa %1 has deprivation decile %2, not 1 to 10").arg(l.code).arg(l.imdDecile));
    return true;
}

}  // namespace

QString projectProblem(const Project &p) {
    Checker k;
    if (!checkGeography(k, p) || !checkPersons(k, p)) return k.problem();
    for (int e = 0; e < kEventDatasetCount; ++e)
        if (!checkEvents(k, p, e)) return k.problem();
    return {};
}

}  // namespace phm::core
