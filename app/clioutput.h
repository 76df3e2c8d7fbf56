#pragma once
// Output helpers shared by the `phm` subcommands: results on stdout, errors on stderr.
#include "base/csvwriter.h"
#include "geo/areas.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <cmath>
#include <cstdio>
#include <optional>

namespace phm::cli {

inline void out(const QString &s) { std::fputs(s.toUtf8().constData(), stdout); }
// Prints the message on stderr and returns the exit code for a failed command.
inline int fail(const QString &s) {
    std::fputs((s + QLatin1Char('\n')).toUtf8().constData(), stderr);
    return 1;
}

// A JSON value as a CSV cell: numbers with `digits` significant digits, null as empty, text
// through core::csvTextCell (quoted when it needs to be, a would-be formula neutralised).
inline QString csvCell(const QJsonValue &v, int digits = 15) {
    if (v.isNull() || v.isUndefined()) return QString();
    if (v.isDouble()) return QString::number(v.toDouble(), 'g', digits);
    if (v.isBool()) return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return core::csvTextCell(v.toString());
}

// A published count as text: "*" when suppressed (null).
inline QString countText(const QJsonValue &v) { return v.isDouble() ? QString::number(v.toDouble(), 'f', 0) : QStringLiteral("*"); }

// --level names: ics, alliance, place, pcn, practice, lsoa.
inline std::optional<core::Area::Kind> levelNamed(const QString &s) {
    for (int k = core::Area::Ics; k <= core::Area::Lsoa; ++k)
        if (core::levelKey(core::Area::Kind(k)) == s) return core::Area::Kind(k);
    return std::nullopt;
}

}  // namespace phm::cli
