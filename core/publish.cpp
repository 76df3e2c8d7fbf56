#include "publish.h"

#include <QHash>
#include <QJsonArray>
#include <algorithm>
#include <cmath>

namespace phm::core::disclosure {

namespace {
QJsonValue number(double v) { return std::isnan(v) ? QJsonValue() : QJsonValue(v); }

struct Walker {
    const OutputFields &fields;
    const Policy &policy;
    int suppressed = 0;

    // One object on its own: counts published, derived values dropped with a suppressed count.
    QJsonObject object(QJsonObject o, const std::vector<std::pair<QString, double>> &fromLine) {
        QStringList hidden;
        for (const QString &key : fields.counts) {
            const QJsonValue v = o.value(key);
            if (!v.isDouble()) continue;
            double shown = publish(v.toDouble(), policy);
            for (const auto &[lineKey, lineValue] : fromLine)
                if (lineKey == key) shown = lineValue;
            if (std::isnan(shown)) {
                hidden << key;
                ++suppressed;
            }
            o.insert(key, number(shown));
        }
        // A derived value to full precision would give its counts back exactly (a share of a
        // known total, the ratio of two shares): four significant figures are published.
        auto fourFigures = [&](const QString &key) {
            if (const QJsonValue v = o.value(key); v.isDouble()) o.insert(key, QString::number(v.toDouble(), 'g', 4).toDouble());
        };
        for (const auto &[key, from] : fields.derived) fourFigures(key);
        for (const QString &key : fields.comparators) fourFigures(key);
        if (!hidden.isEmpty()) {
            for (const auto &[key, from] : fields.derived) {
                const bool fromHidden =
                    from.isEmpty() || std::any_of(from.begin(), from.end(), [&](const QString &c) { return hidden.contains(c); });
                if (fromHidden && o.contains(key)) o.insert(key, QJsonValue());
            }
            o.insert(QStringLiteral("suppressed"), true);
        }
        for (auto it = o.begin(); it != o.end(); ++it)
            if (it->isObject() || it->isArray()) *it = walk(*it, fields.notLines.contains(it.key()));
        return o;
    }

    QJsonValue walk(const QJsonValue &v, bool notLine = false) {
        if (v.isObject()) return object(v.toObject(), {});
        if (!v.isArray()) return v;
        const QJsonArray in = v.toArray();
        // Parts of a line: per count key, protected together with their sum. The objects are
        // read once and sorted into their lines (one unless lineBy splits them).
        const auto n = size_t(in.size());
        std::vector<std::vector<std::pair<QString, double>>> lineValues(n);
        if (!notLine && policy.enabled) {
            std::vector<QJsonObject> objects(n);
            QHash<QString, std::vector<size_t>> lines;
            QStringList order;
            for (size_t i = 0; i < n; ++i) {
                if (!in[qsizetype(i)].isObject()) continue;
                objects[i] = in[qsizetype(i)].toObject();
                const QString g = fields.lineBy.isEmpty() ? QString() : objects[i].value(fields.lineBy).toVariant().toString();
                if (!lines.contains(g)) order << g;
                lines[g].push_back(i);
            }
            for (const QString &g : order)
                for (const QString &key : fields.counts) {
                    std::vector<double> parts;
                    std::vector<size_t> at;
                    for (size_t i : lines.value(g))
                        if (const QJsonValue count = objects[i].value(key); count.isDouble()) {
                            parts.push_back(count.toDouble());
                            at.push_back(i);
                        }
                    if (parts.size() < 2) continue;
                    double total = 0;
                    for (double part : parts) total += part;
                    const ProtectedLine line = protectLine(parts, total, policy);
                    for (size_t k = 0; k < at.size(); ++k) lineValues[at[k]].push_back({key, line.parts[k]});
                }
        }
        QJsonArray out;
        for (qsizetype i = 0; i < in.size(); ++i)
            out.append(in[i].isObject() ? QJsonValue(object(in[i].toObject(), lineValues[size_t(i)])) : walk(in[i]));
        return out;
    }
};
}  // namespace

Published publish(const QJsonValue &value, const OutputFields &fields, const Policy &policy) {
    Walker w{fields, policy};
    QJsonValue v = policy.enabled ? w.walk(value) : value;
    return {v, w.suppressed};
}

QJsonObject describe(const Policy &policy, int suppressed) {
    return QJsonObject{{QStringLiteral("policy"), policy.describe()}, {QStringLiteral("suppressed"), suppressed}};
}

}  // namespace phm::core::disclosure
