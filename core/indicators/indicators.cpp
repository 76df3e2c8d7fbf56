#include "indicators/indicators.h"

#include "rules/ruleparser.h"
#include "store/projectdb.h"
#include "store/projectlock.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace phm::core {

QString indicatorTypeName(IndicatorType t) {
    switch (t) {
        case IndicatorType::Rate:
            return QStringLiteral("rate");
        case IndicatorType::Dsr:
            return QStringLiteral("dsr");
        case IndicatorType::Mean:
            return QStringLiteral("mean");
        case IndicatorType::Proportion:
            break;
    }
    return QStringLiteral("proportion");
}

QString polarityName(Polarity p) {
    switch (p) {
        case Polarity::HigherIsBetter:
            return QStringLiteral("higher_is_better");
        case Polarity::LowerIsBetter:
            return QStringLiteral("lower_is_better");
        case Polarity::NoJudgement:
            break;
    }
    return QStringLiteral("no_judgement");
}

namespace {
// An events measure parses as the left side of a comparison.
QString checkMeasure(const QString &text, const rules::CodeLists *lists) {
    const rules::ParseResult r = rules::parseRule(text + QStringLiteral(" >= 0"), lists);
    if (!r.ok()) {
        // A rule on its own (e.g. has(...)) parses but cannot be compared: say what a measure is.
        if (rules::parseRule(text, lists).ok())
            return QStringLiteral("`%1` is a yes/no rule; events must be a count(...), cost(...) or latest(...).value measure").arg(text);
        return r.error.message;
    }
    if (r.expr->kind != rules::Expr::Compare || !r.expr->event || r.expr->event->kind == rules::EventQuery::Has)
        return QStringLiteral("`%1` is not a count(...), cost(...) or latest(...).value measure").arg(text);
    return {};
}
}  // namespace

Result<std::vector<IndicatorDefinition>> parseIndicators(const QByteArray &json, const QString &origin, const rules::CodeLists *lists) {
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error{ErrorCode::BadIndicators,
                     QStringLiteral("%1: %2 at byte %3").arg(origin, parseError.errorString()).arg(parseError.offset), origin};
    std::vector<IndicatorDefinition> out;
    const QJsonArray list = doc.object().value(QStringLiteral("indicators")).toArray();
    for (int k = 0; k < list.size(); ++k) {
        const QJsonObject o = list.at(k).toObject();
        IndicatorDefinition d;
        d.id = o.value(QStringLiteral("id")).toString();
        auto fail = [&](const QString &message) {
            return Error{ErrorCode::BadIndicator, QStringLiteral("%1: indicator %2 (`%3`): %4").arg(origin).arg(k + 1).arg(d.id, message),
                         origin};
        };
        if (d.id.isEmpty()) return fail(QStringLiteral("no id"));
        d.name = o.value(QStringLiteral("name")).toString(d.id);
        d.topic = o.value(QStringLiteral("topic")).toString();
        d.description = o.value(QStringLiteral("description")).toString();
        d.source = o.value(QStringLiteral("source")).toString();
        d.numerator = o.value(QStringLiteral("numerator")).toString();
        d.events = o.value(QStringLiteral("events")).toString();
        d.denominator = o.value(QStringLiteral("denominator")).toString(QStringLiteral("registered"));
        d.denominatorMonthsBefore = o.value(QStringLiteral("denominator_months_before")).toInt(0);
        d.independentEvents = o.value(QStringLiteral("independent_events")).toBool(true);
        const QString type = o.value(QStringLiteral("type")).toString(QStringLiteral("proportion"));
        const QStringList types = {QStringLiteral("proportion"), QStringLiteral("rate"), QStringLiteral("dsr"), QStringLiteral("mean")};
        if (!types.contains(type))
            return fail(QStringLiteral("type must be one of %1 (got `%2`)").arg(types.join(QStringLiteral(", ")), type));
        d.type = IndicatorType(types.indexOf(type));
        d.multiplier = o.value(QStringLiteral("multiplier"))
                           .toDouble(d.type == IndicatorType::Proportion ? 100
                                     : d.type == IndicatorType::Mean     ? 1
                                                                         : 100000);
        const QString polarity = o.value(QStringLiteral("polarity")).toString(QStringLiteral("no_judgement"));
        const QStringList polarities = {QStringLiteral("no_judgement"), QStringLiteral("higher_is_better"),
                                        QStringLiteral("lower_is_better")};
        if (!polarities.contains(polarity))
            return fail(QStringLiteral("polarity must be one of %1 (got `%2`)").arg(polarities.join(QStringLiteral(", ")), polarity));
        d.polarity = Polarity(polarities.indexOf(polarity));
        if (d.type == IndicatorType::Proportion && d.numerator.isEmpty())
            return fail(QStringLiteral("a proportion needs a numerator rule"));
        if (d.type == IndicatorType::Mean && d.events.isEmpty()) return fail(QStringLiteral("a mean needs an events measure"));
        if (d.numerator.isEmpty() && d.events.isEmpty()) return fail(QStringLiteral("needs a numerator rule or an events measure"));
        for (const QString &rule : {d.numerator, d.denominator}) {
            if (rule.isEmpty()) continue;
            const rules::ParseResult r = rules::parseRule(rule, lists);
            if (!r.ok()) return fail(r.error.format(rule));
        }
        if (!d.events.isEmpty())
            if (const QString problem = checkMeasure(d.events, lists); !problem.isEmpty()) return fail(problem);
        for (IndicatorDefinition &existing : out)
            if (existing.id == d.id) return fail(QStringLiteral("the id is used twice"));
        out.push_back(d);
    }
    if (out.empty()) return Error{ErrorCode::BadIndicators, QStringLiteral("%1 has no indicators").arg(origin), origin};
    return out;
}

