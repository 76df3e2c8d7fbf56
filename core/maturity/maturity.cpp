#include "maturity/maturity.h"

#include <QJsonArray>
#include <QUrl>
#include <algorithm>
#include <map>

namespace phm::core::maturity {

namespace {
Error bad(const QString &where, const QString &what) { return Error{ErrorCode::BadAssessment, where + QStringLiteral(": ") + what, where}; }

QJsonValue levelName(const Framework &f, int level) {
    return level >= 0 && level < f.levels.size() ? QJsonValue(f.levels[level]) : QJsonValue();
}
}  // namespace

const Rating *Assessment::rating(const QString &capability) const {
    for (const Rating &r : ratings)
        if (r.capability.compare(capability, Qt::CaseInsensitive) == 0) return &r;
    return nullptr;
}

QJsonObject Assessment::toJson(const Framework &f) const {
    QJsonArray rs;
    for (const Rating &r : ratings) {
        QJsonObject o{{QStringLiteral("capability"), r.capability},
                      {QStringLiteral("current"), levelName(f, r.current)},
                      {QStringLiteral("target"), levelName(f, r.target)}};
        if (r.targetDate.isValid()) o.insert(QStringLiteral("target_date"), r.targetDate.toString(Qt::ISODate));
        if (!r.evidence.isEmpty()) o.insert(QStringLiteral("evidence"), r.evidence);
        if (!r.links.isEmpty()) o.insert(QStringLiteral("links"), QJsonArray::fromStringList(r.links));
        rs.append(o);
    }
    QJsonObject o{{QStringLiteral("framework"), framework}, {QStringLiteral("level"), level},
                  {QStringLiteral("area"), area},           {QStringLiteral("assessed_on"), assessedOn.toString(Qt::ISODate)},
                  {QStringLiteral("assessor"), assessor},   {QStringLiteral("ratings"), rs}};
    if (!note.isEmpty()) o.insert(QStringLiteral("note"), note);
    if (id > 0) o.insert(QStringLiteral("id"), id);
    if (!recordedAt.isEmpty()) o.insert(QStringLiteral("recorded_at"), recordedAt);
    if (!recordedBy.isEmpty()) o.insert(QStringLiteral("recorded_by"), recordedBy);
    return o;
}

bool Assessment::sameContent(const Assessment &o) const {
    if (framework != o.framework || level != o.level || area != o.area || assessedOn != o.assessedOn || assessor != o.assessor ||
        note != o.note || ratings.size() != o.ratings.size())
        return false;
    for (size_t i = 0; i < ratings.size(); ++i) {
        const Rating &a = ratings[i], &b = o.ratings[i];
        if (a.capability != b.capability || a.current != b.current || a.target != b.target || a.targetDate != b.targetDate ||
            a.evidence != b.evidence || a.links != b.links)
            return false;
    }
    return true;
}

const Framework *findFramework(const std::vector<Framework> &frameworks, const QString &name) {
    for (const Framework &f : frameworks)
        if (f.name.compare(name, Qt::CaseInsensitive) == 0) return &f;
    return nullptr;
}

Status checkAssessment(const Assessment &a, const std::vector<Framework> &frameworks, const std::vector<AssessableArea> &areas,
                       const QString &where) {
    const Framework *f = findFramework(frameworks, a.framework);
    if (!f) return bad(where, QStringLiteral("no framework called \"%1\"").arg(a.framework));
    const bool known =
        std::any_of(areas.begin(), areas.end(), [&](const AssessableArea &x) { return x.level == a.level && x.code == a.area; });
    if (!known && !areas.empty()) {
        if (a.level != QLatin1String("ics") && a.level != QLatin1String("place") && a.level != QLatin1String("pcn"))
            return bad(where, QStringLiteral("\"level\" must be ics, place or pcn, not \"%1\"").arg(a.level));
        return bad(where, QStringLiteral("no %1 \"%2\" in this project").arg(a.level, a.area));
    }
    if (!a.assessedOn.isValid()) return bad(where, QStringLiteral("\"assessed_on\" must be a date, YYYY-MM-DD"));
    if (a.assessor.trimmed().isEmpty()) return bad(where, QStringLiteral("say who assessed (\"assessor\")"));
    if (a.ratings.empty()) return bad(where, QStringLiteral("rate at least one capability"));
    QStringList seen;
    for (size_t i = 0; i < a.ratings.size(); ++i) {
        const Rating &r = a.ratings[i];
        const QString at = QStringLiteral("%1.ratings[%2]").arg(where).arg(i);
        if (f->capabilityIndex(r.capability) < 0)
            return bad(at, QStringLiteral("\"%1\" is not a capability of %2").arg(r.capability, f->name));
        if (seen.contains(r.capability, Qt::CaseInsensitive)) return bad(at, QStringLiteral("\"%1\" is rated twice").arg(r.capability));
        seen << r.capability;
        if (r.current < 0 || r.current >= f->levels.size()) return bad(at, QStringLiteral("give the current level"));
        if (r.target >= f->levels.size()) return bad(at, QStringLiteral("the target is not a level of %1").arg(f->name));
        if (r.target >= 0 && r.target < r.current)
            return bad(at,
                       QStringLiteral("the target (%1) is below the current level (%2)").arg(f->levels[r.target], f->levels[r.current]));
        if (r.targetDate.isValid() && r.targetDate < a.assessedOn)
            return bad(at, QStringLiteral("the target date %1 is before the assessment").arg(r.targetDate.toString(Qt::ISODate)));
        for (const QString &link : r.links) {
            const QUrl url(link, QUrl::StrictMode);
            if (!url.isValid() ||
                !QStringList{QStringLiteral("http"), QStringLiteral("https"), QStringLiteral("file")}.contains(url.scheme()))
                return bad(at, QStringLiteral("\"%1\" is not an http(s) or file link").arg(link));
        }
    }
    return Ok{};
}

Result<Assessment> assessmentFromJson(const QJsonValue &json, const std::vector<Framework> &frameworks,
                                      const std::vector<AssessableArea> &areas, const QString &where) {
    if (!json.isObject()) return bad(where, QStringLiteral("an assessment must be a JSON object"));
    const QJsonObject o = json.toObject();
    static const QStringList known = {QStringLiteral("framework"),   QStringLiteral("level"),    QStringLiteral("area"),
                                      QStringLiteral("assessed_on"), QStringLiteral("assessor"), QStringLiteral("note"),
                                      QStringLiteral("ratings"),     QStringLiteral("id"),       QStringLiteral("recorded_at"),
                                      QStringLiteral("recorded_by")};
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!known.contains(it.key())) return bad(where, QStringLiteral("unknown key \"%1\"").arg(it.key()));
    Assessment a;
    a.framework = o.value(QStringLiteral("framework")).toString();
    a.level = o.value(QStringLiteral("level")).toString();
    a.area = o.value(QStringLiteral("area")).toString();
    a.assessedOn = QDate::fromString(o.value(QStringLiteral("assessed_on")).toString(), Qt::ISODate);
    a.assessor = o.value(QStringLiteral("assessor")).toString().trimmed();
    a.note = o.value(QStringLiteral("note")).toString();
    const Framework *f = findFramework(frameworks, a.framework);
    if (!f) return bad(where, QStringLiteral("no framework called \"%1\"").arg(a.framework));
    a.framework = f->name;
    const QJsonValue ratings = o.value(QStringLiteral("ratings"));
    if (!ratings.isArray()) return bad(where, QStringLiteral("\"ratings\" must be a list"));
    for (qsizetype i = 0; i < ratings.toArray().size(); ++i) {
        const QString at = QStringLiteral("%1.ratings[%2]").arg(where).arg(i);
        const QJsonValue rv = ratings.toArray()[i];
        if (!rv.isObject()) return bad(at, QStringLiteral("a rating must be a JSON object"));
        const QJsonObject ro = rv.toObject();
        static const QStringList ratingKeys = {QStringLiteral("capability"),  QStringLiteral("current"),  QStringLiteral("target"),
                                               QStringLiteral("target_date"), QStringLiteral("evidence"), QStringLiteral("links")};
        for (auto it = ro.begin(); it != ro.end(); ++it)
            if (!ratingKeys.contains(it.key())) return bad(at, QStringLiteral("unknown key \"%1\"").arg(it.key()));
        Rating r;
        r.capability = ro.value(QStringLiteral("capability")).toString();
        if (const int c = f->capabilityIndex(r.capability); c >= 0) r.capability = f->capabilities[size_t(c)].name;
        for (const auto &[key, field] :
             {std::pair{QStringLiteral("current"), &r.current}, std::pair{QStringLiteral("target"), &r.target}}) {
            const QJsonValue v = ro.value(key);
            if (v.isUndefined() || v.isNull()) continue;
            *field = f->levelIndex(v.toString());
            if (*field < 0)
                return bad(at, QStringLiteral("unknown level \"%1\" for \"%2\" (levels: %3)")
                                   .arg(v.toVariant().toString(), key, f->levels.join(QStringLiteral(", "))));
        }
        if (ro.contains(QStringLiteral("target_date"))) {
            r.targetDate = QDate::fromString(ro.value(QStringLiteral("target_date")).toString(), Qt::ISODate);
            if (!r.targetDate.isValid()) return bad(at, QStringLiteral("\"target_date\" must be a date, YYYY-MM-DD"));
        }
        r.evidence = ro.value(QStringLiteral("evidence")).toString();
        for (const QJsonValue &l : ro.value(QStringLiteral("links")).toArray()) r.links << l.toString();
        a.ratings.push_back(std::move(r));
    }
    if (o.contains(QStringLiteral("id"))) a.id = o.value(QStringLiteral("id")).toInteger();
    a.recordedAt = o.value(QStringLiteral("recorded_at")).toString();
    a.recordedBy = o.value(QStringLiteral("recorded_by")).toString();
    if (auto s = checkAssessment(a, frameworks, areas, where); !s) return s.error();
    return a;
}

std::vector<Assessment> latestByArea(const std::vector<Assessment> &all, const QString &framework, const QDate &asOf) {
    std::map<std::pair<QString, QString>, const Assessment *> newest;
    for (const Assessment &a : all) {
        if (a.framework.compare(framework, Qt::CaseInsensitive) != 0 || (asOf.isValid() && a.assessedOn > asOf)) continue;
        const Assessment *&slot = newest[{a.level, a.area}];
        if (!slot || a.assessedOn > slot->assessedOn || (a.assessedOn == slot->assessedOn && a.id > slot->id)) slot = &a;
    }
    std::vector<Assessment> out;
    for (const auto &[key, a] : newest) out.push_back(*a);
    return out;
}

}  // namespace phm::core::maturity
