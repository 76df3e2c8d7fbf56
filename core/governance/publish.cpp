#include "governance/publish.h"

#include <QHash>
#include <QJsonArray>
#include <algorithm>
#include <cmath>
#include <map>

namespace phm::core::disclosure {

namespace {
QJsonValue number(double v) { return std::isnan(v) || std::isinf(v) ? QJsonValue() : QJsonValue(v); }
double figures(double v, int digits) { return QString::number(v, 'g', digits).toDouble(); }

// What the lines an object is part of decided: its counts as published (by path below the
// object, e.g. "numerator" or "core20/numerator"; NaN: suppressed), and the published totals of
// those lines (the denominators of shares). An object can be in several lines: the areas of a
// table, and the same areas' nested groups.
struct FromLine {
    QHash<QString, double> counts, totals;
    FromLine sub(const QString &prefix) const {
        FromLine out;
        for (auto it = counts.begin(); it != counts.end(); ++it)
            if (it.key().startsWith(prefix)) out.counts.insert(it.key().mid(prefix.size()), it.value());
        for (auto it = totals.begin(); it != totals.end(); ++it)
            if (it.key().startsWith(prefix)) out.totals.insert(it.key().mid(prefix.size()), it.value());
        return out;
    }
    // Two decisions for one count: suppressed in either is suppressed.
    void merge(const FromLine &o) {
        for (auto it = o.counts.begin(); it != o.counts.end(); ++it)
            if (!counts.contains(it.key()) || std::isnan(it.value())) counts.insert(it.key(), it.value());
        for (auto it = o.totals.begin(); it != o.totals.end(); ++it)
            if (!totals.contains(it.key())) totals.insert(it.key(), it.value());
    }
};

struct Walker {
    const OutputFields &fields;
    const Policy &policy;
    int suppressed = 0;
    // The objects holding the one being published (as they came) and their published counts,
    // outermost first.
    struct Holder {
        const QJsonObject *object;
        const QHash<QString, double> *shown;
    };
    std::vector<Holder> holders;

    // A derived field's scale with its scaleBy label, looked for in `o`, then in its holders.
    double scaleOf(const DerivedField &d, const QJsonObject &o) const {
        if (d.scaleBy.isEmpty()) return d.scale;
        QJsonValue unit = o.value(d.scaleBy);
        for (auto h = holders.rbegin(); unit.isUndefined() && h != holders.rend(); ++h) unit = h->object->value(d.scaleBy);
        if (unit.isUndefined()) return d.scale;
        return unit.isDouble() && unit.toDouble() > 0 && std::isfinite(unit.toDouble()) ? d.scale * unit.toDouble() : NAN;
    }

    // A Resolution field's value: on the grid of the count nearest to it (in the object, then in
    // the objects holding it, innermost first) that one of its declarations names.
    double resolved(const QString &key, double value, const QJsonObject &o, const QHash<QString, double> &shown) const {
        std::vector<const QHash<QString, double> *> scopes{&shown};
        for (auto h = holders.rbegin(); h != holders.rend(); ++h) scopes.push_back(h->shown);
        for (const QHash<QString, double> *scope : scopes)
            for (const DerivedField &d : fields.derived) {
                if (d.key != key || d.how != Derivation::Resolution) continue;
                for (const QString &c : d.from)
                    if (const auto count = scope->find(c); count != scope->end()) {
                        if (!(*count > 0)) return NAN;  // suppressed (NaN) or nothing counted
                        const double step = scaleOf(d, o) * std::max(1, policy.roundTo) / *count;
                        return figures(roundToStep(value, step, policy), 3);
                    }
            }
        return NAN;
    }

    const DerivedField *derivedField(const QString &key) const {
        for (const DerivedField &d : fields.derived)
            if (d.key == key) return &d;
        return nullptr;
    }
    // A number is a count unless declared as something else: an undeclared field is protected.
    bool isCount(const QString &key) const {
        if (fields.counts.contains(key)) return true;
        return !derivedField(key) && !fields.comparators.contains(key) && !fields.labels.contains(key) && !fields.complements.contains(key);
    }

    // The counts of an object and of the objects nested in it, by path, for lines across objects.
    void flatten(const QJsonObject &o, const QString &prefix, QHash<QString, double> &out, int depth = 0) const {
        if (depth > 4) return;
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QString path = prefix + it.key();
            if (it->isDouble() && isCount(it.key()))
                out.insert(path, it->toDouble());
            else if (it->isObject())
                flatten(it->toObject(), path + QLatin1Char('/'), out, depth + 1);
            else if (it->isArray() && !fields.notLines.contains(it.key()) && it.key() != fields.linesAcross) {
                const QJsonArray a = it->toArray();
                for (qsizetype i = 0; i < a.size(); ++i)
                    if (a[i].isObject())
                        flatten(a[i].toObject(), path + QLatin1Char('/') + QString::number(i) + QLatin1Char('/'), out, depth + 1);
            }
        }
    }

