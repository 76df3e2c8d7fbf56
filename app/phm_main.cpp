// phm: the command-line tool over phmcore. Subcommands are thin: parse, call core, print.
#include "dataspec.h"
#include "generator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <cstdio>

using namespace phm::core;

namespace {
void out(const QString &s) { std::fputs(s.toUtf8().constData(), stdout); }
void err(const QString &s) { std::fputs((s + QLatin1Char('\n')).toUtf8().constData(), stderr); }

int cmdGenerate(const QStringList &args) {
    QCommandLineParser p;
    p.addOptions({{QStringLiteral("people"), QStringLiteral("Number of people."), QStringLiteral("N"), QStringLiteral("1000000")},
                  {QStringLiteral("seed"), QStringLiteral("Random seed."), QStringLiteral("S"), QStringLiteral("2026")},
                  {QStringLiteral("out"), QStringLiteral("Output folder."), QStringLiteral("DIR")},
                  {QStringLiteral("fault-scale"), QStringLiteral("Multiplier on injected fault rates (0 = none)."), QStringLiteral("X"), QStringLiteral("1")},
                  {QStringLiteral("threads"), QStringLiteral("Worker threads."), QStringLiteral("T"), QStringLiteral("2")}});
    p.process(args);
    if (!p.isSet(QStringLiteral("out"))) {
        err(QStringLiteral("phm generate: --out DIR is required"));
        return 2;
    }
    auto cfg = defaultGeneratorConfig();
    cfg.people = p.value(QStringLiteral("people")).toLongLong();
    cfg.seed = p.value(QStringLiteral("seed")).toULongLong();
    cfg.faultScale = p.value(QStringLiteral("fault-scale")).toDouble();
    cfg.threads = p.value(QStringLiteral("threads")).toInt();
    Feedback fb;
    QElapsedTimer t;
    t.start();
    auto r = generateExtract(cfg, p.value(QStringLiteral("out")), fb);
    if (!r) {
        err(r.error().message);
        return 1;
    }
    err(QStringLiteral("generated %1 people, %2 rows, %3 MB in %4 s").arg(cfg.people).arg(r.value().rowsWritten)
            .arg(r.value().bytesWritten / 1e6, 0, 'f', 1).arg(t.elapsed() / 1000.0, 0, 'f', 2));
    return 0;
}
}  // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("phm"));
    QStringList args = app.arguments();
    const QString cmd = args.size() > 1 ? args.at(1) : QString();
    args.removeAt(1);
    if (cmd == QLatin1String("generate")) return cmdGenerate(args);
    if (cmd == QLatin1String("data-spec")) {
        out(dataSpecMarkdown());
        return 0;
    }
    err(QStringLiteral("usage: phm <generate|import|info|data-spec|bench> [options]"));
    return 2;
}
