// Area profiles: indicator values recomputed independently (rule engine counts and direct scans
// of the event index, then the statistics functions), comparators consistent across levels, the
// Fingertips significance rule, and indicator definitions with clear errors.
#include "cohorts/cohortanalysis.h"
#include "indicators/indicators.h"
#include "indicators/inequality.h"
#include "indicators/profile.h"
#include "indicators/trend.h"
#include "rules/rulecatalogue.h"
#include "rules/ruleengine.h"
#include "rules/ruleparser.h"
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace phm::core;

namespace {
// The store's functions on a connection of their own, as the tests use them.
Result<std::vector<IndicatorDefinition>> projectIndicators(const QString &path, const rules::CodeLists *lists) {
    return phm::test::onProject(path, [&](ProjectDb &db) { return phm::core::projectIndicators(db, lists); });
}
Result<std::vector<IndicatorDefinition>> loadIndicators(const QString &userFile, const rules::CodeLists *lists, const QString &path) {
    return phm::test::onProject(path, [&](ProjectDb &db) { return phm::core::loadIndicators(userFile, lists, &db); });
}
Status saveProjectIndicator(const QString &path, const IndicatorDefinition &d, const rules::CodeLists *lists) {
    return phm::test::onProject(
        path, [&](ProjectDb &db) { return phm::core::saveProjectIndicator(db, d, lists); }, true);
}
Status removeProjectIndicator(const QString &path, const QString &id) {
    return phm::test::onProject(
        path, [&](ProjectDb &db) { return phm::core::removeProjectIndicator(db, id); }, true);
}
}  // namespace

class TestProfile : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    ProjectPtr mProject;
    rules::CodeLists mLists;
    std::vector<IndicatorDefinition> mIndicators;

    const IndicatorDefinition &indicator(const QString &id) const {
        for (const IndicatorDefinition &d : mIndicators)
            if (d.id == id) return d;
        qFatal("no indicator %s", qPrintable(id));
    }
    rules::Selection select(const QString &rule) {
        const rules::ParseResult parsed = rules::parseRule(rule, &mLists);
        if (!parsed.ok()) qFatal("%s", qPrintable(parsed.error.format(rule)));
        return rules::MemoryEngine(*mProject, mLists).evaluate(*parsed.expr).value().people;
    }
    static bool same(double a, double b) {
        return (std::isnan(a) && std::isnan(b)) || std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b));
    }

