// phm: the command-line tool over phmcore. Subcommands are thin: parse, call core, print.
#include "base/dataspec.h"
#include "base/safefile.h"
#include "benchcommand.h"
#include "clicredentials.h"
#include "clidisclosure.h"
#include "clioutput.h"
#include "cliprogress.h"
#include "codelistcommand.h"
#include "cohortcommands.h"
#include "core20command.h"
#include "evaluatecommand.h"
#include "governance/governedoutput.h"
#include "governancecommands.h"
#include "import/importer.h"
#include "maturitycommands.h"
#include "packcommand.h"
#include "profilecommand.h"
#include "session/projectloader.h"
#include "statscommand.h"
#include "stratifycommands.h"
#include "synth/generator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>

using namespace phm::core;
using phm::cli::out;

namespace {
void err(const QString &s) { std::fputs((s + QLatin1Char('\n')).toUtf8().constData(), stderr); }

int cmdGenerate(const QStringList &args) {
    QCommandLineParser p;
    p.addOptions({{QStringLiteral("people"), QStringLiteral("Number of people."), QStringLiteral("N"), QStringLiteral("1000000")},
                  {QStringLiteral("seed"), QStringLiteral("Random seed."), QStringLiteral("S"), QStringLiteral("2026")},
                  {QStringLiteral("out"), QStringLiteral("Output folder."), QStringLiteral("DIR")},
                  {QStringLiteral("fault-scale"), QStringLiteral("Multiplier on injected fault rates (0 = none)."), QStringLiteral("X"),
                   QStringLiteral("1")},
                  {QStringLiteral("threads"), QStringLiteral("Worker threads."), QStringLiteral("T"), QStringLiteral("2")},
                  {QStringLiteral("force"), QStringLiteral("Replace the extract files already in DIR.")}});
    p.process(args);
    if (!p.isSet(QStringLiteral("out"))) {
        err(QStringLiteral("phm generate: --out DIR is required"));
        return 2;
    }
    const OutputGuard guard{p.isSet(QStringLiteral("force")), {}};
    for (int d = 0; d < kDatasetCount; ++d)
        if (auto s = checkOutputPath(QDir(p.value(QStringLiteral("out"))).filePath(QLatin1String(fileSpec(Dataset(d)).file)), guard); !s) {
            err(QStringLiteral("phm generate: %1").arg(s.error().message));
            return 1;
        }
    auto cfg = defaultGeneratorConfig();
    cfg.people = p.value(QStringLiteral("people")).toLongLong();
    cfg.seed = p.value(QStringLiteral("seed")).toULongLong();
    cfg.faultScale = p.value(QStringLiteral("fault-scale")).toDouble();
    cfg.threads = p.value(QStringLiteral("threads")).toInt();
    Feedback fb;
    QElapsedTimer t;
    t.start();
    std::optional<Result<GenerateSummary>> result;
    runWithProgress(fb, [&] { result = generateExtract(cfg, p.value(QStringLiteral("out")), fb); });
    auto &r = *result;
    if (!r) {
        err(r.error().message);
        return 1;
    }
    err(QStringLiteral("generated %1 people, %2 rows, %3 MB in %4 s")
            .arg(cfg.people)
            .arg(r.value().rowsWritten)
            .arg(r.value().bytesWritten / 1e6, 0, 'f', 1)
            .arg(t.elapsed() / 1000.0, 0, 'f', 2));
    return 0;
}
QString fileSummary(const FileImportReport &f) {
    QStringList reasons;
    for (const auto &[k, v] : f.rejectsByReason) reasons << QStringLiteral("%1 %2").arg(k).arg(v);
    QString line =
        QStringLiteral("%1: read %2, imported %3, rejected %4").arg(f.file, -24).arg(f.rowsRead).arg(f.rowsImported).arg(f.rowsRejected);
    if (!reasons.isEmpty()) line += QStringLiteral(" (%1)").arg(reasons.join(QStringLiteral(", ")));
    if (f.linked + f.unlinked > 0) line += QStringLiteral("; linkage %1%").arg(100.0 * f.linkageRate(), 0, 'f', 2);
    if (!f.unknownColumns.isEmpty()) line += QStringLiteral("; ignored columns: %1").arg(f.unknownColumns.join(QStringLiteral(", ")));
    return line;
}

int cmdImport(const QStringList &args) {
    QCommandLineParser p;
    p.addOptions({{QStringLiteral("from"), QStringLiteral("Extract folder."), QStringLiteral("DIR")},
                  {QStringLiteral("project"), QStringLiteral("Project file to create or replace."), QStringLiteral("FILE")},
                  {QStringLiteral("force"), QStringLiteral("Replace FILE even if it is not a PHM Workbench project.")},
                  {QStringLiteral("json"), QStringLiteral("Print the report as JSON.")}});
    p.process(args);
    if (!p.isSet(QStringLiteral("from")) || !p.isSet(QStringLiteral("project"))) {
        err(QStringLiteral("phm import: --from DIR and --project FILE are required"));
        return 2;
    }
    Feedback fb;
    std::optional<Result<ImportReport>> result;
    ImportOptions options;
    options.replaceOtherFile = p.isSet(QStringLiteral("force"));
    runWithProgress(fb, [&] { result = importExtract(p.value(QStringLiteral("from")), p.value(QStringLiteral("project")), fb, options); });
    auto &r = *result;
    if (!r) {
        err(QStringLiteral("phm import: %1").arg(r.error().message));
        return 1;
    }
    const ImportReport &rep = r.value();
    if (p.isSet(QStringLiteral("json"))) {
        out(QString::fromUtf8(QJsonDocument(rep.toJson()).toJson()));
        return 0;
    }
    for (const auto &f : rep.files)
        if (f.present) out(fileSummary(f) + QLatin1Char('\n'));
    out(QStringLiteral("persons %1, practices %2, overall linkage %3%, %4 s\nrejects: %5\n")
            .arg(rep.persons)
            .arg(rep.practices)
            .arg(100.0 * rep.linkageRate(), 0, 'f', 2)
            .arg(rep.seconds, 0, 'f', 1)
            .arg(rep.rejectsDir));
    return 0;
}

int cmdInfo(const QStringList &args) {
    QCommandLineParser p;
    p.addOptions({{QStringLiteral("project"), QStringLiteral("Project file."), QStringLiteral("FILE")},
                  {QStringLiteral("json"), QStringLiteral("Print JSON.")},
                  phm::cli::disclosureOption(),
                  phm::cli::passphraseFileOption()});
    p.process(args);
    const auto policy = phm::cli::outputPolicy(p, p.value(QStringLiteral("project")));
    if (!policy) {
        err(QStringLiteral("phm info: %1").arg(policy.error().message));
        return 1;
    }
    Feedback fb;
    QElapsedTimer t;
    t.start();
    auto r = openProject(p.value(QStringLiteral("project")), fb);
    if (!r) {
        err(QStringLiteral("phm info: %1").arg(r.error().message));
        return 1;
    }
    QJsonObject info = projectInfo(*r.value());
    info.insert(QStringLiteral("open_ms"), double(t.elapsed()));
    // The counts of people and events leave through the governed boundary like any other output.
    auto published =
        publishGovernedObject(info, projectInfoFields(), policy.value(), p.value(QStringLiteral("project")), QStringLiteral("info"));
    if (!published) {
        err(QStringLiteral("phm info: %1").arg(published.error().message));
        return 1;
    }
    out(QString::fromUtf8(QJsonDocument(published.value()).toJson()));
    return 0;
}
}  // namespace

