#include "cliplatform.h"

#include <QElapsedTimer>
#include <QFile>
#include <algorithm>
#include <cstdio>
#include <vector>

#ifdef Q_OS_WIN
#include <io.h>
#include <windows.h>
#include <QProcess>
#else
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#endif

namespace phm::cli {

namespace {
// Reads a line into a stack buffer, copies it out trimmed and wipes the buffer.
std::optional<QByteArray> readLineWiped() {
    char line[1024] = {};
    const bool got = std::fgets(line, sizeof line, stdin) != nullptr;
    QByteArray out = got ? QByteArray(line).trimmed() : QByteArray();
    std::fill(std::begin(line), std::end(line), '\0');
    if (!got) return std::nullopt;
    return out;
}
}  // namespace

#ifdef Q_OS_WIN

bool stdinIsTerminal() { return _isatty(_fileno(stdin)) != 0; }
bool stderrIsTerminal() { return _isatty(_fileno(stderr)) != 0; }

std::optional<QByteArray> readHiddenLine(const QString &prompt) {
    if (!stdinIsTerminal()) return std::nullopt;
    std::fputs(prompt.toUtf8().constData(), stderr);
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
    DWORD mode = 0;
    GetConsoleMode(in, &mode);
    SetConsoleMode(in, mode & ~DWORD(ENABLE_ECHO_INPUT));
    auto out = readLineWiped();
    SetConsoleMode(in, mode);
    std::fputs("\n", stderr);
    return out;
}

ChildRun runMeasured(const QString &program, const QStringList &args, const QByteArray &stdinData) {
    ChildRun r;
    QProcess p;
    p.setStandardErrorFile(QProcess::nullDevice());
    QElapsedTimer t;
    t.start();
    p.start(program, args);
    if (!p.waitForStarted()) return r;
    p.write(stdinData);
    p.closeWriteChannel();
    p.waitForFinished(-1);
    r.seconds = t.elapsed() / 1000.0;
    r.output = p.readAllStandardOutput();
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return r;  // peak memory is not measured here
}

#else

bool stdinIsTerminal() { return isatty(STDIN_FILENO) != 0; }
bool stderrIsTerminal() { return isatty(STDERR_FILENO) != 0; }

std::optional<QByteArray> readHiddenLine(const QString &prompt) {
    if (!stdinIsTerminal()) return std::nullopt;
    std::fputs(prompt.toUtf8().constData(), stderr);
    termios old{};
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~tcflag_t(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    auto out = readLineWiped();
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::fputs("\n", stderr);
    return out;
}

// fork/exec and wait4, so each run's peak RSS is its own (getrusage of all children would merge them).
ChildRun runMeasured(const QString &program, const QStringList &args, const QByteArray &stdinData) {
    ChildRun r;
    int inPipe[2], outPipe[2];
    if (pipe(inPipe) != 0 || pipe(outPipe) != 0) return r;
    std::vector<QByteArray> argBytes{QFile::encodeName(program)};
    for (const QString &a : args) argBytes.push_back(a.toLocal8Bit());
    std::vector<char *> argv;
    for (QByteArray &a : argBytes) argv.push_back(a.data());
    argv.push_back(nullptr);
    QElapsedTimer t;
    t.start();
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(inPipe[0], 0);
        dup2(outPipe[1], 1);
        const int devNull = ::open("/dev/null", O_WRONLY);
        if (devNull >= 0) dup2(devNull, 2);
        close(inPipe[1]);
        close(outPipe[0]);
        execvp(argv[0], argv.data());
        _exit(127);
    }
    close(inPipe[0]);
    close(outPipe[1]);
    if (!stdinData.isEmpty() && write(inPipe[1], stdinData.constData(), size_t(stdinData.size())) < 0) std::perror("bench");
    close(inPipe[1]);
    char buf[65536];
    ssize_t n;
    while ((n = read(outPipe[0], buf, sizeof buf)) > 0) r.output.append(buf, qsizetype(n));
    close(outPipe[0]);
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    r.seconds = t.elapsed() / 1000.0;
    r.peakMb = usage.ru_maxrss / 1024.0;
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

#endif

}  // namespace phm::cli
