// MemoryEngine: person-field and event criteria.
#include "base/parallel.h"
#include "rules/efi.h"
#include "rules/imdfields.h"
#include "rules/multimorbidity.h"
#include "rules/personmeasures.h"
#include "rules/personvaluefields.h"
#include "rules/rulecatalogue.h"
#include "rules/ruleengine.h"
#include "rules/rulevalues.h"

#include <QSet>
#include <bit>
#include <cmath>
#include <optional>

namespace phm::core::rules {

namespace {
// Tests v against the comparison of e. With asFloat the literals are rounded to float first, so
// values stored as float (measurements) compare as the SQL engine's doubles of the same text do.
bool compareValue(double v, const Expr &e, bool asFloat = false) {
    auto lit = [&](size_t k) { return asFloat ? double(float(e.values[k].number)) : e.values[k].number; };
    switch (e.kind) {
        case Expr::Compare:
            switch (e.op) {
                case CompareOp::Eq:
                    return v == lit(0);
                case CompareOp::Ne:
                    return v != lit(0);
                case CompareOp::Lt:
                    return v < lit(0);
                case CompareOp::Le:
                    return v <= lit(0);
                case CompareOp::Gt:
                    return v > lit(0);
                case CompareOp::Ge:
                    return v >= lit(0);
            }
            return false;
        case Expr::Between:
            return v >= lit(0) && v <= lit(1);
        case Expr::InList: {
            bool in = false;
            for (size_t k = 0; k < e.values.size(); ++k) in |= (v == lit(k));
            return in != e.negated;
        }
        default:
            return false;
    }
}

// Per-row filter of an event dataset by keyword, using the spec's enumerations.
std::function<bool(const EventTable &, uint32_t)> eventFilter(const QString &dataset, const QString &keyword, const EventTable &t) {
    auto codeIndex = [&](const char *value) {
        for (size_t i = 0; i < t.codes.size(); ++i)
            if (t.codes[i] == QLatin1String(value)) return int64_t(i);
        return int64_t(-1);
    };
    if (dataset == QLatin1String("apc")) {
        // admission_method enumeration: 0-2 elective (1x), 3-12 emergency (2x), 13-14 maternity (3x); stored + 1
        if (keyword == QLatin1String("elective")) return [](const EventTable &x, uint32_t r) { return x.attr1[r] >= 1 && x.attr1[r] <= 3; };
        if (keyword == QLatin1String("emergency"))
            return [](const EventTable &x, uint32_t r) { return x.attr1[r] >= 4 && x.attr1[r] <= 13; };
        return [](const EventTable &x, uint32_t r) { return x.attr1[r] >= 14 && x.attr1[r] <= 15; };
    }
    if (dataset == QLatin1String("ae")) {
        if (keyword == QLatin1String("admitted")) {
            const int64_t admitted = codeIndex("admitted");
            return [admitted](const EventTable &x, uint32_t r) { return int64_t(x.code[r]) == admitted; };
        }
        return [](const EventTable &x, uint32_t r) { return x.attr2[r] == 1; };  // arrival_mode ambulance
    }
    if (dataset == QLatin1String("op")) {
        // attendance_status 2|3|4|5|6|7: attended = 5 or 6, dna = 3; first_attendance 1|2
        if (keyword == QLatin1String("attended")) return [](const EventTable &x, uint32_t r) { return x.attr1[r] == 4 || x.attr1[r] == 5; };
        if (keyword == QLatin1String("dna")) return [](const EventTable &x, uint32_t r) { return x.attr1[r] == 2; };
        return [](const EventTable &x, uint32_t r) { return x.attr2[r] == 1; };
    }
    if (dataset == QLatin1String("mh")) return [](const EventTable &x, uint32_t r) { return x.attr2[r] == 2; };  // attended = 1
    const int64_t yes = codeIndex("Y");                                                                          // ambulance conveyed
    return [yes](const EventTable &x, uint32_t r) { return int64_t(x.code[r]) == yes; };
}
}  // namespace

namespace {
// Per LSOA, whether it meets a comparison of an IMD field (imd_decile, imd_quintile, a rank or a
// domain); nothing for other fields.
std::optional<std::vector<uint8_t>> lsoaMatch(const Geography &g, const Expr &e) {
    const QString &f = e.field;
    std::vector<uint8_t> match(g.lsoas.size());
    if (f == QLatin1String("imd_decile") || f == QLatin1String("imd_quintile")) {
        const bool quintile = f == QLatin1String("imd_quintile");
        for (size_t l = 0; l < g.lsoas.size(); ++l)
            match[l] = compareValue(quintile ? (g.lsoas[l].imdDecile + 1) / 2 : g.lsoas[l].imdDecile, e);
        return match;
    }
    const auto imd = imdField(f);
    if (!imd) return std::nullopt;
    for (size_t l = 0; l < g.lsoas.size(); ++l) {
        const int v = imdFieldValue(*imd, g.lsoas[l]);
        match[l] = v > 0 && compareValue(v, e);
    }
    return match;
}

// Whether person i meets a comparison of risk_score, risk_tier or segment('…').
Result<std::function<bool(int32_t)>> valueTest(const Project &project, const CodeLists &lists, const ValueField &field, const Expr &e,
                                               int32_t indexDate) {
    auto values = valuesFor(project, lists, field, e, indexDate);
    if (!values) return values.error();
    std::shared_ptr<const PersonValues> v = values.value();
    if (field.number)
        return std::function<bool(int32_t)>([v, &e](int32_t i) {
            const float x = v->value[size_t(i)];
            return !std::isnan(x) && compareValue(double(x), e);
        });
    auto accept = acceptedLabels(*v, e);
    if (!accept) return accept.error();
    return std::function<bool(int32_t)>([v, accept = accept.value(), invert = invertsLabels(e)](int32_t i) {
        const uint8_t l = v->label[size_t(i)];
        return (l < accept.size() && accept[l]) != invert;
    });
}
}  // namespace

Result<Selection> MemoryEngine::evalField(const Expr &e, const Selection &candidates, int32_t indexDate) {
    const PersonTable &p = mProject.persons;
    const Geography &g = mProject.geography;
    const QString &f = e.field;
    if (e.kind == Expr::Flag) {
        if (f == QLatin1String("rural")) {
            std::vector<uint8_t> rural(g.lsoas.size());
            for (size_t l = 0; l < g.lsoas.size(); ++l)
                rural[l] = g.lsoas[l].ruc.startsWith(QLatin1Char('D')) || g.lsoas[l].ruc.startsWith(QLatin1Char('E'));
            return parallel(candidates, [&](int32_t a, int32_t b, Selection &out) {
                for (int32_t i = a; i < b; ++i) out[size_t(i)] = rural[p.lsoa[size_t(i)]];
            });
        }
        if (f == QLatin1String("registered") || f == QLatin1String("alive")) {
            const bool registered = f == QLatin1String("registered");
            return parallel(candidates, [&](int32_t a, int32_t b, Selection &out) {
                for (int32_t i = a; i < b; ++i)
                    out[size_t(i)] =
                        registered ? p.isRegistered(i, indexDate) : (p.death[size_t(i)] == kNoDate || p.death[size_t(i)] > indexDate);
            });
        }
        for (size_t k = 0; k < kPersonFlags.size(); ++k)
            if (f == QLatin1String(kPersonFlags[k])) return candidates & p.flags[k];
        return locatedError(e, QStringLiteral("unknown flag `%1`").arg(f));
    }
    if (f == QLatin1String("age")) {
        int y;
        unsigned m, d;
        civilFromDays(indexDate, y, m, d);
        const int indexYm = y * 12 + int(m) - 1;
        return parallel(candidates, [&](int32_t a, int32_t b, Selection &out) {
            for (int32_t i = a; i < b; ++i) out[size_t(i)] = compareValue((indexYm - p.birthYm[size_t(i)]) / 12, e);
        });
    }
    if (const auto match = lsoaMatch(g, e)) {
        return parallel(candidates, [&](int32_t a, int32_t b, Selection &out) {
            for (int32_t i = a; i < b; ++i) out[size_t(i)] = (*match)[p.lsoa[size_t(i)]];
        });
    }
    if (f == QLatin1String("ltc_count")) {
        auto gp = gpMeasures(mProject, mLists, indexDate);
        if (!gp) return locatedError(e, gp.error().message);
        const std::vector<uint32_t> &bits = gp.value()->conditions;
        return parallel(candidates, [&](int32_t a, int32_t b, Selection &out) {
            for (int32_t i = a; i < b; ++i) out[size_t(i)] = compareValue(double(std::popcount(bits[size_t(i)])), e);
        });
    }
    if (f == QLatin1String("efi")) {
        auto gp = gpMeasures(mProject, mLists, indexDate);
        if (!gp) return locatedError(e, gp.error().message);
        const std::vector<uint8_t> &k = gp.value()->efiDeficits;
        return parallel(candidates, [&](int32_t a, int32_t b, Selection &out) {
            for (int32_t i = a; i < b; ++i) out[size_t(i)] = compareValue(efiScore(k[size_t(i)]), e);
        });
    }
    if (const auto field = valueField(e)) {
        auto test = valueTest(mProject, mLists, *field, e, indexDate);
        if (!test) return test.error();
        return parallel(candidates, [&](int32_t a, int32_t b, Selection &out) {
            for (int32_t i = a; i < b; ++i) out[size_t(i)] = test.value()(i);
        });
    }
    if (!isTextField(f)) return locatedError(e, QStringLiteral("unknown field `%1`").arg(f));
    if (e.kind == Expr::Between || (e.kind == Expr::Compare && e.op != CompareOp::Eq && e.op != CompareOp::Ne))
        return locatedError(e, QStringLiteral("`%1` is text: use =, != or in (...)").arg(f));
    const TextDictionary dict = textDictionary(mProject, f);
    QStringList literals;
    for (const Literal &l : e.values) literals << l.text;
    auto resolved = resolveText(dict, f, literals);
    if (!resolved) return locatedError(e, resolved.error().message);
    std::vector<uint8_t> accept(size_t(dict.values.size()), 0);
    for (int k = 0; k < dict.values.size(); ++k) accept[size_t(k)] = resolved.value().contains(dict.values[k]);
    const bool invert = (e.kind == Expr::Compare && e.op == CompareOp::Ne) || (e.kind == Expr::InList && e.negated);
    std::shared_ptr<const GpMeasures> gp;  // for efi_category
    if (f == QLatin1String("efi_category")) {
        auto r = gpMeasures(mProject, mLists, indexDate);
        if (!r) return locatedError(e, r.error().message);
        gp = r.value();
    }
    const std::vector<uint8_t> *efi = gp ? &gp->efiDeficits : nullptr;
    return parallel(candidates, [&](int32_t a, int32_t b, Selection &out) {
        for (int32_t i = a; i < b; ++i) {
            const int key = efi ? int(dict.values.indexOf(efiCategory((*efi)[size_t(i)]))) : textKey(mProject, f, i);
            out[size_t(i)] = (key >= 0 && key < int(accept.size()) && accept[size_t(key)]) != invert;
        }
    });
}

Result<std::vector<uint8_t>> MemoryEngine::codeMask(const EventTable &t, const QString &dataset, const QStringList &lists) const {
    std::vector<uint8_t> mask(t.codes.size(), 0);
    const bool prefix = dataset == QLatin1String("apc");  // ICD-10: a list entry matches its subcodes
    for (const QString &name : lists) {
        auto codes = mLists.codes(name);
        if (!codes) return codes.error();
        if (prefix) {
            for (size_t i = 0; i < t.codes.size(); ++i)
                for (const QString &c : codes.value())
                    if (t.codes[i].startsWith(c)) {
                        mask[i] = 1;
                        break;
                    }
        } else {
            const QSet<QString> wanted(codes.value().begin(), codes.value().end());
            for (size_t i = 0; i < t.codes.size(); ++i) mask[i] |= wanted.contains(t.codes[i]);
        }
    }
    return mask;
}

struct MemoryEngine::EventSource {
    const EventTable *table;
    bool asc;
    std::vector<uint8_t> mask;
    std::vector<std::function<bool(const EventTable &, uint32_t)>> filters;
    // Whether row r (dated up to the index date) matches the query's window, code lists and
    // filters; for social care, `weeks` gets the weeks it is active in the window.
    bool matches(uint32_t r, int32_t start, int32_t indexDate, double &weeks) const {
        const EventTable &t = *table;
        if (asc) {  // a social care service counts while it is active in the window
            weeks = weeksActive(t.date[r], t.end[r], start, indexDate);
            if (weeks <= 0) return false;
        } else if (t.date[r] <= start) {  // start is kNoDate (INT32_MIN) for `ever`
            return false;
        }
        if (!mask.empty() && !mask[t.code[r]]) return false;
        for (const auto &filter : filters)
            if (!filter(t, r)) return false;
        return true;
    }
};

namespace {
// What one person's events add up to under a query.
struct Aggregate {
    int64_t count = 0;
    double total = 0;
    float latest = NAN;
};
}  // namespace

Result<std::vector<MemoryEngine::EventSource>> MemoryEngine::eventSources(const EventQuery &q) const {
    std::vector<int> datasets;
    if (q.dataset == QLatin1String("all")) {
        for (int d = kFirstEventDataset; d < kEventDatasetEnd; ++d)
            if (Dataset(d) != Dataset::Gp) datasets.push_back(d);
    } else {
        datasets.push_back(int(datasetNames().indexOf(q.dataset)) + kFirstEventDataset);
    }
    std::vector<EventSource> sources;
    for (int d : datasets) {
        EventSource s{&mProject.eventTable(Dataset(d)), Dataset(d) == Dataset::Asc, {}, {}};
        if (!q.codeLists.isEmpty()) {
            auto mask = codeMask(*s.table, q.dataset, q.codeLists);
            if (!mask) return mask.error();
            s.mask = std::move(mask.value());
        }
        for (const QString &k : q.filters) s.filters.push_back(eventFilter(q.dataset, k, *s.table));
        sources.push_back(std::move(s));
    }
    return sources;
}

namespace {
// Walks person i's events in each source up to the index date; `has` stops at the first.
template <class Source>
Aggregate aggregate(const std::vector<Source> &sources, size_t i, EventQuery::Kind kind, int32_t start, int32_t indexDate) {
    Aggregate a;
    bool done = false;
    for (const Source &s : sources) {
        const EventTable &t = *s.table;
        const uint32_t last = t.offsets[i + 1];
        for (uint32_t r = t.offsets[i]; r < last && !done; ++r) {
            if (t.date[r] > indexDate) break;  // rows are in date order
            double weeks = 0;
            if (!s.matches(r, start, indexDate, weeks)) continue;
            ++a.count;
            if (kind == EventQuery::Has)
                done = true;  // one is enough
            else if (kind == EventQuery::Cost) {
                const float c = s.asc ? t.value[r] : t.cost[r];
                if (!std::isnan(c)) a.total += s.asc ? double(c) * weeks : double(c);
            } else if (kind == EventQuery::LatestValue) {
                a.latest = t.value[r];
            }
        }
    }
    return a;
}

// Money is compared in pennies (costs are held as floats; SQL rounds the same way).
double pennies(double total) { return std::round(total * 100.0) / 100.0; }
}  // namespace

Result<std::vector<double>> MemoryEngine::measure(const EventQuery &q, const Selection &people, int32_t indexDate) {
    std::vector<double> out;
    if (auto s = measureInto(q, people, out, indexDate); !s) return s.error();
    return out;
}

Status MemoryEngine::measureInto(const EventQuery &q, const Selection &people, std::vector<double> &out, int32_t indexDate) {
    if (indexDate == kNoDate) indexDate = mProject.extractEnd;
    auto prepared = eventSources(q);
    if (!prepared) return prepared.error();
    const int32_t start = windowStart(q.window, indexDate);
    // Row by row through each table (rows are grouped by person, then date): a sequential scan
    // of the matching rows is much cheaper than visiting every person's slice when most people
    // have no events. Two halves of the person range, one per core.
    out.resize(people.size());  // every entry is written below; reusing the buffer saves page faults
    std::vector<float> latestDate(q.kind == EventQuery::LatestValue ? people.size() : 0, -INFINITY);
    const int32_t n = mProject.persons.count;
    auto scan = [&](int32_t from, int32_t to) {
        for (size_t i = size_t(from); i < size_t(to); ++i) out[i] = people.test(i) ? 0.0 : double(NAN);
        for (const EventSource &s : prepared.value()) {
            const EventTable &t = *s.table;
            for (uint32_t r = t.offsets[size_t(from)]; r < t.offsets[size_t(to)]; ++r) {
                const int32_t date = t.date[r];
                if (date > indexDate) continue;
                const size_t i = size_t(t.rowPerson[r]);
                if (!people.test(i)) continue;
                double weeks = 0;
                if (!s.matches(r, start, indexDate, weeks)) continue;
                switch (q.kind) {
                    case EventQuery::Has:
                        out[i] = 1;
                        break;
                    case EventQuery::Count:
                        out[i] += 1;
                        break;
                    case EventQuery::Cost: {
                        const float c = s.asc ? t.value[r] : t.cost[r];
                        if (!std::isnan(c)) out[i] += s.asc ? double(c) * weeks : double(c);
                        break;
                    }
                    case EventQuery::LatestValue:
                        if (float(date) >= latestDate[i]) {  // the latest row across datasets wins
                            latestDate[i] = float(date);
                            out[i] = t.value[r];
                        }
                        break;
                }
            }
        }
        if (q.kind == EventQuery::Cost)
            for (size_t i = size_t(from); i < size_t(to); ++i)
                if (!std::isnan(out[i])) out[i] = pennies(out[i]);
        if (q.kind == EventQuery::LatestValue)
            for (size_t i = size_t(from); i < size_t(to); ++i)
                if (people.test(i) && latestDate[i] == -INFINITY) out[i] = NAN;
    };
    parallelFor(n, scan);
    return Ok{};
}

Status MemoryEngine::forEachEvent(const EventQuery &q, const Selection &people, const std::function<void(int32_t, int32_t, float)> &f) {
    auto prepared = eventSources(q);
    if (!prepared) return prepared.error();
    for (const EventSource &s : prepared.value())
        if (s.asc)
            return Error{
                ErrorCode::BadRule,
                QStringLiteral("social care services run over weeks, not on a day: count them with a rule instead of `%1`").arg(q.dataset),
                q.dataset};
    for (const EventSource &s : prepared.value()) {
        const EventTable &t = *s.table;
        double weeks = 0;
        for (uint32_t r = 0; r < uint32_t(t.rows); ++r) {
            const int32_t person = t.rowPerson[r];
            if (people.test(size_t(person)) && s.matches(r, kNoDate, mProject.extractEnd, weeks)) f(person, t.date[r], t.cost[r]);
        }
    }
    return Ok{};
}

Result<Selection> MemoryEngine::evalEvent(const Expr &e, const Selection &candidates, int32_t indexDate) {
    const EventQuery &q = *e.event;
    const int32_t start = windowStart(q.window, indexDate);
    auto prepared = eventSources(q);
    if (!prepared) return locatedError(e, prepared.error().message);
    const std::vector<EventSource> &sources = prepared.value();
    const EventQuery::Kind kind = q.kind;
    // Selective code-list criteria walk the inverted index: only rows with a listed code.
    if (kind == EventQuery::Has && sources.size() == 1 && !sources[0].mask.empty() && sources[0].filters.empty() && !sources[0].asc) {
        const EventTable &t = *sources[0].table;
        uint64_t postings = 0;
        for (size_t c = 0; c < t.codes.size(); ++c)
            if (sources[0].mask[c]) postings += t.codeOffsets[c + 1] - t.codeOffsets[c];
        const double scanned = double(t.rows) * double(candidates.count()) / std::max(1.0, double(candidates.size()));
        if (double(postings) < scanned) {
            Selection out(candidates.size());
            for (size_t c = 0; c < t.codes.size(); ++c) {
                if (!sources[0].mask[c]) continue;
                for (uint32_t k = t.codeOffsets[c]; k < t.codeOffsets[c + 1]; ++k) {
                    const uint32_t r = t.codeRows[k];
                    const int32_t date = t.date[r];
                    if (date <= indexDate && date > start) out.set(size_t(t.rowPerson[r]));
                }
            }
            return out & candidates;
        }
    }
    return parallel(candidates, [&](int32_t a, int32_t b, Selection &out) {
        // Only people still selected are visited.
        for (size_t i = a == 0 ? candidates.find_first() : candidates.find_next(size_t(a) - 1); i < size_t(b);
             i = candidates.find_next(i)) {
            const Aggregate g = aggregate(sources, i, kind, start, indexDate);
            bool hit = false;
            switch (kind) {
                case EventQuery::Has:
                    hit = g.count > 0;
                    break;
                case EventQuery::Count:
                    hit = compareValue(double(g.count), e);
                    break;
                case EventQuery::Cost:
                    hit = compareValue(pennies(g.total), e);
                    break;
                case EventQuery::LatestValue:
                    hit = !std::isnan(g.latest) && compareValue(double(g.latest), e, true);
                    break;
            }
            if (hit) out.set(i);
        }
    });
}

}  // namespace phm::core::rules
