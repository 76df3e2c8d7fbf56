#include "evaluation/its.h"

#include "stats/statistics.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

namespace phm::core::evaluation {

namespace {
constexpr int kTerms = 4;

// Newey-West: S = sum_t u_t^2 x_t x_t' + sum_{l=1..L} w_l sum_t u_t u_{t-l} (x_t x_{t-l}' + x_{t-l} x_t'),
// w_l = 1 - l / (L + 1); V = (X'X)^-1 S (X'X)^-1.
Eigen::MatrixXd neweyWest(const Eigen::MatrixXd &X, const Eigen::VectorXd &u, const Eigen::MatrixXd &XtXinv, int lag) {
    Eigen::MatrixXd S = Eigen::MatrixXd::Zero(kTerms, kTerms);
    const auto n = X.rows();
    for (Eigen::Index t = 0; t < n; ++t) S += u(t) * u(t) * X.row(t).transpose() * X.row(t);
    for (int l = 1; l <= lag; ++l) {
        const double w = 1.0 - double(l) / double(lag + 1);
        for (Eigen::Index t = l; t < n; ++t) {
            const Eigen::MatrixXd cross = X.row(t).transpose() * X.row(t - l);
            S += w * u(t) * u(t - l) * (cross + cross.transpose());
        }
    }
    return XtXinv * S * XtXinv;
}

struct Gls {
    Eigen::VectorXd b;
    Eigen::MatrixXd V;
    double rho = 0;
};

// Prais-Winsten: rho from the lag-1 autocorrelation of the residuals, the series and the design
// transformed (first row scaled by sqrt(1 - rho^2), the others less rho times the row before),
// least squares again, until rho settles; V = s^2 (X*'X*)^-1 with s^2 = RSS / (n - k).
Gls praisWinsten(const Eigen::MatrixXd &X, const Eigen::VectorXd &Y, Eigen::VectorXd b) {
    const auto n = X.rows();
    Eigen::MatrixXd Xs = X;
    Eigen::VectorXd Ys = Y;
    double rho = 0;
    for (int iteration = 0; iteration < 50; ++iteration) {
        const Eigen::VectorXd u = Y - X * b;
        double num = 0;
        for (Eigen::Index t = 1; t < n; ++t) num += u(t) * u(t - 1);
        const double den = u.squaredNorm();
        const double next = den > 0 ? std::clamp(num / den, -0.99, 0.99) : 0.0;
        const double scale = std::sqrt(1 - next * next);
        Xs.row(0) = scale * X.row(0), Ys(0) = scale * Y(0);
        for (Eigen::Index t = 1; t < n; ++t) Xs.row(t) = X.row(t) - next * X.row(t - 1), Ys(t) = Y(t) - next * Y(t - 1);
        b = (Xs.transpose() * Xs).ldlt().solve(Xs.transpose() * Ys);
        const bool settled = std::abs(next - rho) < 1e-10;
        rho = next;
        if (settled) break;
    }
    const double s2 = (Ys - Xs * b).squaredNorm() / double(n - kTerms);
    return {b, s2 * (Xs.transpose() * Xs).inverse(), rho};
}
}  // namespace

Result<ItsFit> segmentedRegression(const std::vector<double> &y, int start, int lag, double confidence, ItsErrors errors) {
    const int n = int(y.size());
    if (start < 3 || n - start < 3)
        return Error{ErrorCode::OutsideData,
                     QStringLiteral("an interrupted time series needs at least 3 months before the start and 3 from it; the series has "
                                    "%1 before and %2 from it")
                         .arg(std::max(0, start))
                         .arg(std::max(0, n - start)),
                     {}};
    Eigen::MatrixXd X(n, kTerms);
    Eigen::VectorXd Y(n);
    for (int t = 0; t < n; ++t) {
        const bool after = t >= start;
        X(t, 0) = 1, X(t, 1) = t, X(t, 2) = after, X(t, 3) = after ? t - start : 0;
        Y(t) = y[size_t(t)];
    }
    const Eigen::MatrixXd XtXinv = (X.transpose() * X).inverse();
    const Eigen::VectorXd ols = XtXinv * X.transpose() * Y;
    if (lag < 0) lag = std::max(1, int(std::floor(4 * std::pow(n / 100.0, 2.0 / 9.0))));
    const Eigen::MatrixXd nw = neweyWest(X, Y - X * ols, XtXinv, lag);
    ItsFit fit;
    fit.errors = errors;
    fit.lag = lag;
    Eigen::VectorXd b = ols;
    Eigen::MatrixXd V = nw;
    // Newey-West intervals are asymptotic (normal); Prais-Winsten's use t with n - k - 1 degrees
    // of freedom (one for rho).
    double critical = stats::zValue(confidence);
    if (errors == ItsErrors::PraisWinsten) {
        const Gls gls = praisWinsten(X, Y, ols);
        b = gls.b, V = gls.V, fit.rho = gls.rho;
        critical = stats::tValue(confidence, double(n - kTerms - 1));
    }
    for (int k = 0; k < kTerms; ++k) {
        fit.beta.push_back(b(k));
        fit.se.push_back(std::sqrt(std::max(0.0, V(k, k))));
        fit.neweyWestSe.push_back(std::sqrt(std::max(0.0, nw(k, k))));
    }
    fit.levelChange = b(2), fit.slopeChange = b(3);
    // Mean effect over the post months: a'b with a = (0, 0, 1, mean(t - t0)).
    const double meanOffset = (n - start - 1) / 2.0;
    const Eigen::Vector4d a(0, 0, 1, meanOffset);
    fit.meanEffect = a.dot(b);
    const double se = std::sqrt(std::max(0.0, double(a.transpose() * V * a)));
    fit.meanEffectLower = fit.meanEffect - critical * se, fit.meanEffectUpper = fit.meanEffect + critical * se;
    fit.counterfactual = b(0) + b(1) * (start + meanOffset);
    return fit;
}

}  // namespace phm::core::evaluation
