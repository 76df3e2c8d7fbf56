#include "profilecommand.h"

#include "base/dates.h"
#include "clicredentials.h"
#include "clidisclosure.h"
#include "clioutput.h"
#include "clisession.h"
#include "indicators/inequality.h"
#include "indicators/profile.h"
#include "indicators/trend.h"
#include "operations/profileops.h"
#include "rules/rulecatalogue.h"
#include "rules/ruleparser.h"
#include "session/session.h"

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
using phm::cli::levelNamed;
using phm::cli::openSession;
using phm::cli::out;

namespace {
// What --list shows: the bundled indicators, the project's own (read through a session of its
// records only, when a project is named) and those of the indicator file.
Result<std::vector<IndicatorDefinition>> listedIndicators(const QString &project, const QString &indicatorFile) {
    if (project.isEmpty()) {
        const rules::CodeLists lists;
        return loadIndicators(indicatorFile, &lists);
    }
    Feedback fb;
    SessionOptions records;
    records.loadData = false;
    auto opened = Session::open(project, fb, records);
    if (!opened) return opened.error();
    return opened.value()->indicators(indicatorFile);
}

// The indicator named by --indicator among the session's and --indicator-file's; an unknown id or
// a bad file is an error naming the command.
Result<IndicatorDefinition> indicatorOption(const QCommandLineParser &p, const Session &session, const QString &command) {
    const QString id = p.value(QStringLiteral("indicator"));
    auto chosen = ops::chooseIndicators(session, {id}, p.value(QStringLiteral("indicator-file")));
    if (chosen && !chosen.value().empty()) return chosen.value().front();
    if (!chosen && chosen.error().code != ErrorCode::UnknownIndicator)
        return Error{chosen.error().code, QStringLiteral("phm %1: %2").arg(command, chosen.error().message), {}};
    return Error{ErrorCode::UnknownIndicator, QStringLiteral("phm %1: no indicator `%2` (see phm profile --list)").arg(command, id), id};
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
    const QStringList ids = p.value(QStringLiteral("indicators")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (p.isSet(QStringLiteral("list"))) {  // needs no loaded project, nor a project at all for the bundled ones
        auto all = listedIndicators(p.value(QStringLiteral("project")), p.value(QStringLiteral("indicator-file")));
        if (!all) return fail(QStringLiteral("phm profile: %1").arg(all.error().message));
        std::vector<const IndicatorDefinition *> shown;
        for (const QString &id : ids) {
            shown.push_back(findIndicator(all.value(), id.trimmed()));
            if (!shown.back()) return fail(QStringLiteral("phm profile: no indicator `%1` (see --list)").arg(id.trimmed()));
        }
        if (ids.isEmpty())
            for (const IndicatorDefinition &d : all.value()) shown.push_back(&d);
        for (const IndicatorDefinition *d : shown) out(QStringLiteral("%1\t%2\t%3\n").arg(d->id, indicatorTypeName(d->type), d->name));
        return 0;
    }
    const auto level = levelNamed(p.value(QStringLiteral("level")));
    if (!level) return fail(QStringLiteral("phm profile: --level must be ics, alliance, place, pcn, practice or lsoa"));
    const QString format = p.value(QStringLiteral("format"));
    if (format != QLatin1String("csv") && format != QLatin1String("json"))
        return fail(QStringLiteral("phm profile: --format must be csv or json"));
    const auto policy = phm::cli::outputPolicy(p, p.value(QStringLiteral("project")));
    if (!policy) return fail(QStringLiteral("phm profile: %1").arg(policy.error().message));
    auto opened = openSession(p);
    if (!opened) return fail(QStringLiteral("phm profile: %1").arg(opened.error().message));
    const Session &session = *opened.value();
    ops::ProfileRequest request;
    auto chosen = ops::chooseIndicators(session, ids, p.value(QStringLiteral("indicator-file")));
    if (!chosen && chosen.error().code == ErrorCode::UnknownIndicator)
        return fail(QStringLiteral("phm profile: no indicator `%1` (see --list)").arg(chosen.error().context));
    if (!chosen) return fail(QStringLiteral("phm profile: %1").arg(chosen.error().message));
    request.indicators = chosen.value();
    request.level = *level;
    if (p.isSet(QStringLiteral("date"))) {
        request.indexDate = parseIsoDate(p.value(QStringLiteral("date")).toStdString());
        if (!request.indexDate) return fail(QStringLiteral("phm profile: --date is YYYY-MM-DD"));
    }
    request.governed = &policy.value();  // values from the counts as published
    request.repeat = p.value(QStringLiteral("repeat")).toInt();
    Feedback fb;
    auto run = ops::runProfile(session, request, fb);
    if (!run) return fail(QStringLiteral("phm profile: %1").arg(run.error().message));
    const std::vector<double> &times = run.value().times;
    const QStringList columns = {QStringLiteral("level"),       QStringLiteral("area"),           QStringLiteral("area_code"),
                                 QStringLiteral("indicator"),   QStringLiteral("indicator_name"), QStringLiteral("type"),
                                 QStringLiteral("multiplier"),  QStringLiteral("polarity"),       QStringLiteral("numerator"),
                                 QStringLiteral("denominator"), QStringLiteral("value"),          QStringLiteral("lowercl"),
                                 QStringLiteral("uppercl"),     QStringLiteral("comparator"),     QStringLiteral("significance"),
                                 QStringLiteral("parent"),      QStringLiteral("parent_value"),   QStringLiteral("parent_significance"),
                                 QStringLiteral("suppressed"),  QStringLiteral("disclosure")};
    // The areas of the level are parts of a line for each indicator; every row names the policy.
    auto published =
        session.publish(ops::profileJson(session, request, run.value()), ops::profileFields(), policy.value(), QStringLiteral("profile"),
                        {{QStringLiteral("level"), p.value(QStringLiteral("level"))}, {QStringLiteral("format"), format}});
    if (!published) return fail(QStringLiteral("phm profile: %1").arg(published.error().message));
    QJsonArray rows;
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
    ops::InequalityRequest request;
    request.dimension = *dimension;
    request.where = p.value(QStringLiteral("where"));
    InequalityOptions &options = request.options;
    auto confidence = stats::confidenceLevel(p.value(QStringLiteral("confidence")).toDouble());
    if (!confidence) return fail(QStringLiteral("phm inequality: %1").arg(confidence.error().message));
    options.confidence = confidence.value();
    options.repetitions = p.value(QStringLiteral("repetitions")).toInt();
    options.seed = p.value(QStringLiteral("seed")).toULongLong();
    options.governed = &policy.value();
    if (options.repetitions < 1) return fail(QStringLiteral("phm inequality: --repetitions must be a positive whole number"));
    auto opened = openSession(p);
    if (!opened) return fail(QStringLiteral("phm inequality: %1").arg(opened.error().message));
    const Session &session = *opened.value();
    const auto chosen = indicatorOption(p, session, QStringLiteral("inequality"));
    if (!chosen) return fail(chosen.error().message);
    request.indicator = chosen.value();
    const IndicatorDefinition *it = &request.indicator;
    Feedback fb;
    auto r = ops::runInequality(session, request, fb);
    if (!r) return fail(QStringLiteral("phm inequality: %1").arg(r.error().message));
    auto published = ops::publishInequality(session, request, r.value(), policy.value());
    if (!published) return fail(QStringLiteral("phm inequality: %1").arg(published.error().message));
    const QJsonObject o = published.value();
    const QJsonArray shown = o.value(QStringLiteral("groups")).toArray();
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
    auto opened = openSession(p);
    if (!opened) return fail(QStringLiteral("phm trend: %1").arg(opened.error().message));
    const Session &session = *opened.value();
    const auto chosen = indicatorOption(p, session, QStringLiteral("trend"));
    if (!chosen) return fail(chosen.error().message);
    const ops::TrendRequest request{chosen.value(), *level, points, months, &policy.value()};
    Feedback fb;
    auto trend = ops::runTrend(session, request, fb);
    if (!trend) return fail(QStringLiteral("phm trend: %1").arg(trend.error().message));
    auto published = session.publishObject(
        ops::trendJson(session, request, trend.value()), ops::trendFields(), policy.value(), QStringLiteral("trend"),
        {{QStringLiteral("indicator"), request.indicator.id}, {QStringLiteral("level"), p.value(QStringLiteral("level"))}});
    if (!published) return fail(QStringLiteral("phm trend: %1").arg(published.error().message));
    out(QString::fromUtf8(QJsonDocument(published.value()).toJson()));
    return 0;
}
