#include "maturity/maturityframework.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace phm::core::maturity {

namespace {
Error bad(const QString &where, const QString &what) { return Error{ErrorCode::BadFramework, where + QStringLiteral(": ") + what, where}; }

Result<QString> text(const QJsonObject &o, const QString &key, const QString &where, bool required) {
    const QJsonValue v = o.value(key);
    if (v.isUndefined() && !required) return QString();
    if (!v.isString() || (required && v.toString().trimmed().isEmpty()))
        return bad(where, QStringLiteral("\"%1\" must be a non-empty string").arg(key));
    return v.toString().trimmed();
}
}  // namespace

int Framework::capabilityIndex(const QString &n) const {
    for (size_t i = 0; i < capabilities.size(); ++i)
        if (capabilities[i].name.compare(n, Qt::CaseInsensitive) == 0) return int(i);
    return -1;
}

int Framework::levelIndex(const QString &level) const {
    for (int i = 0; i < levels.size(); ++i)
        if (levels[i].compare(level, Qt::CaseInsensitive) == 0) return i;
    return -1;
}

QJsonObject Framework::toJson() const {
    QJsonArray caps;
    for (const Capability &c : capabilities) {
        QJsonObject o{{QStringLiteral("name"), c.name},
                      {QStringLiteral("description"), c.description},
                      {QStringLiteral("descriptors"), QJsonArray::fromStringList(c.descriptors)}};
        if (c.optional) o.insert(QStringLiteral("optional"), true);
        caps.append(o);
    }
    return QJsonObject{{QStringLiteral("name"), name},
                       {QStringLiteral("summary"), summary},
                       {QStringLiteral("levels"), QJsonArray::fromStringList(levels)},
                       {QStringLiteral("capabilities"), caps}};
}

Result<Framework> frameworkFromJson(const QJsonValue &json, const QString &where) {
    if (!json.isObject()) return bad(where, QStringLiteral("a framework must be a JSON object"));
    const QJsonObject o = json.toObject();
    static const QStringList known = {QStringLiteral("name"), QStringLiteral("summary"), QStringLiteral("levels"),
                                      QStringLiteral("capabilities")};
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!known.contains(it.key())) return bad(where, QStringLiteral("unknown key \"%1\"").arg(it.key()));
    Framework f;
    auto name = text(o, QStringLiteral("name"), where, true);
    if (!name) return name.error();
    f.name = name.value();
    auto summary = text(o, QStringLiteral("summary"), where, false);
    if (!summary) return summary.error();
    f.summary = summary.value();
    const QJsonValue levels = o.value(QStringLiteral("levels"));
    if (!levels.isArray() || levels.toArray().size() < 2)
        return bad(where, QStringLiteral("\"levels\" must list at least two levels, lowest first"));
    for (qsizetype i = 0; i < levels.toArray().size(); ++i) {
        const QJsonValue l = levels.toArray()[i];
        const QString at = QStringLiteral("%1.levels[%2]").arg(where).arg(i);
        if (!l.isString() || l.toString().trimmed().isEmpty()) return bad(at, QStringLiteral("a level must be a non-empty string"));
        if (f.levelIndex(l.toString().trimmed()) >= 0) return bad(at, QStringLiteral("duplicate level \"%1\"").arg(l.toString()));
        f.levels << l.toString().trimmed();
    }
    const QJsonValue caps = o.value(QStringLiteral("capabilities"));
    if (!caps.isArray() || caps.toArray().isEmpty())
        return bad(where, QStringLiteral("\"capabilities\" must list at least one capability"));
    for (qsizetype i = 0; i < caps.toArray().size(); ++i) {
        const QString at = QStringLiteral("%1.capabilities[%2]").arg(where).arg(i);
        const QJsonValue cv = caps.toArray()[i];
        if (!cv.isObject()) return bad(at, QStringLiteral("a capability must be a JSON object"));
        const QJsonObject co = cv.toObject();
        static const QStringList capKeys = {QStringLiteral("name"), QStringLiteral("description"), QStringLiteral("descriptors"),
                                            QStringLiteral("optional")};
        for (auto it = co.begin(); it != co.end(); ++it)
            if (!capKeys.contains(it.key())) return bad(at, QStringLiteral("unknown key \"%1\"").arg(it.key()));
        Capability c;
        auto cname = text(co, QStringLiteral("name"), at, true);
        if (!cname) return cname.error();
        c.name = cname.value();
        if (f.capabilityIndex(c.name) >= 0) return bad(at, QStringLiteral("duplicate capability \"%1\"").arg(c.name));
        auto description = text(co, QStringLiteral("description"), at, false);
        if (!description) return description.error();
        c.description = description.value();
        if (co.contains(QStringLiteral("optional")) && !co.value(QStringLiteral("optional")).isBool())
            return bad(at, QStringLiteral("\"optional\" must be true or false"));
        c.optional = co.value(QStringLiteral("optional")).toBool();
        const QJsonValue d = co.value(QStringLiteral("descriptors"));
        if (!d.isArray() || d.toArray().size() != f.levels.size())
            return bad(at, QStringLiteral("\"descriptors\" must give one descriptor for each of the %1 levels").arg(f.levels.size()));
        for (qsizetype k = 0; k < d.toArray().size(); ++k) {
            if (!d.toArray()[k].isString() || d.toArray()[k].toString().trimmed().isEmpty())
                return bad(QStringLiteral("%1.descriptors[%2]").arg(at).arg(k),
                           QStringLiteral("each level needs a short descriptor (a non-empty string)"));
            c.descriptors << d.toArray()[k].toString().trimmed();
        }
        f.capabilities.push_back(std::move(c));
    }
    return f;
}

const std::vector<Framework> &builtInFrameworks() {
    static const std::vector<Framework> all = [] {
        std::vector<Framework> out;
        // In the order an ICS meets them: the NHS England matrix first.
        for (const char *file : {"nhse-phm-maturity-matrix", "phm-strategy-six-components", "four-building-blocks", "pcn-phm-maturity"}) {
            QFile f(QStringLiteral(":/phm/maturity/%1.json").arg(QLatin1String(file)));
            if (!f.open(QIODevice::ReadOnly)) continue;
            auto framework = frameworkFromJson(QJsonDocument::fromJson(f.readAll()).object(), f.fileName());
            if (framework) out.push_back(std::move(framework.value()));
        }
        return out;
    }();
    return all;
}

QString lineAndColumn(const QByteArray &text, qsizetype offset) {
    int line = 1, column = 1;
    for (qsizetype i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else if ((uchar(text[i]) & 0xC0) != 0x80) {  // count characters, not UTF-8 continuation bytes
            ++column;
        }
    }
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

}  // namespace phm::core::maturity
