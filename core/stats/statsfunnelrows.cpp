// The funnel row builders of `phm stats` (statsrows.h): proportions and ratios of x over n, and
// rates (crude or DSR) with the population behind each rate derived as the package derives it;
// either each row against the average of all rows or the 100-point control limit lines.
#include "stats/funnel.h"
#include "stats/statsrows.h"

#include <algorithm>
#include <cmath>

namespace phm::core::stats {

QStringList limitColumns(const QString &funnel) {
    const QStringList limits = {QStringLiteral("lower_2s_limit"), QStringLiteral("upper_2s_limit"), QStringLiteral("lower_3s_limit"),
                                QStringLiteral("upper_3s_limit")};
    if (funnel == QLatin1String("ratio"))
        return QStringList{QStringLiteral("Observed_events"), QStringLiteral("lower_2s_exp_events"), QStringLiteral("upper_2s_exp_events"),
                           QStringLiteral("lower_3s_exp_events"), QStringLiteral("upper_3s_exp_events")} +
               limits;
    if (funnel == QLatin1String("rate"))
        return QStringList{QStringLiteral("Events"), QStringLiteral("lower_2s_population_1_year"),
                           QStringLiteral("upper_2s_population_1_year"), QStringLiteral("lower_3s_population_1_year"),
                           QStringLiteral("upper_3s_population_1_year")} +
               limits + QStringList{QStringLiteral("baseline")};
    return QStringList{QStringLiteral("Population")} + limits + QStringList{QStringLiteral("baseline")};
}

namespace {

// One point of the limit lines, in limitColumns' order.
QJsonObject limitRow(const QString &funnel, const std::vector<double> &values) {
    const QStringList columns = limitColumns(funnel);
    QJsonObject o;
    for (size_t i = 0; i < values.size() && i < size_t(columns.size()); ++i) o.insert(columns[qsizetype(i)], values[i]);
    return o;
}

// A rate funnel's inputs: x events and a rate per row, optionally the denominator n.
struct RateInputs {
    std::vector<double> events, rates, denominators;
};

Result<RateInputs> rateInputs(const Cells &cells, const std::vector<Group> &groups, RateType type) {
    RateInputs in;
    for (const Group &g : groups) {
        const size_t r = g.rows.front();
        auto x = cells.number(r, QStringLiteral("x"));
        if (!x) return x.error();
        auto rate = cells.number(r, QStringLiteral("rate"), x.value() > 0);  // no events: the rate may be missing
        if (!rate) return rate.error();
        auto n = cells.has(QStringLiteral("n")) ? cells.number(r, QStringLiteral("n"), false) : Result<double>(double(NAN));
        if (!n) return n.error();
        if (x.value() < 0) return cells.error(r, QStringLiteral("x"), QStringLiteral("counts must not be negative"));
        if (rate.value() < 0) return cells.error(r, QStringLiteral("rate"), QStringLiteral("rates must not be negative"));
        if (x.value() > 0 && rate.value() == 0)
            return cells.error(r, QStringLiteral("rate"), QStringLiteral("a rate of 0 with %1 events").arg(x.value()));
        if (x.value() == 0 && type == RateType::Crude && std::isnan(n.value()))
            return cells.error(r, QStringLiteral("n"), QStringLiteral("a row with no events needs its denominator"));
        in.events.push_back(x.value());
        in.rates.push_back(rate.value());
        in.denominators.push_back(n.value());
    }
    return in;
}

// Rate funnels: x events and a rate (crude or DSR) per row, optionally the denominator n; the
// population behind each rate is derived as the package derives it.
Result<QJsonArray> rateFunnelRows(const StatsInput &in) {
    const StatsRequest &rq = in.request;
    const double multiplier = in.multiplier;
    const RateType type = rq.rateType == QLatin1String("crude") ? RateType::Crude : RateType::Dsr;
    if (rq.rateType != QLatin1String("crude") && rq.rateType != QLatin1String("dsr"))
        return Error{ErrorCode::BadOption, QStringLiteral("--rate-type must be dsr or crude (got `%1`)").arg(rq.rateType), {}};
    if (!(rq.years > 0)) return Error{ErrorCode::BadOption, QStringLiteral("--years must be greater than zero"), {}};
    auto inputs = rateInputs(in.cells, in.groups, type);
    if (!inputs) return inputs.error();
    const auto &[events, rates, denominators] = inputs.value();
    QJsonArray out;
    if (rq.limits) {
        for (const RateFunnelPoint &p : rateFunnel(events, rates, denominators, type, multiplier, rq.years))
            out.append(limitRow(rq.funnel, {p.events, p.lower95Population, p.upper95Population, p.lower998Population, p.upper998Population,
                                            p.lower95, p.upper95, p.lower998, p.upper998, p.baseline}));
        return out;
    }
    const auto significance = rateSignificance(events, rates, denominators, type, multiplier);
    double sumEvents = 0, sumPopulation = 0;
    for (size_t i = 0; i < events.size(); ++i) {
        const double n = events[i] > 0 ? multiplier * events[i] / rates[i] : denominators[i];
        if (events[i] > 0 || type == RateType::Crude) {
            sumEvents += events[i];
            sumPopulation += n;
        }
    }
    for (size_t i = 0; i < events.size(); ++i) {
        // The rate's own interval from its events and derived population (Byars, exact below 10).
        const double n = events[i] > 0 ? multiplier * events[i] / rates[i] : denominators[i];
        QJsonObject o = in.groups[i].keys;
        o.insert(QStringLiteral("numerator"), events[i]);
        o.insert(QStringLiteral("denominator"), jsonNumber(n));
        putInterval(o, std::isnan(n) ? Interval{rates[i], NAN, NAN} : rate(events[i], n, in.confidence, multiplier), in.confidence);
        o.insert(QStringLiteral("value"), rates[i]);
        o.insert(QStringLiteral("baseline"), sumEvents / sumPopulation * multiplier);
        o.insert(QStringLiteral("significance"), funnelLabel(significance[i]));
        out.append(o);
    }
    return out;
}

// The control limit lines of a proportion or ratio funnel over the rows' x and n.
QJsonArray limitLines(const QString &funnel, const std::vector<std::pair<double, double>> &xn, double multiplier) {
    std::vector<double> xs, ns;
    for (const auto &[x, n] : xn) {
        xs.push_back(x);
        ns.push_back(n);
    }
    QJsonArray lines;
    if (funnel == QLatin1String("ratio"))
        for (const RatioFunnelPoint &p : ratioFunnel(ns))
            lines.append(
                limitRow(funnel, {p.observed, p.lower95Expected, p.upper95Expected, p.lower998Expected, p.upper998Expected,
                                  p.lower95 * multiplier, p.upper95 * multiplier, p.lower998 * multiplier, p.upper998 * multiplier}));
    else
        for (const FunnelPoint &p : proportionFunnel(xs, ns, multiplier))
            lines.append(limitRow(funnel, {p.denominator, p.lower95, p.upper95, p.lower998, p.upper998, p.baseline}));
    return lines;
}

}  // namespace

Result<QJsonArray> funnelRows(const StatsInput &in) {
    const StatsRequest &rq = in.request;
    const double multiplier = in.multiplier;
    const bool ratio = rq.funnel == QLatin1String("ratio");
    if (!ratio && rq.funnel != QLatin1String("proportion") && rq.funnel != QLatin1String("rate"))
        return Error{
            ErrorCode::BadOption, QStringLiteral("funnel statistic must be proportion, ratio or rate (got `%1`)").arg(rq.funnel), {}};
    if (rq.funnel == QLatin1String("rate")) return rateFunnelRows(in);
    double sx = 0, sn = 0;
    std::vector<std::pair<double, double>> xn;
    for (const Group &g : in.groups) {
        auto v = sumRows(in.cells, g, !ratio);
        if (!v) return v.error();
        if (std::isnan(v.value().first)) return in.cells.error(g.rows.front(), QStringLiteral("x"), QStringLiteral("missing value"));
        xn.push_back(v.value());
        sx += v.value().first;
        sn += v.value().second;
    }
    const double average = sx / sn;
    if (rq.limits) return limitLines(rq.funnel, xn, multiplier);
    QJsonArray out;
    for (size_t i = 0; i < xn.size(); ++i) {
        const auto [x, n] = xn[i];
        QJsonObject o = in.groups[i].keys;
        o.insert(QStringLiteral("numerator"), x);
        o.insert(QStringLiteral("denominator"), n);
        if (ratio) {
            // Observed over expected: the ratio's own interval, significance against 1.
            putInterval(o, rate(x, n, in.confidence, multiplier), in.confidence);
            o.insert(QStringLiteral("baseline"), multiplier);
            o.insert(QStringLiteral("significance"), funnelLabel(ratioSignificance(x, n)));
        } else {
            // The control limits at this denominator, so a table can be plotted as a funnel.
            o.insert(QStringLiteral("value"), x / n * multiplier);
            o.insert(QStringLiteral("lowercl"), std::max(0.0, proportionLimit(0.975, n, average, true, multiplier)));
            o.insert(QStringLiteral("uppercl"), std::min(multiplier, proportionLimit(0.975, n, average, false, multiplier)));
            o.insert(QStringLiteral("lower_998"), std::max(0.0, proportionLimit(0.999, n, average, true, multiplier)));
            o.insert(QStringLiteral("upper_998"), std::min(multiplier, proportionLimit(0.999, n, average, false, multiplier)));
            o.insert(QStringLiteral("baseline"), average * multiplier);
            o.insert(QStringLiteral("significance"), funnelLabel(proportionSignificance(x, n, average)));
        }
        out.append(o);
    }
    return out;
}

}  // namespace phm::core::stats
