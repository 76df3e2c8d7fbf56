#pragma once
// Output helpers shared by the `phm` subcommands: results on stdout, errors on stderr.
#include <QString>
#include <cstdio>

namespace phm::cli {

inline void out(const QString &s) { std::fputs(s.toUtf8().constData(), stdout); }
// Prints the message on stderr and returns the exit code for a failed command.
inline int fail(const QString &s) {
    std::fputs((s + QLatin1Char('\n')).toUtf8().constData(), stderr);
    return 1;
}

}  // namespace phm::cli
