#include "core20command.h"

#include "clicredentials.h"
#include "clidisclosure.h"
#include "clioutput.h"
#include "indicators/core20plus5.h"
#include "operations/core20op.h"
#include "rules/rulecatalogue.h"
#include "session/session.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

using namespace phm::core;
using phm::cli::countText;
using phm::cli::fail;
using phm::cli::levelNamed;
using phm::cli::out;

namespace {

// The text table, from the published JSON (so suppressed values show as *).
void printText(const QJsonObject &o) {
    out(QStringLiteral("Core20 and PLUS groups, % of registered people (95% CI)\n"));
    QString header = QStringLiteral("%1  %2  %3")
                         .arg(QStringLiteral("area"), -40)
                         .arg(QStringLiteral("registered"), 10)
                         .arg(QStringLiteral("Core20"), 20);
    for (const QJsonValue &g : o.value(QStringLiteral("plus_groups")).toArray())
        header += QStringLiteral("  %1").arg(g[QStringLiteral("name")].toString().left(20), 20);
    out(header + QLatin1Char('\n'));
    auto cell = [](const QJsonValue &v) {
        if (!v[QStringLiteral("value")].isDouble()) return QStringLiteral("*");
        return QStringLiteral("%1 (%2-%3)")
            .arg(v[QStringLiteral("value")].toDouble(), 0, 'f', 1)
            .arg(v[QStringLiteral("lowercl")].toDouble(), 0, 'f', 1)
            .arg(v[QStringLiteral("uppercl")].toDouble(), 0, 'f', 1);
    };
    for (const QJsonValue &s : o.value(QStringLiteral("shares")).toArray()) {
        QString line = QStringLiteral("%1  %2  %3")
                           .arg(s[QStringLiteral("area")].toString().left(40), -40)
                           .arg(countText(s[QStringLiteral("registered")]), 10)
                           .arg(cell(s[QStringLiteral("core20")]), 20);
        for (const QJsonValue &v : s[QStringLiteral("plus")].toArray()) line += QStringLiteral("  %1").arg(cell(v), 20);
        out(line + QLatin1Char('\n'));
    }
    out(QStringLiteral("\nThe five clinical areas in %1: value for everyone, Core20 and each PLUS group (compared with everyone else)\n")
            .arg(o.value(QStringLiteral("focus")).toString()));
    for (const QJsonValue &c : o.value(QStringLiteral("clinical")).toArray()) {
        out(QStringLiteral("%1 — %2\n  everyone %3; Core20 %4 %5\n")
                .arg(c[QStringLiteral("clinical_area")].toString(), c[QStringLiteral("indicator_name")].toString(),
                     cell(c[QStringLiteral("everyone")]), cell(c[QStringLiteral("core20")]),
                     c[QStringLiteral("core20")][QStringLiteral("significance")].toString()));
        for (const QJsonValue &g : c[QStringLiteral("plus")].toArray())
            out(QStringLiteral("  %1 %2 %3\n")
                    .arg(g[QStringLiteral("group")].toString(), cell(g), g[QStringLiteral("significance")].toString()));
    }
    const QStringList missing = o.value(QStringLiteral("missing")).toVariant().toStringList();
    if (!missing.isEmpty()) out(QStringLiteral("Not in the definitions: %1\n").arg(missing.join(QStringLiteral(", "))));
    out(QStringLiteral("%1\n").arg(o.value(QStringLiteral("disclosure"))[QStringLiteral("policy")].toString()));
}

}  // namespace

int runCore20Command(const QStringList &args) {
    QCommandLineParser p;
    p.addOptions(
        {{QStringLiteral("project"), QStringLiteral("Project file."), QStringLiteral("FILE")},
         {QStringLiteral("level"), QStringLiteral("Shares for every area of: alliance, place, pcn, practice or lsoa."),
          QStringLiteral("LEVEL"), QStringLiteral("pcn")},
         {QStringLiteral("area"), QStringLiteral("The clinical areas for this area (a code or name at --level; default: the ICS)."),
          QStringLiteral("AREA")},
         {QStringLiteral("plus-groups"), QStringLiteral("PLUS groups from a JSON file (default: the project's own)."),
          QStringLiteral("FILE")},
         {QStringLiteral("save-plus-groups"), QStringLiteral("Store the --plus-groups file in the project.")},
         {QStringLiteral("indicator-file"), QStringLiteral("Your own indicator definitions (JSON)."), QStringLiteral("FILE")},
         {QStringLiteral("json"), QStringLiteral("Print JSON.")},
         phm::cli::disclosureOption(),
         phm::cli::passphraseFileOption()});
    p.process(args);
    const auto policy = phm::cli::outputPolicy(p, p.value(QStringLiteral("project")));
    if (!policy) return fail(QStringLiteral("phm core20: %1").arg(policy.error().message));
    const auto level = levelNamed(p.value(QStringLiteral("level")));
    if (!level || *level == Area::Ics) return fail(QStringLiteral("phm core20: --level must be alliance, place, pcn, practice or lsoa"));
    ops::Core20Request request;
    request.level = *level;
    request.focus = p.value(QStringLiteral("area"));
    request.indicatorFile = p.value(QStringLiteral("indicator-file"));
    request.governed = &policy.value();  // shares and values from the counts as published
    if (p.isSet(QStringLiteral("plus-groups"))) {
        QFile f(p.value(QStringLiteral("plus-groups")));
        if (!f.open(QIODevice::ReadOnly)) return fail(QStringLiteral("phm core20: cannot read %1: %2").arg(f.fileName(), f.errorString()));
        const rules::CodeLists lists;  // the rules are checked against the bundled lists, as the session's
        auto plus = parsePlusGroups(f.readAll(), &lists, f.fileName());
        if (!plus) return fail(QStringLiteral("phm core20: %1").arg(plus.error().message));
        request.plus = plus.value();
    }
    Feedback fb;
    auto opened = Session::open(p.value(QStringLiteral("project")), fb);
    if (!opened) return fail(QStringLiteral("phm core20: %1").arg(opened.error().message));
    Session &session = *opened.value();
    if (p.isSet(QStringLiteral("save-plus-groups"))) {
        auto plus = request.plus ? Result<std::vector<PlusGroup>>(*request.plus) : session.plusGroups();
        if (!plus) return fail(QStringLiteral("phm core20: %1").arg(plus.error().message));
        if (auto s = session.savePlusGroups(plus.value()); !s) return fail(QStringLiteral("phm core20: %1").arg(s.error().message));
    }
    auto run = ops::runCore20(session, request, fb);
    if (!run) return fail(QStringLiteral("phm core20: %1").arg(run.error().message));
    auto published = session.publishObject(ops::core20Json(session, request, run.value()), ops::core20Fields(), policy.value(),
                                           QStringLiteral("core20"), {{QStringLiteral("level"), p.value(QStringLiteral("level"))}});
    if (!published) return fail(QStringLiteral("phm core20: %1").arg(published.error().message));
    if (p.isSet(QStringLiteral("json")))
        out(QString::fromUtf8(QJsonDocument(published.value()).toJson()));
    else
        printText(published.value());
    return 0;
}
