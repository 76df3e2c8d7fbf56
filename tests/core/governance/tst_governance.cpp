// Information governance: roles, the identity key store and re-identification (the audit chain
// itself: tst_auditchain).
#include "auditfixture.h"
#include "cohorts/cohortstore.h"
#include "cohorts/reidentify.h"
#include "cohortutil.h"
#include "governance/audit.h"
#include "governance/keystore.h"
#include "governance/users.h"
#include "rules/rulecatalogue.h"
#include "rules/ruleengine.h"
#include "rules/ruleparser.h"
#include "store/project.h"
#include "store/projectdb.h"
#include "testutil.h"

#include <QDirIterator>
#include <QJsonDocument>
#include <set>

using namespace phm::core;
using phm::test::findUser;
using phm::test::readAuditLog;
using phm::test::removeUser;
using phm::test::setUser;

class TestGovernance : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    ProjectPtr mProject;
    QString mPath, mKeys;
    const QByteArray mPassphrase = "correct horse battery staple";
    const rules::CodeLists mLists;
    User mAdmin, mClinician, mAnalyst;

    std::unique_ptr<ProjectDb> db(bool write = true) { return phm::test::openDb(mPath, write); }
    // A copy of the project whose audit log an attacker edits with the triggers dropped.
    QString tamperedCopy(const QString &name, const QString &sql) { return phm::test::tamperedCopy(mPath, mDir.filePath(name), sql); }
    audit::Verification verifyFile(const QString &path) { return phm::test::verifyFile(path); }
    QString practiceCode(int32_t p) const { return mProject->geography.practices[mProject->persons.practice[size_t(p)]].code; }

    // A per-practice key store for the project's people, sealed to every credential holder.
    void sealPracticeStore() {
        auto d = db(false);
        std::vector<KeyRecipient> recipients;
        const auto keys = publicKeys(*d);
        if (!keys) qFatal("no keys");
        for (const PublicKeys &k : keys.value()) {
            const User u = findUser(*d, k.login).value();
            recipients.push_back({u.name, k.box, u.role == Role::Clinician ? u.practice : QString()});
        }
        auto sealed = KeyStore::sealByPractice(assignPractices(*mProject, syntheticIdentities(*mProject)), recipients, mKeys);
        if (!sealed) qFatal("seal: %s", qPrintable(sealed.error().message));
        phm::test::writeFile(mKeys, sealed.value());
    }

