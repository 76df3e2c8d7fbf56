// The audit log as evidence: append-only triggers, the hash chain against edits, deletions and
// reordering, admins' signatures of the head, and a re-import that keeps the log.
#include "auditfixture.h"
#include "governance/audit.h"
#include "governance/auditsignature.h"
#include "governance/credentials.h"
#include "governance/users.h"
#include "store/project.h"
#include "store/projectdb.h"
#include "testutil.h"

#include <sodium.h>
#include <QJsonDocument>
#include <functional>

using namespace phm::core;
using phm::test::findUser;
using phm::test::readAuditLog;
using phm::test::removeUser;
using phm::test::setUser;

class TestAuditChain : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    ProjectPtr mProject;
    QString mPath;
    User mAdmin;

    std::unique_ptr<ProjectDb> db(bool write = true) { return phm::test::openDb(mPath, write); }
    // A copy of the project whose audit log an attacker edits with the triggers dropped.
    QString tamperedCopy(const QString &name, const QString &sql) { return phm::test::tamperedCopy(mPath, mDir.filePath(name), sql); }
    audit::Verification verifyFile(const QString &path) { return phm::test::verifyFile(path); }
    auto adaKey() {
        auto d = db(false);
        auto ada = unlockCredential(*d, QStringLiteral("ada"), phm::test::kTestPassphrase);
        if (!ada) qFatal("unlock: %s", qPrintable(ada.error().message));
        return std::move(ada.value());
    }

