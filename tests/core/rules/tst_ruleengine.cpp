// The two rule engines: checked against an independent reading of the CSV files, and against
// each other on random rules (the SQL engine is the reference implementation).
#include "base/csvreader.h"
#include "import/importer.h"
#include "rules/rulecatalogue.h"
#include "rules/ruleengine.h"
#include "rules/rulepanel.h"
#include "rules/ruleparser.h"
#include "rules/rulesql.h"
#include "session/projectloader.h"
#include "stratify/riskmodel.h"
#include "stratify/segmentation.h"
#include "testutil.h"

#include <QRandomGenerator>
#include <QTest>
#include <algorithm>
#include <map>
#include <set>

using namespace phm::core;
using namespace phm::core::rules;

class TestRuleEngine : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    QString mExtract;
    ProjectPtr mProject;
    CodeLists mLists;

    Selection run(const QString &rule, bool sql) {
        const ParseResult r = parseRule(rule, &mLists);
        if (!r.ok()) qFatal("%s", qPrintable(r.error.format(rule)));
        auto e = sql ? evaluateWithSql(*mProject, mLists, *r.expr) : MemoryEngine(*mProject, mLists).evaluate(*r.expr);
        if (!e) qFatal("%s: %s", qPrintable(rule), qPrintable(e.error().message));
        return e.value().people;
    }
    // person_id -> pid, read from the project
    int32_t pid(const QString &id) const {
        for (int32_t i = 0; i < mProject->persons.count; ++i)
            if (QLatin1String(mProject->persons.id(i).data(), qsizetype(mProject->persons.id(i).size())) == id) return i;
        return -1;
    }

