#include "evaluation/its.h"

#include "stats/statistics.h"

#include <Eigen/Dense>
#include <cmath>

namespace phm::core::evaluation {

Result<ItsFit> segmentedRegression(const std::vector<double> &y, int start, int lag, double confidence) {
    const int n = int(y.size());
    if (start < 3 || n - start < 3)
        return Error{ErrorCode::OutsideData,
                     QStringLiteral("an interrupted time series needs at least 3 months before the start and 3 from it; the series has "
                                    "%1 before and %2 from it")
                         .arg(std::max(0, start))
                         .arg(std::max(0, n - start)),
                     {}};
    Eigen::MatrixXd X(n, 4);
    Eigen::VectorXd Y(n);
    for (int t = 0; t < n; ++t) {
        const bool after = t >= start;
        X(t, 0) = 1, X(t, 1) = t, X(t, 2) = after, X(t, 3) = after ? t - start : 0;
        Y(t) = y[size_t(t)];
    }
    const Eigen::MatrixXd XtXinv = (X.transpose() * X).inverse();
    const Eigen::VectorXd b = XtXinv * X.transpose() * Y;
    const Eigen::VectorXd u = Y - X * b;
    if (lag < 0) lag = std::max(1, int(std::floor(4 * std::pow(n / 100.0, 2.0 / 9.0))));
    // Newey-West: S = sum_t u_t^2 x_t x_t' + sum_{l=1..L} w_l sum_t u_t u_{t-l} (x_t x_{t-l}' + x_{t-l} x_t'),
    // w_l = 1 - l / (L + 1); V = (X'X)^-1 S (X'X)^-1.
    Eigen::MatrixXd S = Eigen::MatrixXd::Zero(4, 4);
    for (int t = 0; t < n; ++t) S += u(t) * u(t) * X.row(t).transpose() * X.row(t);
    for (int l = 1; l <= lag; ++l) {
        const double w = 1.0 - double(l) / double(lag + 1);
        for (int t = l; t < n; ++t) {
            const Eigen::MatrixXd cross = X.row(t).transpose() * X.row(t - l);
            S += w * u(t) * u(t - l) * (cross + cross.transpose());
        }
    }
    const Eigen::MatrixXd V = XtXinv * S * XtXinv;
    ItsFit fit;
    fit.lag = lag;
    for (int k = 0; k < 4; ++k) {
        fit.beta.push_back(b(k));
        fit.se.push_back(std::sqrt(std::max(0.0, V(k, k))));
    }
    fit.levelChange = b(2), fit.slopeChange = b(3);
    // Mean effect over the post months: a'b with a = (0, 0, 1, mean(t - t0)).
    const double meanOffset = (n - start - 1) / 2.0;
    Eigen::Vector4d a(0, 0, 1, meanOffset);
    fit.meanEffect = a.dot(b);
    const double se = std::sqrt(std::max(0.0, double(a.transpose() * V * a)));
    const double z = stats::zValue(confidence);
    fit.meanEffectLower = fit.meanEffect - z * se, fit.meanEffectUpper = fit.meanEffect + z * se;
    fit.counterfactual = b(0) + b(1) * (start + meanOffset);
    return fit;
}

}  // namespace phm::core::evaluation
