// The differencing attack on an evaluation: two programmes whose enrolled differ by one person
// (two frozen cohorts, or two imported lists), evaluated the same way. With the enrolled's rates
// and the effect published to three significant figures, a group of a few dozen people gives its
// exact events back (rate x months), and the difference between the two runs is that one
// person's A&E attendances. Published through the governed boundary, every figure about the
// enrolled is no finer than their rounded counts: the difference is a multiple of the rounding
// base, so the person's one to four attendances cannot be told from none.
#include "import/importer.h"
#include "operations/evaluateop.h"
#include "testutil.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace phm::core;

namespace {
constexpr int kBase = 40;   // the smaller programme's enrolled
constexpr int kExtra = 14;  // programmes of the base and one more person each

double threeFigures(double v) { return QString::number(v, 'g', 3).toDouble(); }

// `v` lies on the grid of `step` (a multiple of it, cut to three significant figures), or is withheld.
bool onGrid(const QJsonValue &v, double step) {
    if (v.isNull()) return true;
    const double x = v.toDouble(), steps = std::round(x / step);
    return std::abs(x - steps * step) <= 0.0051 * std::abs(x) + 1e-12;
}
}  // namespace

class TestEvaluationDifferencing : public QObject {
    Q_OBJECT
    QTemporaryDir mDir;
    SessionPtr mSession;
    Feedback mFeedback;

    struct Pair {
        QJsonObject raw, published;
    };
    Pair evaluate(const QString &programme, evaluation::Outcome outcome = evaluation::Outcome::Ae) {
        ops::EvaluateRequest r;
        r.programme = programme;
        r.outcome = outcome;
        r.replicates = 100;
        r.match.seed = 5;
        auto run = ops::runEvaluation(*mSession, r, mFeedback);
        if (!run) qFatal("evaluate %s failed: %s", qPrintable(programme), qPrintable(run.error().message));
        const QJsonObject raw = ops::evaluationJson(run.value());
        return {raw, disclosure::publish(raw, ops::evaluationFields(), mSession->policy()).value.toObject()};
    }
    static double rate(const QJsonObject &o, const char *key) { return o[QStringLiteral("rates")][QLatin1String(key)].toDouble(); }

private slots:
    void initTestCase() {
        const QString extract = phm::test::makeExtract(mDir.filePath(QStringLiteral("extract")), 8000, 3, 0.0);
        // The attacker's programmes: the first enrolments of Proactive care, and the same with one more.
        QFile f(extract + QStringLiteral("/programmes.csv"));
        QVERIFY(f.open(QIODevice::ReadWrite));
        QList<QByteArrayList> rows;
        for (const QByteArray &line : f.readAll().split('\n')) {
            const QByteArrayList cells = line.trimmed().split(',');
            if (cells.size() >= 3 && cells[1] == "Proactive care") rows << cells;
        }
        QVERIFY(rows.size() >= kBase + kExtra);
        QByteArray added;
        auto add = [&](const QByteArray &name, const QByteArrayList &r) { added += r[0] + ',' + name + ',' + r[2] + ",,\n"; };
        for (int i = 0; i < kBase; ++i) add("Small", rows[i]);
        for (int k = 0; k < kExtra; ++k) {
            const QByteArray name = "Small plus " + QByteArray::number(k);
            for (int i = 0; i < kBase; ++i) add(name, rows[i]);
            add(name, rows[kBase + k]);
        }
        f.seek(f.size());
        f.write(added);
        f.close();
        const QString project = mDir.filePath(QStringLiteral("project.phm"));
        QVERIFY(importExtract(extract, project, mFeedback));
        auto s = Session::open(project, mFeedback);
        QVERIFY(s.ok());
        mSession = s.value();
        QVERIFY(mSession->policy().enabled && mSession->policy().roundTo == 5);
    }

    void oneMoreEnrolledPersonsEventsAreNotGivenAway() {
        const Pair small = evaluate(QStringLiteral("Small"));
        int attacked = 0;
        for (int k = 0; k < kExtra; ++k) {
            const Pair plus = evaluate(QStringLiteral("Small plus %1").arg(k));
            // The person's A&E attendances in the year before enrolment, from the unpublished runs.
            const double truth = rate(plus.raw, "treated_pre_units") - rate(small.raw, "treated_pre_units");
            QCOMPARE(truth, std::round(truth));
            if (std::fmod(truth, 5.0) == 0) continue;
            ++attacked;
            // Before this was fixed: the enrolled's rate at three figures times their months
            // (published in person-years).
            const double months = 12 * rate(small.raw, "treated_pre_months"), monthsPlus = 12 * rate(plus.raw, "treated_pre_months");
            const double threeFigureGuess =
                threeFigures(rate(plus.raw, "treated_pre")) * monthsPlus - threeFigures(rate(small.raw, "treated_pre")) * months;
            QCOMPARE(std::round(threeFigureGuess), truth);
            // Published: the same sum on the published figures is a multiple of the base, not the person's.
            const double guess = rate(plus.published, "treated_pre") * 12 * rate(plus.published, "treated_pre_months") -
                                 rate(small.published, "treated_pre") * 12 * rate(small.published, "treated_pre_months");
            QVERIFY2(std::abs(guess - 5 * std::round(guess / 5)) < 0.05 && std::abs(guess - truth) >= 0.5,
                     qPrintable(QStringLiteral("guess %1, truth %2").arg(guess).arg(truth)));
        }
        qInfo("%d of %d one-person differences attacked", attacked, kExtra);
        QVERIFY2(attacked >= 3, "too few of the extra people had attendances that are not a multiple of 5");
    }

