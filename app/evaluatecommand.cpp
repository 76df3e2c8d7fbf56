#include "evaluatecommand.h"

#include "clicredentials.h"
#include "clidisclosure.h"
#include "clioutput.h"
#include "clisession.h"
#include "operations/cohortops.h"
#include "operations/evaluateop.h"
#include "operations/programmeops.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>

using namespace phm::core;
using phm::cli::countText;
using phm::cli::fail;
using phm::cli::out;

namespace {

QString num(const QJsonValue &v, int decimals = 3) {
    return v.isDouble() ? QString::number(v.toDouble(), 'f', decimals) : QStringLiteral("*");
}

void printProgrammes(const QJsonObject &o) {
    out(QStringLiteral("%1  %2  %3  %4  %5\n")
            .arg(QStringLiteral("programme"), -30)
            .arg(QStringLiteral("enrolled"), 9)
            .arg(QStringLiteral("first"), 10)
            .arg(QStringLiteral("last"), 10)
            .arg(QStringLiteral("source")));
    for (const QJsonValue &p : o.value(QStringLiteral("programmes")).toArray())
        out(QStringLiteral("%1  %2  %3  %4  %5\n")
                .arg(p[QStringLiteral("name")].toString().left(30), -30)
                .arg(countText(p[QStringLiteral("enrolled")]), 9)
                .arg(p[QStringLiteral("first")].toString(), 10)
                .arg(p[QStringLiteral("last")].toString(), 10)
                .arg(p[QStringLiteral("source")].toString()));
    out(QStringLiteral("%1\n").arg(o.value(QStringLiteral("disclosure"))[QStringLiteral("policy")].toString()));
}

// The text report, from the published JSON (suppressed counts show as *).
void printEvaluation(const QJsonObject &o) {
    const QJsonObject e = o.value(QStringLiteral("effect")).toObject();
    out(QStringLiteral("Programme: %1 (%2)\nOutcome: %3 (%4); method: %5\n")
            .arg(o.value(QStringLiteral("programme")).toString(), o.value(QStringLiteral("programme_source")).toString(),
                 o.value(QStringLiteral("outcome")).toString(), o.value(QStringLiteral("unit")).toString(),
                 o.value(QStringLiteral("method")).toString()));
    if (o.value(QStringLiteral("method")).toString() == QLatin1String("did")) {
        out(QStringLiteral("Enrolled %1; evaluated %2 matched to %3 controls (%4, 1:%5); unmatched %6; outside the data %7\n\n")
                .arg(countText(o[QStringLiteral("enrolled")]), countText(o[QStringLiteral("treated")]),
                     countText(o[QStringLiteral("controls")]), o[QStringLiteral("match")].toString())
                .arg(o[QStringLiteral("ratio")].toInt())
                .arg(countText(o[QStringLiteral("unmatched")]), countText(o[QStringLiteral("excluded_window")])));
        out(QStringLiteral("Balance (standardised mean difference; |SMD| < 0.1 is balanced)\n"));
        for (const QJsonValue &b : o.value(QStringLiteral("balance")).toArray())
            out(QStringLiteral("  %1  before %2  after %3%4\n")
                    .arg(b[QStringLiteral("covariate")].toString(), -26)
                    .arg(num(b[QStringLiteral("smd_before")]), 7)
                    .arg(num(b[QStringLiteral("smd_after")]), 7)
                    .arg(b[QStringLiteral("balanced")].toBool() ? QString() : QStringLiteral("  not balanced")));
        out(QStringLiteral("\nPre-period trend (difference against the quarter before enrolment, per person-month)\n"));
        for (const QJsonValue &p : o.value(QStringLiteral("pre_trend")).toArray())
            out(QStringLiteral("  quarter %1: %2 (%3 to %4)\n")
                    .arg(p[QStringLiteral("period")].toInt())
                    .arg(num(p[QStringLiteral("estimate")], 4), num(p[QStringLiteral("lower")], 4), num(p[QStringLiteral("upper")], 4)));
        out(QStringLiteral("\nEffect per person-month %1 (%2 to %3); relative %4 (%5 to %6)\nPer 1,000 enrolled a year %7; £ a month for "
                           "those enrolled %8\n")
                .arg(num(e[QStringLiteral("estimate")], 4), num(e[QStringLiteral("lower")], 4), num(e[QStringLiteral("upper")], 4),
                     num(e[QStringLiteral("relative")]), num(e[QStringLiteral("relative_lower")]), num(e[QStringLiteral("relative_upper")]),
                     num(o[QStringLiteral("per_1000_per_year")], 1), num(o[QStringLiteral("cost_per_month")], 0)));
        const QJsonObject naive = o.value(QStringLiteral("naive")).toObject();
        out(QStringLiteral("Naive (biased) estimates: before/after %1 relative; enrolled against unmatched people %2 relative\n")
                .arg(num(naive[QStringLiteral("before_after_relative")]), num(naive[QStringLiteral("unmatched_relative")])));
    } else {
        out(QStringLiteral("Area %1 (%2 registered)%3; start %4\nLevel change %5 (SE %6), slope change %7 (SE %8) per 1,000 person-months\n"
                           "Mean effect after the start %9 (%10 to %11); relative %12; errors %13\n")
                .arg(o[QStringLiteral("area")].toString(), countText(o[QStringLiteral("treated")]),
                     o[QStringLiteral("comparison")].toString().isEmpty()
                         ? QString()
                         : QStringLiteral(" against %1").arg(o[QStringLiteral("comparison")].toString()),
                     o[QStringLiteral("start")].toString(), num(o[QStringLiteral("level_change")]),
                     num(o[QStringLiteral("level_change_se")]), num(o[QStringLiteral("slope_change")]),
                     num(o[QStringLiteral("slope_change_se")]), num(e[QStringLiteral("estimate")]))
                .arg(num(e[QStringLiteral("lower")]), num(e[QStringLiteral("upper")]), num(e[QStringLiteral("relative")]),
                     o[QStringLiteral("errors")].toString()));
    }
    out(QStringLiteral("\n%1\n%2\n")
            .arg(o.value(QStringLiteral("summary")).toString(),
                 o.value(QStringLiteral("disclosure"))[QStringLiteral("policy")].toString()));
}

void printFrozen(const QJsonObject &o) {
    out(QStringLiteral("Programme \"%1\": %2 members of cohort \"%3\" version %4, enrolled on %5 (of %6 %7)\n%8\n")
            .arg(o[QStringLiteral("programme")].toString(), countText(o[QStringLiteral("members")]), o[QStringLiteral("cohort")].toString())
            .arg(o[QStringLiteral("cohort_version")].toInt())
            .arg(o[QStringLiteral("index_date")].toString(), countText(o[QStringLiteral("base")][QStringLiteral("count")]),
                 o[QStringLiteral("base")][QStringLiteral("kind")].toString() + QStringLiteral(" in ") +
                     o[QStringLiteral("base")][QStringLiteral("area")].toString(),
                 o.value(QStringLiteral("disclosure"))[QStringLiteral("policy")].toString()));
}

void printSavedEvaluations(const QJsonObject &o) {
    out(QStringLiteral("%1  %2  %3  %4  %5  %6\n")
            .arg(QStringLiteral("id"), 4)
            .arg(QStringLiteral("name"), -24)
            .arg(QStringLiteral("programme"), -24)
            .arg(QStringLiteral("outcome"), -20)
            .arg(QStringLiteral("relative effect (95% CI)"), -28)
            .arg(QStringLiteral("saved")));
    for (const QJsonValue &v : o.value(QStringLiteral("evaluations")).toArray()) {
        const QJsonObject r = v[QStringLiteral("result")].toObject(), e = r.value(QStringLiteral("effect")).toObject();
        out(QStringLiteral("%1  %2  %3  %4  %5  %6 by %7\n")
                .arg(v[QStringLiteral("id")].toInteger(), 4)
                .arg(v[QStringLiteral("name")].toString().left(24), -24)
                .arg(v[QStringLiteral("programme")].toString().left(24), -24)
                .arg(r.value(QStringLiteral("outcome")).toString().left(20), -20)
                .arg(QStringLiteral("%1 (%2 to %3)")
                         .arg(num(e[QStringLiteral("relative")]), num(e[QStringLiteral("relative_lower")]),
                              num(e[QStringLiteral("relative_upper")])),
                     -28)
                .arg(v[QStringLiteral("saved_at")].toString(), v[QStringLiteral("saved_by")].toString()));
    }
    for (const QJsonValue &d : o.value(QStringLiteral("damaged")).toArray())
        out(QStringLiteral("not read: %1\n").arg(d[QStringLiteral("reason")].toString()));
    out(QStringLiteral("%1\n").arg(o.value(QStringLiteral("disclosure"))[QStringLiteral("policy")].toString()));
}

// Prints the published object as JSON or text.
int publishAndPrint(Session &session, const QCommandLineParser &p, const QJsonObject &result, const disclosure::OutputFields &fields,
                    const disclosure::Policy &policy, const QString &action, void (*text)(const QJsonObject &)) {
    auto published = session.publishObject(result, fields, policy, action, {});
    if (!published) return fail(QStringLiteral("phm %1: %2").arg(action, published.error().message));
    if (p.isSet(QStringLiteral("json")))
        out(QString::fromUtf8(QJsonDocument(published.value()).toJson()));
    else
        text(published.value());
    return 0;
}
}  // namespace

