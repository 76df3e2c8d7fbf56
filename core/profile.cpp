#include "profile.h"

#include "ruleengine.h"
#include "ruleparser.h"
#include "twocores.h"

#include <QElapsedTimer>
#include <QHash>
#include <algorithm>

namespace phm::core {

QString significanceName(Significance s) {
    switch (s) {
        case Significance::Similar:
            return QStringLiteral("similar");
        case Significance::Better:
            return QStringLiteral("better");
        case Significance::Worse:
            return QStringLiteral("worse");
        case Significance::Higher:
            return QStringLiteral("higher");
        case Significance::Lower:
            return QStringLiteral("lower");
        case Significance::NotCompared:
            break;
    }
    return QStringLiteral("not compared");
}

Significance compareWith(const stats::Interval &a, double comparator, Polarity polarity) {
    if (std::isnan(a.lower) || std::isnan(a.upper) || std::isnan(comparator)) return Significance::NotCompared;
    const bool higher = a.lower > comparator, lower = a.upper < comparator;
    if (!higher && !lower) return Significance::Similar;
    if (polarity == Polarity::NoJudgement) return higher ? Significance::Higher : Significance::Lower;
    return higher == (polarity == Polarity::HigherIsBetter) ? Significance::Better : Significance::Worse;
}

namespace {

// Sums over the people of one area: enough for every indicator type.
struct Tally {
    double people = 0, events = 0, squares = 0;         // squares: of per-person values (means)
    std::array<double, 19> bandPeople{}, bandEvents{};  // ESP2013 bands (DSRs)
    void add(const Tally &o) {
        people += o.people;
        events += o.events;
        squares += o.squares;
        for (size_t b = 0; b < bandPeople.size(); ++b) {
            bandPeople[b] += o.bandPeople[b];
            bandEvents[b] += o.bandEvents[b];
        }
    }
};

IndicatorValue valueOf(const IndicatorDefinition &d, const Tally &t, double confidence) {
    IndicatorValue v;
    v.numerator = t.events;
    v.denominator = t.people;
    switch (d.type) {
        case IndicatorType::Proportion:
            v.ci = stats::proportion(t.events, t.people, confidence, d.multiplier);
            break;
        case IndicatorType::Rate:
            v.ci = stats::rate(t.events, t.people, confidence, d.multiplier);
            break;
        case IndicatorType::Mean:
            v.ci = stats::meanFromMoments(t.people, t.events, t.squares, confidence).ci;
            break;
        case IndicatorType::Dsr: {
            // Bands without people drop out (the package requires positive populations).
            std::vector<double> x, n, w;
            for (size_t b = 0; b < t.bandPeople.size(); ++b)
                if (t.bandPeople[b] > 0) {
                    x.push_back(t.bandEvents[b]);
                    n.push_back(t.bandPeople[b]);
                    w.push_back(stats::esp2013()[b]);
                }
            v.ci = stats::dsr(x, n, w, confidence, d.multiplier).ci;
            break;
        }
    }
    return v;
}

}  // namespace

Result<Profile> computeProfile(const AreaIndex &areas, const rules::CodeLists &lists, const std::vector<IndicatorDefinition> &indicators,
                               Area::Kind level, const ProfileOptions &options, ProfileWorkspace *workspace) {
    ProfileWorkspace local;
    ProfileWorkspace &w = workspace ? *workspace : local;
    QElapsedTimer timer;
    timer.start();
    const Project &p = areas.project();
    const int32_t day = options.indexDate == kNoDate ? p.extractEnd : options.indexDate;
    const int32_t n = p.persons.count;
    rules::MemoryEngine engine(p, lists);
    // Rules are evaluated once per profile, clause by clause (many indicators share clauses such
    // as `registered`), and a numerator only among its denominator's people.
    QHash<QString, rules::Selection> selections;
    auto select = [&](const QString &rule, int32_t date, const rules::Selection *within,
                      const QString &withinKey) -> Result<const rules::Selection *> {
        const QString key = QStringLiteral("%1|%2|%3").arg(date).arg(withinKey, rule);
        if (auto it = selections.constFind(key); it != selections.constEnd()) return &*it;
        const rules::ParseResult parsed = rules::parseRule(rule, &lists);
        if (!parsed.ok()) return Error{QStringLiteral("rule_error"), parsed.error.format(rule), rule};
        rules::Selection people(static_cast<size_t>(n));
        if (within)
            people = *within;
        else
            people.set();
        for (const rules::Expr *clause : rules::topLevelClauses(*parsed.expr)) {
            const QString clauseKey = QStringLiteral("%1|%2|%3").arg(date).arg(withinKey, clause->text);
            auto it = selections.constFind(clauseKey);
            if (it == selections.constEnd()) {
                auto r = engine.evaluate(*clause, date, within);
                if (!r) return r.error();
                it = selections.insert(clauseKey, std::move(r.value().people));
            }
            people &= *it;
        }
        return &*selections.insert(key, std::move(people));
    };
    // Area and ESP2013 band of each person, once.
    const int areaCount = areas.areaCount(level);
    std::vector<int> &areaOf = w.areaOf, &bandOf = w.bandOf;
    areaOf.resize(size_t(n));
    bandOf.resize(size_t(n));
    int y;
    unsigned m, dd;
    civilFromDays(day, y, m, dd);
    const int dayYm = y * 12 + int(m) - 1;
    for (int32_t i = 0; i < n; ++i) {
        areaOf[size_t(i)] = areas.areaOf(level, i);
        bandOf[size_t(i)] = std::min(18, std::max(0, (dayYm - p.persons.birthYm[size_t(i)]) / 12) / 5);
    }
    std::vector<Area> parents(static_cast<size_t>(areaCount));
    int parentCount = 1;
    for (int a = 0; a < areaCount; ++a) {
        parents[size_t(a)] = areas.parentOf(Area{level, a});
        parentCount = std::max(parentCount, parents[size_t(a)].index + 1);
    }
    const Area::Kind parentKind = parents.empty() ? Area::Ics : parents.front().kind;
    if (parentKind != Area::Ics) parentCount = areas.areaCount(parentKind);

    QHash<QPair<QString, int32_t>, std::vector<Tally>> denominatorTallies;
    std::vector<double> &values = w.values;  // per-person measure, reused across indicators
    Profile out;
    out.byArea.resize(indicators.size());
    out.byParent.resize(indicators.size());
    for (size_t k = 0; k < indicators.size(); ++k) {
        const IndicatorDefinition &d = indicators[k];
        const int32_t denominatorDay =
            d.denominatorMonthsBefore ? rules::windowStart(rules::Window{rules::Window::Months, d.denominatorMonthsBefore}, day) : day;
        auto den = select(d.denominator, denominatorDay, nullptr, QString());
        if (!den) return Error{QStringLiteral("indicator_error"), QStringLiteral("indicator %1: %2").arg(d.id, den.error().message), d.id};
        const rules::Selection *num = nullptr;
        if (!d.numerator.isEmpty()) {
            auto r = select(d.numerator, day, den.value(), QStringLiteral("%1@%2").arg(d.denominator).arg(denominatorDay));
            if (!r) return Error{QStringLiteral("indicator_error"), QStringLiteral("indicator %1: %2").arg(d.id, r.error().message), d.id};
            num = r.value();
        }
        bool measured = false;
        if (!d.events.isEmpty()) {
            const rules::ParseResult parsed = rules::parseRule(d.events + QStringLiteral(" >= 0"), &lists);
            if (!parsed.ok() || !parsed.expr->event)
                return Error{QStringLiteral("indicator_error"), QStringLiteral("indicator %1: bad events measure").arg(d.id), d.id};
            const rules::Selection counted = num ? (*den.value() & *num) : *den.value();
            if (auto status = engine.measureInto(*parsed.expr->event, counted, values, day); !status)
                return Error{QStringLiteral("indicator_error"), QStringLiteral("indicator %1: %2").arg(d.id, status.error().message), d.id};
            measured = true;
        }
        // The denominator's people by area and age band, shared by every indicator that uses it;
        // then only the numerator's people (or non-zero measures) are visited.
        const auto denominatorKey = qMakePair(d.denominator, denominatorDay);
        auto cached = denominatorTallies.find(denominatorKey);
        if (cached == denominatorTallies.end()) {
            // Two halves on the two cores, each into its own tallies, then summed.
            std::vector<Tally> halves[2] = {std::vector<Tally>(static_cast<size_t>(areaCount)),
                                            std::vector<Tally>(static_cast<size_t>(areaCount))};
            const rules::Selection &people = *den.value();
            onTwoCores(n, [&](int32_t from, int32_t to) {
                std::vector<Tally> &t = halves[from == 0 ? 0 : 1];
                for (size_t i = from == 0 ? people.find_first() : people.find_next(size_t(from) - 1); i < size_t(to);
                     i = people.find_next(i)) {
                    Tally &a = t[size_t(areaOf[i])];
                    a.people += 1;
                    a.bandPeople[size_t(bandOf[i])] += 1;
                }
            });
            for (int a = 0; a < areaCount; ++a) halves[0][size_t(a)].add(halves[1][size_t(a)]);
            cached = denominatorTallies.insert(denominatorKey, std::move(halves[0]));
        }
        std::vector<Tally> tallies = *cached;
        auto add = [&](size_t i, double v) {
            Tally &t = tallies[size_t(areaOf[i])];
            t.events += v;
            t.squares += v * v;
            t.bandEvents[size_t(bandOf[i])] += v;
        };
        if (measured) {
            for (size_t i = 0; i < values.size(); ++i)
                if (values[i] != 0 && !std::isnan(values[i])) add(i, values[i]);
        } else if (num) {
            const rules::Selection both = *num & *den.value();
            for (size_t i = both.find_first(); i != rules::Selection::npos; i = both.find_next(i)) add(i, 1.0);
        }
        Tally ics;
        std::vector<Tally> parentTallies(static_cast<size_t>(parentCount));
        for (int a = 0; a < areaCount; ++a) {
            ics.add(tallies[size_t(a)]);
            parentTallies[size_t(parents[size_t(a)].index)].add(tallies[size_t(a)]);
        }
        out.ics.push_back(valueOf(d, ics, options.confidence));
        for (int a = 0; a < areaCount; ++a) out.byArea[k].push_back(valueOf(d, tallies[size_t(a)], options.confidence));
        for (int a = 0; a < parentCount; ++a) out.byParent[k].push_back(valueOf(d, parentTallies[size_t(a)], options.confidence));
        if (qEnvironmentVariableIsSet("PHM_TRACE_PROFILE")) qInfo("%s %.1f ms", qPrintable(d.id), timer.nsecsElapsed() / 1e6);
    }
    for (int a = 0; a < areaCount; ++a) {
        const Area area{level, a};
        if (level == Area::Lsoa && !p.geography.lsoas[size_t(a)].inIcs) continue;  // the ICS's own neighbourhoods
        for (size_t k = 0; k < indicators.size(); ++k) {
            ProfileRow row;
            row.area = area;
            row.areaName = areas.name(area);
            row.areaCode = areas.code(area);
            row.indicator = int(k);
            row.value = out.byArea[k][size_t(a)];
            row.parent = parents[size_t(a)];
            row.parentValue = out.byParent[k][size_t(row.parent.index)].ci.value;
            row.icsValue = out.ics[k].ci.value;
            row.vsParent = compareWith(row.value.ci, row.parentValue, indicators[k].polarity);
            row.vsIcs = compareWith(row.value.ci, row.icsValue, indicators[k].polarity);
            out.rows.push_back(row);
        }
    }
    out.ms = timer.nsecsElapsed() / 1e6;
    return out;
}

}  // namespace phm::core
