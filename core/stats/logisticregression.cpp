#include "stats/logisticregression.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace phm::core {

Result<LogisticFit> fitLogistic(const Eigen::MatrixXd &X, const Eigen::VectorXd &y, double lambda, int maxIterations) {
    const Eigen::Index n = X.rows(), p = X.cols() + 1;
    if (n == 0 || y.size() != n) return Error{ErrorCode::BadInput, QStringLiteral("no data to fit"), {}};
    Eigen::MatrixXd A(n, p);
    A.col(0).setOnes();
    A.rightCols(p - 1) = X;
    LogisticFit fit;
    fit.beta = Eigen::VectorXd::Zero(p);
    Eigen::MatrixXd penalty = Eigen::MatrixXd::Identity(p, p) * lambda;
    penalty(0, 0) = 0;
    Eigen::MatrixXd WA(n, p);  // W * A, reused every iteration (no per-iteration allocation)
    for (fit.iterations = 1; fit.iterations <= maxIterations; ++fit.iterations) {
        const Eigen::VectorXd eta = A * fit.beta;
        const Eigen::VectorXd mu = (1.0 + (-eta.array()).exp()).inverse().matrix();
        const Eigen::VectorXd w = (mu.array() * (1.0 - mu.array())).max(1e-10).matrix();
        // Newton step: (A' W A + L) delta = A' (y - mu) - L beta
        WA.noalias() = (A.array().colwise() * w.array()).matrix();
        Eigen::MatrixXd H = penalty;
        H.noalias() += A.transpose() * WA;
        const Eigen::VectorXd g = A.transpose() * (y - mu) - penalty * fit.beta;
        const Eigen::VectorXd delta = H.ldlt().solve(g);
        if (!delta.allFinite()) return Error{ErrorCode::NoFit, QStringLiteral("the model did not converge (separated data?)"), {}};
        fit.beta += delta;
        if (delta.cwiseAbs().maxCoeff() < 1e-9) {
            fit.converged = true;
            break;
        }
    }
    return fit;
}

Eigen::VectorXd predictLogistic(const LogisticFit &fit, const Eigen::MatrixXd &X) {
    const Eigen::VectorXd eta = (X * fit.beta.tail(fit.beta.size() - 1)).array() + fit.beta(0);
    return (1.0 + (-eta.array()).exp()).inverse().matrix();
}

double auroc(const std::vector<double> &scores, const std::vector<uint8_t> &labels) {
    const size_t n = scores.size();
    std::vector<size_t> order(n);
    std::iota(order.begin(), order.end(), size_t(0));
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return scores[a] < scores[b]; });
    double rankSumPositive = 0;
    int64_t positives = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && scores[order[j]] == scores[order[i]]) ++j;
        const double averageRank = (double(i) + double(j - 1)) / 2.0 + 1.0;  // ranks are 1-based
        for (size_t k = i; k < j; ++k)
            if (labels[order[k]]) {
                rankSumPositive += averageRank;
                ++positives;
            }
        i = j;
    }
    const double negatives = double(int64_t(n) - positives);
    if (positives == 0 || negatives == 0) return std::nan("");
    return (rankSumPositive - double(positives) * double(positives + 1) / 2.0) / (double(positives) * negatives);
}

std::vector<CalibrationBin> calibration(const std::vector<double> &scores, const std::vector<uint8_t> &labels, int groups) {
    std::vector<size_t> order(scores.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return scores[a] < scores[b]; });
    std::vector<CalibrationBin> bins(size_t(std::max(1, groups)));
    for (size_t r = 0; r < order.size(); ++r) {
        CalibrationBin &b = bins[r * bins.size() / std::max<size_t>(1, order.size())];
        ++b.n;
        b.predicted += scores[order[r]];
        b.observed += labels[order[r]];
    }
    for (CalibrationBin &b : bins)
        if (b.n) b.predicted /= double(b.n), b.observed /= double(b.n);
    return bins;
}

}  // namespace phm::core
