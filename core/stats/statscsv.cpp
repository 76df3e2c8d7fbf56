#include "stats/statscsv.h"

#include "base/csvreader.h"
#include "stats/funnel.h"
#include "stats/statistics.h"

#include <QFileInfo>
#include <QJsonObject>
#include <cmath>
#include <map>

namespace phm::core::stats {

QStringList statsKinds() {
    return {QStringLiteral("proportion"), QStringLiteral("rate"), QStringLiteral("mean"),
            QStringLiteral("dsr"),        QStringLiteral("sii"),  QStringLiteral("funnel")};
}

double defaultMultiplier(const QString &kind) {
    if (kind == QLatin1String("rate") || kind == QLatin1String("dsr")) return 100000;
    if (kind == QLatin1String("funnel")) return 100;
    return 1;
}

namespace {
// Result keys in the order a person reads them, per kind.
// The limit lines of a funnel, named as the package names them.
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

// One point of the limit lines, in limitColumns' order.
QJsonObject limitRow(const QString &funnel, const std::vector<double> &values) {
    const QStringList columns = limitColumns(funnel);
    QJsonObject o;
    for (size_t i = 0; i < values.size() && i < size_t(columns.size()); ++i) o.insert(columns[qsizetype(i)], values[i]);
    return o;
}

QStringList resultColumns(const QString &kind, bool rii, bool ratio) {
    const QStringList interval = {QStringLiteral("value"), QStringLiteral("lowercl"), QStringLiteral("uppercl")};
    if (kind == QLatin1String("proportion") || kind == QLatin1String("rate"))
        return QStringList{QStringLiteral("numerator"), QStringLiteral("denominator")} + interval +
               QStringList{QStringLiteral("confidence"), QStringLiteral("method")};
    if (kind == QLatin1String("mean"))
        return QStringList{QStringLiteral("count"), QStringLiteral("sum"), QStringLiteral("sd")} + interval +
               QStringList{QStringLiteral("confidence")};
    if (kind == QLatin1String("dsr"))
        return QStringList{QStringLiteral("total_count"), QStringLiteral("total_pop")} + interval +
               QStringList{QStringLiteral("confidence"), QStringLiteral("note")};
    if (kind == QLatin1String("sii")) {
        QStringList c = interval + QStringList{QStringLiteral("confidence"), QStringLiteral("sii"), QStringLiteral("sii_lower"),
                                               QStringLiteral("sii_upper")};
        if (rii) c << QStringLiteral("rii") << QStringLiteral("rii_lower") << QStringLiteral("rii_upper");
        return c << QStringLiteral("intercept") << QStringLiteral("quantiles");
    }
    QStringList c = QStringList{QStringLiteral("numerator"), QStringLiteral("denominator")} + interval;
    if (ratio) return c << QStringLiteral("confidence") << QStringLiteral("baseline") << QStringLiteral("significance");
    return c << QStringLiteral("lower_998") << QStringLiteral("upper_998") << QStringLiteral("baseline") << QStringLiteral("significance");
}
}  // namespace

// The result rows; `header` receives the input table's columns.
Result<QJsonArray> computeRows(const StatsRequest &rq, QStringList &header);

namespace {

// The table as read: header, and each record with its line number.
struct Table {
    QString file;
    QStringList header;
    std::vector<QStringList> rows;
    std::vector<int64_t> lines;
};

Result<Table> readTable(const QString &path) {
    CsvReader reader(path);
    if (auto s = reader.open(); !s) return s.error();
    Table t;
    t.file = QFileInfo(path).fileName();
    for (;;) {
        const CsvReader::Step step = reader.next();
        if (step == CsvReader::Step::End) break;
        if (step == CsvReader::Step::Error) return reader.error();
        if (reader.isMalformed())
            return Error{
                QStringLiteral("bad_csv"),
                QStringLiteral("%1: line %2: %3").arg(t.file).arg(reader.line()).arg(QString::fromStdString(reader.malformedReason())),
                path};
        QStringList fields;
        for (auto f : reader.fields()) fields << QString::fromUtf8(f.data(), qsizetype(f.size())).trimmed();
        if (t.header.isEmpty()) {
            t.header = fields;
            continue;
        }
        t.rows.push_back(fields);
        t.lines.push_back(reader.line());
    }
    if (t.header.isEmpty()) return Error{QStringLiteral("empty_file"), QStringLiteral("%1 is empty").arg(t.file), path};
    if (t.rows.empty()) return Error{QStringLiteral("empty_file"), QStringLiteral("%1 has a header but no rows").arg(t.file), path};
    return t;
}

// Reads typed cells and reports problems with file, line and column.
class Cells {
public:
    Cells(const Table &t, const QMap<QString, QString> &names) : mT(t), mNames(names) {}
    QString name(const QString &role) const { return mNames.value(role, role); }
    int column(const QString &role) const { return int(mT.header.indexOf(name(role))); }
    bool has(const QString &role) const { return column(role) >= 0; }
    Status require(const QStringList &roles) const {
        for (const QString &role : roles)
            if (!has(role))
                return Error{QStringLiteral("missing_column"),
                             QStringLiteral("%1: line 1: no column `%2`%3 (columns: %4)")
                                 .arg(mT.file, name(role), name(role) == role ? QString() : QStringLiteral(" for `%1`").arg(role),
                                      mT.header.join(QStringLiteral(", "))),
                             {}};
        return Ok{};
    }
    Error error(size_t row, const QString &role, const QString &problem) const {
        return Error{QStringLiteral("bad_value"),
                     QStringLiteral("%1: line %2, column %3 (`%4`): %5")
                         .arg(mT.file)
                         .arg(mT.lines[row])
                         .arg(column(role) + 1)
                         .arg(name(role), problem),
                     {}};
    }
    QString text(size_t row, const QString &role) const {
        const int c = column(role);
        return c >= 0 && c < mT.rows[row].size() ? mT.rows[row][c] : QString();
    }
    // A number, NaN for an empty cell (or an error when a value is required), never text.
    Result<double> number(size_t row, const QString &role, bool required = true) const {
        const QString s = text(row, role);
        if (s.isEmpty() || s == QLatin1String("NA")) {
            if (required) return error(row, role, QStringLiteral("missing value"));
            return double(NAN);
        }
        bool ok = false;
        const double v = s.toDouble(&ok);
        if (!ok || !std::isfinite(v)) return error(row, role, QStringLiteral("`%1` is not a number").arg(s));
        return v;
    }

private:
    const Table &mT;
    const QMap<QString, QString> &mNames;
};

// Groups rows by the --by columns in order of first appearance; with no --by, either one
// group per row or one group of all rows.
struct Group {
    QJsonObject keys;
    std::vector<size_t> rows;
};

// roleColumns: columns that are inputs or results, never carried through as descriptions.
Result<std::vector<Group>> groupRows(const Table &t, const QStringList &by, bool perRowWithoutBy, const QStringList &roleColumns) {
    for (const QString &b : by)
        if (!t.header.contains(b))
            return Error{
                QStringLiteral("missing_column"),
                QStringLiteral("%1: line 1: no column `%2` to group by (columns: %3)").arg(t.file, b, t.header.join(QStringLiteral(", "))),
                {}};
    std::vector<Group> groups;
    if (by.isEmpty() && !perRowWithoutBy) {
        Group g;
        for (size_t r = 0; r < t.rows.size(); ++r) g.rows.push_back(r);
        groups.push_back(g);
        return groups;
    }
    std::map<QStringList, size_t> index;
    for (size_t r = 0; r < t.rows.size(); ++r) {
        QStringList key;
        QJsonObject keys;
        if (by.isEmpty()) {
            key << QString::number(r);
            for (int c = 0; c < t.header.size(); ++c)  // the row's descriptive columns
                if (!roleColumns.contains(t.header[c]) && c < t.rows[r].size()) keys.insert(t.header[c], t.rows[r][c]);
        } else {
            for (const QString &b : by) {
                const int c = int(t.header.indexOf(b));
                key << (c < t.rows[r].size() ? t.rows[r][c] : QString());
                keys.insert(b, key.back());
            }
        }
        auto [it, added] = index.emplace(key, groups.size());
        if (added) groups.push_back({keys, {}});
        groups[it->second].rows.push_back(r);
    }
    return groups;
}

QJsonValue json(double v) { return std::isnan(v) ? QJsonValue() : QJsonValue(v); }

void putInterval(QJsonObject &o, const Interval &i, double confidence) {
    o.insert(QStringLiteral("value"), json(i.value));
    o.insert(QStringLiteral("lowercl"), json(i.lower));
    o.insert(QStringLiteral("uppercl"), json(i.upper));
    o.insert(QStringLiteral("confidence"), confidence);
}

}  // namespace

Result<StatsOutput> computeStats(const StatsRequest &rq) {
    QStringList header;
    auto rows = computeRows(rq, header);
    if (!rows) return rows.error();
    StatsOutput out;
    if (rq.kind == QLatin1String("funnel") && rq.limits) {
        out.columns = limitColumns(rq.funnel);
        out.rows = rows.value();
        return out;
    }
    const QStringList results = resultColumns(rq.kind, rq.rii, rq.funnel != QLatin1String("proportion"));
    // Group columns in the file's order, as they appear in the first row.
    if (!rows.value().isEmpty())
        for (const QString &c : header)
            if (rows.value().first().toObject().contains(c) && !results.contains(c)) out.columns << c;
    out.columns += results;
    out.rows = rows.value();
    return out;
}

namespace {
// Rate funnels: x events and a rate (crude or DSR) per row, optionally the denominator n; the
// population behind each rate is derived as the package derives it.
Result<QJsonArray> rateFunnelRows(const StatsRequest &rq, const Cells &cells, const std::vector<Group> &groups, double confidence,
                                  double multiplier) {
    const RateType type = rq.rateType == QLatin1String("crude") ? RateType::Crude : RateType::Dsr;
    if (rq.rateType != QLatin1String("crude") && rq.rateType != QLatin1String("dsr"))
        return Error{QStringLiteral("bad_option"), QStringLiteral("--rate-type must be dsr or crude (got `%1`)").arg(rq.rateType), {}};
    if (!(rq.years > 0)) return Error{QStringLiteral("bad_option"), QStringLiteral("--years must be greater than zero"), {}};
    std::vector<double> events, rates, denominators;
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
        events.push_back(x.value());
        rates.push_back(rate.value());
        denominators.push_back(n.value());
    }
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
        QJsonObject o = groups[i].keys;
        o.insert(QStringLiteral("numerator"), events[i]);
        o.insert(QStringLiteral("denominator"), json(n));
        putInterval(o, std::isnan(n) ? Interval{rates[i], NAN, NAN} : rate(events[i], n, confidence, multiplier), confidence);
        o.insert(QStringLiteral("value"), rates[i]);
        o.insert(QStringLiteral("baseline"), sumEvents / sumPopulation * multiplier);
        o.insert(QStringLiteral("significance"), funnelLabel(significance[i]));
        out.append(o);
    }
    return out;
}
}  // namespace

