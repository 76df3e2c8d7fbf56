#include "packs/packtemplate.h"

#include "indicators/indicators.h"
#include "store/projectdb.h"
#include "store/projectlock.h"

#include <sqlite3.h>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <array>

namespace phm::core {

namespace {
constexpr std::array<const char *, 10> kSectionKeys = {"next-steps",   "population", "segments-risk", "indicators", "funnels",
                                                       "inequalities", "map",        "maturity",      "evaluation", "appendix"};

Error bad(const QString &source, const QString &message) {
    return Error{ErrorCode::BadTemplate, source + QStringLiteral(": ") + message, source};
}

QJsonArray toArray(const QStringList &list) { return QJsonArray::fromStringList(list); }

// A list of strings at `key`, or an error naming the key.
Result<QStringList> strings(const QJsonObject &json, const QString &key, const QString &source) {
    QStringList out;
    const QJsonValue v = json.value(key);
    if (v.isUndefined()) return out;
    if (!v.isArray()) return bad(source, QStringLiteral("\"%1\" must be a list of strings").arg(key));
    const QJsonArray a = v.toArray();
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (!a[i].isString()) return bad(source, QStringLiteral("\"%1\"[%2] must be a string").arg(key).arg(i));
        out << a[i].toString();
    }
    return out;
}

bool isImage(const QByteArray &b) { return b.startsWith("\x89PNG\r\n\x1a\n") || b.startsWith("\xff\xd8\xff"); }

// "<what>: <SQLite's message>", or the project's locked or damaged error when that is the cause.
Error dbError(ProjectDb &db, const QString &what) { return db.failure(what); }
}  // namespace

QString sectionKey(PackSection s) { return QString::fromLatin1(kSectionKeys[size_t(s)]); }

std::optional<PackSection> sectionNamed(const QString &key) {
    for (size_t i = 0; i < kSectionKeys.size(); ++i)
        if (key == QLatin1String(kSectionKeys[i])) return PackSection(i);
    return std::nullopt;
}

const std::vector<PackSection> &allPackSections() {
    static const std::vector<PackSection> all = [] {
        std::vector<PackSection> v;
        for (size_t i = 0; i < kSectionKeys.size(); ++i) v.push_back(PackSection(i));
        return v;
    }();
    return all;
}

bool PackTemplate::has(PackSection s) const { return std::find(sections.begin(), sections.end(), s) != sections.end(); }

QJsonObject PackTemplate::toJson() const {
    QStringList keys;
    for (PackSection s : sections) keys << sectionKey(s);
    QJsonObject o{{QStringLiteral("name"), name},
                  {QStringLiteral("title"), title},
                  {QStringLiteral("sections"), toArray(keys)},
                  {QStringLiteral("indicators"), toArray(indicators)},
                  {QStringLiteral("funnel_indicators"), toArray(funnelIndicators)},
                  {QStringLiteral("map_indicator"), mapIndicator},
                  {QStringLiteral("segmentation"), segmentationTemplate}};
    if (!logo.isEmpty()) o.insert(QStringLiteral("logo_base64"), QString::fromLatin1(logo.toBase64()));
    if (!updatedAt.isEmpty()) o.insert(QStringLiteral("updated_at"), updatedAt);
    if (!updatedBy.isEmpty()) o.insert(QStringLiteral("updated_by"), updatedBy);
    return o;
}

