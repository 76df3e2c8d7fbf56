#include "profilecommand.h"

#include "base/dates.h"
#include "clicredentials.h"
#include "clidisclosure.h"
#include "clioutput.h"
#include "indicators/inequality.h"
#include "indicators/profile.h"
#include "indicators/trend.h"
#include "rules/rulecatalogue.h"
#include "rules/ruleparser.h"
#include "session/projectloader.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>
#include <optional>

using namespace phm::core;
using phm::cli::countText;
using phm::cli::csvCell;
using phm::cli::fail;
using phm::cli::jsonNumber;
using phm::cli::levelNamed;
using phm::cli::out;
using phm::cli::valueJson;

namespace {
// The indicator named by --indicator among the bundled ones, the project's own and
// --indicator-file; an unknown id or a bad file is an error naming the command.
Result<IndicatorDefinition> indicatorOption(const QCommandLineParser &p, const rules::CodeLists &lists, const QString &command) {
    auto all = loadIndicators(p.value(QStringLiteral("indicator-file")), &lists, p.value(QStringLiteral("project")));
    if (!all) return Error{all.error().code, QStringLiteral("phm %1: %2").arg(command, all.error().message), {}};
    const QString id = p.value(QStringLiteral("indicator"));
    const IndicatorDefinition *found = findIndicator(all.value(), id);
    if (!found)
        return Error{QStringLiteral("unknown_indicator"),
                     QStringLiteral("phm %1: no indicator `%2` (see phm profile --list)").arg(command, id), id};
    return *found;
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
                  {QStringLiteral("list"), QStringLiteral("List the indicators and exit.")},
                  phm::cli::disclosureOption(),
                  phm::cli::passphraseFileOption()});
    p.process(args);
    const rules::CodeLists lists;
    auto all = loadIndicators(p.value(QStringLiteral("indicator-file")), &lists, p.value(QStringLiteral("project")));
    if (!all) return fail(QStringLiteral("phm profile: %1").arg(all.error().message));
    std::vector<IndicatorDefinition> chosen;
    if (p.isSet(QStringLiteral("indicators"))) {
        for (const QString &id : p.value(QStringLiteral("indicators")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const IndicatorDefinition *found = findIndicator(all.value(), id.trimmed());
            if (!found) return fail(QStringLiteral("phm profile: no indicator `%1` (see --list)").arg(id.trimmed()));
            chosen.push_back(*found);
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
    const auto policy = phm::cli::outputPolicy(p, p.value(QStringLiteral("project")));
    if (!policy) return fail(QStringLiteral("phm profile: %1").arg(policy.error().message));
    Feedback fb;
    auto opened = openProject(p.value(QStringLiteral("project")), fb);
    if (!opened) return fail(QStringLiteral("phm profile: %1").arg(opened.error().message));
    ProfileOptions options;
    if (p.isSet(QStringLiteral("date"))) {
        const auto day = parseIsoDate(p.value(QStringLiteral("date")).toStdString());
        if (!day) return fail(QStringLiteral("phm profile: --date is YYYY-MM-DD"));
        options.indexDate = *day;
    }
    options.governed = &policy.value();  // values from the counts as published
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
                                 QStringLiteral("parent"),      QStringLiteral("parent_value"),   QStringLiteral("parent_significance"),
                                 QStringLiteral("suppressed"),  QStringLiteral("disclosure")};
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
                                {QStringLiteral("value"), jsonNumber(r.value.ci.value)},
                                {QStringLiteral("lowercl"), jsonNumber(r.value.ci.lower)},
                                {QStringLiteral("uppercl"), jsonNumber(r.value.ci.upper)},
                                {QStringLiteral("comparator"), jsonNumber(r.icsValue)},
                                {QStringLiteral("significance"), significanceName(r.vsIcs)},
                                {QStringLiteral("parent"), areas.name(r.parent)},
                                {QStringLiteral("parent_value"), jsonNumber(r.parentValue)},
                                {QStringLiteral("parent_significance"), significanceName(r.vsParent)}});
    }
    // The areas of the level are parts of a line for each indicator; every row names the policy.
    disclosure::OutputFields fields = phm::cli::kIndicatorFields;
    fields.lineBy = QStringLiteral("indicator");
    auto published =
        phm::cli::publishRows(rows, fields, policy.value(), opened.value()->path, QStringLiteral("profile"),
                              {{QStringLiteral("level"), p.value(QStringLiteral("level"))}, {QStringLiteral("format"), format}});
    if (!published) return fail(QStringLiteral("phm profile: %1").arg(published.error().message));
    rows = QJsonArray();
    for (const QJsonValue &v : published.value().value.toArray()) {
        QJsonObject row = v.toObject();
        row.insert(QStringLiteral("suppressed"), row.value(QStringLiteral("suppressed")).toBool());
        row.insert(QStringLiteral("disclosure"), policy.value().describe());
        rows.append(row);
    }
    if (format == QLatin1String("json")) {
        out(QString::fromUtf8(QJsonDocument(rows).toJson()));
        return 0;
    }
    out(columns.join(QLatin1Char(',')) + QLatin1Char('\n'));
    for (const QJsonValue &v : rows) {
        QStringList cells;
        for (const QString &c : columns) cells << csvCell(v.toObject().value(c), 12);
        out(cells.join(QLatin1Char(',')) + QLatin1Char('\n'));
    }
    QStringList ms;
    for (double t : times) ms << QString::number(t, 'f', 1);
    std::fprintf(stderr, "%lld rows; ms: %s\n", static_cast<long long>(rows.size()), qPrintable(ms.join(QLatin1Char(' '))));
    return 0;
}

