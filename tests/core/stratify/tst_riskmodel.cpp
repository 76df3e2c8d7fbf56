// Logistic regression and model quality against hand-worked values, then the emergency
// admission model on a synthetic ICS.
#include "import/importer.h"
#include "rules/rulecatalogue.h"
#include "session/projectloader.h"
#include "stats/logisticregression.h"
#include "stratify/riskmodel.h"
#include "testutil.h"

#include <QTest>
#include <cmath>

using namespace phm::core;

class TestRiskModel : public QObject {
    Q_OBJECT
private slots:
    void logisticMatchesClosedForm() {
        // One binary predictor: the unpenalised MLE reproduces the two groups' log odds.
        // x = 0: 2 of 10 positive -> intercept = ln(0.2/0.8) = -1.3862944
        // x = 1: 6 of 10 positive -> slope = ln(0.6/0.4) - ln(0.2/0.8) = 1.7917595
        Eigen::MatrixXd X(20, 1);
        Eigen::VectorXd y(20);
        for (int i = 0; i < 20; ++i) {
            X(i, 0) = i < 10 ? 0 : 1;
            y(i) = (i < 10 ? i < 2 : i < 16) ? 1 : 0;
        }
        auto fit = fitLogistic(X, y, 0.0);
        QVERIFY(fit && fit.value().converged);
        QVERIFY(std::abs(fit.value().beta(0) - std::log(0.25)) < 1e-9);
        QVERIFY(std::abs(fit.value().beta(1) - (std::log(1.5) - std::log(0.25))) < 1e-9);
        const Eigen::VectorXd p = predictLogistic(fit.value(), X);
        QVERIFY(std::abs(p(0) - 0.2) < 1e-9 && std::abs(p(19) - 0.6) < 1e-9);
        // A penalty shrinks the slope towards zero.
        QVERIFY(fitLogistic(X, y, 5.0).value().beta(1) < fit.value().beta(1));
    }

    void aurocHandWorked() {
        // Four people: of the 2x2 positive/negative pairs, 3 are ordered correctly -> 0.75.
        QCOMPARE(auroc({0.1, 0.4, 0.35, 0.8}, {0, 0, 1, 1}), 0.75);
        QCOMPARE(auroc({0.5, 0.5}, {0, 1}), 0.5);  // a tie counts one half
        QCOMPARE(auroc({0.9, 0.1}, {1, 0}), 1.0);
        QVERIFY(std::isnan(auroc({0.3, 0.4}, {0, 0})));
    }

    void calibrationBins() {
        const auto bins = calibration({0.1, 0.2, 0.3, 0.4}, {0, 0, 1, 1}, 2);
        QCOMPARE(bins.size(), size_t(2));
        QCOMPARE(bins[0].n, 2);
        QCOMPARE(bins[0].predicted, 0.15);
        QCOMPARE(bins[0].observed, 0.0);
        QCOMPARE(bins[1].observed, 1.0);
    }

    void riskSummaryHandWorked() {
        RiskModelResult m;
        m.tier = {RiskTier::High, RiskTier::Low, RiskTier::Rising, RiskTier::NotScored, RiskTier::Low};
        m.score = {0.5f, 0.25f, 0.125f, NAN, 0.0625f};
        rules::Selection people(5);
        people.set();
        people.reset(4);
        const RiskSummary s = summariseRisk(m, people);
        QCOMPARE(s.high, 1);
        QCOMPARE(s.rising, 1);
        QCOMPARE(s.low, 1);
        QCOMPARE(s.notScored, 1);
        QCOMPARE(s.expectedAdmissions, 0.875);  // 0.5 + 0.25 + 0.125; the unscored person adds nothing
    }

    void emergencyAdmissionModel() {
        QTemporaryDir dir;
        const ProjectPtr project = phm::test::makeProject(dir.path(), 20000, 19);
        const rules::CodeLists lists;
        auto r = buildRiskModel(*project, lists);
        QVERIFY2(r, r ? "" : qPrintable(r.error().message));
        const RiskModelResult &m = r.value();
        QVERIFY2(m.auroc > 0.65 && m.auroc < 0.95, qPrintable(QString::number(m.auroc)));
        QVERIFY(m.ppvAtHigh > 2 * m.outcomeRate);  // the high-risk cut finds people at several times the base rate
        QVERIFY(m.calibration.back().observed > 3 * m.calibration.front().observed);  // risk rises across deciles
        QVERIFY(std::abs(m.calibration.back().predicted - m.calibration.back().observed) < 0.1);
        const int64_t scored = m.high + m.rising + m.low;
        QVERIFY(std::abs(double(m.high) - 0.05 * double(scored)) <= 1);
        QVERIFY(std::abs(double(m.rising) - 0.15 * double(scored)) <= 1);
        QVERIFY(m.highCut >= m.risingCut);
        // Prior emergency admissions and age raise risk.
        QVERIFY(m.coefficients[size_t(m.features.indexOf(QStringLiteral("emergency admissions, 12 months")))] > 0);
        QVERIFY(m.coefficients[0] > 0 || m.coefficients[1] > 0);
        // Tiers follow the scores: everyone high scores at least the high cut, everyone low
        // below the rising cut (the selection of the cuts is linear-time, not a sort).
        for (size_t i = 0; i < m.score.size(); ++i) {
            if (m.tier[i] == RiskTier::NotScored) {
                QVERIFY(std::isnan(m.score[i]));
                continue;
            }
            if (m.tier[i] == RiskTier::High) QVERIFY(m.score[i] >= float(m.highCut));
            if (m.tier[i] == RiskTier::Rising) QVERIFY(m.score[i] >= float(m.risingCut) && m.score[i] <= float(m.highCut));
            if (m.tier[i] == RiskTier::Low) QVERIFY(m.score[i] <= float(m.risingCut));
        }
        // Training and scoring apart give the same scores as both together.
        auto trained = trainRiskModel(*project, lists);
        QVERIFY(trained);
        QVERIFY(scoreRiskModel(trained.value(), *project, lists));
        QCOMPARE(trained.value().high, m.high);
        QCOMPARE(trained.value().highCut, m.highCut);
        QVERIFY(trained.value().score == m.score ||
                std::equal(m.score.begin(), m.score.end(), trained.value().score.begin(),
                           [](float a, float b) { return a == b || (std::isnan(a) && std::isnan(b)); }));
    }
};

QTEST_GUILESS_MAIN(TestRiskModel)
#include "tst_riskmodel.moc"
