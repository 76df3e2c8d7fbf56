// `phm bench --people N [--dir DIR] [--keep]`
// Runs `phm generate`, `phm import`, `phm info` and the baseline `sqlite3 .import` of the same
// CSV files as child processes, each measured for wall time and peak resident memory (cliplatform's runMeasured).
#include "benchcommand.h"
#include "cliplatform.h"

#include "base/dataspec.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QThread>
#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

using Run = phm::cli::ChildRun;

QJsonObject stage(const Run &r) {
    return QJsonObject{
        {QStringLiteral("seconds"), r.seconds}, {QStringLiteral("peak_rss_mb"), r.peakMb}, {QStringLiteral("exit_code"), r.exitCode}};
}

QString cpuModel() {
    QFile f(QStringLiteral("/proc/cpuinfo"));
    if (!f.open(QIODevice::ReadOnly)) return QSysInfo::currentCpuArchitecture();
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("model name")) return QString::fromUtf8(line.mid(line.indexOf(':') + 1).trimmed());
    return QSysInfo::currentCpuArchitecture();
}

}  // namespace

int runBenchCommand(const QStringList &args) {
    QCommandLineParser p;
    p.addOptions({{QStringLiteral("people"), QStringLiteral("People to generate."), QStringLiteral("N"), QStringLiteral("100000")},
                  {QStringLiteral("dir"), QStringLiteral("Work folder (default: a temporary folder)."), QStringLiteral("DIR")},
                  {QStringLiteral("seed"), QStringLiteral("Seed."), QStringLiteral("S"), QStringLiteral("2026")},
                  {QStringLiteral("no-baseline"), QStringLiteral("Skip the sqlite3 .import baseline.")}});
    p.process(args);
    QTemporaryDir tmp;
    const QString dir = p.isSet(QStringLiteral("dir")) ? p.value(QStringLiteral("dir")) : tmp.path();
    QDir().mkpath(dir);
    const QString self = QCoreApplication::applicationFilePath();
    const QString extract = QDir(dir).filePath(QStringLiteral("extract")), project = QDir(dir).filePath(QStringLiteral("bench.phm"));
    const QString people = p.value(QStringLiteral("people"));
    QFile::remove(project);

    const Run gen = phm::cli::runMeasured(
        self, {QStringLiteral("generate"), QStringLiteral("--people"), people, QStringLiteral("--seed"), p.value(QStringLiteral("seed")),
               QStringLiteral("--out"), extract, QStringLiteral("--force")});  // the bench's own work folder
    const Run imp = phm::cli::runMeasured(self, {QStringLiteral("import"), QStringLiteral("--from"), extract, QStringLiteral("--project"),
                                                 project, QStringLiteral("--json")});
    const Run open = phm::cli::runMeasured(self, {QStringLiteral("info"), QStringLiteral("--project"), project, QStringLiteral("--json")});
    const QJsonObject report = QJsonDocument::fromJson(imp.output).object();
    const QJsonObject info = QJsonDocument::fromJson(open.output).object();
    qint64 rows = 0, bytes = 0;
    for (const QJsonValue &f : report.value(QStringLiteral("files")).toArray()) {
        rows += f.toObject().value(QStringLiteral("rows_read")).toInteger();
        bytes += QFileInfo(QDir(extract).filePath(f.toObject().value(QStringLiteral("file")).toString())).size();
    }
    QJsonObject out{
        {QStringLiteral("people"), people.toLongLong()},
        {QStringLiteral("machine"),
         QStringLiteral("%1, %2 logical CPUs, %3").arg(cpuModel()).arg(QThread::idealThreadCount()).arg(QSysInfo::prettyProductName())},
        {QStringLiteral("csv_rows"), rows},
        {QStringLiteral("csv_mb"), bytes / 1e6},
        {QStringLiteral("project_mb"), QFileInfo(project).size() / 1e6},
        {QStringLiteral("generate"), stage(gen)},
        {QStringLiteral("import"), stage(imp)},
        {QStringLiteral("import_rows_per_second"), imp.seconds > 0 ? rows / imp.seconds : 0},
        {QStringLiteral("open"), stage(open)},
        {QStringLiteral("open_ms_in_process"), info.value(QStringLiteral("open_ms"))}};
    if (!p.isSet(QStringLiteral("no-baseline"))) {
        // Baseline: the sqlite3 shell loading the same CSV files into untyped tables, no checks.
        const QString db = QDir(dir).filePath(QStringLiteral("baseline.db"));
        QFile::remove(db);
        QByteArray script = ".bail on\n.mode csv\nPRAGMA journal_mode=OFF;\nPRAGMA synchronous=OFF;\n";
        for (const phm::core::FileSpec &f : phm::core::dataSpec())
            script += QStringLiteral(".import '%1' %2\n").arg(QDir(extract).filePath(QLatin1String(f.file)), QLatin1String(f.key)).toUtf8();
        const Run base = phm::cli::runMeasured(QStringLiteral("sqlite3"), {db}, script);
        out.insert(QStringLiteral("sqlite3_import"), stage(base));
        out.insert(QStringLiteral("sqlite3_rows_per_second"), base.seconds > 0 ? rows / base.seconds : 0);
        // The same plus the per-person indexes every project has, for a like-for-like store.
        QByteArray indexes;
        for (const phm::core::FileSpec &f : phm::core::dataSpec())
            if (int(f.dataset) >= phm::core::kFirstEventDataset)
                indexes += QStringLiteral("CREATE INDEX ix_%1 ON %1(person_id);\n").arg(QLatin1String(f.key)).toUtf8();
        const Run indexed = phm::cli::runMeasured(QStringLiteral("sqlite3"), {db}, indexes);
        Run both = base;
        both.seconds += indexed.seconds;
        both.peakMb = std::max(base.peakMb, indexed.peakMb);
        out.insert(QStringLiteral("sqlite3_import_and_index"), stage(both));
        QFile::remove(db);
    }
    std::fputs(QJsonDocument(out).toJson().constData(), stdout);
    return gen.exitCode == 0 && imp.exitCode == 0 && open.exitCode == 0 ? 0 : 1;
}