int runInequalityCommand(const QStringList &args) {
    QCommandLineParser p;
    p.addOptions({{QStringLiteral("project"), QStringLiteral("Project file."), QStringLiteral("FILE")},
                  {QStringLiteral("indicator"), QStringLiteral("Indicator id (see phm profile --list)."), QStringLiteral("ID")},
                  {QStringLiteral("by"), inequalityDimensionNames().join(QStringLiteral(", ")), QStringLiteral("DIMENSION"),
                   QStringLiteral("imd_decile")},
                  {QStringLiteral("where"), QStringLiteral("Only people matching RULE, e.g. \"place = 'Luton'\"."), QStringLiteral("RULE")},
                  {QStringLiteral("indicator-file"), QStringLiteral("Your own indicator definitions (JSON)."), QStringLiteral("FILE")},
                  {QStringLiteral("confidence"), QStringLiteral("Confidence level."), QStringLiteral("C"), QStringLiteral("0.95")},
                  {QStringLiteral("repetitions"), QStringLiteral("SII simulations."), QStringLiteral("N"), QStringLiteral("100000")},
                  {QStringLiteral("seed"), QStringLiteral("SII random seed."), QStringLiteral("S"), QStringLiteral("1")},
                  {QStringLiteral("json"), QStringLiteral("Print JSON.")},
                  phm::cli::disclosureOption(),
                  phm::cli::passphraseFileOption()});
    p.process(args);
    const auto policy = phm::cli::outputPolicy(p, p.value(QStringLiteral("project")));
    if (!policy) return fail(QStringLiteral("phm inequality: %1").arg(policy.error().message));
    const auto dimension = inequalityDimension(p.value(QStringLiteral("by")));
    if (!dimension)
        return fail(QStringLiteral("phm inequality: --by must be one of %1").arg(inequalityDimensionNames().join(QStringLiteral(", "))));
    const rules::CodeLists lists;
    const auto chosen = indicatorOption(p, lists, QStringLiteral("inequality"));
    if (!chosen) return fail(chosen.error().message);
    const IndicatorDefinition *it = &chosen.value();
    InequalityOptions options;
    auto confidence = stats::confidenceLevel(p.value(QStringLiteral("confidence")).toDouble());
    if (!confidence) return fail(QStringLiteral("phm inequality: %1").arg(confidence.error().message));
    options.confidence = confidence.value();
    options.repetitions = p.value(QStringLiteral("repetitions")).toInt();
    options.seed = p.value(QStringLiteral("seed")).toULongLong();
    options.governed = &policy.value();
    if (options.repetitions < 1) return fail(QStringLiteral("phm inequality: --repetitions must be a positive whole number"));
    Feedback fb;
    auto opened = openProject(p.value(QStringLiteral("project")), fb);
    if (!opened) return fail(QStringLiteral("phm inequality: %1").arg(opened.error().message));
    std::optional<rules::Selection> scope;
    if (p.isSet(QStringLiteral("where"))) {
        const QString where = p.value(QStringLiteral("where"));
        const rules::ParseResult parsed = rules::parseRule(where, &lists);
        if (!parsed.ok()) return fail(QStringLiteral("phm inequality: --where: %1").arg(parsed.error.format(where)));
        auto selected = rules::MemoryEngine(*opened.value(), lists).evaluate(*parsed.expr);
        if (!selected) return fail(QStringLiteral("phm inequality: --where: %1").arg(selected.error().message));
        scope = selected.value().people;
    }
    auto r = computeInequality(*opened.value(), lists, *it, *dimension, scope ? &*scope : nullptr, options);
    if (!r) return fail(QStringLiteral("phm inequality: %1").arg(r.error().message));
    QJsonArray groups;
    for (const InequalityGroup &g : r.value().groups) {
        QJsonObject o = valueJson(g.value);
        o.insert(QStringLiteral("group"), g.label);
        groups.append(o);
    }
    const auto &s = r.value().sii;
    QJsonObject o{{QStringLiteral("indicator"), it->id},
                  {QStringLiteral("indicator_name"), it->name},
                  {QStringLiteral("by"), p.value(QStringLiteral("by"))},
                  {QStringLiteral("confidence"), options.confidence},
                  {QStringLiteral("groups"), groups},
                  {QStringLiteral("overall"), valueJson(r.value().overall)},
                  {QStringLiteral("sii"), s ? jsonNumber(s->sii) : QJsonValue()},
                  {QStringLiteral("sii_lower"), s ? jsonNumber(s->siiLower) : QJsonValue()},
                  {QStringLiteral("sii_upper"), s ? jsonNumber(s->siiUpper) : QJsonValue()},
                  {QStringLiteral("rii"), s ? jsonNumber(s->rii) : QJsonValue()},
                  {QStringLiteral("rii_lower"), s ? jsonNumber(s->riiLower) : QJsonValue()},
                  {QStringLiteral("rii_upper"), s ? jsonNumber(s->riiUpper) : QJsonValue()}};
    if (!s) o.insert(QStringLiteral("sii_note"), r.value().siiNote);
    // The slope and relative index come from the groups' published values; three figures.
    disclosure::OutputFields fields = phm::cli::kIndicatorFields;
    for (const char *key : {"sii", "sii_lower", "sii_upper", "rii", "rii_lower", "rii_upper"})
        fields.derived.push_back({QLatin1String(key), {}, disclosure::Derivation::Statistic});
    auto published =
        phm::cli::publishOutput(o, fields, policy.value(), opened.value()->path, QStringLiteral("inequality"),
                                {{QStringLiteral("indicator"), it->id}, {QStringLiteral("by"), p.value(QStringLiteral("by"))}});
    if (!published) return fail(QStringLiteral("phm inequality: %1").arg(published.error().message));
    o = published.value();
    // A slope through a suppressed group's value would carry it: no SII or RII then.
    const QJsonArray shown = o.value(QStringLiteral("groups")).toArray();
    if (std::any_of(shown.begin(), shown.end(), [](const QJsonValue &g) { return g[QStringLiteral("suppressed")].toBool(); })) {
        for (const char *key : {"sii", "sii_lower", "sii_upper", "rii", "rii_lower", "rii_upper"})
            o.insert(QLatin1String(key), QJsonValue());
        o.insert(QStringLiteral("sii_note"), QStringLiteral("a group's value is suppressed by disclosure control"));
    }
    if (p.isSet(QStringLiteral("json"))) {
        out(QString::fromUtf8(QJsonDocument(o).toJson()));
        return 0;
    }
    auto number = [](const QJsonValue &v, int decimals) {
        return v.isDouble() ? QString::number(v.toDouble(), 'f', decimals) : QStringLiteral("*");
    };
    out(QStringLiteral("%1 by %2 (%3)\n").arg(it->name, p.value(QStringLiteral("by")), policy.value().describe()));
    for (const QJsonValue &g : shown)
        out(QStringLiteral("  %1  %2  (%3 to %4)  %5 / %6\n")
                .arg(g[QStringLiteral("group")].toString(), -22)
                .arg(number(g[QStringLiteral("value")], 2), 10)
                .arg(number(g[QStringLiteral("lowercl")], 2), number(g[QStringLiteral("uppercl")], 2),
                     countText(g[QStringLiteral("numerator")]), countText(g[QStringLiteral("denominator")])));
    if (o.value(QStringLiteral("sii")).isDouble())
        out(QStringLiteral("SII %1 (%2 to %3), RII %4 (%5 to %6)\n")
                .arg(number(o.value(QStringLiteral("sii")), 3), number(o.value(QStringLiteral("sii_lower")), 3),
                     number(o.value(QStringLiteral("sii_upper")), 3), number(o.value(QStringLiteral("rii")), 3),
                     number(o.value(QStringLiteral("rii_lower")), 3), number(o.value(QStringLiteral("rii_upper")), 3)));
    else
        out(QStringLiteral("No SII: %1\n").arg(o.value(QStringLiteral("sii_note")).toString()));
    return 0;
}