int runProgrammesCommand(const QStringList &args) {
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("list|freeze"), QStringLiteral("List the programmes, or freeze a saved cohort into one."));
    p.addOptions(
        {{QStringLiteral("project"), QStringLiteral("Project file."), QStringLiteral("FILE")},
         {QStringLiteral("name"), QStringLiteral("freeze: the new programme's name."), QStringLiteral("NAME")},
         {QStringLiteral("cohort"), QStringLiteral("freeze: the saved cohort (its current version)."), QStringLiteral("COHORT")},
         {QStringLiteral("index-date"), QStringLiteral("freeze: the enrolment date of every member."), QStringLiteral("DATE")},
         {QStringLiteral("area"), QStringLiteral("freeze: members registered in this area only (LEVEL:CODE)."), QStringLiteral("AREA")},
         {QStringLiteral("json"), QStringLiteral("Print JSON.")},
         phm::cli::disclosureOption(),
         phm::cli::passphraseFileOption()});
    p.process(args);
    const QStringList verb = p.positionalArguments();
    const bool freeze = verb == QStringList{QStringLiteral("freeze")};
    if (verb != QStringList{QStringLiteral("list")} && !freeze)
        return fail(
            QStringLiteral("usage: phm programmes list --project P [--json]\n"
                           "       phm programmes freeze --project P --name NAME --cohort COHORT --index-date YYYY-MM-DD "
                           "[--area LEVEL:CODE] [--json]"));
    const auto policy = phm::cli::outputPolicy(p, p.value(QStringLiteral("project")));
    if (!policy) return fail(QStringLiteral("phm programmes: %1").arg(policy.error().message));
    auto opened = phm::cli::openSession(p);
    if (!opened) return fail(QStringLiteral("phm programmes: %1").arg(opened.error().message));
    if (freeze) {
        ops::FreezeRequest r{p.value(QStringLiteral("name")), p.value(QStringLiteral("cohort")), kNoDate, std::nullopt};
        const auto day = parseIsoDate(p.value(QStringLiteral("index-date")).toStdString());
        if (r.name.isEmpty() || r.cohort.isEmpty() || !day)
            return fail(QStringLiteral("phm programmes freeze: give --name, --cohort and --index-date YYYY-MM-DD"));
        r.indexDate = *day;
        if (p.isSet(QStringLiteral("area"))) {
            auto area = ops::areaFromSpec(opened.value()->areas(), p.value(QStringLiteral("area")));
            if (!area) return fail(QStringLiteral("phm programmes freeze: %1").arg(area.error().message));
            r.area = area.value();
        }
        Feedback fb;
        auto run = ops::freezeCohort(*opened.value(), r, fb);
        if (!run) return fail(QStringLiteral("phm programmes freeze: %1").arg(run.error().message));
        return publishAndPrint(*opened.value(), p, ops::freezeJson(run.value()), ops::freezeFields(), policy.value(),
                               QStringLiteral("programmes-freeze"), printFrozen);
    }
    auto json = ops::programmesJson(*opened.value());
    if (!json) return fail(QStringLiteral("phm programmes: %1").arg(json.error().message));
    return publishAndPrint(*opened.value(), p, json.value(), ops::programmesFields(), policy.value(), QStringLiteral("programmes"),
                           printProgrammes);
}

