#include "operations/riskops.h"

#include "rules/efi.h"
#include "rules/personmeasures.h"
#include "rules/ruleengine.h"
#include "rules/ruleparser.h"

#include <QElapsedTimer>
#include <cmath>

namespace phm::core::ops {

namespace {
Error canceled() { return Error{ErrorCode::Canceled, QStringLiteral("Cancelled."), {}}; }
}  // namespace

Result<RiskRun> runRiskModel(const Session &session, const RiskOptions &options, Feedback &feedback) {
    if (feedback.isCanceled()) return canceled();
    QElapsedTimer timer;
    timer.start();
    auto r = buildRiskModel(session.project(), session.codeLists(), options);
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    if (!r) return r.error();
    return RiskRun{std::move(r.value()), ms};
}

QJsonArray riskTiersJson(const RiskModelResult &m) {
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

QJsonObject riskJson(const RiskRun &run) {
    const RiskModelResult &m = run.model;
    QJsonArray calibration, coefficients;
    for (const CalibrationBin &b : m.calibration)
        calibration.append(QJsonObject{{QStringLiteral("n"), qint64(b.n)},
                                       {QStringLiteral("events"), qint64(std::llround(b.observed * double(b.n)))},
                                       {QStringLiteral("predicted"), b.predicted},
                                       {QStringLiteral("observed"), b.observed}});
    for (int j = 0; j < m.features.size(); ++j)
        coefficients.append(QJsonObject{{QStringLiteral("feature"), m.features[j]}, {QStringLiteral("beta"), m.coefficients[size_t(j)]}});
    return QJsonObject{{QStringLiteral("auroc"), m.auroc},
                       {QStringLiteral("tiers"), riskTiersJson(m)},
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
                       {QStringLiteral("ms"), run.ms},
                       {QStringLiteral("train_ms"), m.trainMs},
                       {QStringLiteral("score_ms"), m.scoreMs}};
}

Result<MultimorbidityProfile> runMultimorbidity(const Session &session, const MultimorbidityRequest &request, Feedback &feedback) {
    const Project &project = session.project();
    const rules::ParseResult parsed = rules::parseRule(request.where, &session.codeLists());
    if (!parsed.ok())
        return Error{ErrorCode::RuleError, QStringLiteral("--where: %1").arg(parsed.error.format(request.where)), request.where};
    auto people = rules::MemoryEngine(project, session.codeLists()).evaluate(*parsed.expr);
    if (!people) return people.error();
    if (feedback.isCanceled()) return canceled();
    auto gp = gpMeasures(project, session.codeLists(), project.extractEnd);
    if (!gp) return gp.error();
    return multimorbidity(gp.value()->conditions, people.value().people, 5, request.top);
}

QJsonObject multimorbidityJson(const MultimorbidityProfile &m) {
    QJsonArray byCount, combos;
    for (size_t k = 0; k < m.byCount.size(); ++k)
        byCount.append(
            QJsonObject{{QStringLiteral("conditions"), k + 1 == m.byCount.size() ? QStringLiteral("%1+").arg(k) : QString::number(k)},
                        {QStringLiteral("count"), qint64(m.byCount[k])}});
    for (const ConditionCombination &c : m.combinations)
        combos.append(
            QJsonObject{{QStringLiteral("conditions"), QJsonArray::fromStringList(c.names())}, {QStringLiteral("count"), qint64(c.count)}});
    return QJsonObject{
        {QStringLiteral("people"), qint64(m.people)}, {QStringLiteral("by_count"), byCount}, {QStringLiteral("combinations"), combos}};
}

Result<StratifyRun> runStratify(const Session &session, const QString &templateId, Feedback &feedback) {
    auto t = loadSegmentationTemplate(templateId);
    if (!t) return t.error();
    const Project &project = session.project();
    const rules::CodeLists &lists = session.codeLists();
    auto model = trainRiskModel(project, lists);
    if (!model) return model.error();
    if (feedback.isCanceled()) return canceled();
    StratifyRun run;
    QElapsedTimer timer;
    timer.start();
    auto gp = gpMeasures(project, lists, project.extractEnd);
    if (!gp) return gp.error();
    run.efiMs = double(timer.nsecsElapsed()) / 1e6;
    auto segments = segmentPopulation(project, lists, t.value());
    if (!segments) return segments.error();
    run.segmentMs = double(timer.nsecsElapsed()) / 1e6 - run.efiMs;
    if (auto scored = scoreRiskModel(model.value(), project, lists); !scored) return scored.error();
    run.ms = double(timer.nsecsElapsed()) / 1e6;
    for (int32_t i = 0; i < project.persons.count; ++i)
        if (project.persons.isRegistered(i, project.extractEnd)) ++run.efiCategories[efiCategory(gp.value()->efiDeficits[size_t(i)])];
    run.model = std::move(model.value());
    run.segments = std::move(segments.value());
    return run;
}

QJsonObject stratifyJson(const Session &session, const StratifyRun &run) {
    QJsonArray efi, segmentList;
    for (const char *c : {"fit", "mild", "moderate", "severe"}) {
        const auto found = run.efiCategories.find(QLatin1String(c));
        efi.append(QJsonObject{{QStringLiteral("category"), QLatin1String(c)},
                               {QStringLiteral("count"), found == run.efiCategories.end() ? qint64(0) : found->second}});
    }
    for (const SegmentSummary &s : run.segments.segments)
        segmentList.append(QJsonObject{{QStringLiteral("name"), s.name}, {QStringLiteral("count"), qint64(s.count)}});
    return QJsonObject{{QStringLiteral("persons"), qint64(session.project().persons.count)},
                       {QStringLiteral("template"), run.segments.templateName},
                       {QStringLiteral("efi"), efi},
                       {QStringLiteral("segments"), segmentList},
                       {QStringLiteral("tiers"), riskTiersJson(run.model)},
                       {QStringLiteral("auroc"), run.model.auroc},
                       {QStringLiteral("train_ms"), run.model.trainMs},
                       {QStringLiteral("efi_ms"), run.efiMs},
                       {QStringLiteral("segment_ms"), run.segmentMs},
                       {QStringLiteral("score_ms"), run.model.scoreMs},
                       {QStringLiteral("ms"), run.ms}};
}

const disclosure::OutputFields &stratifyFields() {
    static const disclosure::OutputFields fields = [] {
        disclosure::OutputFields f;
        f.counts = {QStringLiteral("count"),        QStringLiteral("n"),          QStringLiteral("persons"), QStringLiteral("people"),
                    QStringLiteral("train_people"), QStringLiteral("test_people")};
        f.counts << QStringLiteral("events") << QStringLiteral("test_outcomes") << QStringLiteral("high_test_people")
                 << QStringLiteral("high_test_outcomes");
        f.derived = {{QStringLiteral("observed"), {QStringLiteral("events"), QStringLiteral("n")}, disclosure::Derivation::Ratio},
                     {QStringLiteral("ppv_high"),
                      {QStringLiteral("high_test_outcomes"), QStringLiteral("high_test_people")},
                      disclosure::Derivation::Ratio},
                     {QStringLiteral("sensitivity_high"),
                      {QStringLiteral("high_test_outcomes"), QStringLiteral("test_outcomes")},
                      disclosure::Derivation::Ratio},
                     {QStringLiteral("outcome_rate"),
                      {QStringLiteral("test_outcomes"), QStringLiteral("test_people")},
                      disclosure::Derivation::Ratio}};
        for (const char *key : {"predicted", "auroc", "intercept", "beta"})
            f.derived.push_back({QLatin1String(key), {}, disclosure::Derivation::Statistic});
        f.labels = {QStringLiteral("ms"),       QStringLiteral("min_score"), QStringLiteral("index_date"), QStringLiteral("runs"),
                    QStringLiteral("train_ms"), QStringLiteral("score_ms"),  QStringLiteral("efi_ms"),     QStringLiteral("segment_ms")};
        return f;
    }();
    return fields;
}

}  // namespace phm::core::ops