namespace {
const QString kStoredKey = QStringLiteral("indicators.user");

// Adds definitions, replacing any with the same id.
void merge(std::vector<IndicatorDefinition> &into, const std::vector<IndicatorDefinition> &more) {
    for (const IndicatorDefinition &d : more) {
        auto it = std::find_if(into.begin(), into.end(), [&](const IndicatorDefinition &x) { return x.id == d.id; });
        if (it != into.end())
            *it = d;
        else
            into.push_back(d);
    }
}

QByteArray definitionsJson(const std::vector<IndicatorDefinition> &list) {
    QJsonArray a;
    for (const IndicatorDefinition &d : list) a.append(indicatorJson(d));
    return QJsonDocument(QJsonObject{{QStringLiteral("indicators"), a}}).toJson(QJsonDocument::Compact);
}

// Called under the project's write lock (lockForWriting).
Status storeDefinitions(ProjectDb &db, const std::vector<IndicatorDefinition> &list) {
    return db.setMeta(kStoredKey, list.empty() ? QString() : QString::fromUtf8(definitionsJson(list)));
}
}  // namespace

const IndicatorDefinition *findIndicator(const std::vector<IndicatorDefinition> &list, const QString &id) {
    const auto it = std::find_if(list.begin(), list.end(), [&](const IndicatorDefinition &d) { return d.id == id; });
    return it == list.end() ? nullptr : &*it;
}

QJsonObject indicatorJson(const IndicatorDefinition &d) {
    QJsonObject o{{QStringLiteral("id"), d.id},
                  {QStringLiteral("name"), d.name},
                  {QStringLiteral("type"), indicatorTypeName(d.type)},
                  {QStringLiteral("denominator"), d.denominator},
                  {QStringLiteral("multiplier"), d.multiplier},
                  {QStringLiteral("polarity"), polarityName(d.polarity)}};
    for (const auto &[key, value] : {std::pair{QStringLiteral("topic"), d.topic},
                                     {QStringLiteral("numerator"), d.numerator},
                                     {QStringLiteral("events"), d.events},
                                     {QStringLiteral("description"), d.description},
                                     {QStringLiteral("source"), d.source}})
        if (!value.isEmpty()) o.insert(key, value);
    if (d.denominatorMonthsBefore != 0) o.insert(QStringLiteral("denominator_months_before"), d.denominatorMonthsBefore);
    if (!d.independentEvents) o.insert(QStringLiteral("independent_events"), false);
    return o;
}

Status checkIndicator(const IndicatorDefinition &d, const rules::CodeLists *lists) {
    auto parsed = parseIndicators(definitionsJson({d}), d.name.isEmpty() ? QStringLiteral("indicator") : d.name, lists);
    if (!parsed) return parsed.error();
    return Ok{};
}

Result<std::vector<IndicatorDefinition>> projectIndicators(ProjectDb &db, const rules::CodeLists *lists) {
    const QString stored = db.meta(kStoredKey);
    if (stored.isEmpty()) return std::vector<IndicatorDefinition>{};
    return parseIndicators(stored.toUtf8(), QStringLiteral("%1 (stored indicators)").arg(db.path()), lists);
}

Status saveProjectIndicator(ProjectDb &db, const IndicatorDefinition &d, const rules::CodeLists *lists) {
    if (auto s = checkIndicator(d, lists); !s) return s;
    auto lock = lockForWriting(db, QStringLiteral("indicators"));  // waits for an import to finish
    if (!lock) return lock.error();
    auto stored = projectIndicators(db, lists);
    if (!stored) return stored.error();
    merge(stored.value(), {d});
    return storeDefinitions(db, stored.value());
}

Status removeProjectIndicator(ProjectDb &db, const QString &id) {
    auto lock = lockForWriting(db, QStringLiteral("indicators"));  // waits for an import to finish
    if (!lock) return lock.error();
    auto stored = projectIndicators(db, nullptr);
    if (!stored) return stored.error();
    auto &list = stored.value();
    const auto it = std::remove_if(list.begin(), list.end(), [&](const IndicatorDefinition &d) { return d.id == id; });
    if (it == list.end())
        return Error{ErrorCode::UnknownIndicator, QStringLiteral("the project has no indicator `%1` of its own").arg(id), id};
    list.erase(it, list.end());
    return storeDefinitions(db, list);
}

Result<std::vector<IndicatorDefinition>> loadIndicators(const QString &userFile, const rules::CodeLists *lists, ProjectDb *project) {
    QFile bundled(QStringLiteral(":/phm/indicators/indicators.json"));
    if (!bundled.open(QIODevice::ReadOnly))
        return Error{ErrorCode::MissingResource, QStringLiteral("the bundled indicators are missing"), {}};
    auto all = parseIndicators(bundled.readAll(), QStringLiteral("indicators.json"), lists);
    if (!all) return all;
    if (project) {
        auto stored = projectIndicators(*project, lists);
        if (!stored) return stored.error();
        merge(all.value(), stored.value());
    }
    if (userFile.isEmpty()) return all;
    QFile f(userFile);
    if (!f.open(QIODevice::ReadOnly))
        return Error{ErrorCode::CannotOpen, QStringLiteral("cannot open %1: %2").arg(userFile, f.errorString()), userFile};
    auto mine = parseIndicators(f.readAll(), userFile, lists);
    if (!mine) return mine.error();
    merge(all.value(), mine.value());
    return all;
}

}  // namespace phm::core
