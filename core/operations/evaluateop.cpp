#include "operations/evaluateop.h"

#include "cohorts/cohortbase.h"
#include "stratify/riskmodel.h"
#include "stratify/segmentation.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <cmath>
#include <optional>
#include <random>
#include <set>

namespace phm::core::ops {

using namespace evaluation;

namespace {
constexpr int64_t kMinMatched = 10;
constexpr int kMinReplicates = 100;  // bootstrap replicates, when there are any
bool isConfidenceLevel(double c) { return c == 0.8 || c == 0.9 || c == 0.95 || c == 0.99; }
constexpr int64_t kMinAreaPopulation = 1000;  // people registered in an area a time series is of
constexpr double kMinEvents = 10;             // outcome units among the people a model is of, before and after

Error cancelled() { return Error{ErrorCode::Canceled, QStringLiteral("Cancelled."), {}}; }

Status checkWindow(const EvaluateRequest &r) {
    for (const auto &[name, months] : {std::pair{"--pre-months", r.preMonths}, std::pair{"--post-months", r.postMonths}})
        if (months < 3 || months > 36 || months % 3 != 0)
            return Error{
                ErrorCode::BadOption,
                QStringLiteral("%1 must be 3, 6, 9, ... 36 (the event study is by quarter); got %2").arg(QLatin1String(name)).arg(months),
                {}};
    // A handful of replicates would make an interval's ends single resamples, each a known sum of
    // a few people's events: 0 (no interval) or at least 100.
    if (r.replicates != 0 && (r.replicates < kMinReplicates || r.replicates > 10000))
        return Error{ErrorCode::BadOption,
                     QStringLiteral("the bootstrap takes 0 or %1 to 10000 replicates; got %2").arg(kMinReplicates).arg(r.replicates),
                     {}};
    return Ok{};
}

// Enrolled people whose window has at least 3 months inside the extract before and after the
// index date; the others are counted, not evaluated.
std::vector<Enrolled> evaluable(const Project &project, const Programme &p, EvaluateRun &run) {
    std::vector<Enrolled> out;
    const double need = 3 * kMonthDays;
    for (size_t i = 0; i < p.people.size(); ++i) {
        const int32_t index = p.enrolled[i];
        const bool before = index - project.extractStart >= need, after = project.extractEnd + 1 - index >= need;
        // Controls are people still registered at the end of the enrolment month (matching.cpp),
        // so the enrolled are too: someone who died or left in their enrolment month is not compared.
        const int32_t monthEnd = std::min(project.extractEnd, addMonths(monthStart(index), 1) - 1);
        if (!before || !after)
            ++run.excludedWindow;
        else if (!project.persons.isRegistered(p.people[i], monthEnd))
            ++run.excludedLeft;
        else
            out.push_back({p.people[i], index});
    }
    return out;
}

// Sums one person's months into a set's arm, weighted (1 / k for each of k controls).
void addPerson(const Project &project, const EvaluateRun &run, int32_t person, int32_t index, double weight, std::vector<double> &units,
               std::vector<double> &atRisk, PersonMonths &buffer, double *cost = nullptr) {
    const EvaluateRequest &r = run.request;
    relativeMonths(project, r.outcome, person, index, r.preMonths, r.postMonths, buffer, run.custom.get());
    for (size_t m = 0; m < units.size(); ++m) units[m] += weight * buffer.units[m], atRisk[m] += weight * buffer.atRisk[m];
    if (cost)
        for (int m = 0; m < r.preMonths; ++m) *cost += buffer.cost[size_t(m)];
}

// The risk score and segments matching may ask for, measured on a covariate date: the project's
// risk model (trained once, on first use) scored on data up to the date, and the segments of a
// bundled template on the date.
Result<MeasureAt> matchMeasures(const Session &session, const MatchOptions &o) {
    std::optional<SegmentationTemplate> segmentation;  // checked and loaded once, used on every date
    if (!o.segmentation.isEmpty()) {
        if (!segmentationTemplateIds().contains(o.segmentation))
            return Error{ErrorCode::BadOption,
                         QStringLiteral("no segmentation template \"%1\" to match on (there are %2)")
                             .arg(o.segmentation, segmentationTemplateIds().join(QStringLiteral(", "))),
                         o.segmentation};
        auto t = loadSegmentationTemplate(o.segmentation);
        if (!t) return t.error();
        segmentation = std::move(t.value());
    }
    auto model = std::make_shared<std::optional<RiskModelResult>>();
    return MeasureAt([&session, o, model, segmentation](int32_t date) -> Result<DateMeasures> {
        const Project &project = session.project();
        DateMeasures m;
        if (o.riskScore) {
            if (!*model) {
                auto trained = trainRiskModel(project, session.codeLists());
                if (!trained) return trained.error();
                *model = std::move(trained.value());
            }
            if (auto s = scoreRiskModel(**model, project, session.codeLists(), {}, date); !s) return s.error();
            m.risk = (*model)->score;
        }
        if (segmentation) {
            auto segmented = segmentPopulation(project, session.codeLists(), *segmentation, date);
            if (!segmented) return segmented.error();
            m.segment = std::move(segmented.value().segmentOf);
            for (size_t s = 1; s < segmented.value().segments.size(); ++s) m.segmentNames << segmented.value().segments[s].name;
        }
        return m;
    });
}

Status runDid(const Session &session, const EvaluateRequest &r, const Programme &programme, EvaluateRun &run, Feedback &feedback) {
    const Project &project = session.project();
    const std::vector<Enrolled> people = evaluable(project, programme, run);
    run.evaluable = int64_t(people.size());
    if (people.empty())
        return Error{
            ErrorCode::OutsideData,
            // No numbers: an error does not pass disclosure control, and the sizes of a frozen
            // cohort and its parts are what an attacker would ask it for.
            QStringLiteral("none of the people enrolled in \"%1\" can be evaluated: each has less than 3 months of data before "
                           "or after enrolment inside the extract (%2 to %3), or died or left their practice in their enrolment month")
                .arg(r.programme, QString::fromStdString(isoDate(project.extractStart)),
                     QString::fromStdString(isoDate(project.extractEnd))),
            r.programme};
    boost::dynamic_bitset<uint64_t> excluded(size_t(project.persons.count));
    for (int32_t p : programme.people) excluded.set(size_t(p));
    auto measure = matchMeasures(session, r.match);
    if (!measure) return measure.error();
    auto matched = matchControls(project, session.codeLists(), people, excluded, r.match, feedback, measure.value());
    if (!matched) return matched.error();
    run.matching = std::move(matched.value());
    if (int64_t(run.matching.sets.size()) < kMinMatched)
        return Error{ErrorCode::TooFewPeople,
                     QStringLiteral("fewer than %1 of the people enrolled in \"%2\" could be matched to a control; "
                                    "widen the caliper, match by CEM or drop --same-pcn")
                         .arg(kMinMatched)
                         .arg(r.programme),
                     r.programme};
    const size_t months = size_t(r.preMonths + r.postMonths);
    std::vector<SetMonths> sets;
    std::set<int32_t> distinct;
    PersonMonths buffer;
    double cost = 0, unitsPre = 0;
    for (const MatchedSet &s : run.matching.sets) {
        if (feedback.isCanceled()) return cancelled();
        SetMonths m{std::vector<double>(months), std::vector<double>(months), std::vector<double>(months), std::vector<double>(months)};
        addPerson(project, run, s.treated, s.index, 1.0, m.treatedUnits, m.treatedAtRisk, buffer, &cost);
        for (int k = 0; k < r.preMonths; ++k) unitsPre += m.treatedUnits[size_t(k)];
        for (int32_t c : s.controls) {
            addPerson(project, run, c, s.index, 1.0 / double(s.controls.size()), m.controlUnits, m.controlAtRisk, buffer);
            distinct.insert(c);
        }
        sets.push_back(std::move(m));
    }
    run.controls = int64_t(distinct.size());
    const bool pounds = r.outcome == Outcome::Cost || (run.custom && run.custom->cost);
    run.costPerUnit = pounds ? 1.0 : unitsPre > 0 ? cost / unitsPre : 0.0;
    run.costPre = pounds ? unitsPre : cost, run.unitsPre = unitsPre;
    feedback.setProgress(75);
    run.did = differenceInDifferences(sets, r.preMonths, r.postMonths, r.replicates, r.match.seed, r.confidence);
    // The monthly rates around the index date, for the chart.
    for (size_t m = 0; m < months; ++m) {
        double tu = 0, tr = 0, cu = 0, cr = 0;
        for (const SetMonths &s : sets)
            tu += s.treatedUnits[m], tr += s.treatedAtRisk[m], cu += s.controlUnits[m], cr += s.controlAtRisk[m];
        run.monthly.push_back({double(int(m) - r.preMonths), tu, tr, cu, cr});
    }
    // A model of a few events would give them back (a custom outcome can count any code list):
    // too few among the enrolled before or after, and there is no estimate; a quarter with too few
    // gets no coefficient of its own.
    double before = 0, after = 0;
    for (size_t m = 0; m < months; ++m) (int(m) < r.preMonths ? before : after) += run.monthly[m][1];
    if (before < kMinEvents || after < kMinEvents)
        return Error{ErrorCode::TooFewPeople,
                     QStringLiteral("the people evaluated had fewer than %1 %2 before or after enrolment: too few to publish an estimate")
                         .arg(kMinEvents)
                         .arg(QLatin1String(outcomeInfo(r.outcome).unit)),
                     r.programme};
    for (PeriodEffect &q : run.did.eventStudy) {
        double units = 0;
        for (int k = 0; k < 3; ++k) {
            const int m = (q.period + r.preMonths / 3) * 3 + k;
            if (m >= 0 && m < int(months)) units += run.monthly[size_t(m)][1];
        }
        if (units < kMinEvents) q.effect = {NAN, NAN, NAN};
    }
    // Why matching matters: the enrolled before and after, and against people picked at random.
    const double pre = run.did.treatedPre, post = run.did.treatedPost;
    run.beforeAfter = {post - pre, pre > 0 ? (post - pre) / pre : 0.0};
    std::mt19937_64 rng(r.match.seed ^ 0xA11CE);
    double ru = 0, rr = 0;
    for (const Enrolled &e : people) {
        for (int tries = 0; tries < 50; ++tries) {
            const auto c = int32_t(rng() % uint64_t(project.persons.count));
            if (excluded.test(size_t(c)) || !project.persons.isRegistered(c, e.index - 1)) continue;
            relativeMonths(project, r.outcome, c, e.index, r.preMonths, r.postMonths, buffer, run.custom.get());
            for (int m = r.preMonths; m < r.preMonths + r.postMonths; ++m) ru += buffer.units[size_t(m)], rr += buffer.atRisk[size_t(m)];
            break;
        }
    }
    const double random = rr > 0 ? ru / rr : 0.0;
    run.unmatched = {post - random, random > 0 ? (post - random) / random : 0.0};
    return Ok{};
}
}  // namespace

namespace {
Result<Area> areaNamed(const AreaIndex &areas, const QString &wanted) {
    if (wanted.compare(QStringLiteral("ics"), Qt::CaseInsensitive) == 0) return Area{Area::Ics, 0};
    for (Area::Kind k : {Area::Pcn, Area::Practice, Area::Place, Area::Alliance, Area::Lsoa})
        if (auto a = findArea(areas, k, wanted)) return a.value();
    return Error{ErrorCode::UnknownArea, QStringLiteral("no practice, PCN, place, care alliance or LSOA called \"%1\"").arg(wanted),
                 wanted};
}

// The area's units and person-months at risk month by month, in months from the start date.
struct AreaMonths {
    std::vector<double> units, atRisk;
    std::vector<double> rate() const {  // per 1,000 person-months
        std::vector<double> out;
        for (size_t m = 0; m < units.size(); ++m) out.push_back(atRisk[m] > 0 ? 1000 * units[m] / atRisk[m] : 0.0);
        return out;
    }
};
AreaMonths areaSeries(const Session &session, const Area &area, const EvaluateRun &run, int32_t start, int pre, int post,
                      int64_t &population) {
    const Project &project = session.project();
    AreaMonths out{std::vector<double>(size_t(pre + post)), std::vector<double>(size_t(pre + post))};
    PersonMonths buffer;
    population = 0;
    for (int32_t p = 0; p < project.persons.count; ++p) {
        if (!session.areas().contains(area, p)) continue;
        population += project.persons.isRegistered(p, start);
        relativeMonths(project, run.request.outcome, p, start, pre, post, buffer, run.custom.get());
        for (size_t m = 0; m < out.units.size(); ++m) out.units[m] += buffer.units[m], out.atRisk[m] += buffer.atRisk[m];
    }
    return out;
}

Status runIts(const Session &session, const EvaluateRequest &r, const Programme *programme, EvaluateRun &run) {
    const Project &project = session.project();
    if (r.area.isEmpty())
        return Error{
            ErrorCode::BadOption, QStringLiteral("an interrupted time series needs --area (the practice, PCN or place served)"), {}};
    auto area = areaNamed(session.areas(), r.area);
    if (!area) return area.error();
    run.areaName = session.areas().name(area.value()), run.areaCode = session.areas().code(area.value());
    int32_t start = r.start;
    if (start == kNoDate && programme && !programme->enrolled.empty())
        start = *std::min_element(programme->enrolled.begin(), programme->enrolled.end());
    if (start == kNoDate) return Error{ErrorCode::BadOption, QStringLiteral("an interrupted time series needs --start or --programme"), {}};
    if (start <= project.extractStart || start > project.extractEnd)
        return Error{ErrorCode::OutsideData,
                     QStringLiteral("the start date %1 is outside the extract (%2 to %3)")
                         .arg(QString::fromStdString(isoDate(start)), QString::fromStdString(isoDate(project.extractStart)),
                              QString::fromStdString(isoDate(project.extractEnd))),
                     {}};
    run.startDate = start;
    // Whole months each side, to the nearest (a year of 365 days is 11.99 months of 30.44 days).
    const int pre = int(std::lround((start - project.extractStart) / kMonthDays)),
              post = int(std::lround((project.extractEnd + 1 - start) / kMonthDays));
    const AreaMonths here = areaSeries(session, area.value(), run, start, pre, post, run.areaPopulation);
    // A rate of a small area, month by month, is a small count: too few people and it would tell
    // one person's events (a custom outcome counts any code list).
    if (run.areaPopulation < kMinAreaPopulation)
        return Error{ErrorCode::TooFewPeople,
                     QStringLiteral("%1 has fewer than %2 people registered at the start: too few for an interrupted time series")
                         .arg(run.areaName)
                         .arg(kMinAreaPopulation),
                     run.areaCode};
    // Too few events in an area (or its comparison) before or after the start: no model of them.
    auto enoughEvents = [&](const AreaMonths &a, const QString &name, const QString &code) -> Status {
        double before = 0, after = 0;
        for (size_t m = 0; m < a.units.size(); ++m) (int(m) < pre ? before : after) += a.units[m];
        if (before >= kMinEvents && after >= kMinEvents) return Ok{};
        return Error{ErrorCode::TooFewPeople,
                     QStringLiteral("%1 had fewer than %2 %3 before or after the start: too few to publish a time series")
                         .arg(name)
                         .arg(kMinEvents)
                         .arg(QLatin1String(outcomeInfo(r.outcome).unit)),
                     code};
    };
    if (auto s = enoughEvents(here, run.areaName, run.areaCode); !s) return s;
    AreaMonths there{std::vector<double>(here.units.size()), std::vector<double>(here.units.size())};
    if (!r.comparison.isEmpty()) {
        auto other = areaNamed(session.areas(), r.comparison);
        if (!other) return other.error();
        run.comparisonName = session.areas().name(other.value());
        there = areaSeries(session, other.value(), run, start, pre, post, run.comparisonPopulation);
        if (run.comparisonPopulation < kMinAreaPopulation)
            return Error{ErrorCode::TooFewPeople,
                         QStringLiteral("the comparison area %1 has fewer than %2 people registered at the start")
                             .arg(run.comparisonName)
                             .arg(kMinAreaPopulation),
                         r.comparison};
        if (auto s = enoughEvents(there, QStringLiteral("the comparison area %1").arg(run.comparisonName), r.comparison); !s) return s;
    }
    const std::vector<double> y = here.rate(), comparison = r.comparison.isEmpty() ? std::vector<double>{} : there.rate();
    std::vector<double> modelled = y;
    for (size_t m = 0; m < comparison.size(); ++m) modelled[m] -= comparison[m];
    auto fit = segmentedRegression(modelled, pre, -1, r.confidence, r.itsErrors);
    if (!fit) return fit.error();
    run.its = fit.value();
    for (size_t m = 0; m < y.size(); ++m)
        run.series.push_back({double(int(m) - pre), here.units[m], here.atRisk[m], there.units[m], there.atRisk[m]});
    return Ok{};
}
}  // namespace

Result<EvaluateRun> runEvaluation(const Session &session, const EvaluateRequest &request, Feedback &feedback) {
    QElapsedTimer timer;
    timer.start();
    if (auto s = checkWindow(request); !s) return s.error();
    // A few standard levels only: the ends of an interval at many levels would trace out its
    // standard error more finely than the grid its ends are published on.
    if (!isConfidenceLevel(request.confidence))
        return Error{ErrorCode::BadConfidence, QStringLiteral("the confidence level must be 0.8, 0.9, 0.95 or 0.99"), {}};
    EvaluateRun run;
    run.request = request;
    if (request.outcome == Outcome::Custom) {
        auto custom = customOutcome(session.project(), session.codeLists(), request.customOutcome);
        if (!custom) return custom.error();
        run.custom = std::make_shared<const CustomOutcome>(std::move(custom.value()));
    }
    std::optional<Programme> programme;
    if (!request.programme.isEmpty() || request.method == EvaluationMethod::Did) {
        if (request.programme.isEmpty()) return Error{ErrorCode::BadOption, QStringLiteral("--programme is required"), {}};
        auto loaded = session.read([&](ProjectDb &db) { return loadProgramme(db, session.project(), request.programme); });
        if (!loaded) return loaded.error();
        programme = std::move(loaded.value());
        run.programmeSource = programme->source;
        run.enrolled = int64_t(programme->people.size());
    }
    feedback.setProgress(5);
    const Status s = request.method == EvaluationMethod::Did ? runDid(session, request, *programme, run, feedback)
                                                             : runIts(session, request, programme ? &*programme : nullptr, run);
    if (!s) return s.error();
    if (feedback.isCanceled()) return cancelled();
    feedback.setProgress(100);
    run.ms = timer.nsecsElapsed() / 1e6;
    return run;
}

Result<QJsonObject> programmesJson(const Session &session) {
    auto list = session.read([&](ProjectDb &db) { return listProgrammes(db, session.project()); });
    if (!list) return list.error();
    QJsonArray rows;
    for (const ProgrammeSummary &p : list.value())
        rows.append(QJsonObject{{QStringLiteral("name"), p.name},
                                {QStringLiteral("source"), p.source},
                                {QStringLiteral("enrolled"), qint64(p.enrolled)},
                                {QStringLiteral("first"), QString::fromStdString(isoDate(p.first))},
                                {QStringLiteral("last"), QString::fromStdString(isoDate(p.last))}});
    return QJsonObject{{QStringLiteral("programmes"), rows}};
}

const disclosure::OutputFields &programmesFields() {
    static const disclosure::OutputFields f = [] {
        disclosure::OutputFields o;
        o.counts = {QStringLiteral("enrolled")};
        o.notLines = {QStringLiteral("programmes")};  // programmes overlap; each is its own group
        return o;
    }();
    return f;
}

}  // namespace phm::core::ops
