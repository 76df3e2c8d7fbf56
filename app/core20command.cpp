#include "core20command.h"

#include "clicredentials.h"
#include "clidisclosure.h"
#include "clioutput.h"
#include "indicators/core20plus5.h"
#include "rules/rulecatalogue.h"
#include "session/projectloader.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

using namespace phm::core;
using phm::cli::countText;
using phm::cli::fail;
using phm::cli::jsonNumber;
using phm::cli::levelNamed;
using phm::cli::out;
using phm::cli::valueJson;

namespace {

QJsonObject comparisonJson(const GroupComparison &g, const QString &group) {
    QJsonObject o = valueJson(g.value);
    o.insert(QStringLiteral("group"), group);
    o.insert(QStringLiteral("rest"), jsonNumber(g.rest));
    o.insert(QStringLiteral("significance"), significanceName(g.vsRest));
    return o;
}

QJsonObject toJson(const Core20Plus5 &r, const std::vector<IndicatorDefinition> &indicators, const AreaIndex &areas, const QString &level) {
    QJsonArray plus, shares, clinical;
    for (const PlusGroup &g : r.plus) plus.append(QJsonObject{{QStringLiteral("name"), g.name}, {QStringLiteral("rule"), g.rule}});
    for (const GroupShares &s : r.shares) {
        QJsonArray groups;
        for (size_t g = 0; g < s.plus.size(); ++g) {
            QJsonObject o = valueJson(s.plus[g]);
            o.insert(QStringLiteral("group"), r.plus[g].name);
            groups.append(o);
        }
        shares.append(QJsonObject{{QStringLiteral("area"), s.name},
                                  {QStringLiteral("area_code"), s.code},
                                  {QStringLiteral("registered"), s.registered},
                                  {QStringLiteral("core20"), valueJson(s.core20)},
                                  {QStringLiteral("plus"), groups}});
    }
    for (const ClinicalRow &c : r.clinical) {
        QJsonArray groups;
        for (size_t g = 0; g < c.plus.size(); ++g) groups.append(comparisonJson(c.plus[g], r.plus[g].name));
        const IndicatorDefinition &d = indicators[size_t(c.indicator)];
        clinical.append(QJsonObject{{QStringLiteral("clinical_area"), clinicalAreas()[size_t(c.area)].name},
                                    {QStringLiteral("indicator"), d.id},
                                    {QStringLiteral("indicator_name"), d.name},
                                    {QStringLiteral("polarity"), polarityName(d.polarity)},
                                    {QStringLiteral("everyone"), valueJson(c.everyone)},
                                    {QStringLiteral("core20"), comparisonJson(c.core20, QStringLiteral("Core20"))},
                                    {QStringLiteral("plus"), groups}});
    }
    return QJsonObject{{QStringLiteral("level"), level},
                       {QStringLiteral("focus"), areas.name(r.focus)},
                       {QStringLiteral("focus_code"), areas.code(r.focus)},
                       {QStringLiteral("plus_groups"), plus},
                       {QStringLiteral("shares"), shares},
                       {QStringLiteral("clinical"), clinical},
                       {QStringLiteral("missing"), QJsonArray::fromStringList(r.missing)},
                       {QStringLiteral("ms"), r.ms}};
}

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
    const rules::CodeLists lists;
    auto indicators = loadIndicators(p.value(QStringLiteral("indicator-file")), &lists, p.value(QStringLiteral("project")));
    if (!indicators) return fail(QStringLiteral("phm core20: %1").arg(indicators.error().message));
    const QString projectPath = p.value(QStringLiteral("project"));
    Result<std::vector<PlusGroup>> plus = defaultPlusGroups();
    if (p.isSet(QStringLiteral("plus-groups"))) {
        QFile f(p.value(QStringLiteral("plus-groups")));
        if (!f.open(QIODevice::ReadOnly)) return fail(QStringLiteral("phm core20: cannot read %1: %2").arg(f.fileName(), f.errorString()));
        plus = parsePlusGroups(f.readAll(), &lists, f.fileName());
    } else {
        plus = loadPlusGroups(projectPath, &lists);
    }
    if (!plus) return fail(QStringLiteral("phm core20: %1").arg(plus.error().message));
    Feedback fb;
    auto opened = openProject(projectPath, fb);
    if (!opened) return fail(QStringLiteral("phm core20: %1").arg(opened.error().message));
    if (p.isSet(QStringLiteral("save-plus-groups"))) {
        if (auto s = savePlusGroups(projectPath, plus.value(), &lists); !s)
            return fail(QStringLiteral("phm core20: %1").arg(s.error().message));
    }
    const AreaIndex areas(*opened.value());
    Area focus{Area::Ics, 0};
    if (p.isSet(QStringLiteral("area"))) {
        const QString wanted = p.value(QStringLiteral("area"));
        bool found = false;
        for (int i = 0; i < areas.areaCount(*level) && !found; ++i)
            if (areas.code(Area{*level, i}).compare(wanted, Qt::CaseInsensitive) == 0 ||
                areas.name(Area{*level, i}).compare(wanted, Qt::CaseInsensitive) == 0) {
                focus = Area{*level, i};
                found = true;
            }
        if (!found) return fail(QStringLiteral("phm core20: no %1 called `%2`").arg(p.value(QStringLiteral("level")), wanted));
    }
    Core20Plus5Options options;
    options.governed = &policy.value();  // shares and values from the counts as published
    auto r = computeCore20Plus5(areas, lists, indicators.value(), plus.value(), *level, focus, options);
    if (!r) return fail(QStringLiteral("phm core20: %1").arg(r.error().message));
    auto published = phm::cli::publishOutput(toJson(r.value(), indicators.value(), areas, p.value(QStringLiteral("level"))),
                                             phm::cli::kIndicatorFields, policy.value(), projectPath, QStringLiteral("core20"),
                                             {{QStringLiteral("level"), p.value(QStringLiteral("level"))}});
    if (!published) return fail(QStringLiteral("phm core20: %1").arg(published.error().message));
    if (p.isSet(QStringLiteral("json")))
        out(QString::fromUtf8(QJsonDocument(published.value()).toJson()));
    else
        printText(published.value());
    return 0;
}
