#pragma once
// The operating-system calls the `phm` command needs beyond Qt, in one place: whether a stream is
// a terminal, a passphrase typed with echo off, and a child process measured for its own wall time
// and peak memory (for `phm bench`). POSIX and Windows implementations live in cliplatform.cpp;
// nothing else in app/ includes a POSIX or Win32 header.
#include <QByteArray>
#include <QString>
#include <QStringList>
#include <optional>

namespace phm::cli {

bool stdinIsTerminal();
bool stderrIsTerminal();

// One line typed at the terminal with echo off, after `prompt` on stderr; nothing when stdin is
// not a terminal or the line cannot be read. The buffer it was read into is wiped.
std::optional<QByteArray> readHiddenLine(const QString &prompt);

struct ChildRun {
    double seconds = 0;
    double peakMb = 0;  // the child's own peak resident memory; 0 where the platform does not say
    int exitCode = -1;  // -1 when it could not start or did not exit normally
    QByteArray output;  // its stdout (stderr is discarded)
};
// Runs `program` with `args`, `stdinData` on its stdin, and waits for it.
ChildRun runMeasured(const QString &program, const QStringList &args, const QByteArray &stdinData = {});

}  // namespace phm::cli
