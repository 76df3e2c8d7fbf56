#include "stratifycommands.h"

#include "clicredentials.h"
#include "clidisclosure.h"
#include "clioutput.h"
#include "clisession.h"
#include "operations/riskops.h"
#include "session/session.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace phm::core;
using phm::cli::countText;
using phm::cli::fail;
using phm::cli::openSession;
using phm::cli::out;

int runRiskCommand(const QStringList &args) {
    QCommandLineParser p;
    p.addOptions(
        {{QStringLiteral("project"), QStringLiteral("Project file."), QStringLiteral("FILE")},
         {QStringLiteral("high"), QStringLiteral("Percent of people in the high-risk tier."), QStringLiteral("PCT"), QStringLiteral("5")},
         {QStringLiteral("rising"), QStringLiteral("Percent in the rising-risk tier."), QStringLiteral("PCT"), QStringLiteral("15")},
         {QStringLiteral("json"), QStringLiteral("Print JSON.")},
         phm::cli::disclosureOption(),
         phm::cli::passphraseFileOption()});
    p.process(args);
    const auto policy = phm::cli::outputPolicy(p, p.value(QStringLiteral("project")));
    if (!policy) return fail(QStringLiteral("phm risk: %1").arg(policy.error().message));
    RiskOptions options;
    options.highPercent = p.value(QStringLiteral("high")).toDouble();
    options.risingPercent = p.value(QStringLiteral("rising")).toDouble();
    if (options.highPercent <= 0 || options.risingPercent < 0 || options.highPercent + options.risingPercent >= 100)
        return fail(QStringLiteral("phm risk: --high and --rising must be percentages that leave a low-risk tier"));
    auto opened = openSession(p);
    if (!opened) return fail(QStringLiteral("phm risk: %1").arg(opened.error().message));
    const Session &session = *opened.value();
    Feedback fb;
    auto run = ops::runRiskModel(session, options, fb);
    if (!run) return fail(QStringLiteral("phm risk: %1").arg(run.error().message));
    const double ms = run.value().ms;
    QJsonObject o = ops::riskJson(run.value());
    auto published = session.publishObject(o, ops::stratifyFields(), policy.value(), QStringLiteral("risk"));
    if (!published) return fail(QStringLiteral("phm risk: %1").arg(published.error().message));
    o = published.value();
    if (p.isSet(QStringLiteral("json"))) {
        out(QString::fromUtf8(QJsonDocument(o).toJson()));
        return 0;
    }
    // Text from the published JSON only: the same figures, the same protection.
    auto percent = [&](const char *key) {
        const QJsonValue v = o.value(QLatin1String(key));
        return v.isDouble() ? QString::number(100 * v.toDouble(), 'f', 1) : QStringLiteral("*");
    };
    out(QStringLiteral("Emergency admission in the next 12 months: AUROC %1 on %2 held-out people (trained on %3); %4% had an admission\n")
            .arg(o.value(QStringLiteral("auroc")).isDouble() ? QString::number(o.value(QStringLiteral("auroc")).toDouble(), 'f', 2)
                                                             : QStringLiteral("*"),
                 countText(o.value(QStringLiteral("test_people"))), countText(o.value(QStringLiteral("train_people"))),
                 percent("outcome_rate")));
    out(QStringLiteral("High-risk cut (top %1%): PPV %2%, sensitivity %3%\n")
            .arg(options.highPercent)
            .arg(percent("ppv_high"), percent("sensitivity_high")));
    const QJsonArray shown = o.value(QStringLiteral("tiers")).toArray();
    out(QStringLiteral("Tiers now: high %1, rising %2, low %3 (%4 ms; %5)\nCalibration by decile (predicted vs observed):\n")
            .arg(countText(shown[0][QStringLiteral("count")]), countText(shown[1][QStringLiteral("count")]),
                 countText(shown[2][QStringLiteral("count")]))
            .arg(ms, 0, 'f', 0)
            .arg(policy.value().describe()));
    for (const QJsonValue &b : o.value(QStringLiteral("calibration")).toArray())
        out(QStringLiteral("  %1%  %2%\n")
                .arg(100 * b[QStringLiteral("predicted")].toDouble(), 6, 'f', 2)
                .arg(b[QStringLiteral("observed")].isDouble() ? QString::number(100 * b[QStringLiteral("observed")].toDouble(), 'f', 2)
                                                              : QStringLiteral("*"),
                     6));
    return 0;
}