int runTrendCommand(const QStringList &args) {
    QCommandLineParser p;
    p.addOptions({{QStringLiteral("project"), QStringLiteral("Project file."), QStringLiteral("FILE")},
                  {QStringLiteral("indicator"), QStringLiteral("Indicator id (see phm profile --list)."), QStringLiteral("ID")},
                  {QStringLiteral("level"), QStringLiteral("ics, alliance, place, pcn, practice or lsoa."), QStringLiteral("LEVEL"),
                   QStringLiteral("place")},
                  {QStringLiteral("points"), QStringLiteral("Index dates, at most."), QStringLiteral("N"), QStringLiteral("8")},
                  {QStringLiteral("months"), QStringLiteral("Months between index dates."), QStringLiteral("M"), QStringLiteral("3")},
                  {QStringLiteral("indicator-file"), QStringLiteral("Your own indicator definitions (JSON)."), QStringLiteral("FILE")},
                  phm::cli::disclosureOption(),
                  phm::cli::passphraseFileOption()});
    p.process(args);
    const auto policy = phm::cli::outputPolicy(p, p.value(QStringLiteral("project")));
    if (!policy) return fail(QStringLiteral("phm trend: %1").arg(policy.error().message));
    const auto level = levelNamed(p.value(QStringLiteral("level")));
    if (!level) return fail(QStringLiteral("phm trend: --level must be ics, alliance, place, pcn, practice or lsoa"));
    const int points = p.value(QStringLiteral("points")).toInt(), months = p.value(QStringLiteral("months")).toInt();
    if (points < 1 || months < 1) return fail(QStringLiteral("phm trend: --points and --months must be positive whole numbers"));
    const rules::CodeLists lists;
    const auto chosen = indicatorOption(p, lists, QStringLiteral("trend"));
    if (!chosen) return fail(chosen.error().message);
    const IndicatorDefinition *it = &chosen.value();
    Feedback fb;
    auto opened = openProject(p.value(QStringLiteral("project")), fb);
    if (!opened) return fail(QStringLiteral("phm trend: %1").arg(opened.error().message));
    const AreaIndex areas(*opened.value());
    const std::vector<int32_t> dates = trendDates(*opened.value(), *it, points, months);
    auto trend = computeTrend(areas, lists, *it, *level, dates, nullptr, nullptr, &policy.value());
    if (!trend) return fail(QStringLiteral("phm trend: %1").arg(trend.error().message));
    // null when the indicator reads no dated events (any date is covered).
    const int32_t covered = earliestCoveredDate(*opened.value(), *it);
    const QJsonValue earliest = covered <= kNoDate + 1 ? QJsonValue() : QJsonValue(QString::fromStdString(isoDate(covered)));
    QJsonArray dateList, series, ics;
    for (const TrendPoint &t : trend.value().points) {
        dateList.append(QString::fromStdString(isoDate(t.date)));
        QJsonObject v = valueJson(t.ics);
        v.insert(QStringLiteral("date"), QString::fromStdString(isoDate(t.date)));
        ics.append(v);
    }
    for (int a = 0; a < areas.areaCount(*level); ++a) {
        QJsonArray values;
        for (const TrendPoint &t : trend.value().points) {
            QJsonObject v = valueJson(t.byArea[size_t(a)]);
            v.insert(QStringLiteral("date"), QString::fromStdString(isoDate(t.date)));
            values.append(v);
        }
        series.append(QJsonObject{{QStringLiteral("area"), areas.name(Area{*level, a})},
                                  {QStringLiteral("area_code"), areas.code(Area{*level, a})},
                                  {QStringLiteral("values"), values}});
    }
    // Each area's values over time are a series, not parts of a line; at each date the areas'
    // points are the parts of a line whose total is the ICS's point, so one area's hidden value
    // cannot be had as the ICS less the others.
    disclosure::OutputFields fields = phm::cli::kIndicatorFields;
    fields.linesAcross = QStringLiteral("areas");
    fields.acrossKey = QStringLiteral("values");
    fields.acrossTotal = QStringLiteral("ics");
    auto published =
        phm::cli::publishOutput(QJsonObject{{QStringLiteral("indicator"), it->id},
                                            {QStringLiteral("indicator_name"), it->name},
                                            {QStringLiteral("level"), p.value(QStringLiteral("level"))},
                                            {QStringLiteral("dates"), dateList},
                                            {QStringLiteral("earliest_covered"), earliest},
                                            {QStringLiteral("areas"), series},
                                            {QStringLiteral("ics"), ics},
                                            {QStringLiteral("ms"), trend.value().ms}},
                                fields, policy.value(), opened.value()->path, QStringLiteral("trend"),
                                {{QStringLiteral("indicator"), it->id}, {QStringLiteral("level"), p.value(QStringLiteral("level"))}});
    if (!published) return fail(QStringLiteral("phm trend: %1").arg(published.error().message));
    out(QString::fromUtf8(QJsonDocument(published.value()).toJson()));
    return 0;
}
