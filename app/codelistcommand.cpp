// phm codelists list|add|remove: the project's own code lists (core/operations/codelistops).
#include "codelistcommand.h"

#include "clicredentials.h"
#include "clidisclosure.h"
#include "clioutput.h"
#include "clisession.h"
#include "operations/projectcodelists.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>

using namespace phm::core;
using phm::cli::fail;
using phm::cli::out;

int runCodeListsCommand(const QStringList &args) {
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("list|add|remove"), QStringLiteral("List the code lists, add or replace one, or remove one."));
    p.addOptions(
        {{QStringLiteral("project"), QStringLiteral("Project file."), QStringLiteral("FILE")},
         {QStringLiteral("name"), QStringLiteral("add, remove: the list's name (used as @name in rules)."), QStringLiteral("NAME")},
         {QStringLiteral("from"), QStringLiteral("add: a CSV file with a `code` column."), QStringLiteral("FILE")},
         {QStringLiteral("json"), QStringLiteral("Print JSON.")},
         phm::cli::disclosureOption(),
         phm::cli::passphraseFileOption()});
    p.process(args);
    const QStringList verb = p.positionalArguments();
    const QString usage = QStringLiteral(
        "usage: phm codelists list --project P [--json]\n"
        "       phm codelists add --project P --name NAME --from FILE.csv [--json]\n"
        "       phm codelists remove --project P --name NAME [--json]");
    if (verb.size() != 1 || !QStringList{QStringLiteral("list"), QStringLiteral("add"), QStringLiteral("remove")}.contains(verb[0]))
        return fail(usage);
    if (verb[0] != QLatin1String("list") && !p.isSet(QStringLiteral("name"))) return fail(usage);
    if (verb[0] == QLatin1String("add") && !p.isSet(QStringLiteral("from"))) return fail(usage);
    const auto policy = phm::cli::outputPolicy(p, p.value(QStringLiteral("project")));
    if (!policy) return fail(QStringLiteral("phm codelists: %1").arg(policy.error().message));
    auto opened = phm::cli::openSession(p, false);  // the lists need the project file only
    if (!opened) return fail(QStringLiteral("phm codelists: %1").arg(opened.error().message));
    Session &session = *opened.value();
    const QString name = p.value(QStringLiteral("name"));
    auto result = verb[0] == QLatin1String("add")      ? ops::addCodeList(session, name, p.value(QStringLiteral("from")))
                  : verb[0] == QLatin1String("remove") ? ops::removeCodeList(session, name)
                                                       : ops::codeListsJson(session);
    if (!result) return fail(QStringLiteral("phm codelists %1: %2").arg(verb[0], result.error().message));
    auto published =
        session.publishObject(result.value(), ops::projectCodeListFields(), policy.value(), QStringLiteral("codelists-") + verb[0], {});
    if (!published) return fail(QStringLiteral("phm codelists: %1").arg(published.error().message));
    const QJsonObject o = published.value();
    if (p.isSet(QStringLiteral("json"))) {
        out(QString::fromUtf8(QJsonDocument(o).toJson()));
    } else if (verb[0] == QLatin1String("list")) {
        for (const QJsonValue &l : o[QStringLiteral("lists")].toArray())
            out(QStringLiteral("@%1\t%2\t%3 %4\n")
                    .arg(l[QStringLiteral("name")].toString(), l[QStringLiteral("kind")].toString())
                    .arg(l[QStringLiteral("codes")].toInteger())
                    .arg(l[QStringLiteral("codes")].toInteger() == 1 ? QStringLiteral("code") : QStringLiteral("codes")));
        for (const QJsonValue &d : o[QStringLiteral("damaged")].toArray())
            out(QStringLiteral("not read: %1\n").arg(d[QStringLiteral("reason")].toString()));
    } else if (verb[0] == QLatin1String("add")) {
        out(QStringLiteral("%1 @%2: %3 codes from %4\n")
                .arg(o[QStringLiteral("replaced")].toBool() ? QStringLiteral("Replaced") : QStringLiteral("Added"), name)
                .arg(o[QStringLiteral("codes")].toInteger())
                .arg(o[QStringLiteral("source")].toString()));
    } else {
        out(QStringLiteral("Removed @%1\n").arg(name));
        for (const QJsonValue &c : o[QStringLiteral("used_by")].toArray())
            out(QStringLiteral("  saved cohort \"%1\" names it and will say so when run\n").arg(c.toString()));
    }
    return 0;
}
