// The row builders of `phm stats` for proportions, rates, means, DSRs and SII (statsrows.h).
#include "stats/statsrows.h"

#include <cmath>
#include <map>

namespace phm::core::stats {

Result<QJsonArray> proportionRows(const StatsInput &in, bool isProportion) {
    QJsonArray out;
    for (const Group &g : in.groups) {
        auto xn = sumRows(in.cells, g, isProportion);
        if (!xn) return xn.error();
        const auto [x, n] = xn.value();
        QJsonObject o = g.keys;
        o.insert(QStringLiteral("numerator"), jsonNumber(x));
        o.insert(QStringLiteral("denominator"), jsonNumber(n));
        putInterval(o, isProportion ? proportion(x, n, in.confidence, in.multiplier) : rate(x, n, in.confidence, in.multiplier),
                    in.confidence);
        o.insert(QStringLiteral("method"), isProportion     ? QStringLiteral("Wilson")
                                           : std::isnan(x)  ? QString()
                                           : rateIsExact(x) ? QStringLiteral("Exact")
                                                            : QStringLiteral("Byars"));
        out.append(o);
    }
    return out;
}

Result<QJsonArray> meanRows(const StatsInput &in) {
    QJsonArray out;
    for (const Group &g : in.groups) {
        std::vector<double> values;
        for (size_t r : g.rows) {
            auto v = in.cells.number(r, QStringLiteral("value"));
            if (!v) return v.error();
            values.push_back(v.value());
        }
        const MeanResult m = mean(values, in.confidence);
        QJsonObject o = g.keys;
        o.insert(QStringLiteral("count"), m.count);
        o.insert(QStringLiteral("sum"), m.sum);
        o.insert(QStringLiteral("sd"), jsonNumber(m.sd));
        putInterval(o, m.ci, in.confidence);
        out.append(o);
    }
    return out;
}

namespace {

// A DSR group's events (and their squares), populations and standard weights per age band.
struct DsrBands {
    std::vector<double> x, squares, n, w;
};

// With an eventfreq column, x counts the people with that many events (the package's
// independent_events = FALSE layout): one row per band and frequency.
Result<DsrBands> dsrBands(const Cells &cells, const Group &g, bool ownStandard, bool frequencies) {
    DsrBands b;
    std::map<QString, size_t> bandRow;
    for (size_t r : g.rows) {
        auto xv = cells.number(r, QStringLiteral("x"), false), nv = cells.number(r, QStringLiteral("n"));
        if (!xv) return xv.error();
        if (!nv) return nv.error();
        if (xv.value() < 0) return cells.error(r, QStringLiteral("x"), QStringLiteral("counts must not be negative"));
        if (nv.value() <= 0) return cells.error(r, QStringLiteral("n"), QStringLiteral("populations must be greater than zero"));
        double f = 1;
        if (frequencies) {
            auto fv = cells.number(r, QStringLiteral("eventfreq"));
            if (!fv) return fv.error();
            if (fv.value() < 1 || fv.value() != std::floor(fv.value()))
                return cells.error(r, QStringLiteral("eventfreq"), QStringLiteral("an event frequency is a whole number from 1"));
            f = fv.value();
        }
        const QString label = cells.text(r, QStringLiteral("ageband"));
        double weight = 0;
        if (ownStandard) {
            auto sv = cells.number(r, QStringLiteral("stdpop"));
            if (!sv) return sv.error();
            weight = sv.value();
        } else {
            const int band = esp2013Band(label);
            if (band < 0)
                return cells.error(r, QStringLiteral("ageband"),
                                   QStringLiteral("`%1` is not an ESP2013 age band (0-4, 5-9, ..., 85-89, 90+)").arg(label));
            weight = esp2013()[size_t(band)];
        }
        const double people = std::isnan(xv.value()) ? 0.0 : xv.value();
        const auto [it, added] = bandRow.emplace(ownStandard ? label : QString::number(esp2013Band(label)), b.x.size());
        if (added) {
            b.x.push_back(0);
            b.squares.push_back(0);
            b.n.push_back(nv.value());
            b.w.push_back(weight);
        } else if (!frequencies) {
            return cells.error(r, QStringLiteral("ageband"), QStringLiteral("age band `%1` appears twice in the group").arg(label));
        } else if (b.n[it->second] != nv.value()) {
            return cells.error(r, QStringLiteral("n"),
                               QStringLiteral("age band `%1` has two populations in the group (%2 and %3)")
                                   .arg(label)
                                   .arg(b.n[it->second])
                                   .arg(nv.value()));
        }
        b.x[it->second] += f * people;
        b.squares[it->second] += f * f * people;
    }
    return b;
}

}  // namespace

Result<QJsonArray> dsrRows(const StatsInput &in) {
    const Cells &cells = in.cells;
    const bool ownStandard = cells.has(QStringLiteral("stdpop"));
    const bool frequencies = cells.has(QStringLiteral("eventfreq"));
    QJsonArray out;
    for (const Group &g : in.groups) {
        auto bands = dsrBands(cells, g, ownStandard, frequencies);
        if (!bands) return bands.error();
        const DsrBands &b = bands.value();
        if (!ownStandard && int(b.x.size()) != int(esp2013().size()))
            return Error{ErrorCode::MissingBands,
                         QStringLiteral("%1: a group has %2 of the 19 ESP2013 age bands; give every band (with 0 events where "
                                        "there are none) or a stdpop column")
                             .arg(cells.table().file)
                             .arg(b.x.size()),
                         {}};
        const DsrResult d = frequencies ? dsrNonIndependent(b.x, b.squares, b.n, b.w, in.confidence, in.multiplier)
                                        : dsr(b.x, b.n, b.w, in.confidence, in.multiplier);
        QJsonObject o = g.keys;
        o.insert(QStringLiteral("total_count"), d.totalCount);
        o.insert(QStringLiteral("total_pop"), d.totalPopulation);
        putInterval(o, d.ci, in.confidence);
        if (std::isnan(d.ci.value)) o.insert(QStringLiteral("note"), QStringLiteral("not calculated for a total count below 10"));
        out.append(o);
    }
    return out;
}

namespace {

// One quantile of an SII group: its value from `value` or from x / population, its standard
// error from `se` or from the 95% limits.
Result<SiiQuantile> siiQuantile(const Cells &cells, size_t r, const SiiValueType valueType, bool fromCounts, bool hasSe) {
    SiiQuantile q;
    auto quantile = cells.number(r, QStringLiteral("quantile")), population = cells.number(r, QStringLiteral("population"));
    if (!quantile) return quantile.error();
    if (!population) return population.error();
    if (population.value() <= 0)
        return cells.error(r, QStringLiteral("population"), QStringLiteral("populations must be greater than zero"));
    q.quantile = quantile.value();
    q.population = population.value();
    if (fromCounts) {
        auto x = cells.number(r, QStringLiteral("x"));
        if (!x) return x.error();
        q.value = x.value() / q.population;
    } else {
        auto v = cells.number(r, QStringLiteral("value"));
        if (!v) return v.error();
        q.value = v.value();
    }
    if (valueType == SiiValueType::Proportion && (q.value < 0 || q.value > 1))
        return cells.error(r, fromCounts ? QStringLiteral("x") : QStringLiteral("value"),
                           QStringLiteral("proportions must be between 0 and 1 (got %1)").arg(q.value));
    if (hasSe) {
        auto se = cells.number(r, QStringLiteral("se"));
        if (!se) return se.error();
        if (se.value() < 0) return cells.error(r, QStringLiteral("se"), QStringLiteral("standard errors must not be negative"));
        q.se = se.value();
    } else {
        auto lo = cells.number(r, QStringLiteral("lowercl")), hi = cells.number(r, QStringLiteral("uppercl"));
        if (!lo) return lo.error();
        if (!hi) return hi.error();
        q.lowerCl = lo.value();
        q.upperCl = hi.value();
    }
    return q;
}

QJsonObject siiRow(const QJsonObject &keys, const SiiResult &v, bool rii, int quantiles, double confidence) {
    QJsonObject o = keys;
    putInterval(o, {v.sii, v.siiLower, v.siiUpper}, confidence);
    o.insert(QStringLiteral("sii"), jsonNumber(v.sii));
    o.insert(QStringLiteral("sii_lower"), jsonNumber(v.siiLower));
    o.insert(QStringLiteral("sii_upper"), jsonNumber(v.siiUpper));
    if (rii) {
        o.insert(QStringLiteral("rii"), jsonNumber(v.rii));
        o.insert(QStringLiteral("rii_lower"), jsonNumber(v.riiLower));
        o.insert(QStringLiteral("rii_upper"), jsonNumber(v.riiUpper));
    }
    o.insert(QStringLiteral("intercept"), jsonNumber(v.intercept));
    o.insert(QStringLiteral("quantiles"), quantiles);
    return o;
}

}  // namespace

Result<QJsonArray> siiRows(const StatsInput &in) {
    const Cells &cells = in.cells;
    const StatsRequest &rq = in.request;
    const QString &file = cells.table().file;
    const bool hasSe = cells.has(QStringLiteral("se"));
    if (!hasSe && !(cells.has(QStringLiteral("lowercl")) && cells.has(QStringLiteral("uppercl"))))
        return Error{
            ErrorCode::MissingColumn,
            QStringLiteral("%1: line 1: SII needs a column `%2`, or both `%3` and `%4`")
                .arg(file, cells.name(QStringLiteral("se")), cells.name(QStringLiteral("lowercl")), cells.name(QStringLiteral("uppercl"))),
            {}};
    const bool fromCounts = !cells.has(QStringLiteral("value"));
    if (fromCounts && rq.sii.valueType != SiiValueType::Proportion)
        return Error{ErrorCode::MissingColumn,
                     QStringLiteral("%1: line 1: no column `%2` (only proportions can be derived from `x` / `population`)")
                         .arg(file, cells.name(QStringLiteral("value"))),
                     {}};
    SiiOptions options = rq.sii;
    options.confidence = in.confidence;
    options.multiplier = in.multiplier;
    QJsonArray out;
    for (const Group &g : in.groups) {
        std::vector<SiiQuantile> qs;
        for (size_t r : g.rows) {
            auto q = siiQuantile(cells, r, rq.sii.valueType, fromCounts, hasSe);
            if (!q) return q.error();
            qs.push_back(q.value());
        }
        auto s = sii(qs, options);
        if (!s) return Error{s.error().code, QStringLiteral("%1: %2").arg(file, s.error().message), {}};
        out.append(siiRow(g.keys, s.value(), rq.rii, int(qs.size()), in.confidence));
    }
    return out;
}

}  // namespace phm::core::stats
