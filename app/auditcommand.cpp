// phm audit verify|head|sign|list: the hash-chained audit log (governancecommands.h).
#include "governancecli.h"
#include "governancecommands.h"

#include "clicredentials.h"
#include "governance/auditsignature.h"
#include "governance/credentials.h"

#include "clioutput.h"
#include "governance/audit.h"
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

namespace {
QJsonObject entryJson(const audit::Entry &e) {
    return QJsonObject{{QStringLiteral("seq"), e.seq},
                       {QStringLiteral("at"), e.at},
                       {QStringLiteral("user"), e.user},
                       {QStringLiteral("role"), e.role},
                       {QStringLiteral("action"), e.action},
                       {QStringLiteral("detail"), e.detail},
                       {QStringLiteral("prev_hash"), e.prevHash},
                       {QStringLiteral("hash"), e.hash}};
}
}  // namespace

namespace {
// `phm audit verify`: exit 0 intact, 1 the chain is broken at an entry, 2 it cannot be verified.
int auditVerify(const QCommandLineParser &p, const QString &headOption) {
    const bool json = p.isSet(kJson);
    auto cannot = [&](const QString &why) {
        if (json)
            out(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("ok"), false},
                                                            {QStringLiteral("status"), QStringLiteral("cannot_verify")},
                                                            {QStringLiteral("entries"), QJsonValue()},
                                                            {QStringLiteral("first_bad"), QJsonValue()},
                                                            {QStringLiteral("problem"), why}})
                                      .toJson()));
        fail(QStringLiteral("phm audit verify: cannot verify: %1").arg(why));
        return 2;
    };
    if (!p.isSet(kProject)) return cannot(QStringLiteral("--project FILE is required"));
    audit::VerifyOptions options;
    if (p.isSet(headOption)) {
        const QString head = p.value(headOption);
        bool ok = false;
        options.headSeq = head.section(QLatin1Char(':'), 0, 0).toLongLong(&ok);
        options.headHash = head.section(QLatin1Char(':'), 1);
        if (!ok || options.headSeq < 1 || options.headHash.size() != 64)
            return cannot(QStringLiteral("--head must be SEQ:HASH as `phm audit head` prints it, not \"%1\"").arg(head));
    }
    if (p.isSet(QStringLiteral("trust"))) {
        options.trust = p.value(QStringLiteral("trust")).trimmed();
        if (options.trust.size() < 8) return cannot(QStringLiteral("--trust needs at least 8 digits of a signing key's fingerprint"));
    }
    auto v = audit::verifyProject(p.value(kProject), options);
    if (!v) return cannot(v.error().message);
    const audit::Verification &r = v.value();
    if (json) {
        out(QString::fromUtf8(
            QJsonDocument(QJsonObject{{QStringLiteral("ok"), r.ok},
                                      {QStringLiteral("status"), r.ok ? QStringLiteral("intact") : QStringLiteral("broken")},
                                      {QStringLiteral("entries"), r.entries},
                                      {QStringLiteral("first_bad"), r.ok ? QJsonValue() : QJsonValue(r.firstBad)},
                                      {QStringLiteral("problem"), r.ok ? QJsonValue() : QJsonValue(r.problem)},
                                      {QStringLiteral("head"), QStringLiteral("%1:%2").arg(r.headSeq).arg(r.headHash)},
                                      {QStringLiteral("anchored"), r.anchored},
                                      {QStringLiteral("journal"), r.journal},
                                      {QStringLiteral("anchored_to"), r.anchored ? QJsonValue(r.anchoredSeq) : QJsonValue()},
                                      {QStringLiteral("head_checked"), r.headChecked},
                                      {QStringLiteral("signed_to"), r.signedSeq ? QJsonValue(r.signedSeq) : QJsonValue()},
                                      {QStringLiteral("signers"), QJsonArray::fromStringList(r.signers)},
                                      {QStringLiteral("trust_checked"), r.trustChecked}})
                .toJson()));
    } else if (r.ok) {
        QString text = QStringLiteral("audit log intact: %1 entries\n").arg(r.entries);
        if (r.anchored)
            text += QStringLiteral("anchored: entries 1 to %1 match the audit journal %2\n").arg(r.anchoredSeq).arg(r.journal);
        else
            text += QStringLiteral(
                        "not anchored: no audit journal (or an empty one) at %1, so only the chain inside the file was checked (a log "
                        "rewritten consistently would not show)\n")
                        .arg(r.journal);
        if (r.headChecked) text += QStringLiteral("matches the head you gave (entry %1)\n").arg(options.headSeq);
        if (r.signedSeq)
            text += QStringLiteral("signed: entries 1 to %1 are covered by an admin's signature (%2)%3\n")
                        .arg(r.signedSeq)
                        .arg(r.signers.join(QStringLiteral(", ")), r.trustChecked ? QStringLiteral(", the key you trust") : QString());
        else
            text += QStringLiteral("not signed: no admin has signed the log (`phm audit sign`)\n");
        out(text);
    }
    if (!r.ok) {
        fail(QStringLiteral("phm audit verify: chain broken at entry %1: %2").arg(r.firstBad).arg(r.problem));
        return 1;
    }
    return 0;
}
}  // namespace