namespace {
// The request from the command line, or the message for a bad option.
Result<ops::EvaluateRequest> requestFrom(const QCommandLineParser &p) {
    ops::EvaluateRequest r;
    r.programme = p.value(QStringLiteral("programme"));
    if (auto s = ops::outcomeFrom(p.value(QStringLiteral("outcome")), r); !s)
        return Error{ErrorCode::BadOption, QStringLiteral("--%1").arg(s.error().message), {}};
    const QString method = p.value(QStringLiteral("method")), match = p.value(QStringLiteral("match"));
    if (method != QLatin1String("did") && method != QLatin1String("its"))
        return Error{ErrorCode::BadOption, QStringLiteral("--method must be did or its"), {}};
    r.method = method == QLatin1String("did") ? ops::EvaluationMethod::Did : ops::EvaluationMethod::Its;
    if (match != QLatin1String("psm") && match != QLatin1String("cem"))
        return Error{ErrorCode::BadOption, QStringLiteral("--match must be psm or cem"), {}};
    r.match.method = match == QLatin1String("psm") ? evaluation::MatchMethod::Psm : evaluation::MatchMethod::Cem;
    r.match.samePcn = p.isSet(QStringLiteral("same-pcn"));
    bool ok = true;
    auto integer = [&](const char *name, int &into) {
        bool good = false;
        const int v = p.value(QLatin1String(name)).toInt(&good);
        if (good) into = v;
        ok = ok && good;
    };
    integer("pre-months", r.preMonths), integer("post-months", r.postMonths), integer("replicates", r.replicates),
        integer("ratio", r.match.ratio);
    bool caliper = false, seed = false;
    r.match.caliper = p.value(QStringLiteral("caliper")).toDouble(&caliper);
    r.match.seed = p.value(QStringLiteral("seed")).toULongLong(&seed);
    if (!ok || !caliper || !seed)
        return Error{ErrorCode::BadOption,
                     QStringLiteral("--pre-months, --post-months, --replicates, --ratio, --caliper and --seed take numbers"),
                     {}};
    r.area = p.value(QStringLiteral("area")), r.comparison = p.value(QStringLiteral("comparison"));
    const auto errors = ops::itsErrorsNamed(p.value(QStringLiteral("its-errors")));
    if (!errors) return Error{ErrorCode::BadOption, QStringLiteral("--its-errors must be prais-winsten or newey-west"), {}};
    r.itsErrors = *errors;
    r.match.riskScore = p.isSet(QStringLiteral("match-risk"));
    r.match.segmentation = p.value(QStringLiteral("match-segment"));
    if (p.isSet(QStringLiteral("start"))) {
        const auto day = parseIsoDate(p.value(QStringLiteral("start")).toStdString());
        if (!day) return Error{ErrorCode::BadOption, QStringLiteral("--start must be a date YYYY-MM-DD"), {}};
        r.start = *day;
    }
    return r;
}
}  // namespace