    void balanceAndCostsGiveNoOnePersonAway() {
        // Found by an attacker review. (a) The SMDs' SD pooled the enrolled's variance with the
        // candidates': with a 0/1 covariate and the candidates' mean known, it gave back how many
        // of a few enrolled had it, even where the count was suppressed. (b) Totals that are not
        // counts (years of age, pounds) were rounded to 5 like counts: the difference between two
        // runs was one person's age, or their cost in each month. (c) The errors named exact sizes.
        const Pair small = evaluate(QStringLiteral("Small"), evaluation::Outcome::Cost),
                   plus = evaluate(QStringLiteral("Small plus 1"), evaluation::Outcome::Cost);
        const QJsonArray a = small.published[QStringLiteral("balance")].toArray(), b = plus.published[QStringLiteral("balance")].toArray();
        QCOMPARE(a.size(), b.size());
        for (qsizetype k = 0; k < a.size(); ++k) {
            const QString covariate = a[k][QStringLiteral("covariate")].toString();
            // The SD is the candidates', the same whoever the one more enrolled person is.
            QCOMPARE(a[k][QStringLiteral("pooled_sd")], b[k][QStringLiteral("pooled_sd")]);
            const double unit = a[k][QStringLiteral("unit")].toDouble();
            if (covariate == QLatin1String("age")) QCOMPARE(unit, 20.0);
            if (covariate == QLatin1String("cost_12m")) QCOMPARE(unit, 2000.0);
            // A total moves in steps of 5 units: 100 years, £10,000, not one person's.
            for (const char *total : {"enrolled_total", "matched_treated_total"}) {
                const QJsonValue x = a[k][QLatin1String(total)], y = b[k][QLatin1String(total)];
                if (x.isDouble() && y.isDouble()) QCOMPARE(std::fmod(std::abs(y.toDouble() - x.toDouble()), 5.0), 0.0);
            }
            const double mean = a[k][QStringLiteral("treated_mean")].toDouble(NAN);
            if (!std::isnan(mean))
                QVERIFY(std::abs(mean - unit * a[k][QStringLiteral("enrolled_total")].toDouble() /
                                            a[k][QStringLiteral("enrolled_people")].toDouble()) <= 1e-3 * std::abs(mean) + 1e-12);
        }
        // A cost outcome is counted in thousands of pounds: a month's total moves by £5,000 steps.
        QCOMPARE(small.published[QStringLiteral("unit_size")].toDouble(), 1000.0);
        const QJsonArray ma = small.published[QStringLiteral("monthly")].toArray(),
                         mb = plus.published[QStringLiteral("monthly")].toArray();
        for (qsizetype m = 0; m < ma.size(); ++m) {
            const QJsonValue x = ma[m][QStringLiteral("treated_units")], y = mb[m][QStringLiteral("treated_units")];
            if (!x.isDouble() || !y.isDouble()) continue;
            QCOMPARE(std::fmod(std::abs(y.toDouble() - x.toDouble()), 5.0), 0.0);
            if (ma[m][QStringLiteral("treated_rate")].isNull()) continue;  // its months at risk are suppressed
            const double rate = ma[m][QStringLiteral("treated_rate")].toDouble();
            QVERIFY2(std::abs(rate - 1000 * x.toDouble() / ma[m][QStringLiteral("treated_months")].toDouble()) <= 1e-3 * rate + 1e-9,
                     qPrintable(QJsonDocument(ma[m].toObject()).toJson(QJsonDocument::Compact)));
        }
        QVERIFY(onGrid(small.published[QStringLiteral("effect")][QStringLiteral("estimate")],
                       1000 * 5 / (12 * small.published[QStringLiteral("treated_fewest_months")].toDouble())));
        // The cost of a unit is the published cost over the published units before enrolment: an
        // attacker review found that at three figures it told whether one more person had an
        // event before enrolment, and roughly its cost.
        const Pair ae = evaluate(QStringLiteral("Small"));
        const QJsonObject &o = ae.published;
        QCOMPARE(o[QStringLiteral("cost_scale")].toDouble(), 1000.0);
        QVERIFY(std::abs(o[QStringLiteral("cost_per_unit")].toDouble() -
                         1000 * o[QStringLiteral("cost_pre_units")].toDouble() / o[QStringLiteral("outcome_pre_units")].toDouble()) <=
                1e-3 * o[QStringLiteral("cost_per_unit")].toDouble());
        QCOMPARE(std::fmod(o[QStringLiteral("cost_pre_units")].toDouble(), 5.0), 0.0);
        // A month with fewer than 10 events among the enrolled has no rate (a month of 0 that
        // turned suppressed with one more person would date that person's event).
        int withheld = 0;
        for (const QJsonValue &m : o[QStringLiteral("monthly")].toArray()) {
            const QJsonValue units = m[QStringLiteral("treated_units")];
            QVERIFY(units.isNull() || units.toDouble() >= 10);
            withheld += units.isNull();
        }
        QVERIFY(withheld > 0);
        // (c) A refusal says what to change, not how many people the programme has.
        ops::EvaluateRequest r;
        r.programme = QStringLiteral("Small");
        r.match.caliper = 0.0001;
        r.replicates = 0;
        auto refused = ops::runEvaluation(*mSession, r, mFeedback);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::TooFewPeople);
        QVERIFY2(!refused.error().message.contains(QString::number(kBase)), qPrintable(refused.error().message));
        // Two or three replicates would make an interval's ends single resamples.
        r.match.caliper = 0.25;
        r.replicates = 3;
        auto few = ops::runEvaluation(*mSession, r, mFeedback);
        QVERIFY(!few);
        QVERIFY2(few.error().message.contains(QStringLiteral("0 or 100")), qPrintable(few.error().message));
    }

    void everyEstimateIsNoFinerThanTheEnrolledsCounts() {
        for (const QString &name : {QStringLiteral("Small"), QStringLiteral("Small plus 0")}) {
            const QJsonObject o = evaluate(name).published;
            // One event before enrolment moves the estimate by 1 / the months before, one after by
            // 1 / the months after: the grid is 5 over the fewer.
            const double months = o[QStringLiteral("treated_fewest_months")].toDouble();
            QVERIFY(months > 0 && std::fmod(months, 5.0) == 0);
            QVERIFY(months <= o[QStringLiteral("treated_months_post")].toDouble() + 5);  // the fewer, each rounded
            // Months are in person-years: one person who died after enrolment changes them by less
            // than a rounding step.
            QCOMPARE(o[QStringLiteral("months_unit")].toDouble(), 12.0);
            const double step = 5 / (12 * months);
            const QJsonObject effect = o[QStringLiteral("effect")].toObject();
            for (const char *k : {"estimate", "lower", "upper"}) QVERIFY2(onGrid(effect[QLatin1String(k)], step), k);
            QVERIFY(effect[QStringLiteral("estimate")].isDouble());
            // Relative changes: one rounding step of the events expected without the programme.
            const double expected = o[QStringLiteral("counterfactual_units")].toDouble();
            QVERIFY(expected > 0 && std::fmod(expected, 5.0) == 0);
            for (const char *k : {"relative", "relative_lower", "relative_upper"})
                QVERIFY2(onGrid(effect[QLatin1String(k)], 5 / expected), k);
            const QJsonObject naive = o[QStringLiteral("naive")].toObject();
            QVERIFY(onGrid(naive[QStringLiteral("before_after")], step));
            QVERIFY(onGrid(naive[QStringLiteral("unmatched_comparison")], step));
            QVERIFY(onGrid(naive[QStringLiteral("before_after_relative")], 5 / expected));
            // What a director reads is the published effect, scaled.
            QCOMPARE(o[QStringLiteral("per_1000_per_year")].toDouble(),
                     threeFigures(12000 * effect[QStringLiteral("estimate")].toDouble()));
            QCOMPARE(o[QStringLiteral("cost_per_month")].toDouble(),
                     threeFigures(effect[QStringLiteral("estimate")].toDouble() * o[QStringLiteral("cost_per_unit")].toDouble() *
                                  o[QStringLiteral("treated")].toDouble()));
            // Each quarter of the event study on the grid of its own months.
            int quarters = 0;
            for (const QJsonValue &q : o[QStringLiteral("event_study")].toArray()) {
                const QJsonValue m = q[QStringLiteral("treated_months")];
                if (m.isNull()) {
                    QVERIFY(q[QStringLiteral("estimate")].isNull());
                    continue;
                }
                for (const char *k : {"estimate", "lower", "upper"}) QVERIFY2(onGrid(q[QLatin1String(k)], 5 / (3 * m.toDouble())), k);
                ++quarters;
            }
            QVERIFY(quarters > 0);
            // The rates' counterfactual is read from the published rates.
            const QJsonObject rates = o[QStringLiteral("rates")].toObject();
            QCOMPARE(rates[QStringLiteral("counterfactual")].toDouble(),
                     QString::number(rates[QStringLiteral("treated_pre")].toDouble() + rates[QStringLiteral("control_post")].toDouble() -
                                         rates[QStringLiteral("control_pre")].toDouble(),
                                     'g', 4)
                         .toDouble());
            // The sentence says what the published figures say.
            if (o[QStringLiteral("per_1000_per_year")].toDouble() != 0)
                QVERIFY2(o[QStringLiteral("summary")].toString().contains(
                             disclosure::significantText(std::abs(o[QStringLiteral("per_1000_per_year")].toDouble()), 3)),
                         qPrintable(o[QStringLiteral("summary")].toString()));
        }
    }
};

QTEST_GUILESS_MAIN(TestEvaluationDifferencing)
#include "tst_evaluationdifferencing.moc"
