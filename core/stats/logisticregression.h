#pragma once
// Logistic regression fitted by iteratively reweighted least squares (Newton-Raphson) with an
// optional L2 penalty on the slopes (not the intercept). Eigen does the linear algebra.
// Plus the model-quality measures PHM tools report: AUROC (Mann-Whitney, ties averaged) and
// calibration by risk decile.
#include "base/result.h"

#include <Eigen/Dense>
#include <vector>

namespace phm::core {

struct LogisticFit {
    Eigen::VectorXd beta;  // [0] intercept, then one per column of X
    int iterations = 0;
    bool converged = false;
};

// X: n x p without the intercept column; y: 0/1. lambda: L2 penalty on the slopes.
Result<LogisticFit> fitLogistic(const Eigen::MatrixXd &X, const Eigen::VectorXd &y, double lambda = 0.0, int maxIterations = 30);
Eigen::VectorXd predictLogistic(const LogisticFit &fit, const Eigen::MatrixXd &X);

// Area under the ROC curve: the probability that a random positive scores above a random
// negative, ties counting one half. NaN when either class is empty.
double auroc(const std::vector<double> &scores, const std::vector<uint8_t> &labels);

struct CalibrationBin {
    int64_t n = 0;
    double predicted = 0, observed = 0;  // mean predicted risk and observed rate in the bin
};
// Groups of equal size by predicted risk, lowest risk first.
std::vector<CalibrationBin> calibration(const std::vector<double> &scores, const std::vector<uint8_t> &labels, int groups = 10);

}  // namespace phm::core