Result<PackTemplate> PackTemplate::fromJson(const QJsonObject &json, const QString &source) {
    static const QStringList known = {QStringLiteral("name"),
                                      QStringLiteral("title"),
                                      QStringLiteral("sections"),
                                      QStringLiteral("indicators"),
                                      QStringLiteral("funnel_indicators"),
                                      QStringLiteral("map_indicator"),
                                      QStringLiteral("segmentation"),
                                      QStringLiteral("logo_base64"),
                                      QStringLiteral("updated_at"),
                                      QStringLiteral("updated_by")};
    for (auto it = json.begin(); it != json.end(); ++it)
        if (!known.contains(it.key())) return bad(source, QStringLiteral("unknown key \"%1\"").arg(it.key()));
    PackTemplate t;
    t.name = json.value(QStringLiteral("name")).toString().trimmed();
    if (t.name.isEmpty()) return bad(source, QStringLiteral("\"name\" is missing or empty"));
    if (json.contains(QStringLiteral("title"))) t.title = json.value(QStringLiteral("title")).toString().trimmed();
    if (t.title.isEmpty()) return bad(source, QStringLiteral("\"title\" must be a non-empty string"));
    if (json.contains(QStringLiteral("sections"))) {
        auto keys = strings(json, QStringLiteral("sections"), source);
        if (!keys) return keys.error();
        t.sections.clear();
        for (const QString &k : keys.value()) {
            const auto s = sectionNamed(k);
            if (!s) {
                QStringList all;
                for (const char *key : kSectionKeys) all << QString::fromLatin1(key);
                return bad(source, QStringLiteral("unknown section \"%1\" (sections are %2)").arg(k, all.join(QStringLiteral(", "))));
            }
            if (t.has(*s)) return bad(source, QStringLiteral("section \"%1\" is listed twice").arg(k));
            t.sections.push_back(*s);
        }
        std::sort(t.sections.begin(), t.sections.end());  // sections keep the pack's page order
    }
    auto indicators = strings(json, QStringLiteral("indicators"), source);
    if (!indicators) return indicators.error();
    t.indicators = indicators.value();
    if (json.contains(QStringLiteral("funnel_indicators"))) {
        auto funnels = strings(json, QStringLiteral("funnel_indicators"), source);
        if (!funnels) return funnels.error();
        if (funnels.value().size() > kMaxFunnels)
            return bad(source, QStringLiteral("at most %1 funnel indicators fit on the page").arg(kMaxFunnels));
        t.funnelIndicators = funnels.value();
    }
    for (const auto &[key, field] :
         {std::pair{QStringLiteral("map_indicator"), &t.mapIndicator}, std::pair{QStringLiteral("segmentation"), &t.segmentationTemplate},
          std::pair{QStringLiteral("updated_at"), &t.updatedAt}, std::pair{QStringLiteral("updated_by"), &t.updatedBy}}) {
        const QJsonValue v = json.value(key);
        if (v.isUndefined()) continue;
        if (!v.isString()) return bad(source, QStringLiteral("\"%1\" must be a string").arg(key));
        *field = v.toString();
    }
    if (json.contains(QStringLiteral("logo_base64"))) {
        const auto decoded = QByteArray::fromBase64Encoding(json.value(QStringLiteral("logo_base64")).toString().toLatin1(),
                                                            QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded) return bad(source, QStringLiteral("\"logo_base64\" is not valid base64"));
        t.logo = *decoded;
        if (!t.logo.isEmpty() && !isImage(t.logo)) return bad(source, QStringLiteral("the logo must be a PNG or JPEG image"));
        if (t.logo.size() > kMaxLogoBytes)
            return bad(source, QStringLiteral("the logo is %1 KB; at most %2 KB").arg(t.logo.size() / 1024).arg(kMaxLogoBytes / 1024));
    }
    return t;
}

