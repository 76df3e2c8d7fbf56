#include "publish.h"

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
        // Parts of a line: per count key, protected together with their sum.
        std::vector<std::vector<std::pair<QString, double>>> lineValues(size_t(in.size()));
        if (!notLine && policy.enabled) {
            QStringList groups;  // the lines of this array (one unless lineBy splits them)
            for (const QJsonValue &item : in) {
                const QString g = fields.lineBy.isEmpty() ? QString() : item.toObject().value(fields.lineBy).toVariant().toString();
                if (!groups.contains(g)) groups << g;
            }
            for (const QString &group : groups)
                for (const QString &key : fields.counts) {
                    std::vector<double> parts;
                    std::vector<qsizetype> at;
                    for (qsizetype i = 0; i < in.size(); ++i) {
                        const QJsonObject o = in[i].toObject();
                        if (!in[i].isObject() || !o.value(key).isDouble()) continue;
                        if (!fields.lineBy.isEmpty() && o.value(fields.lineBy).toVariant().toString() != group) continue;
                        parts.push_back(o.value(key).toDouble());
                        at.push_back(i);
                    }
                    if (parts.size() < 2) continue;
                    double total = 0;
                    for (double part : parts) total += part;
                    const ProtectedLine line = protectLine(parts, total, policy);
                    for (size_t k = 0; k < at.size(); ++k) lineValues[size_t(at[k])].push_back({key, line.parts[k]});
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