int runAuditCommand(const QStringList &args) {
    QCommandLineParser p;
    const QCommandLineOption head(QStringLiteral("head"), QStringLiteral("verify: also check that entry SEQ has hash HASH."),
                                  QStringLiteral("SEQ:HASH"));
    const QCommandLineOption trust(QStringLiteral("trust"),
                                   QStringLiteral("verify: require a valid signature by the signing key with this fingerprint."),
                                   QStringLiteral("FINGERPRINT"));
    p.addOptions({kProject, kJson, head, kPassphraseFile, trust});
    p.addPositionalArgument(QStringLiteral("action"), QStringLiteral("verify, head, sign or list"));
    p.process(args);
    const QString action = p.positionalArguments().value(0);
    if (action == QLatin1String("verify")) return auditVerify(p, head.names().first());
    auto opened = openExisting(p, false);
    if (!opened) return fail(QStringLiteral("phm audit: %1").arg(opened.error().message));
    ProjectDb &db = *opened.value();
    if (action == QLatin1String("sign")) {
        // An admin, proven by their passphrase, signs the newest entry with their own key.
        opened.value().reset();
        auto admin = phm::cli::unlockedUser(p, p.value(kProject));
        if (!admin) return fail(QStringLiteral("phm audit sign: %1").arg(admin.error().message));
        auto s = audit::signHead(p.value(kProject), *admin.value());
        if (!s) return fail(QStringLiteral("phm audit sign: %1").arg(s.error().message));
        out(p.isSet(kJson) ? QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("signed_seq"), s.value().seq},
                                                                         {QStringLiteral("signed_hash"), s.value().hash},
                                                                         {QStringLiteral("fingerprint"), s.value().fingerprint}})
                                                   .toJson())
                           : QStringLiteral("signed entry %1 with key %2 (give it to `phm audit verify --trust`)\n")
                                 .arg(s.value().seq)
                                 .arg(s.value().fingerprint));
        return 0;
    }
    if (action == QLatin1String("head")) {
        // The newest entry as SEQ:HASH, to write down elsewhere (a ticket) and check later with
        // `phm audit verify --head`.
        auto all = audit::entries(db);
        if (!all) return fail(QStringLiteral("phm audit head: %1").arg(all.error().message));
        if (all.value().empty()) return fail(QStringLiteral("phm audit head: %1 has no audit entries").arg(p.value(kProject)));
        const audit::Entry &e = all.value().back();
        const QString h = QStringLiteral("%1:%2").arg(e.seq).arg(e.hash);
        out(p.isSet(kJson) ? QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("head"), h},
                                                                         {QStringLiteral("seq"), e.seq},
                                                                         {QStringLiteral("hash"), e.hash},
                                                                         {QStringLiteral("at"), e.at}})
                                                   .toJson())
                           : h + QLatin1Char('\n'));
        return 0;
    }
    if (action == QLatin1String("list")) {
        auto actor = phm::cli::provenUser(p, p.value(kProject));  // the full log is for a proven admin
        if (!actor) return fail(QStringLiteral("phm audit list: %1").arg(actor.error().message));
        auto all = readAuditLog(db, actor.value());
        if (!all) return fail(QStringLiteral("phm audit list: %1").arg(all.error().message));
        QJsonArray rows;
        QString text;
        for (const audit::Entry &e : all.value()) {
            rows.append(entryJson(e));
            text += QStringLiteral("%1 %2 %3 (%4) %5 %6\n")
                        .arg(e.seq, 5)
                        .arg(e.at, e.user, e.role, e.action, QString::fromUtf8(QJsonDocument(e.detail).toJson(QJsonDocument::Compact)));
        }
        out(p.isSet(kJson) ? QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("entries"), rows}}).toJson()) : text);
        return 0;
    }
    return fail(
        QStringLiteral("usage: phm audit verify|head|sign|list --project P [--head SEQ:HASH] [--trust FINGERPRINT] "
                       "[--passphrase-file F] [--json]"));
}