private slots:
    void initTestCase() {
        qputenv("PHM_USER", "ada");
        mProject = phm::test::makeProject(mDir.path(), 4000, 17);
        mPath = mProject->path;
        mKeys = defaultKeyStorePath(mPath);
        mAdmin = phm::test::provenAdmin(mPath);  // ada sets her first passphrase after the import
    }

    void theEnvironmentNamesButDoesNotProve() {
        // PHM_USER=ada names the admin, but without her passphrase nothing privileged happens.
        const User claimed = findUser(mPath, QStringLiteral("ada")).value();
        QVERIFY(claimed.listed && claimed.role == Role::Admin && !claimed.proven);
        auto refused = setUser(mPath, claimed, User{QStringLiteral("eve"), Role::Admin, {}, true, {}, {}});
        QVERIFY(!refused);
        QCOMPARE(errorCodeName(refused.error().code), QStringLiteral("not_proven"));
        QVERIFY(!readAuditLog(mPath, claimed));
        QVERIFY(!authenticate(mPath, QStringLiteral("ada"), "not her passphrase"));
        QCOMPARE(errorCodeName(authenticate(mPath, QStringLiteral("ada"), "not her passphrase").error().code),
                 QStringLiteral("wrong_passphrase"));
        // Her first passphrase cannot be set again by whoever claims to be her: the second time needs the first.
        auto again = setPassphrase(mPath, claimed, QStringLiteral("ada"), "a passphrase of my own");
        QVERIFY(!again);
        QCOMPARE(errorCodeName(again.error().code), QStringLiteral("not_permitted"));
        QVERIFY(authenticate(mPath, QStringLiteral("ada"), phm::test::kTestPassphrase));
        // The verifier is an Argon2id hash, never the passphrase.
        auto d = db(false);
        Statement st(*d, QStringLiteral("SELECT verifier, sealed_secrets FROM credential WHERE login = 'ada'"));
        QVERIFY(st.step());
        QVERIFY(st.columnText(0).startsWith(QStringLiteral("$argon2id$")));
        QVERIFY(!st.columnText(0).contains(QString::fromLatin1(phm::test::kTestPassphrase)));
    }

    void importMakesTheImporterAdminAndIsAudited() {
        QVERIFY(mAdmin.listed);
        QCOMPARE(mAdmin.role, Role::Admin);
        auto d = db(false);
        auto all = audit::entries(*d);
        QVERIFY(all);
        QCOMPARE(all.value().size(), size_t(2));
        QCOMPARE(all.value()[0].action, QStringLiteral("import"));
        QCOMPARE(all.value()[1].action, QStringLiteral("set-passphrase"));
        QCOMPARE(all.value()[0].user, QStringLiteral("ada"));
        QCOMPARE(all.value()[0].detail.value(QStringLiteral("persons")).toInteger(), mProject->persons.count);
        QVERIFY(verifyFile(mPath).ok);
    }

    void onlyAnAdminManagesUsers() {
        // Practice of the first person: the clinician's practice.
        const QString practice = practiceCode(0);
        QVERIFY(setUser(mPath, mAdmin, User{QStringLiteral("dr_who"), Role::Clinician, practice, true, {}, {}}));
        QVERIFY(setUser(mPath, mAdmin, User{QStringLiteral("ann"), Role::Analyst, {}, true, {}, {}}));
        mClinician = findUser(mPath, QStringLiteral("dr_who")).value();
        mAnalyst = findUser(mPath, QStringLiteral("ann")).value();
        QCOMPARE(mClinician.role, Role::Clinician);
        QCOMPARE(mClinician.practice, practice);

        auto byAnalyst = setUser(mPath, mAnalyst, User{QStringLiteral("ann"), Role::Admin, {}, true, {}, {}});
        QVERIFY(!byAnalyst);
        QCOMPARE(errorCodeName(byAnalyst.error().code), QStringLiteral("not_permitted"));
        QVERIFY(byAnalyst.error().message.contains(QStringLiteral("ann is an analyst")));
        const User stranger{QStringLiteral("mallory"), Role::Admin, {}, false, {}, {}};  // claims admin but is not listed
        QVERIFY(!setUser(mPath, stranger, User{QStringLiteral("mallory"), Role::Admin, {}, true, {}, {}}));
        QCOMPARE(findUser(mPath, QStringLiteral("mallory")).value().listed, false);
        QCOMPARE(findUser(mPath, QStringLiteral("mallory")).value().role, Role::Analyst);

        auto noPractice = setUser(mPath, mAdmin, User{QStringLiteral("dr_x"), Role::Clinician, QStringLiteral("Z99999"), true, {}, {}});
        QVERIFY(!noPractice);
        QCOMPARE(errorCodeName(noPractice.error().code), QStringLiteral("bad_practice"));
        auto lastAdmin = removeUser(mPath, mAdmin, QStringLiteral("ada"));
        QVERIFY(!lastAdmin);
        QCOMPARE(errorCodeName(lastAdmin.error().code), QStringLiteral("last_admin"));
        QVERIFY(!setUser(mPath, mAdmin, User{QStringLiteral("ada"), Role::Analyst, {}, true, {}, {}}));
        QVERIFY(!removeUser(mPath, mClinician, QStringLiteral("ann")));

        // Each change is an audit entry; refusals change nothing.
        auto d = db(false);
        auto all = audit::entries(*d).value();
        QCOMPARE(all.size(), size_t(4));  // import, set-passphrase, set-user x 2
        QCOMPARE(all[2].action, QStringLiteral("set-user"));
        QCOMPARE(all[2].detail.value(QStringLiteral("user")).toString(), QStringLiteral("dr_who"));
        QCOMPARE(listUsers(*d).value().size(), size_t(3));
    }

    void keyStoreIsSealed() {
        const auto identities = syntheticIdentities(*mProject);
        QCOMPARE(qint64(identities.size()), qint64(mProject->persons.count));
        std::set<QString> numbers;
        for (const Identity &i : identities) {
            QVERIFY2(validNhsNumber(i.nhsNumber), qPrintable(i.nhsNumber));
            QVERIFY(i.nhsNumber.startsWith(QStringLiteral("999")));  // the never-issued test range
            numbers.insert(i.nhsNumber);
        }
        QCOMPARE(numbers.size(), identities.size());
        QVERIFY(KeyStore::create(mKeys, mPassphrase, identities));
        // No identity in the clear anywhere in the file.
        const QByteArray file = phm::test::readFile(mKeys);
        QVERIFY(file.startsWith("PHMKEYS1"));
        for (size_t k = 0; k < 50; ++k) {
            QVERIFY(!file.contains(identities[k].nhsNumber.toLatin1()));
            QVERIFY(!file.contains(identities[k].personId.toLatin1()));
        }
        QVERIFY(!file.contains("Brookfield") && !file.contains("person_id"));

        auto opened = KeyStore::open(mKeys, mPassphrase);
        QVERIFY(opened);
        QCOMPARE(opened.value()->size(), qint64(identities.size()));
        auto found = opened.value()->lookup({identities[3].personId, QStringLiteral("nobody"), identities[0].personId});
        QVERIFY(found);
        QCOMPARE(found.value().size(), size_t(2));
        QCOMPARE(found.value()[0].nhsNumber, identities[3].nhsNumber);
        QCOMPARE(found.value()[1].familyName, identities[0].familyName);

        auto wrong = KeyStore::open(mKeys, "not the passphrase");
        QVERIFY(!wrong);
        QCOMPARE(errorCodeName(wrong.error().code), QStringLiteral("wrong_passphrase"));
        QByteArray altered = file;
        altered[altered.size() / 2] = char(altered[altered.size() / 2] ^ 1);
        const QString alteredPath = mDir.filePath(QStringLiteral("altered.keys"));
        phm::test::writeFile(alteredPath, altered);
        QCOMPARE(errorCodeName(KeyStore::open(alteredPath, mPassphrase).error().code), QStringLiteral("wrong_passphrase"));
        QVERIFY(!KeyStore::create(mDir.filePath(QStringLiteral("empty.keys")), QByteArray(), identities));
    }

    void nhsNumberCheckDigit() {
        // NHS Data Dictionary, "NHS Number": modulus 11 over the first nine digits, weights 10..2.
        QVERIFY(validNhsNumber(QStringLiteral("9434765919")));  // 299 mod 11 = 2, check 9
        QVERIFY(!validNhsNumber(QStringLiteral("9434765918")));
        QVERIFY(validNhsNumber(QStringLiteral("9990000018")));  // 245 mod 11 = 3, check 8
        QVERIFY(!validNhsNumber(QStringLiteral("999000001")));
        QVERIFY(!validNhsNumber(QStringLiteral("99900000A8")));
    }

    void identitiesCsvErrorsAreLocated() {
        const QString good = mDir.filePath(QStringLiteral("ids.csv"));
        phm::test::writeFile(good, "person_id,nhs_number,given_name,family_name,date_of_birth\nP1,9434765919,Ann,Smith,1950-02-03\n");
        auto ok = readIdentitiesCsv(good);
        QVERIFY(ok);
        QCOMPARE(ok.value().size(), size_t(1));
        const QString bad = mDir.filePath(QStringLiteral("bad.csv"));
        phm::test::writeFile(bad,
                             "person_id,nhs_number,given_name,family_name,date_of_birth\nP1,9434765919,Ann,Smith,1950-02-03\n"
                             "P2,9434765918,Bo,Jones,1960-01-01\n");
        auto r = readIdentitiesCsv(bad);
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains(QStringLiteral("line 3, column 2")), qPrintable(r.error().message));
        phm::test::writeFile(bad, "person_id,nhs_number,given_name,family_name\nP1,9434765919,Ann,Smith\n");
        QVERIFY(readIdentitiesCsv(bad).error().message.contains(QStringLiteral("no date_of_birth column")));
    }

    void onlyAClinicianRevealsOwnPractice() {
        QVERIFY(phm::test::Cohorts{mPath}.save(QStringLiteral("older"), QStringLiteral("age >= 65"), QStringLiteral("ada"), {}, 0));
        // The admin sets dr_who's first passphrase; the key store seals dr_who's practice key to it.
        const QByteArray whoPassphrase = "dr who's own passphrase";
        QVERIFY(setPassphrase(mPath, mAdmin, QStringLiteral("dr_who"), whoPassphrase));
        sealPracticeStore();
        {  // No identity in the clear, and one passphrase opens one practice.
            const QByteArray file = phm::test::readFile(mKeys);
            QVERIFY(file.startsWith("PHMKEYS2"));
            QVERIFY(!file.contains(syntheticIdentities(*mProject)[0].nhsNumber.toLatin1()));
            auto d = db(false);
            auto who = unlockCredential(*d, QStringLiteral("dr_who"), whoPassphrase);
            QVERIFY(who);
            auto opened = KeyStore::open(mKeys, *who.value());
            QVERIFY(opened);
            QCOMPARE(opened.value()->practices(), QStringList{mClinician.practice});
            QVERIFY(!unlockCredential(*d, QStringLiteral("dr_who"), "a guess at it"));
        }
        const RevealRequest request{QStringLiteral("older"), QStringLiteral("frailty review for care planning"), mKeys, whoPassphrase};

        for (const User &u : {mAnalyst, mAdmin}) {
            auto refused = reidentify(*db(false), *mProject, mLists, u, request);
            QVERIFY(!refused);
            QCOMPARE(errorCodeName(refused.error().code), QStringLiteral("not_permitted"));
            QVERIFY(refused.error().message.startsWith(QStringLiteral("Only a clinician can reveal identities")));
        }
        auto revealed = reidentify(*db(false), *mProject, mLists, mClinician, request);
        QVERIFY2(revealed, qPrintable(revealed ? QString() : revealed.error().message));
        const Reveal &r = revealed.value();
        // Expected: the rule's members (by the engine) registered at the clinician's practice.
        const auto parsed = rules::parseRule(QStringLiteral("age >= 65"), &mLists);
        const auto cohort = rules::MemoryEngine(*mProject, mLists).evaluate(*parsed.expr);
        QVERIFY(cohort);
        const rules::Selection &sel = cohort.value().people;
        std::set<QString> expected;
        const qint64 members = qint64(sel.count());
        for (size_t i = sel.find_first(); i != rules::Selection::npos; i = sel.find_next(i)) {
            const auto p = int32_t(i);
            if (practiceCode(p) == mClinician.practice && mProject->persons.isRegistered(p, mProject->extractEnd)) {
                const auto id = mProject->persons.id(p);
                expected.insert(QString::fromUtf8(id.data(), qsizetype(id.size())));
            }
        }
        QVERIFY(!expected.empty());
        QCOMPARE(r.cohortMembers, members);
        QCOMPARE(qint64(r.people.size()), qint64(expected.size()));
        QCOMPARE(r.otherPractices, members - qint64(expected.size()));
        for (const RevealedPerson &x : r.people) {
            QVERIFY(expected.count(x.identity.personId));
            QCOMPARE(x.practiceCode, mClinician.practice);
            QVERIFY(validNhsNumber(x.identity.nhsNumber));
        }

        // A clinician of another practice gets none of these people.
        QString other;
        for (const Practice &pr : mProject->geography.practices)
            if (pr.code != mClinician.practice) other = pr.code;
        QVERIFY(phm::test::Cohorts{mPath}.save(QStringLiteral("mine"), QStringLiteral("practice = \"%1\"").arg(mClinician.practice),
                                               QStringLiteral("ada"), {}, 0));
        QVERIFY(setUser(mPath, mAdmin, User{QStringLiteral("dr_other"), Role::Clinician, other, true, {}, {}}));
        const User otherClinician = findUser(mPath, QStringLiteral("dr_other")).value();
        const QByteArray otherPassphrase = "dr other's passphrase";
        QVERIFY(setPassphrase(mPath, mAdmin, QStringLiteral("dr_other"), otherPassphrase));
        // Not in the key store yet: it holds no key for them.
        auto notYet = reidentify(*db(false), *mProject, mLists, otherClinician,
                                 RevealRequest{QStringLiteral("mine"), QStringLiteral("checking the recall list"), mKeys, otherPassphrase});
        QVERIFY(!notYet);
        QCOMPARE(errorCodeName(notYet.error().code), QStringLiteral("no_practice_key"));
        sealPracticeStore();
        // dr_who's passphrase does not make anyone else dr_who.
        QCOMPARE(errorCodeName(
                     reidentify(*db(false), *mProject, mLists, otherClinician,
                                RevealRequest{QStringLiteral("mine"), QStringLiteral("checking the recall list"), mKeys, whoPassphrase})
                         .error()
                         .code),
                 QStringLiteral("wrong_passphrase"));
        auto none = reidentify(*db(false), *mProject, mLists, otherClinician,
                               RevealRequest{QStringLiteral("mine"), QStringLiteral("checking the recall list"), mKeys, otherPassphrase});
        QVERIFY(none);
        QCOMPARE(none.value().people.size(), size_t(0));
        QVERIFY(none.value().otherPractices > 0);

        // No reason, an identifier in the reason, no saved cohort, wrong passphrase: refused.
        auto refusedCode = [&](RevealRequest req) {
            auto x = reidentify(*db(false), *mProject, mLists, mClinician, req);
            return x ? QString() : errorCodeName(x.error().code);
        };
        QCOMPARE(refusedCode({QStringLiteral("older"), QStringLiteral("because"), mKeys, whoPassphrase}), QStringLiteral("no_reason"));
        QCOMPARE(refusedCode({QStringLiteral("older"), QStringLiteral("call back patient 943 476 5919 today"), mKeys, whoPassphrase}),
                 QStringLiteral("identifier_in_reason"));
        QCOMPARE(refusedCode({QStringLiteral("not saved"), request.reason, mKeys, whoPassphrase}), QStringLiteral("unknown_cohort"));
        QCOMPARE(refusedCode({QStringLiteral("older"), request.reason, mKeys, "guess"}), QStringLiteral("wrong_passphrase"));

        // Every attempt is in the log, refusals included, and the log holds no identifier.
        auto d = db(false);
        const auto all = audit::entries(*d).value();
        int granted = 0, refused = 0;
        for (const audit::Entry &e : all) {
            granted += e.action == QStringLiteral("reidentify");
            refused += e.action == QStringLiteral("reidentify-refused");
        }
        QCOMPARE(granted, 2);
        QCOMPARE(refused, 8);
        const auto grantedEntry =
            std::find_if(all.begin(), all.end(), [](const audit::Entry &e) { return e.action == QStringLiteral("reidentify"); });
        QCOMPARE(grantedEntry->detail.value(QStringLiteral("revealed")).toInteger(), qint64(expected.size()));
        QCOMPARE(grantedEntry->detail.value(QStringLiteral("reason")).toString(), request.reason);
        QCOMPARE(grantedEntry->user, QStringLiteral("dr_who"));
        QByteArray logText;
        for (const audit::Entry &e : all) logText += QJsonDocument(e.detail).toJson();
        const QByteArray projectBytes = phm::test::readFile(mPath);
        for (const RevealedPerson &x : r.people) {
            QVERIFY(!logText.contains(x.identity.nhsNumber.toLatin1()));
            QVERIFY(!logText.contains(x.identity.personId.toLatin1()));
            QVERIFY(!projectBytes.contains(x.identity.nhsNumber.toLatin1()));
        }
        // Nor any file in the temporary folder.
        QDirIterator it(QDir::tempPath(), QDir::Files, QDirIterator::Subdirectories);
        int scanned = 0;
        while (it.hasNext() && scanned < 2000) {
            const QString f = it.next();
            if (f.startsWith(mDir.path()) || QFileInfo(f).size() > 50'000'000) continue;
            ++scanned;
            QVERIFY2(!phm::test::readFile(f).contains(r.people.front().identity.nhsNumber.toLatin1()), qPrintable(f));
        }
        QVERIFY(verifyFile(mPath).ok);
    }

    void anAdminGrantsAPracticeKeyToANewClinician() {
        // dr_new joins dr_who's practice after the store was made: nothing opens for them until an
        // admin seals the practice's key to them, and then exactly that practice opens.
        QVERIFY(setUser(mPath, mAdmin, User{QStringLiteral("dr_new"), Role::Clinician, mClinician.practice, true, {}, {}}));
        const QByteArray newPassphrase = "dr new's own passphrase";
        QVERIFY(setPassphrase(mPath, mAdmin, QStringLiteral("dr_new"), newPassphrase));
        auto d = db(false);
        auto who = unlockCredential(*d, QStringLiteral("dr_new"), newPassphrase);
        QVERIFY(who);
        QCOMPARE(errorCodeName(KeyStore::open(mKeys, *who.value()).error().code), QStringLiteral("no_practice_key"));
        auto ada = unlockCredential(*d, QStringLiteral("ada"), phm::test::kTestPassphrase);
        QVERIFY(ada);
        QByteArray boxPublic;
        const auto keys = publicKeys(*d);
        QVERIFY(keys);
        for (const PublicKeys &k : keys.value())
            if (k.login == QLatin1String("dr_new")) boxPublic = k.box;
        // Only an admin's own sealed copy of the key can grant it: dr_who cannot pass theirs on.
        auto drWho = unlockCredential(*d, QStringLiteral("dr_who"), "dr who's own passphrase");
        QVERIFY(drWho);
        QVERIFY(!KeyStore::grant(mKeys, *drWho.value(), KeyRecipient{QStringLiteral("dr_new"), boxPublic, mClinician.practice}));
        auto granted = KeyStore::grant(mKeys, *ada.value(), KeyRecipient{QStringLiteral("dr_new"), boxPublic, mClinician.practice});
        QVERIFY2(granted, qPrintable(granted ? QString() : granted.error().message));
        const QString grantedPath = mDir.filePath(QStringLiteral("granted.keys"));
        phm::test::writeFile(grantedPath, granted.value());
        auto opened = KeyStore::open(grantedPath, *who.value());
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message));
        QCOMPARE(opened.value()->practices(), QStringList{mClinician.practice});
        auto same = KeyStore::open(grantedPath, *drWho.value());  // the others' keys are untouched
        QVERIFY(same);
        QCOMPARE(same.value()->size(), opened.value()->size());
    }

    void membershipComesFromTheKeyStore() {
        // A doctored extract can move someone into dr_who's practice; the key store keeps them
        // under the key of the practice they were in when it was made, so they are not revealed.
        auto identities = assignPractices(*mProject, syntheticIdentities(*mProject));
        QString moved;
        for (Identity &i : identities)
            if (i.practice == mClinician.practice && moved.isEmpty()) {
                moved = i.personId;
                i.practice = QStringLiteral("ELSEWHERE");
            }
        QVERIFY(!moved.isEmpty());
        auto d = db(false);
        std::vector<KeyRecipient> recipients;
        const auto keys = publicKeys(*d);
        QVERIFY(keys);
        for (const PublicKeys &k : keys.value()) {
            const User u = findUser(*d, k.login).value();
            recipients.push_back({u.name, k.box, u.role == Role::Clinician ? u.practice : QString()});
        }
        const QString movedKeys = mDir.filePath(QStringLiteral("moved.keys"));
        phm::test::writeFile(movedKeys, KeyStore::sealByPractice(identities, recipients, movedKeys).value());
        QVERIFY(phm::test::Cohorts{mPath}.save(QStringLiteral("everyone"), QStringLiteral("registered"), QStringLiteral("ada"), {}, 0));
        auto r = reidentify(*db(false), *mProject, mLists, mClinician,
                            RevealRequest{QStringLiteral("everyone"), QStringLiteral("annual recall of the practice list"), movedKeys,
                                          "dr who's own passphrase"});
        QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
        QVERIFY(!r.value().people.empty());
        for (const RevealedPerson &x : r.value().people) QVERIFY(x.identity.personId != moved);
    }

    void revealReasonsAreStoredWithoutIdentifiers() {
        // A reason with an identifier is refused, and the refusal's own entry stores it redacted; a
        // revealed person's name in an accepted reason is redacted before the entry is written.
        const QByteArray whoPassphrase = "dr who's own passphrase";
        const QString nhs = QStringLiteral("call back 943-476-5919 about frailty"), dob = QStringLiteral("born 03/04/1950, frailty review");
        for (const QString &reason : {nhs, dob}) {
            auto x =
                reidentify(*db(false), *mProject, mLists, mClinician, RevealRequest{QStringLiteral("older"), reason, mKeys, whoPassphrase});
            QVERIFY(!x);
            QCOMPARE(errorCodeName(x.error().code), QStringLiteral("identifier_in_reason"));
            auto d = db(false);
            const audit::Entry e = audit::entries(*d).value().back();
            QCOMPARE(e.action, QStringLiteral("reidentify-refused"));
            const QString stored = e.detail.value(QStringLiteral("reason")).toString();
            QVERIFY2(stored.contains(QStringLiteral("[redacted]")) && !stored.contains(QStringLiteral("5919")) &&
                         !stored.contains(QStringLiteral("1950")),
                     qPrintable(stored));
            QVERIFY(e.detail.value(QStringLiteral("redacted")).toBool());
        }
        auto first =
            reidentify(*db(false), *mProject, mLists, mClinician,
                       RevealRequest{QStringLiteral("older"), QStringLiteral("frailty review for care planning"), mKeys, whoPassphrase});
        QVERIFY(first && !first.value().people.empty());
        const QString name = first.value().people.front().identity.familyName;
        const QString reason = QStringLiteral("frailty review for %1 requested by the district nurse").arg(name);
        auto named =
            reidentify(*db(false), *mProject, mLists, mClinician, RevealRequest{QStringLiteral("older"), reason, mKeys, whoPassphrase});
        QVERIFY2(named, qPrintable(named ? QString() : named.error().message));
        auto d = db(false);
        const audit::Entry e = audit::entries(*d).value().back();
        QCOMPARE(e.action, QStringLiteral("reidentify"));
        QCOMPARE(e.detail.value(QStringLiteral("reason")).toString(),
                 QStringLiteral("frailty review for [redacted] requested by the district nurse"));
        QVERIFY(e.detail.value(QStringLiteral("redacted")).toBool());
        QVERIFY(verifyFile(mPath).ok);
    }
};

QTEST_GUILESS_MAIN(TestGovernance)
#include "tst_governance.moc"