private slots:
    void initTestCase() {
        mProject = phm::test::makeProject(mDir.path(), 9000, 23);
        auto loaded = loadIndicators({}, &mLists);
        QVERIFY2(loaded, loaded ? "" : qPrintable(loaded.error().message));
        mIndicators = loaded.value();
        QVERIFY(mIndicators.size() >= 30);
    }

    void proportionMatchesRuleCounts() {
        const AreaIndex areas(*mProject);
        auto profile = computeProfile(areas, mLists, {indicator(QStringLiteral("diabetes"))}, Area::Pcn);
        QVERIFY(profile);
        // Independently: people per PCN from the engine's selections, then Wilson.
        const auto den = breakdown(areas, select(QStringLiteral("registered and age >= 17")), Area::Pcn);
        const auto num = breakdown(areas, select(QStringLiteral("registered and age >= 17 and has(gp, @diabetes)")), Area::Pcn);
        QCOMPARE(profile.value().rows.size(), den.size());
        for (const ProfileRow &r : profile.value().rows) {
            const size_t k = size_t(r.area.index);
            QCOMPARE(r.value.denominator, double(den[k].count));
            QCOMPARE(r.value.numerator, double(num[k].count));
            const stats::Interval expected = stats::proportion(double(num[k].count), double(den[k].count), 0.95, 100);
            QVERIFY(same(r.value.ci.value, expected.value) && same(r.value.ci.lower, expected.lower) &&
                    same(r.value.ci.upper, expected.upper));
        }
    }

    void dsrMatchesADirectScan() {
        // Emergency admissions: count each registered person's emergency admissions in the last 12
        // months straight from the event index, by ESP2013 band, for the whole ICS.
        const AreaIndex areas(*mProject);
        const IndicatorDefinition &d = indicator(QStringLiteral("emergency-admissions"));
        auto profile = computeProfile(areas, mLists, {d}, Area::Ics);
        QVERIFY(profile);
        const Project &p = *mProject;
        const int32_t end = p.extractEnd, start = rules::windowStart(rules::Window{rules::Window::Months, 12}, end);
        const EventTable &apc = p.eventTable(Dataset::Apc);
        std::vector<double> x(19, 0), squares(19, 0), n(19, 0);
        for (int32_t i = 0; i < p.persons.count; ++i) {
            if (!p.persons.isRegistered(i, end)) continue;
            const int band = std::min(18, std::max(0, p.persons.ageAt(i, end)) / 5);
            n[size_t(band)] += 1;
            double mine = 0;
            for (uint32_t r = apc.offsets[size_t(i)]; r < apc.offsets[size_t(i) + 1]; ++r)
                if (apc.date[r] > start && apc.date[r] <= end && apc.attr1[r] >= 4 && apc.attr1[r] <= 13) mine += 1;
            x[size_t(band)] += mine;
            squares[size_t(band)] += mine * mine;
        }
        std::vector<double> xs, ss, ns, ws;
        for (size_t b = 0; b < 19; ++b)
            if (n[b] > 0) {
                xs.push_back(x[b]);
                ss.push_back(squares[b]);
                ns.push_back(n[b]);
                ws.push_back(stats::esp2013()[b]);
            }
        // Admissions are not independent (people are readmitted): the definition says so, and
        // the interval uses each person's admissions.
        QVERIFY(!d.independentEvents);
        const stats::Interval expected = stats::dsrNonIndependent(xs, ss, ns, ws, 0.95, d.multiplier).ci;
        const stats::Interval naive = stats::dsr(xs, ns, ws, 0.95, d.multiplier).ci;
        QVERIFY(expected.upper - expected.lower > naive.upper - naive.lower);
        const ProfileRow &row = profile.value().rows.front();
        QVERIFY2(same(row.value.ci.value, expected.value),
                 qPrintable(QStringLiteral("%1 vs %2").arg(row.value.ci.value).arg(expected.value)));
        QVERIFY(same(row.value.ci.lower, expected.lower) && same(row.value.ci.upper, expected.upper));
        QVERIFY(row.value.numerator > 50);  // enough admissions for the check to mean something
    }

    void meanIsThePerPersonAverage() {
        const AreaIndex areas(*mProject);
        const IndicatorDefinition &d = indicator(QStringLiteral("cost-per-head"));
        auto profile = computeProfile(areas, mLists, {d}, Area::Ics);
        QVERIFY(profile);
        const rules::Selection registered = select(QStringLiteral("registered"));
        const rules::ParseResult parsed = rules::parseRule(d.events + QStringLiteral(" >= 0"), &mLists);
        auto values = rules::MemoryEngine(*mProject, mLists).measure(*parsed.expr->event, registered);
        std::vector<double> costs;
        for (size_t i = registered.find_first(); i != rules::Selection::npos; i = registered.find_next(i))
            costs.push_back(values.value()[i]);
        const stats::MeanResult expected = stats::mean(costs);
        const stats::Interval &got = profile.value().rows.front().value.ci;
        QVERIFY(std::abs(got.value - expected.ci.value) < 1e-6 * expected.ci.value);
        QVERIFY(std::abs(got.lower - expected.ci.lower) < 1e-6 * expected.ci.value);  // moments vs two-pass sd
    }

    void comparatorsAreTheParentAndIcsValues() {
        const AreaIndex areas(*mProject);
        const std::vector<IndicatorDefinition> two = {indicator(QStringLiteral("hypertension")),
                                                      indicator(QStringLiteral("ae-attendances"))};
        auto pcns = computeProfile(areas, mLists, two, Area::Pcn), places = computeProfile(areas, mLists, two, Area::Place),
             ics = computeProfile(areas, mLists, two, Area::Ics);
        QVERIFY(pcns && places && ics);
        for (const ProfileRow &r : pcns.value().rows) {
            QCOMPARE(r.parent.kind, Area::Place);
            const ProfileRow &place = places.value().rows[size_t(r.parent.index) * two.size() + size_t(r.indicator)];
            QVERIFY(same(r.parentValue, place.value.ci.value));
            QVERIFY(same(r.icsValue, ics.value().rows[size_t(r.indicator)].value.ci.value));
            QCOMPARE(r.vsIcs, compareWith(r.value.ci, r.icsValue, two[size_t(r.indicator)].polarity));
        }
        // Practices' numerators add up to their PCN's.
        auto practices = computeProfile(areas, mLists, {two[0]}, Area::Practice);
        std::vector<double> sums(areas.areaCount(Area::Pcn), 0);
        for (const ProfileRow &r : practices.value().rows) sums[size_t(areas.parentOf(r.area).index)] += r.value.numerator;
        for (const ProfileRow &r : pcns.value().rows)
            if (r.indicator == 0) QCOMPARE(r.value.numerator, sums[size_t(r.area.index)]);
    }

    void inequalityGroupsAndGradient() {
        // Diabetes by IMD quintile: each group equals the rule-engine count for that quintile,
        // groups add up to the whole, and the synthetic population's deprivation gradient gives a
        // negative SII (prevalence falls towards the least deprived) with an RII below 1.
        const IndicatorDefinition &d = indicator(QStringLiteral("diabetes"));
        InequalityOptions o;
        o.repetitions = 5000;
        auto r = computeInequality(*mProject, mLists, d, InequalityDimension::ImdQuintile, nullptr, o);
        QVERIFY(r);
        QCOMPARE(int(r.value().groups.size()), 5);
        double people = 0;
        for (int q = 1; q <= 5; ++q) {
            const IndicatorValue &v = r.value().groups[size_t(q - 1)].value;
            QCOMPARE(v.denominator, double(select(QStringLiteral("registered and age >= 17 and imd_quintile = %1").arg(q)).count()));
            QCOMPARE(
                v.numerator,
                double(select(QStringLiteral("registered and age >= 17 and imd_quintile = %1 and has(gp, @diabetes)").arg(q)).count()));
            people += v.denominator;
        }
        QCOMPARE(people, r.value().overall.denominator);
        QVERIFY(r.value().sii.has_value());
        QVERIFY2(r.value().sii->sii < 0 && r.value().sii->siiUpper < 0, qPrintable(QString::number(r.value().sii->sii)));
        QVERIFY(r.value().sii->rii < 1);
        QVERIFY(r.value().sii->siiLower <= r.value().sii->sii && r.value().sii->sii <= r.value().sii->siiUpper);
        // Ethnic groups have no order: no SII, and a reason.
        auto e = computeInequality(*mProject, mLists, d, InequalityDimension::EthnicGroup, nullptr, o);
        QVERIFY(e && !e.value().sii && !e.value().siiNote.isEmpty());
        // A scope restricts everything to its people.
        const rules::Selection luton = select(QStringLiteral("place = 'Luton'"));
        auto scoped = computeInequality(*mProject, mLists, d, InequalityDimension::Sex, &luton, o);
        QCOMPARE(scoped.value().overall.denominator,
                 double(select(QStringLiteral("place = 'Luton' and registered and age >= 17")).count()));
    }

    void drillDownSelectsTheNumeratorsPeople() {
        // The rule behind a PCN's value selects exactly its numerator's people (proportion), or
        // the people with at least one event (DSR).
        const AreaIndex areas(*mProject);
        for (const QString &id : {QStringLiteral("diabetes"), QStringLiteral("emergency-admissions")}) {
            const IndicatorDefinition &d = indicator(id);
            auto profile = computeProfile(areas, mLists, {d}, Area::Pcn);
            const ProfileRow &row = profile.value().rows[2];
            const QString rule = drillDownRule(areas, d, row.area);
            QVERIFY2(rule.contains(QStringLiteral("pcn = '%1'").arg(areas.code(row.area))), qPrintable(rule));
            const auto people = double(select(rule).count());
            if (d.type == IndicatorType::Proportion)
                QCOMPARE(people, row.value.numerator);
            else
                QVERIFY(people > 0 && people <= row.value.numerator);  // people with events, not events
        }
    }

    void peerRangeIsTheSpread() {
        // Hand-worked: values 1, 2, 3, 4, 10 -> type-7 quartiles 2 and 4.
        Profile p;
        for (double v : {3.0, 1.0, 10.0, 2.0, 4.0}) {
            ProfileRow r;
            r.value.ci.value = v;
            p.rows.push_back(r);
        }
        ProfileRow missing;
        p.rows.push_back(missing);  // no value: left out
        const PeerRange range = peerRange(p, 0);
        QCOMPARE(range.areas, 5);
        QCOMPARE(range.min, 1.0);
        QCOMPARE(range.q25, 2.0);
        QCOMPARE(range.q75, 4.0);
        QCOMPARE(range.max, 10.0);
    }

    void significanceFollowsPolarity() {
        const stats::Interval a{10, 9, 11};
        QCOMPARE(compareWith(a, 12, Polarity::LowerIsBetter), Significance::Better);
        QCOMPARE(compareWith(a, 12, Polarity::HigherIsBetter), Significance::Worse);
        QCOMPARE(compareWith(a, 8, Polarity::HigherIsBetter), Significance::Better);
        QCOMPARE(compareWith(a, 12, Polarity::NoJudgement), Significance::Lower);
        QCOMPARE(compareWith(a, 10.5, Polarity::LowerIsBetter), Significance::Similar);
        QCOMPARE(compareWith(a, 11, Polarity::LowerIsBetter), Significance::Similar);  // on the limit: not outside
        QCOMPARE(compareWith(stats::Interval{}, 1, Polarity::LowerIsBetter), Significance::NotCompared);
    }

    void trendUsesOnlyCoveredDates() {
        const Project &p = *mProject;
        // A 12-month activity window needs 12 months of admissions data before the index date.
        const IndicatorDefinition &emergency = indicator(QStringLiteral("emergency-admissions"));
        const int32_t apcStart = p.eventTable(Dataset::Apc).minDate;
        const int32_t earliest = earliestCoveredDate(p, emergency);
        QVERIFY(apcStart != kNoDate);
        QVERIFY(earliest >= apcStart + 364 && earliest <= apcStart + 367);
        const auto dates = trendDates(p, emergency, 8, 3);
        QVERIFY(!dates.empty());
        QCOMPARE(dates.back(), p.extractEnd);
        QVERIFY(dates.front() >= earliest);
        for (size_t i = 1; i < dates.size(); ++i) QVERIFY(dates[i] - dates[i - 1] >= 89 && dates[i] - dates[i - 1] <= 92);
        // GP prevalence (ever) reaches back as far as asked; 8 quarters.
        QCOMPARE(int(trendDates(p, indicator(QStringLiteral("diabetes")), 8, 3).size()), 8);
        // eFI and age only (no event windows of its own): any date.
        QCOMPARE(earliestCoveredDate(p, indicator(QStringLiteral("frailty-moderate-severe"))), kNoDate + 1);
        QCOMPARE(int(trendDates(p, indicator(QStringLiteral("frailty-moderate-severe")), 8, 3).size()), 8);
        // Each point is the profile at that index date: checked against an independent count.
        const AreaIndex areas(p);
        const IndicatorDefinition &diabetes = indicator(QStringLiteral("diabetes"));
        const auto quarters = trendDates(p, diabetes, 4, 3);
        auto trend = computeTrend(areas, mLists, diabetes, Area::Place, quarters);
        QVERIFY(trend);
        QCOMPARE(trend.value().points.size(), quarters.size());
        const TrendPoint &first = trend.value().points.front();
        QCOMPARE(first.date, quarters.front());
        rules::MemoryEngine engine(p, mLists);
        auto count = [&](const QString &rule) {
            return double(engine.evaluate(*rules::parseRule(rule, &mLists).expr, first.date).value().count());
        };
        QCOMPARE(first.ics.denominator, count(QStringLiteral("registered and age >= 17")));
        QCOMPARE(first.ics.numerator, count(QStringLiteral("registered and age >= 17 and has(gp, @diabetes)")));
        double sum = 0;
        for (const IndicatorValue &v : first.byArea) sum += v.numerator;
        QCOMPARE(sum, first.ics.numerator);
        // The latest point is the ordinary profile.
        auto now = computeProfile(areas, mLists, {diabetes}, Area::Place);
        QCOMPARE(trend.value().points.back().ics.numerator, now.value().ics.front().numerator);
        // Canceling stops at once.
        Feedback fb;
        fb.cancel();
        QCOMPARE(errorCodeName(computeTrend(areas, mLists, diabetes, Area::Place, quarters, &fb).error().code), QStringLiteral("canceled"));
    }

    void indicatorsStoredInTheProject() {
        const QString path = mProject->path;
        // Every bundled definition survives the round trip through JSON.
        for (const IndicatorDefinition &d : mIndicators) {
            auto back = parseIndicators(QJsonDocument(QJsonObject{{QStringLiteral("indicators"), QJsonArray{indicatorJson(d)}}}).toJson(),
                                        QStringLiteral("round trip"), &mLists);
            QVERIFY2(back, back ? "" : qPrintable(back.error().message));
            const IndicatorDefinition &b = back.value().front();
            QVERIFY(b.id == d.id && b.name == d.name && b.numerator == d.numerator && b.events == d.events &&
                    b.denominator == d.denominator && b.multiplier == d.multiplier && b.type == d.type && b.polarity == d.polarity &&
                    b.description == d.description && b.denominatorMonthsBefore == d.denominatorMonthsBefore &&
                    b.independentEvents == d.independentEvents);
        }
        QVERIFY(projectIndicators(path, &mLists).value().empty());
        IndicatorDefinition mine;
        mine.id = QStringLiteral("housebound-75");
        mine.name = QStringLiteral("Housebound (75+)");
        mine.numerator = QStringLiteral("housebound");
        mine.denominator = QStringLiteral("registered and age >= 75");
        QVERIFY(saveProjectIndicator(path, mine, &mLists));
        auto all = loadIndicators({}, &mLists, path);
        QVERIFY(all);
        QCOMPARE(all.value().size(), mIndicators.size() + 1);
        QCOMPARE(all.value().back().id, mine.id);
        // Saving the same id replaces it; a bundled id is overridden in place.
        mine.name = QStringLiteral("Housebound, aged 75 and over");
        QVERIFY(saveProjectIndicator(path, mine, &mLists));
        IndicatorDefinition diabetes = indicator(QStringLiteral("diabetes"));
        diabetes.denominator = QStringLiteral("registered and age >= 18");
        QVERIFY(saveProjectIndicator(path, diabetes, &mLists));
        all = loadIndicators({}, &mLists, path);
        QCOMPARE(all.value().size(), mIndicators.size() + 1);
        QCOMPARE(all.value().back().name, mine.name);
        for (const IndicatorDefinition &d : all.value())
            if (d.id == QLatin1String("diabetes")) QCOMPARE(d.denominator, diabetes.denominator);
        // A bad definition is refused with the reason and the file is left as it was.
        const QByteArray before = phm::test::fileHash(path);
        IndicatorDefinition bad = mine;
        bad.numerator = QStringLiteral("hosebound");
        const Status refused = saveProjectIndicator(path, bad, &mLists);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QStringLiteral("did you mean `housebound`")), qPrintable(refused.error().message));
        QCOMPARE(phm::test::fileHash(path), before);
        // Removing brings the bundled definition back; removing an unknown id is an error.
        QVERIFY(removeProjectIndicator(path, QStringLiteral("diabetes")));
        QVERIFY(!removeProjectIndicator(path, QStringLiteral("nope")));
        QVERIFY(removeProjectIndicator(path, mine.id));
        all = loadIndicators({}, &mLists, path);
        QCOMPARE(all.value().size(), mIndicators.size());
        for (const IndicatorDefinition &d : all.value())
            if (d.id == QLatin1String("diabetes")) QCOMPARE(d.denominator, indicator(QStringLiteral("diabetes")).denominator);
    }

    void definitionsAreCheckedWithClearErrors() {
        auto file = [](const QJsonArray &list) { return QJsonDocument(QJsonObject{{QStringLiteral("indicators"), list}}).toJson(); };
        auto one = [&](const QJsonObject &o) { return file(QJsonArray{o}); };
        auto bad = parseIndicators(one({{QStringLiteral("id"), QStringLiteral("x")},
                                        {QStringLiteral("type"), QStringLiteral("ratio")},
                                        {QStringLiteral("numerator"), QStringLiteral("age > 3")}}),
                                   QStringLiteral("mine.json"));
        QVERIFY(!bad && bad.error().message.contains(QStringLiteral("mine.json: indicator 1 (`x`): type must be one of")));
        bad = parseIndicators(
            one({{QStringLiteral("id"), QStringLiteral("y")}, {QStringLiteral("numerator"), QStringLiteral("has(gp, @diabetis)")}}),
            QStringLiteral("mine.json"), &mLists);
        QVERIFY2(!bad && bad.error().message.contains(QStringLiteral("`y`")) && bad.error().message.contains(QStringLiteral("diabetis")),
                 qPrintable(bad.error().message));
        bad = parseIndicators(one({{QStringLiteral("id"), QStringLiteral("z")},
                                   {QStringLiteral("type"), QStringLiteral("rate")},
                                   {QStringLiteral("events"), QStringLiteral("has(ae)")}}),
                              QStringLiteral("mine.json"));
        QVERIFY2(!bad && bad.error().message.contains(QStringLiteral("(`z`): `has(ae)` is a yes/no rule; events must be a count(...)")),
                 qPrintable(bad.error().message));
        bad = parseIndicators("{not json", QStringLiteral("mine.json"));
        QVERIFY(!bad && bad.error().message.startsWith(QStringLiteral("mine.json:")));
        // A user's file adds indicators and replaces bundled ones with the same id.
        const QString path = mDir.filePath(QStringLiteral("mine.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(file(QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("diabetes")},
                                            {QStringLiteral("name"), QStringLiteral("Diabetes, all ages")},
                                            {QStringLiteral("numerator"), QStringLiteral("has(gp, @diabetes)")}},
                                QJsonObject{{QStringLiteral("id"), QStringLiteral("falls")},
                                            {QStringLiteral("type"), QStringLiteral("rate")},
                                            {QStringLiteral("events"), QStringLiteral("count(ae, last 12 months)")},
                                            {QStringLiteral("denominator"), QStringLiteral("efi > 0.24")},
                                            {QStringLiteral("multiplier"), 1000}}}));
        f.close();
        auto merged = loadIndicators(path, &mLists);
        QVERIFY(merged);
        QCOMPARE(merged.value().size(), mIndicators.size() + 1);
        const auto it =
            std::find_if(merged.value().begin(), merged.value().end(), [](const auto &d) { return d.id == QLatin1String("diabetes"); });
        QCOMPARE(it->name, QStringLiteral("Diabetes, all ages"));
        QCOMPARE(it->denominator, QStringLiteral("registered"));
    }
};

QTEST_GUILESS_MAIN(TestProfile)
#include "tst_profile.moc"