    QJsonObject object(QJsonObject o, const FromLine &given = {}) {
        FromLine line = given;
        for (const auto &[totalKey, partKeys] : fields.sums) {
            if (!o.value(totalKey).isDouble()) continue;
            std::vector<double> parts;
            QStringList present;
            for (const QString &k : partKeys)
                if (o.value(k).isDouble()) {
                    parts.push_back(o.value(k).toDouble());
                    present << k;
                }
            const ProtectedLine sum = protectLine(parts, o.value(totalKey).toDouble(), policy);
            FromLine decided;
            for (qsizetype k = 0; k < present.size(); ++k) decided.counts.insert(present[k], sum.parts[size_t(k)]);
            decided.counts.insert(totalKey, sum.total);
            line.merge(decided);
        }
        QStringList hidden;
        QHash<QString, double> shown;  // published counts of this object
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!it->isDouble() || !isCount(it.key())) continue;
            const auto fromLine = line.counts.find(it.key());
            const double value = fromLine != line.counts.end() ? *fromLine : publish(it->toDouble(), policy);
            if (std::isnan(value)) {
                hidden << it.key();
                ++suppressed;
            }
            shown.insert(it.key(), value);
            *it = number(value);
        }
        auto restsOnHidden = [&](const QStringList &from) {
            return hidden.isEmpty()
                       ? false
                       : from.isEmpty() || std::any_of(from.begin(), from.end(), [&](const QString &c) { return hidden.contains(c); });
        };
        QStringList resolvedKeys;  // a key declared twice is published once
        for (const DerivedField &d : fields.derived) {
            const QJsonValue v = o.value(d.key);
            if (!v.isDouble()) continue;
            if (d.how == Derivation::Resolution) {
                if (!resolvedKeys.contains(d.key)) o.insert(d.key, number(resolved(d.key, v.toDouble(), o, shown)));
                resolvedKeys << d.key;
                continue;
            }
            double out = NAN;
            if (!restsOnHidden(d.from)) switch (d.how) {
                    case Derivation::FromPublished:
                        out = figures(v.toDouble(), 4);
                        break;
                    case Derivation::Share: {
                        const QString c = d.from.value(0);
                        const double total = line.totals.value(c, NAN);
                        if (shown.contains(c) && total > 0) out = figures(100.0 * shown.value(c) / total, 4);
                        break;
                    }
                    case Derivation::Ratio: {
                        const double num = shown.value(d.from.value(0), NAN), den = shown.value(d.from.value(1), NAN);
                        if (den > 0) out = figures(scaleOf(d, o) * num / den, 4);
                        break;
                    }
                    case Derivation::Magnitude:
                        out = roundMagnitude(v.toDouble(), policy);
                        break;
                    case Derivation::Statistic:
                        out = figures(v.toDouble(), 3);
                        break;
                    case Derivation::Resolution:
                        break;  // above
                }
            o.insert(d.key, number(out));
        }
        for (const QString &key : fields.comparators)
            if (const QJsonValue v = o.value(key); v.isDouble()) o.insert(key, figures(v.toDouble(), 4));
        for (const QString &key : fields.complements)
            if (const QJsonValue v = o.value(key); v.isDouble())
                o.insert(key, hidden.isEmpty() ? QJsonValue(figures(v.toDouble(), 4)) : QJsonValue());
        if (!hidden.isEmpty()) o.insert(QStringLiteral("suppressed"), true);
        const QJsonObject labelled = o;  // its labels, for the objects below (o changes as they are published)
        holders.push_back({&labelled, &shown});
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QString prefix = it.key() + QLatin1Char('/');
            if (!fields.linesAcross.isEmpty() && it.key() == fields.linesAcross && it->isArray())
                *it = across(it->toArray(), o.value(fields.acrossTotal).toArray());
            else if (it->isObject())
                *it = object(it->toObject(), line.sub(prefix));
            else if (it->isArray())
                *it = walk(*it, fields.notLines.contains(it.key()), line.sub(prefix));
        }
        holders.pop_back();
        for (const auto &[key, compute] : fields.recomputed)
            if (o.contains(key)) o.insert(key, compute(o));
        for (const auto &[key, write] : fields.sentences)
            if (o.contains(key)) o.insert(key, write(o));
        return o;
    }

    // Protects the objects `at` of `objects` as the parts of one line for each count (and each
    // count of their nested objects, by path), with `totals` (exact, by count key) as the line's
    // total when known, else the parts' sum.
    void protectParts(const std::vector<QJsonObject> &objects, const std::vector<size_t> &at, std::vector<FromLine> &out,
                      const QJsonObject &totals = {}) {
        std::vector<QHash<QString, double>> flat(objects.size());
        QStringList paths;
        for (size_t i : at) {
            flatten(objects[i], {}, flat[i]);
            for (auto it = flat[i].begin(); it != flat[i].end(); ++it)
                if (!paths.contains(it.key())) paths << it.key();
        }
        for (const QString &path : paths) {
            std::vector<double> parts;
            std::vector<size_t> where;
            for (size_t i : at)
                if (const auto count = flat[i].find(path); count != flat[i].end()) {
                    parts.push_back(*count);
                    where.push_back(i);
                }
            double total = 0;
            for (double part : parts) total += part;
            const QJsonValue known = totals.value(path);
            if (known.isDouble() && known.toDouble() >= total) total = known.toDouble();
            if (parts.size() < 2 && !known.isDouble()) continue;
            const ProtectedLine line = protectLine(parts, total, policy);
            for (size_t k = 0; k < where.size(); ++k) {
                out[where[k]].counts.insert(path, line.parts[k]);
                out[where[k]].totals.insert(path, roundCount(total, policy));
            }
        }
    }

    QJsonValue walk(const QJsonValue &v, bool notLine = false, const FromLine &outer = {}) {
        if (v.isObject()) return object(v.toObject(), outer);
        if (!v.isArray()) return v;
        const QJsonArray in = v.toArray();
        const auto n = size_t(in.size());
        std::vector<FromLine> fromLine(n);
        if (!notLine && policy.enabled) {
            std::vector<QJsonObject> objects(n);
            std::map<QString, std::vector<size_t>> lines;  // one line per value of lineBy
            for (size_t i = 0; i < n; ++i) {
                if (!in[qsizetype(i)].isObject()) continue;
                objects[i] = in[qsizetype(i)].toObject();
                lines[fields.lineBy.isEmpty() ? QString() : objects[i].value(fields.lineBy).toVariant().toString()].push_back(i);
            }
            for (const auto &[group, at] : lines) protectParts(objects, at, fromLine);
        }
        QJsonArray out;
        for (qsizetype i = 0; i < in.size(); ++i) {
            fromLine[size_t(i)].merge(outer.sub(QString::number(i) + QLatin1Char('/')));
            out.append(in[i].isObject() ? QJsonValue(object(in[i].toObject(), fromLine[size_t(i)])) : walk(in[i]));
        }
        return out;
    }

    // Areas each with a series: at each position the areas' points are the parts of a line whose
    // total is the matching point of `totals` (the ICS), so one area's hidden point cannot be had
    // from the ICS and the other areas at that time.
    QJsonArray across(const QJsonArray &areas, const QJsonArray &totals) {
        const QString &key = fields.acrossKey;
        size_t points = 0;
        for (const QJsonValue &a : areas) points = std::max(points, size_t(a.toObject().value(key).toArray().size()));
        std::vector<std::vector<FromLine>> decided(size_t(areas.size()), std::vector<FromLine>(points));
        if (policy.enabled)
            for (size_t j = 0; j < points; ++j) {
                std::vector<QJsonObject> objects(size_t(areas.size()));
                std::vector<size_t> at;
                for (qsizetype i = 0; i < areas.size(); ++i) {
                    const QJsonArray series = areas[i].toObject().value(key).toArray();
                    if (qsizetype(j) < series.size() && series[qsizetype(j)].isObject()) {
                        objects[size_t(i)] = series[qsizetype(j)].toObject();
                        at.push_back(size_t(i));
                    }
                }
                std::vector<FromLine> line(objects.size());
                protectParts(objects, at, line, qsizetype(j) < totals.size() ? totals[qsizetype(j)].toObject() : QJsonObject());
                for (size_t i : at) decided[i][j] = line[i];
            }
        QJsonArray out;
        for (qsizetype i = 0; i < areas.size(); ++i) {
            QJsonObject area = areas[i].toObject();
            const QJsonArray series = area.value(key).toArray();
            area.remove(key);
            area = object(area);
            QJsonArray published;
            for (qsizetype j = 0; j < series.size(); ++j)
                published.append(series[j].isObject() ? QJsonValue(object(series[j].toObject(), decided[size_t(i)][size_t(j)]))
                                                      : series[j]);
            area.insert(key, published);
            out.append(area);
        }
        return out;
    }
};
}  // namespace

Published publish(const QJsonValue &value, const OutputFields &fields, const Policy &policy) {
    Walker w{fields, policy, 0, {}};
    QJsonValue v = policy.enabled ? w.walk(value) : value;
    return {v, w.suppressed};
}

QString significantText(double v, int digits) {
    if (std::isnan(v) || std::isinf(v)) return QStringLiteral("*");
    const double rounded = std::abs(v) < 1e-9 ? 0.0 : figures(v, digits);
    if (rounded == 0) return QStringLiteral("0");
    const int decimals = std::clamp(digits - 1 - int(std::floor(std::log10(std::abs(rounded)))), 0, 12);
    return QString::number(rounded, 'f', decimals);
}

QJsonObject describe(const Policy &policy, int suppressed) {
    return QJsonObject{{QStringLiteral("policy"), policy.describe()}, {QStringLiteral("suppressed"), suppressed}};
}

}  // namespace phm::core::disclosure
