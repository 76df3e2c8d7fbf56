#include "stratifycommands.h"

#include "clicredentials.h"
#include "clidisclosure.h"
#include "clioutput.h"
#include "rules/efi.h"
#include "rules/multimorbidity.h"
#include "rules/personmeasures.h"
#include "rules/rulecatalogue.h"
#include "rules/ruleengine.h"
#include "rules/ruleparser.h"
#include "session/projectloader.h"
#include "stratify/riskmodel.h"
#include "stratify/segmentation.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>

using namespace phm::core;
using phm::cli::countText;
using phm::cli::fail;
using phm::cli::out;

namespace {
// The counts of these commands' outputs (core/governance/publish); a calibration bin's observed rate comes
// from its people.
const disclosure::OutputFields kStratifyFields = [] {
    disclosure::OutputFields f;
    f.counts = {QStringLiteral("count"),        QStringLiteral("n"),          QStringLiteral("persons"), QStringLiteral("people"),
                QStringLiteral("train_people"), QStringLiteral("test_people")};
    // Rates from the published counts; the model's own statistics to three significant figures.
    f.counts << QStringLiteral("events") << QStringLiteral("test_outcomes") << QStringLiteral("high_test_people")
             << QStringLiteral("high_test_outcomes");
    f.derived = {
        {QStringLiteral("observed"), {QStringLiteral("events"), QStringLiteral("n")}, disclosure::Derivation::Ratio},
        {QStringLiteral("ppv_high"),
         {QStringLiteral("high_test_outcomes"), QStringLiteral("high_test_people")},
         disclosure::Derivation::Ratio},
        {QStringLiteral("sensitivity_high"),
         {QStringLiteral("high_test_outcomes"), QStringLiteral("test_outcomes")},
         disclosure::Derivation::Ratio},
        {QStringLiteral("outcome_rate"), {QStringLiteral("test_outcomes"), QStringLiteral("test_people")}, disclosure::Derivation::Ratio}};
    for (const char *key : {"predicted", "auroc", "intercept", "beta"})
        f.derived.push_back({QLatin1String(key), {}, disclosure::Derivation::Statistic});
    f.labels = {QStringLiteral("ms"),       QStringLiteral("min_score"), QStringLiteral("index_date"), QStringLiteral("runs"),
                QStringLiteral("train_ms"), QStringLiteral("score_ms"),  QStringLiteral("efi_ms"),     QStringLiteral("segment_ms")};
    return f;
}();

QJsonArray tiersJson(const RiskModelResult &m) {
    return QJsonArray{
        QJsonObject{{QStringLiteral("name"), QStringLiteral("high")},
                    {QStringLiteral("count"), qint64(m.high)},
                    {QStringLiteral("min_score"), m.highCut}},
        QJsonObject{{QStringLiteral("name"), QStringLiteral("rising")},
                    {QStringLiteral("count"), qint64(m.rising)},
                    {QStringLiteral("min_score"), m.risingCut}},
        QJsonObject{
            {QStringLiteral("name"), QStringLiteral("low")}, {QStringLiteral("count"), qint64(m.low)}, {QStringLiteral("min_score"), 0.0}}};
}
}  // namespace

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
    Feedback fb;
    auto opened = openProject(p.value(QStringLiteral("project")), fb);
    if (!opened) return fail(QStringLiteral("phm risk: %1").arg(opened.error().message));
    const rules::CodeLists lists;
    QElapsedTimer timer;
    timer.start();
    auto r = buildRiskModel(*opened.value(), lists, options);
    const double ms = timer.nsecsElapsed() / 1e6;
    if (!r) return fail(QStringLiteral("phm risk: %1").arg(r.error().message));
    const RiskModelResult &m = r.value();
    const QJsonArray tiers = tiersJson(m);
    QJsonArray calibration, coefficients;
    for (const CalibrationBin &b : m.calibration)
        calibration.append(QJsonObject{{QStringLiteral("n"), qint64(b.n)},
                                       {QStringLiteral("events"), qint64(std::llround(b.observed * double(b.n)))},
                                       {QStringLiteral("predicted"), b.predicted},
                                       {QStringLiteral("observed"), b.observed}});
    for (int j = 0; j < m.features.size(); ++j)
        coefficients.append(QJsonObject{{QStringLiteral("feature"), m.features[j]}, {QStringLiteral("beta"), m.coefficients[size_t(j)]}});
    QJsonObject o{{QStringLiteral("auroc"), m.auroc},
                  {QStringLiteral("tiers"), tiers},
                  {QStringLiteral("calibration"), calibration},
                  {QStringLiteral("ppv_high"), m.ppvAtHigh},
                  {QStringLiteral("sensitivity_high"), m.sensitivityAtHigh},
                  {QStringLiteral("outcome_rate"), m.outcomeRate},
                  {QStringLiteral("train_people"), qint64(m.trainPeople)},
                  {QStringLiteral("test_people"), qint64(m.testPeople)},
                  {QStringLiteral("test_outcomes"), qint64(m.testOutcomes)},
                  {QStringLiteral("high_test_people"), qint64(m.highTestPeople)},
                  {QStringLiteral("high_test_outcomes"), qint64(m.highTestOutcomes)},
                  {QStringLiteral("intercept"), m.intercept},
                  {QStringLiteral("coefficients"), coefficients},
                  {QStringLiteral("ms"), ms},
                  {QStringLiteral("train_ms"), m.trainMs},
                  {QStringLiteral("score_ms"), m.scoreMs}};
    auto published = phm::cli::publishOutput(o, kStratifyFields, policy.value(), opened.value()->path, QStringLiteral("risk"));
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
    Feedback fb;
    auto opened = openProject(p.value(QStringLiteral("project")), fb);
    if (!opened) return fail(QStringLiteral("phm multimorbidity: %1").arg(opened.error().message));
    const Project &project = *opened.value();
    const rules::CodeLists lists;
    const QString where = p.value(QStringLiteral("where"));
    const rules::ParseResult parsed = rules::parseRule(where, &lists);
    if (!parsed.ok()) return fail(QStringLiteral("phm multimorbidity: --where: %1").arg(parsed.error.format(where)));
    auto people = rules::MemoryEngine(project, lists).evaluate(*parsed.expr);
    if (!people) return fail(QStringLiteral("phm multimorbidity: %1").arg(people.error().message));
    auto gp = gpMeasures(project, lists, project.extractEnd);
    if (!gp) return fail(QStringLiteral("phm multimorbidity: %1").arg(gp.error().message));
    const MultimorbidityProfile m =
        multimorbidity(gp.value()->conditions, people.value().people, 5, p.value(QStringLiteral("top")).toInt());
    QJsonArray byCount, combos;
    for (size_t k = 0; k < m.byCount.size(); ++k)
        byCount.append(
            QJsonObject{{QStringLiteral("conditions"), k + 1 == m.byCount.size() ? QStringLiteral("%1+").arg(k) : QString::number(k)},
                        {QStringLiteral("count"), qint64(m.byCount[k])}});
    for (const ConditionCombination &c : m.combinations)
        combos.append(
            QJsonObject{{QStringLiteral("conditions"), QJsonArray::fromStringList(c.names())}, {QStringLiteral("count"), qint64(c.count)}});
    auto published = phm::cli::publishOutput(
        QJsonObject{
            {QStringLiteral("people"), qint64(m.people)}, {QStringLiteral("by_count"), byCount}, {QStringLiteral("combinations"), combos}},
        kStratifyFields, policy.value(), project.path, QStringLiteral("multimorbidity"), {{QStringLiteral("where"), where}});
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
    auto t = loadSegmentationTemplate(p.value(QStringLiteral("template")));
    if (!t) return fail(QStringLiteral("phm stratify: %1").arg(t.error().message));
    const auto policy = phm::cli::outputPolicy(p, p.value(QStringLiteral("project")));
    if (!policy) return fail(QStringLiteral("phm stratify: %1").arg(policy.error().message));
    Feedback fb;
    auto opened = openProject(p.value(QStringLiteral("project")), fb);
    if (!opened) return fail(QStringLiteral("phm stratify: %1").arg(opened.error().message));
    const Project &project = *opened.value();
    const rules::CodeLists lists;
    // The model is trained first (on data a year back); what is timed is what an analyst waits
    // for on every refresh: eFI, segments and risk scores for everyone at the extract end.
    auto model = trainRiskModel(project, lists);
    if (!model) return fail(QStringLiteral("phm stratify: %1").arg(model.error().message));
    QElapsedTimer timer;
    timer.start();
    auto gp = gpMeasures(project, lists, project.extractEnd);
    if (!gp) return fail(QStringLiteral("phm stratify: %1").arg(gp.error().message));
    const double efiMs = timer.nsecsElapsed() / 1e6;
    auto segments = segmentPopulation(project, lists, t.value());
    if (!segments) return fail(QStringLiteral("phm stratify: %1").arg(segments.error().message));
    const double segmentMs = timer.nsecsElapsed() / 1e6 - efiMs;
    if (auto scored = scoreRiskModel(model.value(), project, lists); !scored)
        return fail(QStringLiteral("phm stratify: %1").arg(scored.error().message));
    const double ms = timer.nsecsElapsed() / 1e6;
    // eFI categories of everyone registered at the extract end.
    QMap<QString, qint64> categories;
    for (int32_t i = 0; i < project.persons.count; ++i)
        if (project.persons.isRegistered(i, project.extractEnd)) ++categories[efiCategory(gp.value()->efiDeficits[size_t(i)])];
    QJsonArray efi, segmentList;
    for (const char *c : {"fit", "mild", "moderate", "severe"})
        efi.append(
            QJsonObject{{QStringLiteral("category"), QLatin1String(c)}, {QStringLiteral("count"), categories.value(QLatin1String(c))}});
    for (const SegmentSummary &s : segments.value().segments)
        segmentList.append(QJsonObject{{QStringLiteral("name"), s.name}, {QStringLiteral("count"), qint64(s.count)}});
    QJsonObject o{{QStringLiteral("persons"), qint64(project.persons.count)},
                  {QStringLiteral("template"), segments.value().templateName},
                  {QStringLiteral("efi"), efi},
                  {QStringLiteral("segments"), segmentList},
                  {QStringLiteral("tiers"), tiersJson(model.value())},
                  {QStringLiteral("auroc"), model.value().auroc},
                  {QStringLiteral("train_ms"), model.value().trainMs},
                  {QStringLiteral("efi_ms"), efiMs},
                  {QStringLiteral("segment_ms"), segmentMs},
                  {QStringLiteral("score_ms"), model.value().scoreMs},
                  {QStringLiteral("ms"), ms}};
    auto published = phm::cli::publishOutput(o, kStratifyFields, policy.value(), project.path, QStringLiteral("stratify"));
    if (!published) return fail(QStringLiteral("phm stratify: %1").arg(published.error().message));
    o = published.value();
    if (p.isSet(QStringLiteral("json"))) {
        out(QString::fromUtf8(QJsonDocument(o).toJson()));
        return 0;
    }
    out(QStringLiteral("eFI, %1 segments and risk scores for %2 people in %3 ms (model trained in %4 ms beforehand)\n")
            .arg(segments.value().templateName)
            .arg(project.persons.count)
            .arg(ms, 0, 'f', 0)
            .arg(model.value().trainMs, 0, 'f', 0));
    return 0;
}
