#include "profilecommand.h"

#include "clioutput.h"
#include "dates.h"
#include "profile.h"
#include "projectloader.h"
#include "rulecatalogue.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>
#include <optional>

using namespace phm::core;
using phm::cli::fail;
using phm::cli::out;

namespace {
std::optional<Area::Kind> levelNamed(const QString &s) {
    const QStringList names = {QStringLiteral("ics"), QStringLiteral("alliance"), QStringLiteral("place"),
                               QStringLiteral("pcn"), QStringLiteral("practice"), QStringLiteral("lsoa")};
    const auto k = names.indexOf(s);
    if (k < 0) return std::nullopt;
    return Area::Kind(k);
}

QJsonValue number(double v) { return std::isnan(v) ? QJsonValue() : QJsonValue(v); }

QString csvCell(const QJsonValue &v) {
    if (v.isNull() || v.isUndefined()) return QString();
    if (v.isDouble()) return QString::number(v.toDouble(), 'g', 12);
    QString s = v.toString();
    if (s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')))
        s = QLatin1Char('"') + s.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
    return s;
}
}  // namespace

int runProfileCommand(const QStringList &args) {
    QCommandLineParser p;
    p.addOptions({{QStringLiteral("project"), QStringLiteral("Project file."), QStringLiteral("FILE")},
                  {QStringLiteral("level"), QStringLiteral("ics, alliance, place, pcn, practice or lsoa."), QStringLiteral("LEVEL"),
                   QStringLiteral("pcn")},
                  {QStringLiteral("indicators"), QStringLiteral("Indicator ids, comma-separated (default: all)."), QStringLiteral("IDS")},
                  {QStringLiteral("indicator-file"), QStringLiteral("Your own indicator definitions (JSON, as resources/indicators)."),
                   QStringLiteral("FILE")},
                  {QStringLiteral("date"), QStringLiteral("Index date (default: the extract end)."), QStringLiteral("YYYY-MM-DD")},
                  {QStringLiteral("format"), QStringLiteral("csv or json."), QStringLiteral("FORMAT"), QStringLiteral("csv")},
                  {QStringLiteral("repeat"), QStringLiteral("Compute N times and report the times (the first is cold)."),
                   QStringLiteral("N"), QStringLiteral("1")},
                  {QStringLiteral("list"), QStringLiteral("List the indicators and exit.")}});
    p.process(args);
    const rules::CodeLists lists;
    auto all = loadIndicators(p.value(QStringLiteral("indicator-file")), &lists);
    if (!all) return fail(QStringLiteral("phm profile: %1").arg(all.error().message));
    std::vector<IndicatorDefinition> chosen;
    if (p.isSet(QStringLiteral("indicators"))) {
        for (const QString &id : p.value(QStringLiteral("indicators")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            auto it =
                std::find_if(all.value().begin(), all.value().end(), [&](const IndicatorDefinition &d) { return d.id == id.trimmed(); });
            if (it == all.value().end()) return fail(QStringLiteral("phm profile: no indicator `%1` (see --list)").arg(id.trimmed()));
            chosen.push_back(*it);
        }
    } else {
        chosen = all.value();
    }
    if (p.isSet(QStringLiteral("list"))) {
        for (const IndicatorDefinition &d : chosen) out(QStringLiteral("%1\t%2\t%3\n").arg(d.id, indicatorTypeName(d.type), d.name));
        return 0;
    }
    const auto level = levelNamed(p.value(QStringLiteral("level")));
    if (!level) return fail(QStringLiteral("phm profile: --level must be ics, alliance, place, pcn, practice or lsoa"));
    const QString format = p.value(QStringLiteral("format"));
    if (format != QLatin1String("csv") && format != QLatin1String("json"))
        return fail(QStringLiteral("phm profile: --format must be csv or json"));
    Feedback fb;
    auto opened = openProject(p.value(QStringLiteral("project")), fb);
    if (!opened) return fail(QStringLiteral("phm profile: %1").arg(opened.error().message));
    ProfileOptions options;
    if (p.isSet(QStringLiteral("date"))) {
        const auto day = parseIsoDate(p.value(QStringLiteral("date")).toStdString());
        if (!day) return fail(QStringLiteral("phm profile: --date is YYYY-MM-DD"));
        options.indexDate = *day;
    }
    const AreaIndex areas(*opened.value());
    ProfileWorkspace workspace;
    auto profile = computeProfile(areas, lists, chosen, *level, options, &workspace);
    if (!profile) return fail(QStringLiteral("phm profile: %1").arg(profile.error().message));
    // Later runs reuse what a session keeps (loaded code lists, eFI and conditions per date).
    std::vector<double> times{profile.value().ms};
    for (int r = 1; r < p.value(QStringLiteral("repeat")).toInt(); ++r)
        times.push_back(computeProfile(areas, lists, chosen, *level, options, &workspace).value().ms);
    const QStringList columns = {QStringLiteral("level"),       QStringLiteral("area"),           QStringLiteral("area_code"),
                                 QStringLiteral("indicator"),   QStringLiteral("indicator_name"), QStringLiteral("type"),
                                 QStringLiteral("multiplier"),  QStringLiteral("polarity"),       QStringLiteral("numerator"),
                                 QStringLiteral("denominator"), QStringLiteral("value"),          QStringLiteral("lowercl"),
                                 QStringLiteral("uppercl"),     QStringLiteral("comparator"),     QStringLiteral("significance"),
                                 QStringLiteral("parent"),      QStringLiteral("parent_value"),   QStringLiteral("parent_significance")};
    QJsonArray rows;
    for (const ProfileRow &r : profile.value().rows) {
        const IndicatorDefinition &d = chosen[size_t(r.indicator)];
        rows.append(QJsonObject{{QStringLiteral("level"), p.value(QStringLiteral("level"))},
                                {QStringLiteral("area"), r.areaName},
                                {QStringLiteral("area_code"), r.areaCode},
                                {QStringLiteral("indicator"), d.id},
                                {QStringLiteral("indicator_name"), d.name},
                                {QStringLiteral("type"), indicatorTypeName(d.type)},
                                {QStringLiteral("multiplier"), d.multiplier},
                                {QStringLiteral("polarity"), polarityName(d.polarity)},
                                {QStringLiteral("numerator"), r.value.numerator},
                                {QStringLiteral("denominator"), r.value.denominator},
                                {QStringLiteral("value"), number(r.value.ci.value)},
                                {QStringLiteral("lowercl"), number(r.value.ci.lower)},
                                {QStringLiteral("uppercl"), number(r.value.ci.upper)},
                                {QStringLiteral("comparator"), number(r.icsValue)},
                                {QStringLiteral("significance"), significanceName(r.vsIcs)},
                                {QStringLiteral("parent"), areas.name(r.parent)},
                                {QStringLiteral("parent_value"), number(r.parentValue)},
                                {QStringLiteral("parent_significance"), significanceName(r.vsParent)}});
    }
    if (format == QLatin1String("json")) {
        out(QString::fromUtf8(QJsonDocument(rows).toJson()));
        return 0;
    }
    out(columns.join(QLatin1Char(',')) + QLatin1Char('\n'));
    for (const QJsonValue &v : rows) {
        QStringList cells;
        for (const QString &c : columns) cells << csvCell(v.toObject().value(c));
        out(cells.join(QLatin1Char(',')) + QLatin1Char('\n'));
    }
    QStringList ms;
    for (double t : times) ms << QString::number(t, 'f', 1);
    std::fprintf(stderr, "%lld rows; ms: %s\n", static_cast<long long>(rows.size()), qPrintable(ms.join(QLatin1Char(' '))));
    return 0;
}
