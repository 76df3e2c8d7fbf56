// phm reveal: a clinician reveals the identities of their practice's members of a saved cohort (governancecommands.h).
#include "governancecli.h"
#include "governancecommands.h"

#include "clicredentials.h"
#include "governance/credentials.h"
#include "governance/governedoutput.h"

#include "clioutput.h"
#include "cohorts/reidentify.h"
#include "governance/keystore.h"
#include "governance/users.h"
#include "rules/rulecatalogue.h"
#include "session/session.h"
#include "store/projectdb.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

using namespace phm::core;
using namespace phm::cli::governance;
using phm::cli::fail;
using phm::cli::out;

int runRevealCommand(const QStringList &args) {
    QCommandLineParser p;
    p.addOptions({kProject,
                  kJson,
                  kKeys,
                  kPassphraseFile,
                  {QStringLiteral("cohort"), QStringLiteral("Saved cohort."), QStringLiteral("NAME")},
                  {QStringLiteral("reason"), QStringLiteral("The direct-care reason."), QStringLiteral("TEXT")}});
    p.process(args);
    Feedback fb;
    auto opened = Session::open(p.value(kProject), fb);
    if (!opened) return fail(QStringLiteral("phm reveal: %1").arg(opened.error().message));
    const Session &session = *opened.value();
    auto user = session.read([](ProjectDb &db) { return findUser(db, currentLogin()); });
    if (!user) return fail(QStringLiteral("phm reveal: %1").arg(user.error().message));
    // Without a passphrase the request still goes through the checks (and the audit log): the
    // refusal an analyst gets is about the role, not a missing passphrase.
    const auto given = phm::cli::readPassphrase(p);
    const QByteArray secret = given ? given.value() : QByteArray();
    const RevealRequest request{p.value(QStringLiteral("cohort")), p.value(QStringLiteral("reason")), keyStorePath(p), secret};
    auto r = session.read([&](ProjectDb &db) { return reidentify(db, session.project(), session.codeLists(), user.value(), request); });
    if (!r) return fail(QStringLiteral("phm reveal: %1").arg(r.error().message));
    const Reveal &v = r.value();
    QJsonArray people;
    QString text = QStringLiteral("person_id,nhs_number,given_name,family_name,date_of_birth,practice\n");
    for (const RevealedPerson &x : v.people) {
        const Identity &i = x.identity;
        people.append(QJsonObject{{QStringLiteral("person_id"), i.personId},
                                  {QStringLiteral("nhs_number"), i.nhsNumber},
                                  {QStringLiteral("given_name"), i.givenName},
                                  {QStringLiteral("family_name"), i.familyName},
                                  {QStringLiteral("date_of_birth"), i.dateOfBirth},
                                  {QStringLiteral("practice"), x.practiceCode}});
        text += QStringList{i.personId, i.nhsNumber, i.givenName, i.familyName, i.dateOfBirth, x.practiceCode}.join(QLatin1Char(',')) +
                QLatin1Char('\n');
    }
    if (p.isSet(kJson))
        out(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("cohort"), v.cohort},
                                                        {QStringLiteral("cohort_version"), v.cohortVersion},
                                                        {QStringLiteral("practice"), v.practice},
                                                        {QStringLiteral("cohort_members"), v.cohortMembers},
                                                        {QStringLiteral("withheld_other_practices"), v.otherPractices},
                                                        {QStringLiteral("not_in_key_store"), v.notInKeyStore},
                                                        {QStringLiteral("people"), people}})
                                  .toJson()));
    else
        out(text);
    return 0;
}