private slots:
    void initTestCase() {
        mExtract = phm::test::makeExtract(mDir.filePath(QStringLiteral("x")), 4000, 77, 0.0);
        Feedback fb;
        QVERIFY(importExtract(mExtract, mDir.filePath(QStringLiteral("p.phm")), fb));
        auto p = openProject(mDir.filePath(QStringLiteral("p.phm")), fb);
        QVERIFY(p);
        mProject = p.value();
    }

    void windowsMatchAnIndependentReadingOfTheCsv() {
        // count(ae, last 12 months) >= 2: attendances dated after 2025-03-31 up to 2026-03-31.
        std::map<QString, int> perPerson;
        CsvReader r(QDir(mExtract).filePath(QStringLiteral("ae_attendances.csv")));
        QVERIFY(r.open());
        r.next();
        while (r.next() == CsvReader::Step::Record) {
            const QString date = QString::fromLatin1(r.fields()[2].data(), qsizetype(r.fields()[2].size()));
            if (date > QLatin1String("2025-03-31") && date <= QLatin1String("2026-03-31"))
                ++perPerson[QString::fromLatin1(r.fields()[1].data(), qsizetype(r.fields()[1].size()))];
        }
        Selection expected(size_t(mProject->persons.count));
        for (const auto &[id, n] : perPerson)
            if (n >= 2) expected.set(size_t(pid(id)));
        QVERIFY(expected.count() > 20);
        QCOMPARE(run(QStringLiteral("count(ae, last 12 months) >= 2"), false), expected);
        QCOMPARE(run(QStringLiteral("count(ae, last 12 months) >= 2"), true), expected);
    }

    void imdDomainsMatchThePublishedDeciles() {
        // The BLMK IMD file (MHCLG File 2) gives each domain's rank and decile: the project's ranks
        // are those, and the deciles the rules compute from them are the published ones.
        CsvReader r(QStringLiteral(":/phm/refdata/imd2019-blmk-lsoa.csv"));
        QVERIFY(r.open());
        QVERIFY(r.next() == CsvReader::Step::Record);
        std::vector<std::string> header(r.fields().begin(), r.fields().end());
        auto column = [&](const std::string &name) { return size_t(std::find(header.begin(), header.end(), name) - header.begin()); };
        const char *files[7] = {"income", "employment", "education", "health", "crime", "barriers", "living_env"};
        std::map<QString, size_t> lsoa;
        for (size_t l = 0; l < mProject->geography.lsoas.size(); ++l) lsoa[mProject->geography.lsoas[l].code] = l;
        int checked = 0;
        while (r.next() == CsvReader::Step::Record) {
            const auto text = [&](size_t c) { return QByteArray(r.fields()[c].data(), qsizetype(r.fields()[c].size())); };
            const auto cell = [&](const std::string &name) { return text(column(name)).toInt(); };
            const auto it = lsoa.find(QString::fromLatin1(text(0)));
            if (it == lsoa.end()) continue;
            const Lsoa &l = mProject->geography.lsoas[it->second];
            for (size_t k = 0; k < 7; ++k) {
                QCOMPARE(l.domainRank[k], cell(std::string(files[k]) + "_rank"));
                QCOMPARE(imdDecileOfRank(l.domainRank[k]), cell(std::string(files[k]) + "_decile"));
            }
            QCOMPARE(imdDecileOfRank(l.imdRank), cell("imd_decile"));
            ++checked;
        }
        QVERIFY(checked > 100);
        // A rule on a domain selects the people of the LSOAs in it, in both engines.
        Selection expected(size_t(mProject->persons.count));
        for (int32_t i = 0; i < mProject->persons.count; ++i)
            if (const int rank = mProject->geography.lsoas[mProject->persons.lsoa[size_t(i)]].domainRank[3]; rank > 0 && rank <= 9853)
                expected.set(size_t(i));
        QVERIFY(expected.count() > 50);
        QCOMPARE(run(QStringLiteral("imd_health_decile <= 3"), false), expected);
        QCOMPARE(run(QStringLiteral("imd_health_decile <= 3"), true), expected);
    }

    void riskAndSegmentsAreFields() {
        // risk_tier and segment('…') give the same people as the risk model and the segmentation
        // themselves, in both engines; a wrong name is a located error with a suggestion.
        auto model = buildRiskModel(*mProject, mLists);
        QVERIFY(model);
        Selection high(size_t(mProject->persons.count));
        for (size_t i = 0; i < model.value().tier.size(); ++i)
            if (model.value().tier[i] == RiskTier::High) high.set(i);
        QCOMPARE(int64_t(high.count()), model.value().high);
        QVERIFY(high.count() > 50);
        QCOMPARE(run(QStringLiteral("risk_tier = 'high'"), false), high);
        QCOMPARE(run(QStringLiteral("risk_tier = 'high'"), true), high);
        // risk_score reads the same scores: the high tier is everyone at or above its lowest score.
        double lowest = 1;
        for (size_t i = 0; i < high.size(); ++i)
            if (high.test(i)) lowest = std::min(lowest, double(model.value().score[i]));
        QCOMPARE(run(QStringLiteral("risk_score >= %1").arg(lowest, 0, 'g', 17), false), high);
        QCOMPARE(run(QStringLiteral("risk_score >= %1").arg(lowest, 0, 'g', 17), true), high);
        auto t = loadSegmentationTemplate(QStringLiteral("bridges-to-health"));
        QVERIFY(t);
        auto segments = segmentPopulation(*mProject, mLists, t.value());
        QVERIFY(segments);
        int64_t total = 0;
        for (size_t s = 0; s < segments.value().segments.size(); ++s) {
            const QString rule = QStringLiteral("segment('Bridges to Health (Lynn 2007)') = '%1'").arg(segments.value().segments[s].name);
            const int64_t n = int64_t(run(rule, false).count());
            QCOMPARE(n, segments.value().segments[s].count);
            QCOMPARE(int64_t(run(rule, true).count()), n);
            total += n;
        }
        QCOMPARE(total, int64_t(mProject->persons.count));  // the segments partition everyone
        auto error = [&](const QString &text) {
            const ParseResult parsed = parseRule(text);
            if (!parsed.ok()) return parsed.error.format(text);
            auto r = MemoryEngine(*mProject, mLists).evaluate(*parsed.expr);
            return r ? QString() : r.error().message;
        };
        QVERIFY2(error(QStringLiteral("segment('bridges') = 'Healthy'")).contains(QStringLiteral("did you mean 'bridges-to-health'")),
                 qPrintable(error(QStringLiteral("segment('bridges') = 'Healthy'"))));
        QVERIFY2(error(QStringLiteral("age > 40 and risk_tier = 'hihg'")).contains(QStringLiteral("column 14")),
                 qPrintable(error(QStringLiteral("age > 40 and risk_tier = 'hihg'"))));
        QVERIFY(error(QStringLiteral("risk_tier = 'hihg'")).contains(QStringLiteral("did you mean 'high'")));
        QVERIFY(error(QStringLiteral("segment = 'Healthy'")).contains(QStringLiteral("its template in quotes")));
        QVERIFY(error(QStringLiteral("risk_tier > 'high'")).contains(QStringLiteral("is text")));
    }

    void attritionIsCumulative() {
        const ParseResult r = parseRule(QStringLiteral("age >= 50 and has(gp, @hypertension) and not care_home"), &mLists);
        QVERIFY(r.ok());
        auto mem = MemoryEngine(*mProject, mLists).evaluate(*r.expr);
        auto sql = evaluateWithSql(*mProject, mLists, *r.expr);
        QVERIFY(mem && sql);
        QCOMPARE(int(mem.value().attrition.size()), 3);
        for (size_t k = 0; k < 3; ++k) {
            QCOMPARE(mem.value().attrition[k].count, sql.value().attrition[k].count);
            if (k) QVERIFY(mem.value().attrition[k].count <= mem.value().attrition[k - 1].count);
        }
        QCOMPARE(mem.value().attrition[0].clause, QStringLiteral("age >= 50"));
        QCOMPARE(mem.value().attrition.back().count, mem.value().count());
    }

    void unknownValuesAreErrorsWithSuggestions() {
        const ParseResult r = parseRule(QStringLiteral("place = 'Lutn'"), &mLists);
        QVERIFY(r.ok());
        auto e = MemoryEngine(*mProject, mLists).evaluate(*r.expr);
        QVERIFY(!e);
        QVERIFY2(e.error().message.contains(QStringLiteral("did you mean 'Luton'?")), qPrintable(e.error().message));
    }

    void efiDistributionIsPlausible() {
        // Clegg et al. 2016 (validation cohort, age 65+): about half fit, about a third mild,
        // about a tenth moderate, a few per cent severe. The synthetic population should be close.
        const Selection older = run(QStringLiteral("age >= 65 and registered"), false);
        const double n = double(older.count());
        QVERIFY(n > 300);
        auto share = [&](const char *category) {
            return double((run(QStringLiteral("efi_category = '%1'").arg(QLatin1String(category)), false) & older).count()) / n;
        };
        const double fit = share("fit"), mild = share("mild"), moderate = share("moderate"), severe = share("severe");
        // (Measured at 100k people: 55% / 30% / 11.5% / 3.8%; bounds allow for 4,000 people.)
        QVERIFY2(fit > 0.42 && fit < 0.66, qPrintable(QString::number(fit)));
        QVERIFY2(mild > 0.22 && mild < 0.42, qPrintable(QString::number(mild)));
        QVERIFY2(moderate > 0.06 && moderate < 0.18, qPrintable(QString::number(moderate)));
        QVERIFY2(severe > 0.01 && severe < 0.08, qPrintable(QString::number(severe)));
        QCOMPARE(fit + mild + moderate + severe, 1.0);
    }

    void panelViewOfARule() {
        // Hand-worked: three top-level clauses -> three groups; `or` alternatives -> criteria;
        // `not (...)` -> an exclusion group; comments are not part of any criterion.
        const QString text = QStringLiteral(
            "age >= 65 # older people\nand (has(gp, @copd) or has(gp, @asthma))\n"
            "and not (care_home or count(ae, last 12 months) >= 3) and sex = 'F'");
        auto panel = ruleToPanel(text);
        QVERIFY(panel);
        const auto &g = panel.value().groups;
        QCOMPARE(int(g.size()), 4);
        QCOMPARE(g[0].criteria, QStringList{QStringLiteral("age >= 65")});
        QCOMPARE(g[1].criteria, QStringList({QStringLiteral("has(gp, @copd)"), QStringLiteral("has(gp, @asthma)")}));
        QVERIFY(g[2].exclude && !g[1].exclude);
        QCOMPARE(g[2].criteria, QStringList({QStringLiteral("care_home"), QStringLiteral("count(ae, last 12 months) >= 3")}));
        QCOMPARE(g[3].criteria, QStringList{QStringLiteral("sex = 'F'")});
        QCOMPARE(panelToRule(panel.value()), QStringLiteral("age >= 65\nand (has(gp, @copd) or has(gp, @asthma))\n"
                                                            "and not (care_home or count(ae, last 12 months) >= 3)\nand sex = 'F'"));
        QCOMPARE(run(panelToRule(panel.value()), false), run(text, false));
        // Building from the panel: blank criteria and empty groups are ignored; a compound
        // criterion keeps its own parentheses.
        RulePanel built;
        built.groups.push_back({false, {QStringLiteral("age between 40 and 74"), QStringLiteral("  ")}});
        built.groups.push_back({false, {}});
        built.groups.push_back({true, {QStringLiteral("has(gp, @diabetes) and imd_decile <= 2")}});
        QCOMPARE(panelToRule(built), QStringLiteral("age between 40 and 74\nand not ((has(gp, @diabetes) and imd_decile <= 2))"));
        QCOMPARE(panelToRule(RulePanel{}), QString());
        QVERIFY(!ruleToPanel(QStringLiteral("age >=")));  // text with an error has no panel view
    }

    void randomRulesAgree() {
        // Property test: 1,000 random rules; both engines must select exactly the same people.
        // PHM_PROPERTY_SEED explores other seeds locally; CI uses the fixed one.
        const quint32 seed =
            qEnvironmentVariableIsSet("PHM_PROPERTY_SEED") ? quint32(qEnvironmentVariableIntValue("PHM_PROPERTY_SEED")) : 2026u;
        QRandomGenerator rng(seed);
        const auto &g = mProject->geography;
        auto pick = [&](const QStringList &xs) { return xs[int(rng.bounded(xs.size()))]; };
        auto atom = [&]() -> QString {
            const int months = 1 + int(rng.bounded(30));
            switch (rng.bounded(28)) {
                case 0:
                    return QStringLiteral("age >= %1").arg(rng.bounded(100));
                case 1:
                    return QStringLiteral("age between %1 and %2").arg(rng.bounded(50)).arg(50 + rng.bounded(50));
                case 2:
                    return QStringLiteral("sex = '%1'").arg(pick({QStringLiteral("M"), QStringLiteral("F")}));
                case 3:
                    return QStringLiteral("imd_decile in (%1, %2)").arg(1 + rng.bounded(10)).arg(1 + rng.bounded(10));
                case 4:
                    return QStringLiteral("imd_quintile <= %1").arg(1 + rng.bounded(5));
                case 5:
                    return QStringLiteral("place = '%1'").arg(g.places[size_t(rng.bounded(int(g.places.size())))]);
                case 6:
                    return QStringLiteral("pcn != '%1'").arg(g.pcnCodes[size_t(rng.bounded(int(g.pcnCodes.size())))]);
                case 7:
                    return QStringLiteral("ethnic_group in ('%1', '%2')")
                        .arg(pick({QStringLiteral("white"), QStringLiteral("asian"), QStringLiteral("black"), QStringLiteral("unknown")}),
                             pick({QStringLiteral("mixed"), QStringLiteral("other")}));
                case 8:
                    return QStringLiteral("ethnicity not in ('A', 'J')");
                case 9:
                    return pick({QStringLiteral("carer"), QStringLiteral("lives_alone"), QStringLiteral("care_home"),
                                 QStringLiteral("rural"), QStringLiteral("registered"), QStringLiteral("alive"),
                                 QStringLiteral("housebound")});
                case 10:
                    return QStringLiteral("has(gp, @%1)")
                        .arg(pick({QStringLiteral("diabetes"), QStringLiteral("hypertension"), QStringLiteral("copd"),
                                   QStringLiteral("efi-falls")}));
                case 11:
                    return QStringLiteral("has(gp, @%1, last %2 months)")
                        .arg(pick({QStringLiteral("medications"), QStringLiteral("bmi")}))
                        .arg(months);
                case 12:
                    return QStringLiteral("count(ae, last %1 months) >= %2").arg(months).arg(1 + rng.bounded(3));
                case 13:
                    return QStringLiteral("count(apc, emergency, last %1 months) >= 1").arg(months);
                case 14:
                    return QStringLiteral("count(op, %1) >= %2")
                        .arg(pick({QStringLiteral("dna"), QStringLiteral("attended"), QStringLiteral("first")}))
                        .arg(1 + rng.bounded(3));
                case 15:
                    return QStringLiteral("cost(all, last %1 months) > %2.37").arg(months).arg(rng.bounded(8000));
                case 16:
                    return QStringLiteral("cost(asc, last %1 months) > %2.61").arg(months).arg(rng.bounded(5000));
                case 17:
                    return QStringLiteral("latest(gp, @hba1c).value > %1").arg(40 + rng.bounded(40));
                case 18:
                    return QStringLiteral("latest(gp, @systolic_bp, last %1 months).value >= %2").arg(months).arg(110 + rng.bounded(50));
                case 19:
                    return QStringLiteral("count(mh, attended, last %1 months) >= %2").arg(months).arg(1 + rng.bounded(4));
                case 20:
                    return QStringLiteral("has(ambulance, conveyed, last %1 months)").arg(months);
                case 21:
                    return QStringLiteral("imd_%1_decile %2 %3")
                        .arg(QLatin1String(kImdDomains[size_t(rng.bounded(int(kImdDomains.size())))]))
                        .arg(pick({QStringLiteral("<="), QStringLiteral(">"), QStringLiteral("!=")}))
                        .arg(1 + rng.bounded(10));
                case 23:
                    return pick({QStringLiteral("risk_tier = 'high'"), QStringLiteral("risk_tier in ('rising', 'high')"),
                                 QStringLiteral("risk_tier != 'low'"), QStringLiteral("risk_tier not in ('high')")});
                case 24:
                    return QStringLiteral("risk_score %1 0.%2")
                        .arg(pick({QStringLiteral(">"), QStringLiteral("<="), QStringLiteral("!=")}))
                        .arg(rng.bounded(1, 300), 3, 10, QLatin1Char('0'));
                case 25: {
                    const bool b2h = rng.bounded(2) == 0;
                    return QStringLiteral("segment('%1') %2 '%3'")
                        .arg(b2h ? QStringLiteral("bridges-to-health") : QStringLiteral("NHS England core segments"))
                        .arg(pick({QStringLiteral("="), QStringLiteral("!=")}))
                        .arg(b2h ? pick({QStringLiteral("Healthy"), QStringLiteral("long-term frailty"),
                                         QStringLiteral("Organ system failure"), QStringLiteral("Not registered at the index date")})
                                 : pick({QStringLiteral("Healthy"), QStringLiteral("Organ failure"),
                                         QStringLiteral("Frailty and dementia")}));
                }
                case 22:
                    return rng.bounded(2) ? QStringLiteral("imd_rank > %1").arg(rng.bounded(32844))
                                          : QStringLiteral("imd_%1_rank between %2 and %3")
                                                .arg(QLatin1String(kImdDomains[size_t(rng.bounded(int(kImdDomains.size())))]))
                                                .arg(rng.bounded(16000))
                                                .arg(16000 + rng.bounded(16844));
                default:
                    return QStringLiteral("count(asc) >= 1 or has(community, last %1 days)").arg(1 + rng.bounded(400));
            }
        };
        std::function<QString(int)> rule = [&](int depth) -> QString {
            if (depth <= 0 || rng.bounded(3) == 0) return atom();
            switch (rng.bounded(3)) {
                case 0:
                    return QStringLiteral("(%1 and %2)").arg(rule(depth - 1), rule(depth - 1));
                case 1:
                    return QStringLiteral("(%1 or %2)").arg(rule(depth - 1), rule(depth - 1));
                default:
                    return QStringLiteral("not (%1)").arg(rule(depth - 1));
            }
        };
        int nonEmpty = 0;
        for (int i = 0; i < 1000; ++i) {
            const QString text = rule(3);
            const Selection mem = run(text, false), sql = run(text, true);
            if (mem != sql)
                QFAIL(qPrintable(QStringLiteral("engines disagree on: %1 (mem %2, sql %3)").arg(text).arg(mem.count()).arg(sql.count())));
            nonEmpty += mem.any() && !mem.all();
            // The builder's panel view of the rule, turned back into text, selects the same
            // people, and its own panel view is the same panel (sync both ways is stable).
            auto panel = ruleToPanel(text);
            QVERIFY(panel);
            const QString back = panelToRule(panel.value());
            if (run(back, false) != mem) QFAIL(qPrintable(QStringLiteral("panel changes the rule: %1 -> %2").arg(text, back)));
            auto again = ruleToPanel(back);
            QVERIFY(again && again.value() == panel.value());
        }
        QVERIFY(nonEmpty > 300);  // the rules are not trivially all-or-nothing
    }
};

QTEST_GUILESS_MAIN(TestRuleEngine)
#include "tst_ruleengine.moc"