private slots:
    void initTestCase() {
        qputenv("PHM_USER", "ada");
        mProject = phm::test::makeProject(mDir.path(), 2000, 23);
        mPath = mProject->path;
        mAdmin = phm::test::provenAdmin(mPath);  // entries 1 and 2: import, set-passphrase
        const QString practice = mProject->geography.practices[mProject->persons.practice[0]].code;
        QVERIFY(setUser(mPath, mAdmin, User{QStringLiteral("dr_who"), Role::Clinician, practice, true, {}, {}}));
        QVERIFY(setUser(mPath, mAdmin, User{QStringLiteral("ann"), Role::Analyst, {}, true, {}, {}}));
        QVERIFY(audit::record(mPath, QStringLiteral("dr_who"), QStringLiteral("clinician"), QStringLiteral("reidentify"),
                              QJsonObject{{QStringLiteral("reason"), QStringLiteral("frailty review for care planning")}}));
        QVERIFY(setUser(mPath, mAdmin, User{QStringLiteral("bob"), Role::Analyst, {}, true, {}, {}}));
        for (int i = 0; i < 3; ++i)
            QVERIFY(audit::record(mPath, QStringLiteral("ann"), QStringLiteral("analyst"), QStringLiteral("export"),
                                  QJsonObject{{QStringLiteral("file"), QStringLiteral("pack-%1.pdf").arg(i)}}));
        QVERIFY(verifyFile(mPath).ok);
    }

    void keyMaterialIsNotRedacted() {
        // Random base64 can spell a postcode ("AB12CD" between two symbols) or a date: the
        // identifier check would redact it, and a redacted signature no longer verifies.
        const QJsonObject lookalike{{QStringLiteral("signature"), QStringLiteral("kQ+AB12CD/x2024/01/02z")}};
        QVERIFY(audit::redactedDetail(lookalike).value(QStringLiteral("redacted")).toBool());
        auto d = db();
        audit::Entry e{0, {}, QStringLiteral("ada"), QStringLiteral("admin"), QStringLiteral("key-test"), lookalike, {}, {}};
        e.redact = false;
        QVERIFY(audit::writeWithEntry(*d, e));
        const auto all = audit::entries(*d).value();
        QCOMPARE(all.back().detail, lookalike);
        QVERIFY(verifyFile(mPath).ok);
    }

    void triggersRefuseEditsAndDeletes() {
        auto d = db();
        QVERIFY(!d->exec(QStringLiteral("UPDATE audit_log SET user = 'x' WHERE seq = 1")));
        QVERIFY(!d->exec(QStringLiteral("DELETE FROM audit_log WHERE seq = 1")));
        QVERIFY(d->lastError().contains(QStringLiteral("append-only")));
    }

    void chainDetectsEditsDeletionsAndReordering() {
        auto d = db(false);
        const qint64 n = qint64(audit::entries(*d).value().size());
        QVERIFY(n >= 8);
        d.reset();
        struct Case {
            const char *name;
            QString sql;
            qint64 firstBad;
            const char *says;
        };
        const Case cases[] = {
            {"edit detail",
             QStringLiteral("UPDATE audit_log SET detail = replace(detail, 'frailty', 'routine') WHERE seq = (SELECT min(seq) FROM "
                            "audit_log WHERE detail LIKE '%frailty%')"),
             0, "changed"},
            {"edit user", QStringLiteral("UPDATE audit_log SET user = 'someone' WHERE seq = 3"), 3, "changed"},
            {"re-spelt detail", QStringLiteral("UPDATE audit_log SET detail = replace(detail, ':', ': ') WHERE seq = 2"), 2, "changed"},
            {"delete middle", QStringLiteral("DELETE FROM audit_log WHERE seq = 4"), 4, "out of place"},
            {"delete first", QStringLiteral("DELETE FROM audit_log WHERE seq = 1"), 1, "out of place"},
            {"delete last", QStringLiteral("DELETE FROM audit_log WHERE seq = %1").arg(n), n, "missing"},
            {"swap two",
             QStringLiteral("UPDATE audit_log SET seq = seq + 1000 WHERE seq IN (3, 4); UPDATE audit_log SET seq = 4 WHERE seq = 1003; "
                            "UPDATE audit_log SET seq = 3 WHERE seq = 1004"),
             3, "does not follow"},
            {"rewrite hash too",
             QStringLiteral("UPDATE audit_log SET user = 'someone', hash = '%1' WHERE seq = 2").arg(QString(64, QLatin1Char('a'))), 2,
             "changed"},
        };
        for (const Case &c : cases) {
            const QString copy = tamperedCopy(QStringLiteral("tampered.phm"), c.sql);
            const audit::Verification v = verifyFile(copy);
            QVERIFY2(!v.ok, c.name);
            if (c.firstBad) QCOMPARE(v.firstBad, c.firstBad);
            QVERIFY2(v.problem.contains(QLatin1String(c.says)), qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(c.name), v.problem)));
            QVERIFY2(v.problem.startsWith(QStringLiteral("entry %1 ").arg(v.firstBad)), qPrintable(v.problem));
        }
        // A recomputed chain from the edited entry on still disagrees with the recorded head.
        const QString copy = tamperedCopy(QStringLiteral("rechained.phm"), QStringLiteral("DELETE FROM audit_log WHERE seq = %1").arg(n));
        {
            auto opened = ProjectDb::open(copy, true);
            QVERIFY(opened.value()->setMeta(QStringLiteral("audit.head"), QString()));
        }
        auto rechained = audit::verify(*ProjectDb::open(copy, false).value());
        QVERIFY(!rechained || !rechained.value().ok);
        QVERIFY(verifyFile(mPath).ok);
    }

    // A copy whose log an attacker who can write the file rewrites consistently: `edit` changes
    // the entries, then every sequence number, link and hash and the head are recomputed, and the
    // journal is left behind (an auditor's copy has none).
    QString rewrittenCopy(const QString &name, const std::function<void(std::vector<audit::Entry> &)> &edit) {
        const QString copy = mDir.filePath(name);
        QFile::remove(copy);
        if (!QFile::copy(mPath, copy)) qFatal("copy failed");
        auto opened = ProjectDb::open(copy, true);
        ProjectDb &d = *opened.value();
        std::vector<audit::Entry> all = audit::entries(d).value();
        edit(all);
        QString previous(64, QLatin1Char('0'));
        for (size_t i = 0; i < all.size(); ++i) {
            all[i].seq = qint64(i) + 1;
            all[i].prevHash = previous;
            all[i].hash = audit::entryHash(all[i]);
            previous = all[i].hash;
        }
        if (!d.exec(QStringLiteral("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log")))
            qFatal("tamper failed");
        for (const audit::Entry &e : all) {
            Statement st(
                d, QStringLiteral("INSERT INTO audit_log(seq, at, user, role, action, detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?)"));
            st.bind(1, int64_t(e.seq));
            for (const auto &[i, v] : {std::pair{2, e.at}, std::pair{3, e.user}, std::pair{4, e.role}, std::pair{5, e.action},
                                       std::pair{6, QString::fromUtf8(QJsonDocument(e.detail).toJson(QJsonDocument::Compact))},
                                       std::pair{7, e.prevHash}, std::pair{8, e.hash}})
                st.bindText(i, v);
            if (!st.stepDone()) qFatal("rewrite failed");
        }
        if (!d.setMeta(QStringLiteral("audit.head"), QStringLiteral("%1 %2").arg(all.size()).arg(previous))) qFatal("head failed");
        return copy;
    }

    void signaturesNeedTheAdminsSecret() {
        // ada signs the head with her key (sealed under her passphrase).
        const auto ada = adaKey();
        auto signedHead = audit::signHead(mPath, *ada);
        QVERIFY2(signedHead, qPrintable(signedHead ? QString() : signedHead.error().message));
        const QString fingerprint = signedHead.value().fingerprint;
        QCOMPARE(fingerprint, audit::keyFingerprint(ada->signPublic));
        audit::VerifyOptions trust;
        trust.trust = fingerprint.left(12);
        auto v = audit::verifyProject(mPath, trust);
        QVERIFY2(v && v.value().ok && v.value().trustChecked, qPrintable(v ? v.value().problem : v.error().message));
        QCOMPARE(v.value().signedSeq, signedHead.value().seq);
        // An analyst cannot sign, even holding ada's key file.
        QVERIFY(!audit::signHead(mPath, UnlockedCredential{}));

        // 1. Rewrite an entry before the signature and recompute the whole chain: the signature
        //    still names the old hash, and nobody without ada's passphrase can sign the new one.
        const QString rewritten = rewrittenCopy(QStringLiteral("rewritten.phm"),
                                                [](std::vector<audit::Entry> &all) { all[2].user = QStringLiteral("someone else"); });
        auto r1 = audit::verifyProject(rewritten, {});
        QVERIFY(r1);
        QVERIFY(!r1.value().ok);
        QCOMPARE(r1.value().firstBad, signedHead.value().seq);  // the signed entry no longer matches its signature
        QVERIFY2(r1.value().problem.contains(QStringLiteral("signed by ada")), qPrintable(r1.value().problem));
        // 2. Also drop the signatures: the chain holds, but not for an auditor who trusts ada's key.
        const QString unsigned_ = rewrittenCopy(QStringLiteral("unsigned.phm"), [](std::vector<audit::Entry> &all) {
            all[2].user = QStringLiteral("someone else");
            std::erase_if(all, [](const audit::Entry &e) { return e.action == QLatin1String("audit-signed"); });
        });
        auto r2 = audit::verifyProject(unsigned_, {});
        QVERIFY(r2 && r2.value().ok && r2.value().signedSeq == 0 && !r2.value().anchored);
        auto r3 = audit::verifyProject(unsigned_, trust);
        QVERIFY(r3 && !r3.value().ok);
        QVERIFY(r3.value().problem.contains(QStringLiteral("no entry is signed by the trusted key")));
        // 3. Forge a signature entry with another key: it verifies as a signature, but not as ada's.
        const QString forged = rewrittenCopy(QStringLiteral("forged.phm"), [&](std::vector<audit::Entry> &all) {
            std::erase_if(all, [](const audit::Entry &e) { return e.action == QLatin1String("audit-signed"); });
            unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES], sig[crypto_sign_BYTES];
            crypto_sign_keypair(pk, sk);
            const qint64 seq = qint64(all.size());
            QString previous(64, QLatin1Char('0'));
            for (audit::Entry &e : all) {  // the hashes as they will be recomputed
                e.prevHash = previous;
                e.hash = audit::entryHash(e);
                previous = e.hash;
            }
            const QByteArray message = audit::headMessage(seq, previous);
            crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char *>(message.constData()), size_t(message.size()), sk);
            audit::Entry e{
                0,
                all.back().at,
                QStringLiteral("ada"),
                QStringLiteral("admin"),
                QStringLiteral("audit-signed"),
                QJsonObject{
                    {QStringLiteral("signed_seq"), seq},
                    {QStringLiteral("signed_hash"), QString::fromLatin1(QByteArray::fromHex(previous.toLatin1()).toBase64())},
                    {QStringLiteral("key"), QString::fromLatin1(QByteArray(reinterpret_cast<char *>(pk), sizeof pk).toBase64())},
                    {QStringLiteral("signature"), QString::fromLatin1(QByteArray(reinterpret_cast<char *>(sig), sizeof sig).toBase64())}},
                {},
                {}};
            all.push_back(e);
        });
        auto r4 = audit::verifyProject(forged, {});
        QVERIFY2(r4 && r4.value().ok && r4.value().signedSeq > 0, qPrintable(r4 ? r4.value().problem : r4.error().message));
        QVERIFY(!r4.value().signers.contains(fingerprint));
        auto r5 = audit::verifyProject(forged, trust);
        QVERIFY(r5 && !r5.value().ok);
    }

    void everySignatureVerifies() {
        // Each signature's base64 is new random-looking text: sign many heads, each must verify.
        const auto ada = adaKey();
        for (int i = 0; i < 40; ++i) {
            auto signedHead = audit::signHead(mPath, *ada);
            QVERIFY2(signedHead, qPrintable(signedHead ? QString() : signedHead.error().message));
            auto v = audit::verifyProject(mPath, {});
            QVERIFY2(v && v.value().ok, qPrintable(v ? v.value().problem : v.error().message));
            QCOMPARE(v.value().signedSeq, signedHead.value().seq);
        }
    }

    void reimportKeepsUsersAndLog() {
        auto before = db(false);
        const auto entriesBefore = audit::entries(*before).value();
        before.reset();
        Feedback fb;
        QVERIFY(importExtract(QDir(mDir.path()).filePath(QStringLiteral("extract")), mPath, fb));
        auto after = db(false);
        const auto entriesAfter = audit::entries(*after).value();
        QCOMPARE(entriesAfter.size(), entriesBefore.size() + 1);
        QCOMPARE(entriesAfter[entriesBefore.size() - 1].hash, entriesBefore.back().hash);
        QCOMPARE(entriesAfter.back().action, QStringLiteral("import"));
        QCOMPARE(listUsers(*after).value().size(), size_t(4));  // ada, ann, dr_who, bob
        QVERIFY(audit::verify(*after).value().ok);
    }
};

QTEST_GUILESS_MAIN(TestAuditChain)
#include "tst_auditchain.moc"
