// phm disclosure show|set: the project's disclosure policy (governancecommands.h).
#include "governancecli.h"
#include "governancecommands.h"

#include "clicredentials.h"
#include "governance/auditsignature.h"
#include "governance/credentials.h"
#include "governance/governedoutput.h"

#include "clioutput.h"
#include "governance/disclosurepolicy.h"
#include "governance/users.h"
#include "store/projectdb.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

using namespace phm::core;
using namespace phm::cli::governance;
using phm::cli::fail;
using phm::cli::out;

int runDisclosureCommand(const QStringList &args) {
    QCommandLineParser p;
    p.addOptions({kProject,
                  kJson,
                  {QStringLiteral("smallest"), QStringLiteral("Smallest count suppressed."), QStringLiteral("N")},
                  {QStringLiteral("largest"), QStringLiteral("Largest count suppressed."), QStringLiteral("N")},
                  {QStringLiteral("round"), QStringLiteral("Round other counts to the nearest N (1: no rounding)."), QStringLiteral("N")},
                  kPassphraseFile});
    p.addPositionalArgument(QStringLiteral("action"), QStringLiteral("show or set"));
    p.process(args);
    const QString action = p.positionalArguments().value(0);
    if (action != QLatin1String("show") && action != QLatin1String("set"))
        return fail(QStringLiteral("usage: phm disclosure show|set --project P [--smallest N] [--largest N] [--round N] [--json]"));
    auto opened = openExisting(p, false);
    if (!opened) return fail(QStringLiteral("phm disclosure: %1").arg(opened.error().message));
    const QString project = p.value(kProject);
    auto policy = projectPolicy(*opened.value());
    if (!policy) return fail(QStringLiteral("phm disclosure: %1").arg(policy.error().message));
    if (action == QLatin1String("set")) {
        auto actor = phm::cli::provenUser(p, project);
        if (!actor) return fail(QStringLiteral("phm disclosure set: %1").arg(actor.error().message));
        disclosure::Policy wanted = policy.value();
        for (const auto &[option, field] :
             {std::pair{QStringLiteral("smallest"), &wanted.smallest}, std::pair{QStringLiteral("largest"), &wanted.largest},
              std::pair{QStringLiteral("round"), &wanted.roundTo}}) {
            if (!p.isSet(option)) continue;
            bool ok = false;
            *field = p.value(option).toInt(&ok);
            if (!ok) return fail(QStringLiteral("phm disclosure set: --%1 must be a whole number").arg(option));
        }
        auto writable = openExisting(p, true);
        if (!writable) return fail(QStringLiteral("phm disclosure set: %1").arg(writable.error().message));
        if (auto s = setProjectPolicy(*writable.value(), actor.value(), wanted); !s)
            return fail(QStringLiteral("phm disclosure set: %1").arg(s.error().message));
        phm::cli::signAsAdmin(p, project);
        policy = wanted;
    }
    const disclosure::Policy &shown = policy.value();
    if (p.isSet(kJson))
        out(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("smallest"), shown.smallest},
                                                        {QStringLiteral("largest"), shown.largest},
                                                        {QStringLiteral("round_to"), shown.roundTo},
                                                        {QStringLiteral("policy"), shown.describe()}})
                                  .toJson()));
    else
        out(shown.describe() + QLatin1Char('\n'));
    return 0;
}
