// evaluationJson and its field declarations (evaluateop.h): what `phm evaluate --json` prints.
#include "operations/evaluateop.h"

#include <QJsonArray>
#include <cmath>
#include <tuple>

namespace phm::core::ops {

using namespace evaluation;

namespace {
QString methodKey(EvaluationMethod m) { return m == EvaluationMethod::Did ? QStringLiteral("did") : QStringLiteral("its"); }
QString matchKey(MatchMethod m) { return m == MatchMethod::Psm ? QStringLiteral("psm") : QStringLiteral("cem"); }

struct Effect {
    double estimate, lower, upper, relative, relativeLower, relativeUpper;
};

QJsonObject effectJson(const Effect &e) {
    return {{QStringLiteral("estimate"), e.estimate},
            {QStringLiteral("lower"), e.lower},
            {QStringLiteral("upper"), e.upper},
            {QStringLiteral("relative"), e.relative},
            {QStringLiteral("relative_lower"), e.relativeLower},
            {QStringLiteral("relative_upper"), e.relativeUpper}};
}

// The estimate as written in a sentence: the published figure (three significant figures), its
// sign kept, never "-0".
QString figure(const QJsonValue &v) {
    if (!v.isDouble()) return QStringLiteral("*");
    return disclosure::significantText(v.toDouble(), 3);
}
QString wholePercent(const QJsonValue &v) {
    if (!v.isDouble()) return QStringLiteral("*");
    const double rounded = std::round(100 * v.toDouble());
    return QString::number(rounded == 0 ? 0.0 : rounded, 'f', 0);
}
}  // namespace

QString itsErrorsKey(ItsErrors e) { return e == ItsErrors::NeweyWest ? QStringLiteral("newey_west") : QStringLiteral("prais_winsten"); }

std::optional<ItsErrors> itsErrorsNamed(const QString &key) {
    if (key == QLatin1String("prais_winsten") || key == QLatin1String("prais-winsten")) return ItsErrors::PraisWinsten;
    if (key == QLatin1String("newey_west") || key == QLatin1String("newey-west")) return ItsErrors::NeweyWest;
    return std::nullopt;
}

namespace {
// A standard deviation a standardised difference is in, as published: two significant figures.
QJsonValue coarse(const QJsonValue &v) {
    return v.isDouble() && v.toDouble() > 0 ? QJsonValue(QString::number(v.toDouble(), 'g', 2).toDouble()) : QJsonValue();
}

// A balance row's standardised difference from its published means (after matching, the matched
// enrolled's mean from their published total and number), in the published SD; two figures.
QJsonValue smd(const QJsonObject &b, bool after) {
    const QJsonValue sd = coarse(b.value(QStringLiteral("pooled_sd")));
    double treated = b.value(QStringLiteral("treated_mean")).toDouble(NAN);
    if (after) {
        const double total = b.value(QStringLiteral("matched_treated_total")).toDouble(NAN),
                     people = b.value(QStringLiteral("matched_people")).toDouble(NAN), unit = b.value(QStringLiteral("unit")).toDouble(1);
        treated = people > 0 && unit > 0 ? unit * total / people : NAN;
    }
    const double control = b.value(after ? QStringLiteral("control_mean_after") : QStringLiteral("control_mean_before")).toDouble(NAN);
    if (!sd.isDouble() || std::isnan(treated) || std::isnan(control)) return {};
    const double d = (treated - control) / sd.toDouble();
    return QString::number(std::abs(d) < 1e-12 ? 0.0 : d, 'g', 2).toDouble();
}
}  // namespace

// The rates' counterfactual from the published rates (an object without them keeps its value).
QJsonValue counterfactualOf(const QJsonObject &r) {
    const QJsonValue pre = r.value(QStringLiteral("treated_pre")), cPre = r.value(QStringLiteral("control_pre")),
                     cPost = r.value(QStringLiteral("control_post"));
    if (!r.contains(QStringLiteral("treated_pre"))) return r.value(QStringLiteral("counterfactual"));
    if (!pre.isDouble() || !cPre.isDouble() || !cPost.isDouble()) return {};
    return QString::number(pre.toDouble() + cPost.toDouble() - cPre.toDouble(), 'g', 4).toDouble();
}
// An effect per person-month (as published) per 1,000 people a year, and in pounds a month for
// the published number enrolled at the published cost of a unit.
QJsonValue perYear(const QJsonObject &o, const char *key) {
    const QJsonValue v = o.value(QStringLiteral("effect")).toObject().value(QLatin1String(key));
    return v.isDouble() && o.value(QStringLiteral("treated")).isDouble()
               ? QJsonValue(QString::number(12000 * v.toDouble(), 'g', 3).toDouble())
               : QJsonValue();
}
QJsonValue perMonth(const QJsonObject &o, const char *key) {
    const QJsonValue v = o.value(QStringLiteral("effect")).toObject().value(QLatin1String(key)),
                     unit = o.value(QStringLiteral("cost_per_unit")), people = o.value(QStringLiteral("treated"));
    if (!v.isDouble() || !unit.isDouble() || !people.isDouble()) return {};
    return QString::number(v.toDouble() * unit.toDouble() * people.toDouble(), 'g', 3).toDouble();
}

QString outcomeKey(const EvaluateRequest &request) {
    return request.outcome == Outcome::Custom ? request.customOutcome.trimmed() : QLatin1String(outcomeInfo(request.outcome).key);
}

Status outcomeFrom(const QString &key, EvaluateRequest &request) {
    if (const auto builtIn = outcomeNamed(key)) {
        request.outcome = *builtIn;
        request.customOutcome.clear();
        return Ok{};
    }
    if (!isCustomOutcomeText(key) || key.size() > kMaxCustomOutcomeText)
        return Error{ErrorCode::BadOption,
                     QStringLiteral("outcome must be one of %1, or an event query such as count(apc, emergency, @acs_chronic)")
                         .arg(outcomeKeys().join(QStringLiteral(", "))),
                     key.left(kMaxCustomOutcomeText)};
    request.outcome = Outcome::Custom;
    request.customOutcome = key.trimmed();
    return Ok{};
}

QString evaluationSentence(const QJsonObject &o) {
    // Only a built-in outcome's title is written: a custom query (or an edited file's text) is not
    // repeated in the sentence.
    const auto outcome = outcomeNamed(o.value(QStringLiteral("outcome")).toString());
    const QString title = outcome ? QString::fromLatin1(outcomeInfo(*outcome).title) : QStringLiteral("The custom outcome");
    const bool did = o.value(QStringLiteral("method")).toString() == QLatin1String("did");
    const QJsonObject effect = o.value(QStringLiteral("effect")).toObject();
    // The unit people read: per 1,000 enrolled a year (matched comparison), or the area's rate.
    const QJsonValue estimate = did ? o.value(QStringLiteral("per_1000_per_year")) : effect.value(QStringLiteral("estimate")),
                     lower = did ? o.value(QStringLiteral("per_1000_per_year_lower")) : effect.value(QStringLiteral("lower")),
                     upper = did ? o.value(QStringLiteral("per_1000_per_year_upper")) : effect.value(QStringLiteral("upper"));
    if (!estimate.isDouble() || !lower.isDouble() || !upper.isDouble())
        return QStringLiteral("%1: the change is not shown, as the people it rests on are too few to publish.").arg(title);
    const QString per = did ? QStringLiteral("per 1,000 enrolled people a year") : QStringLiteral("per 1,000 person-months");
    // A change read as people say it: "141 fewer", "68.4 more", "no change".
    auto change = [](const QJsonValue &v) {
        const QString size = figure(QJsonValue(std::abs(v.toDouble())));
        return size == QLatin1String("0") ? QStringLiteral("no change")
                                          : size + (v.toDouble() < 0 ? QStringLiteral(" fewer") : QStringLiteral(" more"));
    };
    const double confidence = o.value(QStringLiteral("confidence")).toDouble(0.95);
    const QString level = confidence > 0.5 && confidence < 1 ? QString::number(100 * confidence, 'g', 3) : QStringLiteral("95");
    QString s = QStringLiteral("%1: %2 %3 than expected without the programme (%4% interval: %5 to %6), a change of %7% (%8% to %9%). ")
                    .arg(title, change(estimate), per)
                    .arg(level)
                    .arg(change(lower), change(upper), wholePercent(effect.value(QStringLiteral("relative"))),
                         wholePercent(effect.value(QStringLiteral("relative_lower"))),
                         wholePercent(effect.value(QStringLiteral("relative_upper"))));
    if (lower.toDouble() > 0 || upper.toDouble() < 0)
        s += QStringLiteral("The interval excludes no change: chance alone is an unlikely explanation.");
    else
        s += QStringLiteral("The interval includes no change: the data are consistent with the programme making no difference.");
    return s;
}

namespace {
// What one unit of a published total is: an outcome in pounds is counted in thousands, and a
// covariate that is not 0/1 or a count of events in a step larger than one person is likely to
// differ by (twenty years of age, two eFI deficits, £2,000), so that rounding a total to the
// base hides what one person adds to it.
double unitSize(const EvaluateRun &run) { return run.request.outcome == Outcome::Cost || (run.custom && run.custom->cost) ? 1000.0 : 1.0; }
double covariateUnit(const QString &covariate) {
    static const std::pair<const char *, double> units[] = {{"age", 20},      {"imd_quintile", 5}, {"efi_deficits", 2},
                                                            {"ltc_count", 3}, {"cost_12m", 2000},  {"risk_score", 0.2}};
    for (const auto &[key, unit] : units)
        if (covariate == QLatin1String(key)) return unit;
    return 1;
}

// Months at risk are published in person-years (a quarter's in person-quarters): one person adds
// up to a window's months, so months rounded to 5 would tell who died or left after enrolment.
constexpr double kMonthsUnit = 12, kQuarterUnit = 3;
// A month with fewer events than this among a group shows no rate: a month of 0 that turns
// suppressed when one person is added would date that person's event.
constexpr double kMinMonthUnits = 10;

// The rates before and after the index date with the units and months at risk they are of (the
// controls' weighted 1/k), so they are published from the published counts.
QJsonObject ratesJson(const EvaluateRun &run) {
    const DidResult &d = run.did;
    double sums[2][4] = {};  // [pre, post][treated units, months, control units, months]
    for (const auto &m : run.monthly)
        for (int k = 0; k < 4; ++k) sums[m[0] < 0 ? 0 : 1][k] += m[size_t(k) + 1] / (k % 2 == 0 ? unitSize(run) : kMonthsUnit);
    QJsonObject o{{QStringLiteral("treated_pre"), d.treatedPre},
                  {QStringLiteral("treated_post"), d.treatedPost},
                  {QStringLiteral("control_pre"), d.controlPre},
                  {QStringLiteral("control_post"), d.controlPost},
                  {QStringLiteral("counterfactual"), d.counterfactual}};
    const char *groups[] = {"treated", "control"}, *periods[] = {"pre", "post"};
    for (int p = 0; p < 2; ++p)
        for (int g = 0; g < 2; ++g) {
            const QString stem = QStringLiteral("%1_%2_").arg(QLatin1String(groups[g]), QLatin1String(periods[p]));
            o.insert(stem + QStringLiteral("units"), sums[p][2 * g]);
            o.insert(stem + QStringLiteral("months"), sums[p][2 * g + 1]);
        }
    return o;
}

// The event study by quarter, each with the months it rests on.
void eventStudyJson(const EvaluateRun &run, QJsonArray &eventStudy, QJsonArray &preTrend) {
    auto quarterMonths = [&](int period) {  // the enrolled's months at risk in quarter `period`
        double months = 0;
        for (const auto &m : run.monthly)
            if (int(std::floor(m[0] / 3)) == period) months += m[2];
        return months;
    };
    for (const PeriodEffect &p : run.did.eventStudy) {
        auto value = [](double v) { return std::isnan(v) ? QJsonValue() : QJsonValue(v); };  // withheld: too few events
        QJsonObject o{{QStringLiteral("period"), p.period},
                      {QStringLiteral("estimate"), value(p.effect.estimate)},
                      {QStringLiteral("lower"), value(p.effect.lower)},
                      {QStringLiteral("upper"), value(p.effect.upper)},
                      // what its precision is bounded by: the fewer months of it and the reference quarter
                      {QStringLiteral("treated_months"), std::min(quarterMonths(p.period), quarterMonths(-1)) / kQuarterUnit},
                      {QStringLiteral("months_unit"), kQuarterUnit},
                      {QStringLiteral("per_month_scale"), unitSize(run) / kQuarterUnit}};
        eventStudy.append(o);
        if (p.period < -1) preTrend.append(o);
    }
}

// The monthly rates of the enrolled and their controls around the index date, for the chart.
QJsonArray monthlyJson(const EvaluateRun &run) {
    QJsonArray monthly;
    auto shown = [](double units, double v) { return units < kMinMonthUnits ? QJsonValue() : QJsonValue(v); };
    for (const auto &m : run.monthly)
        monthly.append(QJsonObject{{QStringLiteral("month"), int(m[0])},
                                   {QStringLiteral("treated_rate"), shown(m[1], m[2] > 0 ? m[1] / m[2] : 0.0)},
                                   {QStringLiteral("control_rate"), shown(m[3], m[4] > 0 ? m[3] / m[4] : 0.0)},
                                   {QStringLiteral("treated_units"), shown(m[1], m[1] / unitSize(run))},
                                   {QStringLiteral("treated_months"), m[2]},
                                   {QStringLiteral("control_units"), shown(m[3], m[3] / unitSize(run))},
                                   {QStringLiteral("control_months"), m[4]}});
    return monthly;
}

QJsonObject didJson(const EvaluateRun &run) {
    const DidResult &d = run.did;
    const Effect effect{d.effect.estimate, d.effect.lower, d.effect.upper, d.relative.estimate, d.relative.lower, d.relative.upper};
    const double year = 12 * 1000;  // per person-month -> per 1,000 people per year
    const Effect scaled{effect.estimate * year, effect.lower * year,  effect.upper * year,
                        effect.relative,        effect.relativeLower, effect.relativeUpper};
    QJsonArray balance, preTrend, eventStudy, monthly;
    for (const BalanceRow &b : run.matching.balance) {
        const double unit = covariateUnit(b.covariate);
        balance.append(QJsonObject{{QStringLiteral("covariate"), b.covariate},
                                   {QStringLiteral("unit"), unit},
                                   {QStringLiteral("treated_mean"), b.treatedMean},
                                   {QStringLiteral("control_mean_before"), b.controlBefore},
                                   {QStringLiteral("control_mean_after"), b.controlAfter},
                                   {QStringLiteral("smd_before"), b.smdBefore},
                                   {QStringLiteral("smd_after"), b.smdAfter},
                                   {QStringLiteral("balanced"), std::abs(b.smdAfter) < 0.1},
                                   {QStringLiteral("enrolled_people"), b.enrolledPeople},
                                   {QStringLiteral("enrolled_total"), b.enrolledTotal / unit},
                                   {QStringLiteral("candidates"), b.candidates},
                                   {QStringLiteral("candidate_total"), b.candidateTotal / unit},
                                   {QStringLiteral("matched_people"), b.matchedPeople},
                                   {QStringLiteral("matched_treated_total"), b.matchedTreatedTotal / unit},
                                   {QStringLiteral("matched_control_total"), b.matchedControlTotal / unit},
                                   {QStringLiteral("pooled_sd"), b.pooledSd}});
    }
    eventStudyJson(run, eventStudy, preTrend);
    monthly = monthlyJson(run);
    const double enrolled = double(run.matching.sets.size());
    // One event before moves the rate before by 1 / its months, one after by 1 / theirs: the
    // estimates are bounded by the fewer.
    double fewest = 0, monthsBefore = 0;
    for (const auto &m : run.monthly) (m[0] < 0 ? monthsBefore : fewest) += m[2];
    fewest = std::min(fewest, monthsBefore);
    return QJsonObject{{QStringLiteral("match"), matchKey(run.request.match.method)},
                       {QStringLiteral("ratio"), run.request.match.ratio},
                       {QStringLiteral("treated"), qint64(run.matching.sets.size())},
                       {QStringLiteral("controls"), qint64(run.controls)},
                       {QStringLiteral("unmatched"), qint64(run.matching.unmatched)},
                       {QStringLiteral("balance"), balance},
                       {QStringLiteral("effect"), effectJson(effect)},
                       {QStringLiteral("rates"), ratesJson(run)},
                       {QStringLiteral("treated_months_post"), d.treatedMonthsPost / kMonthsUnit},
                       {QStringLiteral("treated_fewest_months"), fewest / kMonthsUnit},
                       {QStringLiteral("months_unit"), kMonthsUnit},
                       {QStringLiteral("per_month_scale"), unitSize(run) / kMonthsUnit},
                       {QStringLiteral("cost_pre_units"), run.costPre / 1000},
                       {QStringLiteral("outcome_pre_units"), run.unitsPre / unitSize(run)},
                       {QStringLiteral("cost_scale"), 1000 / unitSize(run)},
                       {QStringLiteral("counterfactual_units"), d.counterfactual * fewest / unitSize(run)},
                       {QStringLiteral("per_1000_per_year"), scaled.estimate},
                       {QStringLiteral("per_1000_per_year_lower"), scaled.lower},
                       {QStringLiteral("per_1000_per_year_upper"), scaled.upper},
                       {QStringLiteral("cost_per_unit"), run.costPerUnit},
                       {QStringLiteral("cost_per_month"), effect.estimate * run.costPerUnit * enrolled},
                       {QStringLiteral("cost_per_month_lower"), effect.lower * run.costPerUnit * enrolled},
                       {QStringLiteral("cost_per_month_upper"), effect.upper * run.costPerUnit * enrolled},
                       {QStringLiteral("pre_trend"), preTrend},
                       {QStringLiteral("event_study"), eventStudy},
                       {QStringLiteral("monthly"), monthly},
                       {QStringLiteral("naive"), QJsonObject{{QStringLiteral("before_after"), run.beforeAfter.estimate},
                                                             {QStringLiteral("before_after_relative"), run.beforeAfter.relative},
                                                             {QStringLiteral("unmatched_comparison"), run.unmatched.estimate},
                                                             {QStringLiteral("unmatched_relative"), run.unmatched.relative}}},
                       {QStringLiteral("replicates"), d.replicates}};
}

QJsonObject itsJson(const EvaluateRun &run) {
    const ItsFit &f = run.its;
    const double cf = f.counterfactual;
    auto rel = [&](double x) { return cf > 0 ? x / cf : 0.0; };
    const Effect effect{f.meanEffect,      f.meanEffectLower,      f.meanEffectUpper,
                        rel(f.meanEffect), rel(f.meanEffectLower), rel(f.meanEffectUpper)};
    QJsonArray series;
    // The area's person-months from the start, and the fewest in one month of the area or its
    // comparison: one event moves that month's rate, which the fit follows, by 1,000 / them.
    double monthsAfter = 0, fewest = INFINITY;
    for (const auto &m : run.series) {
        if (m[0] >= 0) monthsAfter += m[2];
        fewest = std::min(fewest, m[2]);
        if (!run.comparisonName.isEmpty()) fewest = std::min(fewest, m[4]);
        series.append(QJsonObject{{QStringLiteral("month"), int(m[0])},
                                  {QStringLiteral("rate"), m[2] > 0 ? 1000 * m[1] / m[2] : 0.0},
                                  {QStringLiteral("comparison_rate"), m[4] > 0 ? 1000 * m[3] / m[4] : 0.0},
                                  {QStringLiteral("units"), m[1] / unitSize(run)},
                                  {QStringLiteral("person_months"), m[2]},
                                  {QStringLiteral("comparison_units"), m[3] / unitSize(run)},
                                  {QStringLiteral("comparison_person_months"), m[4]}});
    }
    return QJsonObject{{QStringLiteral("area"), run.areaName},
                       {QStringLiteral("area_code"), run.areaCode},
                       {QStringLiteral("comparison"), run.comparisonName},
                       {QStringLiteral("start"), QString::fromStdString(isoDate(run.startDate))},
                       {QStringLiteral("treated"), qint64(run.areaPopulation)},
                       {QStringLiteral("controls"), qint64(run.comparisonPopulation)},
                       {QStringLiteral("effect"), effectJson(effect)},
                       {QStringLiteral("level_change"), f.levelChange},
                       {QStringLiteral("level_change_se"), f.se[2]},
                       {QStringLiteral("slope_change"), f.slopeChange},
                       {QStringLiteral("slope_change_se"), f.se[3]},
                       {QStringLiteral("newey_west_lag"), f.lag},
                       {QStringLiteral("errors"), itsErrorsKey(f.errors)},
                       {QStringLiteral("rho"), f.rho},
                       {QStringLiteral("level_change_se_newey_west"), f.neweyWestSe[2]},
                       {QStringLiteral("slope_change_se_newey_west"), f.neweyWestSe[3]},
                       {QStringLiteral("counterfactual"), cf},
                       {QStringLiteral("area_months_post"), monthsAfter},
                       {QStringLiteral("fewest_person_months"), std::isfinite(fewest) ? fewest : 0.0},
                       {QStringLiteral("counterfactual_units"), std::isfinite(fewest) ? cf * fewest / 1000 / unitSize(run) : 0.0},
                       {QStringLiteral("series"), series}};
}
}  // namespace

QJsonObject evaluationJson(const EvaluateRun &run) {
    QJsonObject o = run.request.method == EvaluationMethod::Did ? didJson(run) : itsJson(run);
    o.insert(QStringLiteral("programme"), run.request.programme);
    o.insert(QStringLiteral("programme_source"), run.programmeSource);
    o.insert(QStringLiteral("outcome"), outcomeKey(run.request));
    o.insert(QStringLiteral("unit"),
             run.custom && run.custom->cost ? QStringLiteral("GBP") : QLatin1String(outcomeInfo(run.request.outcome).unit));
    o.insert(QStringLiteral("method"), methodKey(run.request.method));
    o.insert(QStringLiteral("unit_size"), unitSize(run));
    o.insert(QStringLiteral("enrolled"), qint64(run.enrolled));
    o.insert(QStringLiteral("excluded_window"), qint64(run.excludedWindow));
    o.insert(QStringLiteral("excluded_left"), qint64(run.excludedLeft));
    o.insert(QStringLiteral("pre_months"), run.request.preMonths);
    o.insert(QStringLiteral("post_months"), run.request.postMonths);
    o.insert(QStringLiteral("confidence"), run.request.confidence);
    o.insert(QStringLiteral("seed"), QString::number(run.request.match.seed));
    o.insert(QStringLiteral("ms"), run.ms);
    o.insert(QStringLiteral("summary"), evaluationSentence(o));  // written again from the published figures
    return o;
}

const disclosure::OutputFields &evaluationFields() {
    static const disclosure::OutputFields f = [] {
        disclosure::OutputFields o;
        o.counts = {QStringLiteral("treated"),  QStringLiteral("controls"),        QStringLiteral("unmatched"),
                    QStringLiteral("enrolled"), QStringLiteral("excluded_window"), QStringLiteral("excluded_left")};
        using disclosure::Derivation;
        // Estimates over the enrolled (or the area): never finer than one rounding step of their
        // events, so two groups that differ by one person do not give that person's events back.
        // A rate per person-month rests on the enrolled's months after the index date (an event
        // study's quarter, on its own months); an area's rate per 1,000 person-months on the
        // area's; a relative change on the events expected without the programme.
        auto resolution = [&o](std::initializer_list<const char *> keys, QStringList counts, double scale, const QString &by) {
            for (const char *k : keys) o.derived.push_back({QLatin1String(k), counts, Derivation::Resolution, scale, by});
        };
        const QString unitSize = QStringLiteral("unit_size");
        resolution({"estimate", "lower", "upper", "before_after", "unmatched_comparison", "counterfactual"},
                   {QStringLiteral("treated_months"), QStringLiteral("treated_fewest_months")}, 1, QStringLiteral("per_month_scale"));
        resolution({"estimate", "lower", "upper", "counterfactual", "level_change", "level_change_se", "slope_change", "slope_change_se",
                    "level_change_se_newey_west", "slope_change_se_newey_west"},
                   {QStringLiteral("fewest_person_months")}, 1000, unitSize);
        resolution({"relative", "relative_lower", "relative_upper", "before_after_relative", "unmatched_relative"},
                   {QStringLiteral("counterfactual_units")}, 1, {});
        // A model statistic that is not about the enrolled's events: three significant figures.
        o.derived.push_back({QStringLiteral("rho"), {QStringLiteral("treated")}, Derivation::Statistic});
        // Means and rates over a group are published from the group's published counts (a share
        // of a few hundred people at three figures would give the exact number of people back).
        const std::tuple<const char *, const char *, const char *, double, const char *> ratios[] = {
            {"treated_mean", "enrolled_total", "enrolled_people", 1, "unit"},
            {"control_mean_before", "candidate_total", "candidates", 1, "unit"},
            {"control_mean_after", "matched_control_total", "matched_people", 1, "unit"},
            {"treated_rate", "treated_units", "treated_months", 1, "unit_size"},
            {"control_rate", "control_units", "control_months", 1, "unit_size"},
            {"rate", "units", "person_months", 1000, "unit_size"},
            {"comparison_rate", "comparison_units", "comparison_person_months", 1000, "unit_size"},
            {"treated_pre", "treated_pre_units", "treated_pre_months", 1, "per_month_scale"},
            {"treated_post", "treated_post_units", "treated_post_months", 1, "per_month_scale"},
            {"control_pre", "control_pre_units", "control_pre_months", 1, "per_month_scale"},
            {"control_post", "control_post_units", "control_post_months", 1, "per_month_scale"},
            // the enrolled's cost before the index date (in £1,000s) over their outcome units then
            {"cost_per_unit", "cost_pre_units", "outcome_pre_units", 1, "cost_scale"}};
        for (const auto &[key, num, den, scale, by] : ratios)
            o.derived.push_back(
                {QLatin1String(key), {QLatin1String(num), QLatin1String(den)}, Derivation::Ratio, scale, QLatin1String(by)});
        // What is read from the published estimates: the rates' counterfactual from the published
        // rates, the yearly figure and the pounds from the published effect.
        o.recomputed = {{QStringLiteral("counterfactual"), [](const QJsonObject &r) { return counterfactualOf(r); }},
                        {QStringLiteral("per_1000_per_year"), [](const QJsonObject &e) { return perYear(e, "estimate"); }},
                        {QStringLiteral("per_1000_per_year_lower"), [](const QJsonObject &e) { return perYear(e, "lower"); }},
                        {QStringLiteral("per_1000_per_year_upper"), [](const QJsonObject &e) { return perYear(e, "upper"); }},
                        {QStringLiteral("cost_per_month"), [](const QJsonObject &e) { return perMonth(e, "estimate"); }},
                        {QStringLiteral("cost_per_month_lower"), [](const QJsonObject &e) { return perMonth(e, "lower"); }},
                        {QStringLiteral("cost_per_month_upper"), [](const QJsonObject &e) { return perMonth(e, "upper"); }},
                        {QStringLiteral("pooled_sd"),
                         [](const QJsonObject &b) {  // the candidates' SD, shown with their published count
                             return b.value(QStringLiteral("candidates")).isDouble() ? coarse(b.value(QStringLiteral("pooled_sd")))
                                                                                     : QJsonValue();
                         }},
                        {QStringLiteral("smd_before"), [](const QJsonObject &b) { return smd(b, false); }},
                        {QStringLiteral("smd_after"), [](const QJsonObject &b) { return smd(b, true); }},
                        {QStringLiteral("balanced"), [](const QJsonObject &b) {
                             const QJsonValue after = b.value(QStringLiteral("smd_after"));
                             return after.isDouble() ? QJsonValue(std::abs(after.toDouble()) < 0.1) : QJsonValue();
                         }}};
        o.labels = {
            QStringLiteral("period"),         QStringLiteral("month"),     QStringLiteral("pre_months"),  QStringLiteral("post_months"),
            QStringLiteral("replicates"),     QStringLiteral("ratio"),     QStringLiteral("confidence"),  QStringLiteral("ms"),
            QStringLiteral("newey_west_lag"), QStringLiteral("pooled_sd"), QStringLiteral("smd_before"),  QStringLiteral("smd_after"),
            QStringLiteral("unit"),           QStringLiteral("unit_size"), QStringLiteral("months_unit"), QStringLiteral("per_month_scale"),
            QStringLiteral("cost_scale")};
        // Replaced after publishing (recomputed, above).
        for (const char *k : {"per_1000_per_year", "per_1000_per_year_lower", "per_1000_per_year_upper", "cost_per_month",
                              "cost_per_month_lower", "cost_per_month_upper"})
            o.labels << QLatin1String(k);
        o.sentences = {{QStringLiteral("summary"), evaluationSentence}};
        o.notLines = {QStringLiteral("balance"), QStringLiteral("pre_trend"), QStringLiteral("event_study"), QStringLiteral("monthly"),
                      QStringLiteral("series")};
        return o;
    }();
    return f;
}

}  // namespace phm::core::ops
