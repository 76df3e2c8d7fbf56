#pragma once
// Reading the PHEindicatormethods R package's test fixtures (tests/data/pheindicatormethods,
// package 2.1.0; see SOURCE.md there) and comparing with the package's tolerance.
#include "base/csvreader.h"

#include <QHash>
#include <QString>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <vector>

namespace phm::test::phe {
using Row = QHash<QString, QString>;

inline std::vector<Row> readFixture(const char *name) {
    phm::core::CsvReader reader(QStringLiteral(PHM_SOURCE_DIR "/tests/data/pheindicatormethods/%1").arg(QLatin1String(name)));
    if (!reader.open()) qFatal("cannot open %s", name);
    std::vector<Row> rows;
    QStringList header;
    while (reader.next() == phm::core::CsvReader::Step::Record) {
        QStringList fields;
        for (auto f : reader.fields()) fields << QString::fromUtf8(f.data(), qsizetype(f.size()));
        if (header.isEmpty()) {
            header = fields;
            continue;
        }
        Row r;
        for (int i = 0; i < header.size() && i < fields.size(); ++i) r.insert(header[i], fields[i]);
        rows.push_back(r);
    }
    return rows;
}

inline double num(const Row &r, const QString &column) {
    bool ok = false;
    const double v = r.value(column).toDouble(&ok);
    return ok ? v : NAN;
}

// Equal to the package's output within its own test tolerance (relative 1.5e-8), or both missing.
inline bool close(double actual, double expected, double tolerance = 1e-8) {
    if (std::isnan(expected)) return std::isnan(actual);
    return std::abs(actual - expected) <= tolerance * std::max(1.0, std::abs(expected));
}
}  // namespace phm::test::phe

#define EXPECT_CLOSE(actual, expected, ...)                          \
    QVERIFY2(phm::test::phe::close(actual, expected, ##__VA_ARGS__), \
             qPrintable(QStringLiteral("%1 vs %2").arg(actual, 0, 'g', 15).arg(expected, 0, 'g', 15)))
