// Reading, typing and grouping the analyst's table for `phm stats` (statstable.h).
#include "stats/statstable.h"

#include "base/csvreader.h"

#include <QFileInfo>
#include <cmath>
#include <map>

namespace phm::core::stats {

Result<Table> readTable(const QString &path) {
    CsvReader reader(path);
    if (auto s = reader.open(); !s) return s.error();
    Table t;
    t.file = QFileInfo(path).fileName();
    for (;;) {
        const CsvReader::Step step = reader.next();
        if (step == CsvReader::Step::End) break;
        if (step == CsvReader::Step::Error) return reader.error();
        if (reader.isMalformed())
            return Error{
                ErrorCode::BadCsv,
                QStringLiteral("%1: line %2: %3").arg(t.file).arg(reader.line()).arg(QString::fromStdString(reader.malformedReason())),
                path};
        QStringList fields;
        for (auto f : reader.fields()) fields << QString::fromUtf8(f.data(), qsizetype(f.size())).trimmed();
        if (t.header.isEmpty()) {
            t.header = fields;
            continue;
        }
        t.rows.push_back(fields);
        t.lines.push_back(reader.line());
    }
    if (t.header.isEmpty()) return Error{ErrorCode::EmptyFile, QStringLiteral("%1 is empty").arg(t.file), path};
    if (t.rows.empty()) return Error{ErrorCode::EmptyFile, QStringLiteral("%1 has a header but no rows").arg(t.file), path};
    return t;
}

Status Cells::require(const QStringList &roles) const {
    for (const QString &role : roles)
        if (!has(role))
            return Error{ErrorCode::MissingColumn,
                         QStringLiteral("%1: line 1: no column `%2`%3 (columns: %4)")
                             .arg(mT.file, name(role), name(role) == role ? QString() : QStringLiteral(" for `%1`").arg(role),
                                  mT.header.join(QStringLiteral(", "))),
                         {}};
    return Ok{};
}

Error Cells::error(size_t row, const QString &role, const QString &problem) const {
    return Error{
        ErrorCode::BadValue,
        QStringLiteral("%1: line %2, column %3 (`%4`): %5").arg(mT.file).arg(mT.lines[row]).arg(column(role) + 1).arg(name(role), problem),
        {}};
}

QString Cells::text(size_t row, const QString &role) const {
    const int c = column(role);
    return c >= 0 && c < mT.rows[row].size() ? mT.rows[row][c] : QString();
}

Result<double> Cells::number(size_t row, const QString &role, bool required) const {
    const QString s = text(row, role);
    if (s.isEmpty() || s == QLatin1String("NA")) {
        if (required) return error(row, role, QStringLiteral("missing value"));
        return double(NAN);
    }
    bool ok = false;
    const double v = s.toDouble(&ok);
    if (!ok || !std::isfinite(v)) return error(row, role, QStringLiteral("`%1` is not a number").arg(s));
    return v;
}

Result<std::vector<Group>> groupRows(const Table &t, const QStringList &by, bool perRowWithoutBy, const QStringList &roleColumns) {
    for (const QString &b : by)
        if (!t.header.contains(b))
            return Error{
                ErrorCode::MissingColumn,
                QStringLiteral("%1: line 1: no column `%2` to group by (columns: %3)").arg(t.file, b, t.header.join(QStringLiteral(", "))),
                {}};
    std::vector<Group> groups;
    if (by.isEmpty() && !perRowWithoutBy) {
        Group g;
        for (size_t r = 0; r < t.rows.size(); ++r) g.rows.push_back(r);
        groups.push_back(g);
        return groups;
    }
    std::map<QStringList, size_t> index;
    for (size_t r = 0; r < t.rows.size(); ++r) {
        QStringList key;
        QJsonObject keys;
        if (by.isEmpty()) {
            key << QString::number(r);
            for (int c = 0; c < t.header.size(); ++c)  // the row's descriptive columns
                if (!roleColumns.contains(t.header[c]) && c < t.rows[r].size()) keys.insert(t.header[c], t.rows[r][c]);
        } else {
            for (const QString &b : by) {
                const int c = int(t.header.indexOf(b));
                key << (c < t.rows[r].size() ? t.rows[r][c] : QString());
                keys.insert(b, key.back());
            }
        }
        auto [it, added] = index.emplace(key, groups.size());
        if (added) groups.push_back({keys, {}});
        groups[it->second].rows.push_back(r);
    }
    return groups;
}

Result<std::pair<double, double>> sumRows(const Cells &cells, const Group &g, bool proportionRules) {
    double x = 0, n = 0;
    bool missing = false;
    for (size_t r : g.rows) {
        auto xv = cells.number(r, QStringLiteral("x"), false), nv = cells.number(r, QStringLiteral("n"), false);
        if (!xv) return xv.error();
        if (!nv) return nv.error();
        if (xv.value() < 0) return cells.error(r, QStringLiteral("x"), QStringLiteral("counts must not be negative"));
        if (nv.value() <= 0) return cells.error(r, QStringLiteral("n"), QStringLiteral("denominators must be greater than zero"));
        if (proportionRules && xv.value() > nv.value())
            return cells.error(r, QStringLiteral("x"),
                               QStringLiteral("numerator %1 is greater than the denominator %2").arg(xv.value()).arg(nv.value()));
        missing |= std::isnan(xv.value()) || std::isnan(nv.value());
        x += xv.value();
        n += nv.value();
    }
    if (missing) return std::pair{double(NAN), double(NAN)};
    return std::pair{x, n};
}

QJsonValue jsonNumber(double v) { return std::isnan(v) ? QJsonValue() : QJsonValue(v); }

void putInterval(QJsonObject &o, const Interval &i, double confidence) {
    o.insert(QStringLiteral("value"), jsonNumber(i.value));
    o.insert(QStringLiteral("lowercl"), jsonNumber(i.lower));
    o.insert(QStringLiteral("uppercl"), jsonNumber(i.upper));
    o.insert(QStringLiteral("confidence"), confidence);
}

}  // namespace phm::core::stats