int runMultimorbidityCommand(const QStringList &args) {
    QCommandLineParser p;
    p.addOptions({{QStringLiteral("project"), QStringLiteral("Project file."), QStringLiteral("FILE")},
                  {QStringLiteral("where"), QStringLiteral("Only people matching RULE (default: registered)."), QStringLiteral("RULE"),
                   QStringLiteral("registered")},
                  {QStringLiteral("top"), QStringLiteral("Number of combinations to list."), QStringLiteral("N"), QStringLiteral("20")},
                  {QStringLiteral("json"), QStringLiteral("Print JSON.")},
                  phm::cli::disclosureOption(),
                  phm::cli::passphraseFileOption()});
    p.process(args);
    const auto policy = phm::cli::outputPolicy(p, p.value(QStringLiteral("project")));
    if (!policy) return fail(QStringLiteral("phm multimorbidity: %1").arg(policy.error().message));
    auto opened = openSession(p);
    if (!opened) return fail(QStringLiteral("phm multimorbidity: %1").arg(opened.error().message));
    const Session &session = *opened.value();
    const ops::MultimorbidityRequest request{p.value(QStringLiteral("where")), p.value(QStringLiteral("top")).toInt()};
    Feedback fb;
    auto m = ops::runMultimorbidity(session, request, fb);
    if (!m) return fail(QStringLiteral("phm multimorbidity: %1").arg(m.error().message));
    auto published = session.publishObject(ops::multimorbidityJson(m.value()), ops::stratifyFields(), policy.value(),
                                           QStringLiteral("multimorbidity"), {{QStringLiteral("where"), request.where}});
    if (!published) return fail(QStringLiteral("phm multimorbidity: %1").arg(published.error().message));
    const QJsonObject o = published.value();
    if (p.isSet(QStringLiteral("json"))) {
        out(QString::fromUtf8(QJsonDocument(o).toJson()));
        return 0;
    }
    out(QStringLiteral("%1 people (%2)\n").arg(countText(o.value(QStringLiteral("people"))), policy.value().describe()));
    for (const QJsonValue &v : o.value(QStringLiteral("by_count")).toArray())
        out(QStringLiteral("%1  %2 conditions\n")
                .arg(countText(v.toObject().value(QStringLiteral("count"))), 9)
                .arg(v.toObject().value(QStringLiteral("conditions")).toString()));
    out(QStringLiteral("Commonest combinations (2+ conditions):\n"));
    for (const QJsonValue &v : o.value(QStringLiteral("combinations")).toArray())
        out(QStringLiteral("%1  %2\n")
                .arg(countText(v.toObject().value(QStringLiteral("count"))), 9)
                .arg(v.toObject().value(QStringLiteral("conditions")).toVariant().toStringList().join(QStringLiteral(" + "))));
    return 0;
}

int runStratifyCommand(const QStringList &args) {
    QCommandLineParser p;
    p.addOptions({{QStringLiteral("project"), QStringLiteral("Project file."), QStringLiteral("FILE")},
                  {QStringLiteral("template"), QStringLiteral("Segmentation template id or JSON file."), QStringLiteral("ID"),
                   QStringLiteral("cheshire-merseyside")},
                  {QStringLiteral("json"), QStringLiteral("Print JSON.")},
                  phm::cli::disclosureOption(),
                  phm::cli::passphraseFileOption()});
    p.process(args);
    const auto policy = phm::cli::outputPolicy(p, p.value(QStringLiteral("project")));
    if (!policy) return fail(QStringLiteral("phm stratify: %1").arg(policy.error().message));
    auto opened = openSession(p);
    if (!opened) return fail(QStringLiteral("phm stratify: %1").arg(opened.error().message));
    const Session &session = *opened.value();
    Feedback fb;
    auto run = ops::runStratify(session, p.value(QStringLiteral("template")), fb);
    if (!run) return fail(QStringLiteral("phm stratify: %1").arg(run.error().message));
    QJsonObject o = ops::stratifyJson(session, run.value());
    auto published = session.publishObject(o, ops::stratifyFields(), policy.value(), QStringLiteral("stratify"));
    if (!published) return fail(QStringLiteral("phm stratify: %1").arg(published.error().message));
    o = published.value();
    if (p.isSet(QStringLiteral("json"))) {
        out(QString::fromUtf8(QJsonDocument(o).toJson()));
        return 0;
    }
    out(QStringLiteral("eFI, %1 segments and risk scores for %2 people in %3 ms (model trained in %4 ms beforehand)\n")
            .arg(run.value().segments.templateName)
            .arg(session.project().persons.count)
            .arg(run.value().ms, 0, 'f', 0)
            .arg(run.value().model.trainMs, 0, 'f', 0));
    return 0;
}