int main(int argc, char **argv) {
    // Packs are laid out with QPainter and fonts, which need a GUI application; without a
    // display it runs on the offscreen platform.
    const bool gui = argc > 1 && std::string_view(argv[1]) == "export-packs";
    if (gui && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> application(gui ? new QGuiApplication(argc, argv) : new QCoreApplication(argc, argv));
    QCoreApplication &app = *application;
    QCoreApplication::setApplicationName(QStringLiteral("phm"));
    QStringList args = app.arguments();
    const QString cmd = args.size() > 1 ? args.at(1) : QString();
    args.removeAt(1);
    if (cmd == QLatin1String("generate")) return cmdGenerate(args);
    if (cmd == QLatin1String("import")) return cmdImport(args);
    if (cmd == QLatin1String("info")) return cmdInfo(args);
    if (cmd == QLatin1String("bench")) return runBenchCommand(args);
    if (cmd == QLatin1String("cohort")) return runCohortCommand(args);
    if (cmd == QLatin1String("cohorts")) return runCohortsCommand(args);
    if (cmd == QLatin1String("segment")) return runSegmentCommand(args);
    if (cmd == QLatin1String("risk")) return runRiskCommand(args);
    if (cmd == QLatin1String("stratify")) return runStratifyCommand(args);
    if (cmd == QLatin1String("stats")) return runStatsCommand(args);
    if (cmd == QLatin1String("profile")) return runProfileCommand(args);
    if (cmd == QLatin1String("inequality")) return runInequalityCommand(args);
    if (cmd == QLatin1String("core20")) return runCore20Command(args);
    if (cmd == QLatin1String("programmes")) return runProgrammesCommand(args);
    if (cmd == QLatin1String("evaluate")) return runEvaluateCommand(args);
    if (cmd == QLatin1String("evaluations")) return runEvaluationsCommand(args);
    if (cmd == QLatin1String("codelists")) return runCodeListsCommand(args);
    if (cmd == QLatin1String("trend")) return runTrendCommand(args);
    if (cmd == QLatin1String("export-packs")) return runExportPacksCommand(args);
    if (cmd == QLatin1String("pack-templates")) return runPackTemplatesCommand(args);
    if (cmd == QLatin1String("multimorbidity")) return runMultimorbidityCommand(args);
    if (cmd == QLatin1String("users")) return runUsersCommand(args);
    if (cmd == QLatin1String("audit")) return runAuditCommand(args);
    if (cmd == QLatin1String("keys")) return runKeysCommand(args);
    if (cmd == QLatin1String("reveal")) return runRevealCommand(args);
    if (cmd == QLatin1String("disclosure")) return runDisclosureCommand(args);
    if (cmd == QLatin1String("maturity")) return runMaturityCommand(args);
    if (cmd == QLatin1String("cycle")) return runCycleCommand(args);
    if (cmd == QLatin1String("data-spec")) {
        out(dataSpecMarkdown());
        return 0;
    }
    err(QStringLiteral(
        "usage: phm "
        "<generate|import|info|cohort|cohorts|segment|risk|stratify|stats|profile|trend|inequality|core20|export-packs|pack-templates|"
        "multimorbidity|users|audit|keys|reveal|disclosure|maturity|cycle|programmes|evaluate|evaluations|codelists|data-spec|bench> "
        "[options]"));
    return 2;
}
