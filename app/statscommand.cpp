#include "statscommand.h"

#include "clioutput.h"
#include "stats/statscsv.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

using phm::cli::csvCell;
using phm::cli::fail;
using phm::cli::out;
using namespace phm::core::stats;

int runStatsCommand(const QStringList &args) {
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("statistic"), statsKinds().join(QLatin1Char('|')));
    p.addOptions(
        {{QStringLiteral("input"), QStringLiteral("Aggregate table (CSV)."), QStringLiteral("FILE")},
         {QStringLiteral("by"), QStringLiteral("Group by these columns (comma-separated)."), QStringLiteral("COLS")},
         {QStringLiteral("confidence"), QStringLiteral("Confidence level, 0.9-1 or 90-100."), QStringLiteral("C"), QStringLiteral("0.95")},
         {QStringLiteral("multiplier"),
          QStringLiteral("Multiplier (default: 1 proportion, 100000 rate and dsr, 1 mean and sii, 100 funnel)."), QStringLiteral("M")},
         {QStringLiteral("map"), QStringLiteral("Column names for roles, e.g. x=deaths,n=population."), QStringLiteral("ROLE=COL,...")},
         {QStringLiteral("value-type"), QStringLiteral("SII: 0 normal, 1 rate, 2 proportion."), QStringLiteral("T"), QStringLiteral("0")},
         {QStringLiteral("transform"), QStringLiteral("SII: fit on the log (rates) or logit (proportions) scale.")},
         {QStringLiteral("rii"), QStringLiteral("SII: also the relative index of inequality.")},
         {QStringLiteral("repetitions"), QStringLiteral("SII: simulations for the limits."), QStringLiteral("N"), QStringLiteral("100000")},
         {QStringLiteral("seed"), QStringLiteral("SII: random seed."), QStringLiteral("S"), QStringLiteral("1")},
         {QStringLiteral("statistic"),
          QStringLiteral("Funnel: proportion (x of n), ratio (x observed, n expected) or rate (x events, rate, optional n)."),
          QStringLiteral("S"), QStringLiteral("proportion")},
         {QStringLiteral("rate-type"), QStringLiteral("Rate funnel: dsr or crude."), QStringLiteral("T"), QStringLiteral("dsr")},
         {QStringLiteral("years"), QStringLiteral("Rate funnel: years of data the rates cover."), QStringLiteral("Y"), QStringLiteral("1")},
         {QStringLiteral("limits"), QStringLiteral("Funnel: print the 100-point control limit lines instead of the rows.")},
         {QStringLiteral("json"), QStringLiteral("Print JSON (a list of objects) instead of CSV.")}});
    p.process(args);
    const QStringList positional = p.positionalArguments();
    if (positional.size() != 1 || !p.isSet(QStringLiteral("input")))
        return fail(QStringLiteral("usage: phm stats %1 --input F.csv [--by COLS] [--json]").arg(statsKinds().join(QLatin1Char('|'))));
    StatsRequest rq;
    rq.kind = positional.front();
    rq.input = p.value(QStringLiteral("input"));
    rq.by = p.value(QStringLiteral("by")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (QString &b : rq.by) b = b.trimmed();
    bool ok = true;
    rq.confidence = p.value(QStringLiteral("confidence")).toDouble(&ok);
    if (!ok) return fail(QStringLiteral("phm stats: --confidence must be a number"));
    if (p.isSet(QStringLiteral("multiplier"))) {
        rq.multiplier = p.value(QStringLiteral("multiplier")).toDouble(&ok);
        if (!ok || rq.multiplier == 0) return fail(QStringLiteral("phm stats: --multiplier must be a non-zero number"));
    }
    for (const QString &pair : p.value(QStringLiteral("map")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QStringList kv = pair.split(QLatin1Char('='));
        if (kv.size() != 2) return fail(QStringLiteral("phm stats: --map takes role=column pairs (got `%1`)").arg(pair));
        rq.columns.insert(kv[0].trimmed(), kv[1].trimmed());
    }
    const int valueType = p.value(QStringLiteral("value-type")).toInt(&ok);
    if (!ok || valueType < 0 || valueType > 2) return fail(QStringLiteral("phm stats: --value-type must be 0, 1 or 2"));
    rq.sii.valueType = SiiValueType(valueType);
    rq.sii.transform = p.isSet(QStringLiteral("transform"));
    rq.rii = p.isSet(QStringLiteral("rii"));
    rq.sii.repetitions = p.value(QStringLiteral("repetitions")).toInt(&ok);
    if (!ok || rq.sii.repetitions < 1) return fail(QStringLiteral("phm stats: --repetitions must be a positive whole number"));
    rq.sii.seed = p.value(QStringLiteral("seed")).toULongLong(&ok);
    if (!ok) return fail(QStringLiteral("phm stats: --seed must be a whole number"));
    rq.funnel = p.value(QStringLiteral("statistic"));
    rq.rateType = p.value(QStringLiteral("rate-type"));
    rq.years = p.value(QStringLiteral("years")).toDouble(&ok);
    if (!ok) return fail(QStringLiteral("phm stats: --years must be a number"));
    rq.limits = p.isSet(QStringLiteral("limits"));
    auto result = computeStats(rq);
    if (!result) return fail(QStringLiteral("phm stats: %1").arg(result.error().message));
    if (p.isSet(QStringLiteral("json"))) {
        out(QString::fromUtf8(QJsonDocument(result.value().rows).toJson()));
        return 0;
    }
    const QStringList &columns = result.value().columns;
    out(columns.join(QLatin1Char(',')) + QLatin1Char('\n'));
    for (const QJsonValue &v : result.value().rows) {
        QStringList cells;
        for (const QString &c : columns) cells << csvCell(v.toObject().value(c));
        out(cells.join(QLatin1Char(',')) + QLatin1Char('\n'));
    }
    return 0;
}
