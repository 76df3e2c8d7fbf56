#pragma once
// The analyst's table behind `phm stats` (statscsv.h): read once, its cells typed by role with
// errors naming file, line and column, and its rows grouped by the --by columns. Internal to
// core/stats: statscsv.cpp and the per-kind row builders (statsrows.h) share it.
#include "base/result.h"
#include "stats/statistics.h"

#include <QJsonObject>
#include <QMap>
#include <QStringList>
#include <utility>
#include <vector>

namespace phm::core::stats {

// The table as read: header, and each record with its line number.
struct Table {
    QString file;
    QStringList header;
    std::vector<QStringList> rows;
    std::vector<int64_t> lines;
};

Result<Table> readTable(const QString &path);

// Reads typed cells and reports problems with file, line and column.
class Cells {
public:
    Cells(const Table &t, const QMap<QString, QString> &names) : mT(t), mNames(names) {}
    const Table &table() const { return mT; }
    QString name(const QString &role) const { return mNames.value(role, role); }
    int column(const QString &role) const { return int(mT.header.indexOf(name(role))); }
    bool has(const QString &role) const { return column(role) >= 0; }
    Status require(const QStringList &roles) const;
    Error error(size_t row, const QString &role, const QString &problem) const;
    QString text(size_t row, const QString &role) const;
    // A number, NaN for an empty cell (or an error when a value is required), never text.
    Result<double> number(size_t row, const QString &role, bool required = true) const;

private:
    const Table &mT;
    const QMap<QString, QString> &mNames;
};

// Groups rows by the --by columns in order of first appearance; with no --by, either one
// group per row or one group of all rows.
struct Group {
    QJsonObject keys;
    std::vector<size_t> rows;
};

// roleColumns: columns that are inputs or results, never carried through as descriptions.
Result<std::vector<Group>> groupRows(const Table &t, const QStringList &by, bool perRowWithoutBy, const QStringList &roleColumns);

// Sums of x and n over a group's rows, checked as the package checks them (proportionRules: x
// may not exceed n); NaN for both when a cell is missing.
Result<std::pair<double, double>> sumRows(const Cells &cells, const Group &g, bool proportionRules);

// A number for JSON: null for NaN.
QJsonValue jsonNumber(double v);
// value, lowercl, uppercl and confidence.
void putInterval(QJsonObject &o, const Interval &i, double confidence);

}  // namespace phm::core::stats