Status validatePackTemplate(const PackTemplate &t, const std::vector<IndicatorDefinition> &definitions) {
    const QString where = QStringLiteral("template \"%1\"").arg(t.name);
    if (t.name.trimmed().isEmpty()) return bad(QStringLiteral("template"), QStringLiteral("a template needs a name"));
    if (t.title.trimmed().isEmpty()) return bad(where, QStringLiteral("a template needs a title"));
    if (t.sections.empty()) return bad(where, QStringLiteral("choose at least one section"));
    if (t.funnelIndicators.size() > kMaxFunnels) return bad(where, QStringLiteral("at most %1 funnel indicators").arg(kMaxFunnels));
    if (!t.logo.isEmpty() && !isImage(t.logo)) return bad(where, QStringLiteral("the logo must be a PNG or JPEG image"));
    if (t.logo.size() > kMaxLogoBytes) return bad(where, QStringLiteral("the logo must be at most %1 KB").arg(kMaxLogoBytes / 1024));
    for (const QStringList &ids : {t.indicators, t.funnelIndicators, QStringList{t.mapIndicator}})
        for (const QString &id : ids)
            if (!id.isEmpty() && !findIndicator(definitions, id)) return bad(where, QStringLiteral("no indicator \"%1\"").arg(id));
    return Ok{};
}

Result<std::vector<PackTemplate>> listPackTemplates(ProjectDb &db) {
    std::vector<PackTemplate> out;
    if (db.schemaVersion() >= 4) {
        Statement st(db, QStringLiteral("SELECT name, definition FROM pack_template ORDER BY name"));
        while (st.step()) {
            const QString where = QStringLiteral("%1, pack template \"%2\"").arg(db.path(), st.columnText(0));
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(st.columnText(1).toUtf8(), &error);
            if (!doc.isObject()) return bad(where, error.errorString());
            auto t = PackTemplate::fromJson(doc.object(), where);
            if (!t) return t.error();
            out.push_back(std::move(t.value()));
        }
        if (!st.ok()) return dbError(db, QStringLiteral("cannot read pack templates"));
    }
    const bool ownStandard = std::any_of(out.begin(), out.end(), [](const PackTemplate &t) { return t.name == PackTemplate{}.name; });
    if (!ownStandard) out.insert(out.begin(), PackTemplate{});
    return out;
}

Result<PackTemplate> findPackTemplate(ProjectDb &db, const QString &name) {
    auto all = listPackTemplates(db);
    if (!all) return all.error();
    QStringList names;
    for (PackTemplate &t : all.value()) {
        if (t.name == name) return std::move(t);
        names << t.name;
    }
    return Error{ErrorCode::UnknownTemplate,
                 QStringLiteral("no pack template called \"%1\" (the project has %2)").arg(name, names.join(QStringLiteral(", "))), name};
}

Status savePackTemplate(ProjectDb &db, PackTemplate t, const QString &author) {
    t.name = t.name.trimmed();
    if (t.name.isEmpty()) return bad(QStringLiteral("template"), QStringLiteral("a template needs a name"));
    t.updatedAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    t.updatedBy = author;
    auto lock = lockForWriting(db, QStringLiteral("pack-templates"));  // waits for an import to finish
    if (!lock) return lock.error();
    if (auto s = db.migrate(); !s) return s;
    Statement st(db, QStringLiteral("INSERT OR REPLACE INTO pack_template(name, definition, updated_at, updated_by) VALUES (?, ?, ?, ?)"));
    st.bindText(1, t.name);
    st.bindText(2, QString::fromUtf8(QJsonDocument(t.toJson()).toJson(QJsonDocument::Compact)));
    st.bindText(3, t.updatedAt);
    st.bindText(4, t.updatedBy);
    if (!st.stepDone()) return dbError(db, QStringLiteral("cannot save pack template"));
    return Ok{};
}

Status removePackTemplate(ProjectDb &db, const QString &name) {
    auto lock = lockForWriting(db, QStringLiteral("pack-templates"));  // waits for an import to finish
    if (!lock) return lock.error();
    if (auto s = db.migrate(); !s) return s;
    Statement st(db, QStringLiteral("DELETE FROM pack_template WHERE name = ?"));
    st.bindText(1, name);
    if (!st.stepDone()) return dbError(db, QStringLiteral("cannot remove pack template"));
    if (sqlite3_changes(db.handle()) == 0)
        return Error{ErrorCode::UnknownTemplate, QStringLiteral("no saved pack template called \"%1\"").arg(name), name};
    return Ok{};
}

}  // namespace phm::core