int runEvaluateCommand(const QStringList &args) {
    QCommandLineParser p;
    p.addOptions(
        {{QStringLiteral("project"), QStringLiteral("Project file."), QStringLiteral("FILE")},
         {QStringLiteral("programme"), QStringLiteral("The programme to evaluate (phm programmes list)."), QStringLiteral("NAME")},
         {QStringLiteral("outcome"),
          QStringLiteral("What to count: %1, or an event query such as \"count(apc, emergency, @acs_chronic)\".")
              .arg(evaluation::outcomeKeys().join(QStringLiteral(", "))),
          QStringLiteral("OUTCOME"), QStringLiteral("emergency_admissions")},
         {QStringLiteral("method"),
          QStringLiteral("did (difference-in-differences on matched controls) or its (interrupted time series for an area)."),
          QStringLiteral("METHOD"), QStringLiteral("did")},
         {QStringLiteral("match"), QStringLiteral("psm (propensity score) or cem (coarsened exact)."), QStringLiteral("MATCH"),
          QStringLiteral("psm")},
         {QStringLiteral("ratio"), QStringLiteral("Controls per enrolled person."), QStringLiteral("K"), QStringLiteral("1")},
         {QStringLiteral("caliper"), QStringLiteral("PSM caliper in SDs of the logit."), QStringLiteral("SD"), QStringLiteral("0.2")},
         {QStringLiteral("same-pcn"), QStringLiteral("Controls only from the enrolled person's PCN.")},
         {QStringLiteral("pre-months"), QStringLiteral("Months before the index date (3, 6, ... 36)."), QStringLiteral("N"),
          QStringLiteral("12")},
         {QStringLiteral("post-months"), QStringLiteral("Months from the index date (3, 6, ... 36)."), QStringLiteral("N"),
          QStringLiteral("12")},
         {QStringLiteral("replicates"), QStringLiteral("Bootstrap replicates."), QStringLiteral("N"), QStringLiteral("500")},
         {QStringLiteral("seed"), QStringLiteral("Seed for matching order and the bootstrap."), QStringLiteral("N"),
          QStringLiteral("2026")},
         {QStringLiteral("area"), QStringLiteral("ITS: the area served (a code or name)."), QStringLiteral("AREA")},
         {QStringLiteral("start"), QStringLiteral("ITS: the date the service started (default: the programme's first enrolment)."),
          QStringLiteral("DATE")},
         {QStringLiteral("comparison"), QStringLiteral("ITS: a comparison area."), QStringLiteral("AREA")},
         {QStringLiteral("match-risk"),
          QStringLiteral("DiD: also match on the emergency admission risk score (the project's risk model, on the covariate date).")},
         {QStringLiteral("match-segment"),
          QStringLiteral("DiD: also match exactly on the segment of this bundled template (bridges-to-health, nhse-core, "
                         "cheshire-merseyside)."),
          QStringLiteral("TEMPLATE")},
         {QStringLiteral("its-errors"),
          QStringLiteral("ITS: prais-winsten (AR(1) errors, t intervals; the default) or newey-west (least squares, Newey-West errors)."),
          QStringLiteral("E"), QStringLiteral("prais-winsten")},
         {QStringLiteral("save"), QStringLiteral("Save the published result in the project under this name."), QStringLiteral("NAME")},
         {QStringLiteral("json"), QStringLiteral("Print JSON.")},
         phm::cli::disclosureOption(),
         phm::cli::passphraseFileOption()});
    p.process(args);
    auto request = requestFrom(p);
    if (!request) return fail(QStringLiteral("phm evaluate: %1").arg(request.error().message));
    const auto policy = phm::cli::outputPolicy(p, p.value(QStringLiteral("project")));
    if (!policy) return fail(QStringLiteral("phm evaluate: %1").arg(policy.error().message));
    auto opened = phm::cli::openSession(p);
    if (!opened) return fail(QStringLiteral("phm evaluate: %1").arg(opened.error().message));
    Feedback fb;
    auto run = ops::runEvaluation(*opened.value(), request.value(), fb);
    if (!run) return fail(QStringLiteral("phm evaluate: %1").arg(run.error().message));
    if (!p.isSet(QStringLiteral("save")))
        return publishAndPrint(*opened.value(), p, ops::evaluationJson(run.value()), ops::evaluationFields(), policy.value(),
                               QStringLiteral("evaluate"), printEvaluation);
    // What is saved is what was published under the project's own policy, never an admin's
    // unprotected output; `saved_id` is added to what is printed.
    auto published = opened.value()->publishObject(ops::evaluationJson(run.value()), ops::evaluationFields(), opened.value()->policy(),
                                                   QStringLiteral("evaluate"), {});
    if (!published) return fail(QStringLiteral("phm evaluate: %1").arg(published.error().message));
    auto id = ops::saveEvaluation(*opened.value(), p.value(QStringLiteral("save")), request.value(), published.value());
    if (!id) return fail(QStringLiteral("phm evaluate: %1").arg(id.error().message));
    QJsonObject shown = published.value();
    shown.insert(QStringLiteral("saved_id"), id.value());
    if (p.isSet(QStringLiteral("json")))
        out(QString::fromUtf8(QJsonDocument(shown).toJson()));
    else {
        printEvaluation(shown);
        out(QStringLiteral("Saved as evaluation %1 (\"%2\").\n").arg(id.value()).arg(p.value(QStringLiteral("save"))));
    }
    return 0;
}

int runEvaluationsCommand(const QStringList &args) {
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("list"), QStringLiteral("List the saved evaluations."));
    p.addOptions({{QStringLiteral("project"), QStringLiteral("Project file."), QStringLiteral("FILE")},
                  {QStringLiteral("json"), QStringLiteral("Print JSON.")},
                  phm::cli::disclosureOption(),
                  phm::cli::passphraseFileOption()});
    p.process(args);
    if (p.positionalArguments() != QStringList{QStringLiteral("list")})
        return fail(QStringLiteral("usage: phm evaluations list --project P [--json]"));
    const auto policy = phm::cli::outputPolicy(p, p.value(QStringLiteral("project")));
    if (!policy) return fail(QStringLiteral("phm evaluations: %1").arg(policy.error().message));
    auto opened = phm::cli::openSession(p);
    if (!opened) return fail(QStringLiteral("phm evaluations: %1").arg(opened.error().message));
    auto json = ops::savedEvaluationsJson(*opened.value());
    if (!json) return fail(QStringLiteral("phm evaluations: %1").arg(json.error().message));
    return publishAndPrint(*opened.value(), p, json.value(), ops::savedEvaluationsFields(), policy.value(), QStringLiteral("evaluations"),
                           printSavedEvaluations);
}
