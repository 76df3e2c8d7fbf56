#include "operations/programmeops.h"

#include "base/dates.h"
#include "cohorts/cohortbase.h"
#include "cohorts/cohortstore.h"
#include "governance/users.h"
#include "operations/cohortops.h"
#include "stratify/segmentation.h"

#include <QJsonArray>
#include <cmath>

namespace phm::core::ops {

namespace {
Error bad(const QString &what) { return Error{ErrorCode::CorruptProject, QStringLiteral("saved evaluation settings: %1").arg(what), {}}; }

QString methodKey(EvaluationMethod m) { return m == EvaluationMethod::Did ? QStringLiteral("did") : QStringLiteral("its"); }
QString matchKey(evaluation::MatchMethod m) { return m == evaluation::MatchMethod::Psm ? QStringLiteral("psm") : QStringLiteral("cem"); }

// An integer setting in [lo, hi], or the error naming it.
Result<int> integerIn(const QJsonObject &o, const char *key, int lo, int hi) {
    const QJsonValue v = o.value(QLatin1String(key));
    const double d = v.toDouble(NAN);
    if (!v.isDouble() || !std::isfinite(d) || d != std::floor(d) || d < lo || d > hi)
        return bad(QStringLiteral("%1 must be a whole number from %2 to %3").arg(QLatin1String(key)).arg(lo).arg(hi));
    return int(d);
}
}  // namespace

Result<FreezeRun> freezeCohort(Session &session, const FreezeRequest &r, Feedback &feedback) {
    const Project &project = session.project();
    if (r.indexDate == kNoDate || r.indexDate < project.extractStart || r.indexDate > project.extractEnd)
        return Error{ErrorCode::OutsideData,
                     QStringLiteral("the index date must lie inside the extract (%1 to %2)")
                         .arg(displayDate(project.extractStart), displayDate(project.extractEnd)),
                     {}};
    auto cohorts = session.savedCohorts();
    if (!cohorts) return cohorts.error();
    const SavedCohort *cohort = nullptr;
    for (const SavedCohort &c : cohorts.value())
        if (c.name == r.cohort) cohort = &c;
    if (!cohort || cohort->history.empty())
        return Error{ErrorCode::UnknownCohort, QStringLiteral("no saved cohort called \"%1\"").arg(r.cohort), r.cohort};
    CohortBase base;
    base.indexDate = r.indexDate;
    base.area = r.area;
    auto run = runCohortText(session, cohort->current().rule, base, feedback);
    if (!run) return run.error();
    if (!run.value().ok) return Error{ErrorCode::BadRule, QStringLiteral("cohort \"%1\": %2").arg(r.cohort, run.value().error), r.cohort};
    if (feedback.isCanceled()) return Error{ErrorCode::Canceled, QStringLiteral("Cancelled."), {}};
    evaluation::FrozenProgramme frozen{r.name, cohort->name, cohort->current().version, r.indexDate, {}};
    const rules::Selection &people = *run.value().people;
    frozen.members.reserve(people.count());
    for (size_t i = people.find_first(); i != rules::Selection::npos; i = people.find_next(i))
        frozen.members.emplace_back(project.persons.id(int32_t(i)));
    const QString author = session.user().name;
    if (auto s = session.writeRecords(QStringLiteral("programmes"),
                                      [&](ProjectDb &db) { return evaluation::saveFrozenProgramme(db, frozen, author); });
        !s)
        return s.error();
    // Who made the programme, and from what, is in the audit log (never its members).
    if (auto s = recordAsCurrentUser(session.path(), QStringLiteral("freeze-programme"),
                                     QJsonObject{{QStringLiteral("programme"), frozen.name.trimmed()},
                                                 {QStringLiteral("cohort"), frozen.cohort},
                                                 {QStringLiteral("cohort_version"), frozen.cohortVersion},
                                                 {QStringLiteral("index_date"), QString::fromStdString(isoDate(frozen.indexDate))}});
        !s)
        return s.error();
    return FreezeRun{r.name.trimmed(),
                     cohort->name,
                     frozen.cohortVersion,
                     r.indexDate,
                     int64_t(frozen.members.size()),
                     baseJson(session.areas(), base, run.value().population)};
}

QJsonObject freezeJson(const FreezeRun &run) {
    return QJsonObject{{QStringLiteral("programme"), run.name},
                       {QStringLiteral("cohort"), run.cohort},
                       {QStringLiteral("cohort_version"), run.cohortVersion},
                       {QStringLiteral("index_date"), QString::fromStdString(isoDate(run.indexDate))},
                       {QStringLiteral("members"), qint64(run.members)},
                       {QStringLiteral("base"), run.base}};
}

const disclosure::OutputFields &freezeFields() {
    static const disclosure::OutputFields f = [] {
        disclosure::OutputFields o;
        o.counts = {QStringLiteral("members"), QStringLiteral("count")};
        o.labels = {QStringLiteral("cohort_version")};
        return o;
    }();
    return f;
}

QJsonObject evaluationSettingsJson(const EvaluateRequest &r) {
    return QJsonObject{{QStringLiteral("programme"), r.programme},
                       {QStringLiteral("outcome"), outcomeKey(r)},
                       {QStringLiteral("method"), methodKey(r.method)},
                       {QStringLiteral("match"), matchKey(r.match.method)},
                       {QStringLiteral("ratio"), r.match.ratio},
                       {QStringLiteral("caliper"), r.match.caliper},
                       {QStringLiteral("same_pcn"), r.match.samePcn},
                       {QStringLiteral("seed"), QString::number(r.match.seed)},
                       {QStringLiteral("pre_months"), r.preMonths},
                       {QStringLiteral("post_months"), r.postMonths},
                       {QStringLiteral("replicates"), r.replicates},
                       {QStringLiteral("confidence"), r.confidence},
                       {QStringLiteral("area"), r.area},
                       {QStringLiteral("comparison"), r.comparison},
                       {QStringLiteral("start"), r.start == kNoDate ? QString() : QString::fromStdString(isoDate(r.start))},
                       {QStringLiteral("its_errors"), itsErrorsKey(r.itsErrors)},
                       {QStringLiteral("risk_score"), r.match.riskScore},
                       {QStringLiteral("segmentation"), r.match.segmentation}};
}

Result<EvaluateRequest> evaluationRequestFrom(const QJsonObject &o) {
    EvaluateRequest r;
    r.programme = o.value(QStringLiteral("programme")).toString();
    if (r.programme.isEmpty()) return bad(QStringLiteral("no programme"));
    auto outcome = outcomeFrom(o.value(QStringLiteral("outcome")).toString(), r);
    if (!outcome) return bad(outcome.error().message);
    const QString method = o.value(QStringLiteral("method")).toString(), match = o.value(QStringLiteral("match")).toString();
    if (method != QLatin1String("did") && method != QLatin1String("its")) return bad(QStringLiteral("method must be did or its"));
    if (match != QLatin1String("psm") && match != QLatin1String("cem")) return bad(QStringLiteral("match must be psm or cem"));
    r.method = method == QLatin1String("did") ? EvaluationMethod::Did : EvaluationMethod::Its;
    r.match.method = match == QLatin1String("psm") ? evaluation::MatchMethod::Psm : evaluation::MatchMethod::Cem;
    auto ratio = integerIn(o, "ratio", 1, 10), pre = integerIn(o, "pre_months", 3, 36), post = integerIn(o, "post_months", 3, 36),
         replicates = integerIn(o, "replicates", 0, 10000);
    for (const auto *v : {&ratio, &pre, &post, &replicates})
        if (!*v) return v->error();
    r.match.ratio = ratio.value(), r.preMonths = pre.value(), r.postMonths = post.value(), r.replicates = replicates.value();
    const double caliper = o.value(QStringLiteral("caliper")).toDouble(NAN),
                 confidence = o.value(QStringLiteral("confidence")).toDouble(NAN);
    if (!(caliper > 0 && caliper <= 10)) return bad(QStringLiteral("caliper must be above 0 and at most 10"));
    if (!(confidence == 0.8 || confidence == 0.9 || confidence == 0.95 || confidence == 0.99))
        return bad(QStringLiteral("confidence must be 0.8, 0.9, 0.95 or 0.99"));
    r.match.caliper = caliper, r.confidence = confidence;
    r.match.samePcn = o.value(QStringLiteral("same_pcn")).toBool();
    bool seedOk = false;
    r.match.seed = o.value(QStringLiteral("seed")).toString().toULongLong(&seedOk);
    if (!seedOk) return bad(QStringLiteral("seed must be a whole number"));
    r.area = o.value(QStringLiteral("area")).toString().left(200);
    r.comparison = o.value(QStringLiteral("comparison")).toString().left(200);
    if (const QString start = o.value(QStringLiteral("start")).toString(); !start.isEmpty()) {
        const auto day = parseIsoDate(start.toStdString());
        if (!day) return bad(QStringLiteral("start must be a date"));
        r.start = *day;
    }
    // Saved before the choice existed: those time series were fitted with Newey-West errors.
    const QJsonValue errors = o.value(QStringLiteral("its_errors"));
    const auto chosen = errors.isUndefined() ? std::optional{evaluation::ItsErrors::NeweyWest} : itsErrorsNamed(errors.toString());
    if (!chosen) return bad(QStringLiteral("its_errors must be prais_winsten or newey_west"));
    r.itsErrors = *chosen;
    r.match.riskScore = o.value(QStringLiteral("risk_score")).toBool();
    r.match.segmentation = o.value(QStringLiteral("segmentation")).toString();
    if (!r.match.segmentation.isEmpty() && !segmentationTemplateIds().contains(r.match.segmentation))
        return bad(QStringLiteral("segmentation must be one of %1").arg(segmentationTemplateIds().join(QStringLiteral(", "))));
    return r;
}

Result<qint64> saveEvaluation(Session &session, const QString &name, const EvaluateRequest &request, const QJsonObject &published) {
    evaluation::SavedEvaluation e;
    e.name = name;
    e.programme = request.programme;
    e.settings = evaluationSettingsJson(request);
    e.result = published;
    const QString author = session.user().name;
    qint64 id = 0;
    auto saved = session.writeRecords(QStringLiteral("evaluations"), [&](ProjectDb &db) -> Status {
        auto written = evaluation::saveEvaluation(db, e, author);
        if (!written) return written.error();
        id = written.value();
        return Ok{};
    });
    if (!saved) return saved.error();
    if (auto s = recordAsCurrentUser(session.path(), QStringLiteral("save-evaluation"),
                                     QJsonObject{{QStringLiteral("evaluation"), id},
                                                 {QStringLiteral("name"), e.name.trimmed()},
                                                 {QStringLiteral("programme"), e.programme}});
        !s)
        return s.error();
    return id;
}

Result<QJsonObject> savedEvaluationsJson(const Session &session) {
    auto all = session.read([](ProjectDb &db) { return evaluation::savedEvaluations(db); });
    if (!all) return all.error();
    QJsonArray list, damaged;
    for (const evaluation::DamagedEvaluation &d : all.value().damaged)
        damaged.append(QJsonObject{{QStringLiteral("id"), d.id}, {QStringLiteral("reason"), d.reason}});
    for (evaluation::SavedEvaluation &e : all.value().evaluations) {
        e.result.insert(QStringLiteral("summary"), evaluationSentence(e.result));  // never the stored one
        list.append(QJsonObject{{QStringLiteral("id"), e.id},
                                {QStringLiteral("name"), e.name},
                                {QStringLiteral("programme"), e.programme},
                                {QStringLiteral("saved_at"), e.savedAt.toString(Qt::ISODate)},
                                {QStringLiteral("saved_by"), e.savedBy},
                                {QStringLiteral("settings"), e.settings},
                                {QStringLiteral("result"), e.result}});
    }
    return QJsonObject{{QStringLiteral("evaluations"), list}, {QStringLiteral("damaged"), damaged}};
}

Result<std::vector<evaluation::SavedEvaluation>> publishedEvaluations(const Session &session, const disclosure::Policy &policy,
                                                                      Feedback *feedback) {
    auto all = session.read([](ProjectDb &db) { return evaluation::savedEvaluations(db); });
    if (!all) return all.error();
    if (feedback)
        for (const evaluation::DamagedEvaluation &d : all.value().damaged) feedback->pushWarning(d.reason);
    std::vector<evaluation::SavedEvaluation> out = std::move(all.value().evaluations);
    for (evaluation::SavedEvaluation &e : out) {
        e.result = disclosure::publish(e.result, evaluationFields(), policy).value.toObject();
        // Never the stored sentence, even when disclosure control is off.
        e.result.insert(QStringLiteral("summary"), evaluationSentence(e.result));
    }
    return out;
}

Result<std::vector<evaluation::Programme>> allProgrammes(const Session &session) {
    return session.read([&](ProjectDb &db) -> Result<std::vector<evaluation::Programme>> {
        auto list = evaluation::listProgrammes(db, session.project());
        if (!list) return list.error();
        std::vector<evaluation::Programme> out;
        for (const evaluation::ProgrammeSummary &s : list.value()) {
            auto p = evaluation::loadProgramme(db, session.project(), s.name);
            if (!p) return p.error();
            out.push_back(std::move(p.value()));
        }
        return out;
    });
}

const disclosure::OutputFields &savedEvaluationsFields() {
    static const disclosure::OutputFields f = [] {
        disclosure::OutputFields o = evaluationFields();
        o.labels << QStringLiteral("id") << QStringLiteral("caliper");
        o.notLines << QStringLiteral("evaluations") << QStringLiteral("damaged");
        return o;
    }();
    return f;
}

}  // namespace phm::core::ops
