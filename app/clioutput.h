#pragma once
// Output helpers shared by the `phm` subcommands: results on stdout, errors on stderr.
#include <QJsonValue>
#include <QString>
#include <cstdio>

namespace phm::cli {

inline void out(const QString &s) { std::fputs(s.toUtf8().constData(), stdout); }
// Prints the message on stderr and returns the exit code for a failed command.
inline int fail(const QString &s) {
    std::fputs((s + QLatin1Char('\n')).toUtf8().constData(), stderr);
    return 1;
}

// A JSON value as a CSV cell: numbers with `digits` significant digits, null as empty, text
// quoted when it holds a comma, quote or line break (RFC 4180).
inline QString csvCell(const QJsonValue &v, int digits = 15) {
    if (v.isNull() || v.isUndefined()) return QString();
    if (v.isDouble()) return QString::number(v.toDouble(), 'g', digits);
    QString s = v.toString();
    if (s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')) || s.contains(QLatin1Char('\n')))
        s = QLatin1Char('"') + s.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
    return s;
}

}  // namespace phm::cli