Result<QJsonArray> computeRows(const StatsRequest &rq, QStringList &header) {
    if (!statsKinds().contains(rq.kind))
        return Error{QStringLiteral("bad_kind"),
                     QStringLiteral("unknown statistic `%1` (one of %2)").arg(rq.kind, statsKinds().join(QStringLiteral(", "))),
                     {}};
    auto level = confidenceLevel(rq.confidence);
    if (!level) return level.error();
    const double confidence = level.value();
    const bool rateFunnel = rq.kind == QLatin1String("funnel") && rq.funnel == QLatin1String("rate");
    const double multiplier = !std::isnan(rq.multiplier) ? rq.multiplier : rateFunnel ? 100000 : defaultMultiplier(rq.kind);
    auto table = readTable(rq.input);
    if (!table) return table.error();
    const Table &t = table.value();
    header = t.header;
    const Cells cells(t, rq.columns);
    QStringList roles;
    const QString &k = rq.kind;
    if (k == QLatin1String("funnel") && rq.funnel == QLatin1String("rate"))
        roles = {QStringLiteral("x"), QStringLiteral("rate")};
    else if (k == QLatin1String("proportion") || k == QLatin1String("rate") || k == QLatin1String("funnel"))
        roles = {QStringLiteral("x"), QStringLiteral("n")};
    else if (k == QLatin1String("mean"))
        roles = {QStringLiteral("value")};
    else if (k == QLatin1String("dsr"))
        roles = {QStringLiteral("ageband"), QStringLiteral("x"), QStringLiteral("n")};
    else
        roles = {QStringLiteral("quantile"), QStringLiteral("population")};
    if (auto s = cells.require(roles); !s) return s.error();
    QStringList roleColumns;
    for (const QString &r :
         roles + QStringList{QStringLiteral("stdpop"), QStringLiteral("value"), QStringLiteral("se"), QStringLiteral("lowercl"),
                             QStringLiteral("uppercl"), QStringLiteral("n"), QStringLiteral("eventfreq")})
        roleColumns << cells.name(r);
    roleColumns += resultColumns(k, rq.rii, rq.funnel != QLatin1String("proportion"));
    const bool perRow = k == QLatin1String("proportion") || k == QLatin1String("rate") || k == QLatin1String("funnel");
    auto groups = groupRows(t, k == QLatin1String("funnel") ? QStringList() : rq.by, perRow, roleColumns);
    if (!groups) return groups.error();
    if (k == QLatin1String("funnel") && !rq.by.isEmpty())  // funnels compare rows; --by names the label columns
        for (Group &g : groups.value()) {
            QJsonObject keys;
            for (const QString &b : rq.by) keys.insert(b, g.keys.value(b));
            g.keys = keys;
        }

    QJsonArray out;
    // Sums of x and n over a group's rows, checked as the package checks them.
    auto sums = [&](const Group &g, bool proportionRules) -> Result<std::pair<double, double>> {
        double x = 0, n = 0;
        bool missing = false;
        for (size_t r : g.rows) {
            auto xv = cells.number(r, QStringLiteral("x"), false), nv = cells.number(r, QStringLiteral("n"), false);
            if (!xv) return xv.error();
            if (!nv) return nv.error();
            if (xv.value() < 0) return cells.error(r, QStringLiteral("x"), QStringLiteral("counts must not be negative"));
            if (nv.value() <= 0) return cells.error(r, QStringLiteral("n"), QStringLiteral("denominators must be greater than zero"));
            if (proportionRules && xv.value() > nv.value())
                return cells.error(r, QStringLiteral("x"),
                                   QStringLiteral("numerator %1 is greater than the denominator %2").arg(xv.value()).arg(nv.value()));
            missing |= std::isnan(xv.value()) || std::isnan(nv.value());
            x += xv.value();
            n += nv.value();
        }
        if (missing) return std::pair{double(NAN), double(NAN)};
        return std::pair{x, n};
    };

    if (k == QLatin1String("proportion") || k == QLatin1String("rate")) {
        const bool isProportion = k == QLatin1String("proportion");
        for (const Group &g : groups.value()) {
            auto xn = sums(g, isProportion);
            if (!xn) return xn.error();
            const auto [x, n] = xn.value();
            QJsonObject o = g.keys;
            o.insert(QStringLiteral("numerator"), json(x));
            o.insert(QStringLiteral("denominator"), json(n));
            putInterval(o, isProportion ? proportion(x, n, confidence, multiplier) : rate(x, n, confidence, multiplier), confidence);
            o.insert(QStringLiteral("method"), isProportion     ? QStringLiteral("Wilson")
                                               : std::isnan(x)  ? QString()
                                               : rateIsExact(x) ? QStringLiteral("Exact")
                                                                : QStringLiteral("Byars"));
            out.append(o);
        }
        return out;
    }

    if (k == QLatin1String("mean")) {
        for (const Group &g : groups.value()) {
            std::vector<double> values;
            for (size_t r : g.rows) {
                auto v = cells.number(r, QStringLiteral("value"));
                if (!v) return v.error();
                values.push_back(v.value());
            }
            const MeanResult m = mean(values, confidence);
            QJsonObject o = g.keys;
            o.insert(QStringLiteral("count"), m.count);
            o.insert(QStringLiteral("sum"), m.sum);
            o.insert(QStringLiteral("sd"), json(m.sd));
            putInterval(o, m.ci, confidence);
            out.append(o);
        }
        return out;
    }

    if (k == QLatin1String("dsr")) {
        const bool ownStandard = cells.has(QStringLiteral("stdpop"));
        // With an eventfreq column, x counts the people with that many events (the package's
        // independent_events = FALSE layout): one row per band and frequency.
        const bool frequencies = cells.has(QStringLiteral("eventfreq"));
        for (const Group &g : groups.value()) {
            std::vector<double> x, squares, n, w;
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
                const auto [it, added] = bandRow.emplace(ownStandard ? label : QString::number(esp2013Band(label)), x.size());
                if (added) {
                    x.push_back(0);
                    squares.push_back(0);
                    n.push_back(nv.value());
                    w.push_back(weight);
                } else if (!frequencies) {
                    return cells.error(r, QStringLiteral("ageband"), QStringLiteral("age band `%1` appears twice in the group").arg(label));
                } else if (n[it->second] != nv.value()) {
                    return cells.error(r, QStringLiteral("n"),
                                       QStringLiteral("age band `%1` has two populations in the group (%2 and %3)")
                                           .arg(label)
                                           .arg(n[it->second])
                                           .arg(nv.value()));
                }
                x[it->second] += f * people;
                squares[it->second] += f * f * people;
            }
            if (!ownStandard && int(x.size()) != int(esp2013().size()))
                return Error{QStringLiteral("missing_bands"),
                             QStringLiteral("%1: a group has %2 of the 19 ESP2013 age bands; give every band (with 0 events where "
                                            "there are none) or a stdpop column")
                                 .arg(t.file)
                                 .arg(x.size()),
                             {}};
            const DsrResult d =
                frequencies ? dsrNonIndependent(x, squares, n, w, confidence, multiplier) : dsr(x, n, w, confidence, multiplier);
            QJsonObject o = g.keys;
            o.insert(QStringLiteral("total_count"), d.totalCount);
            o.insert(QStringLiteral("total_pop"), d.totalPopulation);
            putInterval(o, d.ci, confidence);
            if (std::isnan(d.ci.value)) o.insert(QStringLiteral("note"), QStringLiteral("not calculated for a total count below 10"));
            out.append(o);
        }
        return out;
    }

    if (k == QLatin1String("sii")) {
        const bool hasSe = cells.has(QStringLiteral("se"));
        if (!hasSe && !(cells.has(QStringLiteral("lowercl")) && cells.has(QStringLiteral("uppercl"))))
            return Error{QStringLiteral("missing_column"),
                         QStringLiteral("%1: line 1: SII needs a column `%2`, or both `%3` and `%4`")
                             .arg(t.file, cells.name(QStringLiteral("se")), cells.name(QStringLiteral("lowercl")),
                                  cells.name(QStringLiteral("uppercl"))),
                         {}};
        const bool fromCounts = !cells.has(QStringLiteral("value"));
        if (fromCounts && rq.sii.valueType != SiiValueType::Proportion)
            return Error{QStringLiteral("missing_column"),
                         QStringLiteral("%1: line 1: no column `%2` (only proportions can be derived from `x` / `population`)")
                             .arg(t.file, cells.name(QStringLiteral("value"))),
                         {}};
        SiiOptions options = rq.sii;
        options.confidence = confidence;
        options.multiplier = multiplier;
        for (const Group &g : groups.value()) {
            std::vector<SiiQuantile> qs;
            for (size_t r : g.rows) {
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
                if (rq.sii.valueType == SiiValueType::Proportion && (q.value < 0 || q.value > 1))
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
                qs.push_back(q);
            }
            auto s = sii(qs, options);
            if (!s) return Error{s.error().code, QStringLiteral("%1: %2").arg(t.file, s.error().message), {}};
            const SiiResult &v = s.value();
            QJsonObject o = g.keys;
            putInterval(o, {v.sii, v.siiLower, v.siiUpper}, confidence);
            o.insert(QStringLiteral("sii"), json(v.sii));
            o.insert(QStringLiteral("sii_lower"), json(v.siiLower));
            o.insert(QStringLiteral("sii_upper"), json(v.siiUpper));
            if (rq.rii) {
                o.insert(QStringLiteral("rii"), json(v.rii));
                o.insert(QStringLiteral("rii_lower"), json(v.riiLower));
                o.insert(QStringLiteral("rii_upper"), json(v.riiUpper));
            }
            o.insert(QStringLiteral("intercept"), json(v.intercept));
            o.insert(QStringLiteral("quantiles"), int(qs.size()));
            out.append(o);
        }
        return out;
    }

    // funnel: every row against the average of all rows.
    const bool ratio = rq.funnel == QLatin1String("ratio");
    if (!ratio && rq.funnel != QLatin1String("proportion") && rq.funnel != QLatin1String("rate"))
        return Error{QStringLiteral("bad_option"),
                     QStringLiteral("funnel statistic must be proportion, ratio or rate (got `%1`)").arg(rq.funnel),
                     {}};
    if (rq.funnel == QLatin1String("rate")) return rateFunnelRows(rq, cells, groups.value(), confidence, multiplier);
    double sx = 0, sn = 0;
    std::vector<std::pair<double, double>> xn;
    for (const Group &g : groups.value()) {
        auto v = sums(g, !ratio);
        if (!v) return v.error();
        if (std::isnan(v.value().first)) return cells.error(g.rows.front(), QStringLiteral("x"), QStringLiteral("missing value"));
        xn.push_back(v.value());
        sx += v.value().first;
        sn += v.value().second;
    }
    const double average = sx / sn;
    if (rq.limits) {
        std::vector<double> xs, ns;
        for (const auto &[x, n] : xn) {
            xs.push_back(x);
            ns.push_back(n);
        }
        QJsonArray lines;
        if (ratio)
            for (const RatioFunnelPoint &p : ratioFunnel(ns))
                lines.append(limitRow(rq.funnel,
                                      {p.observed, p.lower95Expected, p.upper95Expected, p.lower998Expected, p.upper998Expected,
                                       p.lower95 * multiplier, p.upper95 * multiplier, p.lower998 * multiplier, p.upper998 * multiplier}));
        else
            for (const FunnelPoint &p : proportionFunnel(xs, ns, multiplier))
                lines.append(limitRow(rq.funnel, {p.denominator, p.lower95, p.upper95, p.lower998, p.upper998, p.baseline}));
        return lines;
    }
    for (size_t i = 0; i < xn.size(); ++i) {
        const auto [x, n] = xn[i];
        QJsonObject o = groups.value()[i].keys;
        o.insert(QStringLiteral("numerator"), x);
        o.insert(QStringLiteral("denominator"), n);
        if (ratio) {
            // Observed over expected: the ratio's own interval, significance against 1.
            putInterval(o, rate(x, n, confidence, multiplier), confidence);
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
