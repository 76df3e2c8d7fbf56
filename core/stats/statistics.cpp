#include "stats/statistics.h"

#include <QRegularExpression>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <numeric>

namespace phm::core::stats {

Result<double> confidenceLevel(double confidence) {
    if (confidence >= 90 && confidence <= 100) return confidence / 100;
    if (confidence >= 0.9 && confidence <= 1) return confidence;
    return Error{ErrorCode::BadConfidence,
                 QStringLiteral("confidence level must be between 90 and 100 or between 0.9 and 1 (got %1)").arg(confidence),
                 {}};
}

double zValue(double confidence) {
    if (confidence >= 1) return INFINITY;
    return boost::math::quantile(boost::math::normal(), confidence + (1 - confidence) / 2);
}

double tValue(double confidence, double df) {
    return boost::math::quantile(boost::math::students_t(df), confidence + (1 - confidence) / 2);
}

double wilsonLower(double x, double n, double confidence) {
    if (confidence >= 1) return 0;
    const double z = zValue(confidence);
    return (2 * x + z * z - z * std::sqrt(z * z + 4 * x * (1 - x / n))) / 2 / (n + z * z);
}

double wilsonUpper(double x, double n, double confidence) {
    if (confidence >= 1) return 1;
    const double z = zValue(confidence);
    return (2 * x + z * z + z * std::sqrt(z * z + 4 * x * (1 - x / n))) / 2 / (n + z * z);
}

double byarsLower(double x, double confidence) {
    const double z = zValue(confidence);
    const double v = x * std::pow(1 - 1 / (9 * x) - z / (3 * std::sqrt(x)), 3);
    return v < 0 ? NAN : v;
}

double byarsUpper(double x, double confidence) {
    const double z = zValue(confidence);
    return (x + 1) * std::pow(1 - 1 / (9 * (x + 1)) + z / (3 * std::sqrt(x + 1)), 3);
}

double exactPoissonLower(double x, double confidence) {
    if (x <= 0) return 0;  // qchisq with 0 degrees of freedom is 0
    return boost::math::quantile(boost::math::chi_squared(2 * x), (1 - confidence) / 2) / 2;
}

double exactPoissonUpper(double x, double confidence) {
    return boost::math::quantile(boost::math::chi_squared(2 * x + 2), 1 - (1 - confidence) / 2) / 2;
}

double countLower(double x, double confidence) { return rateIsExact(x) ? exactPoissonLower(x, confidence) : byarsLower(x, confidence); }
double countUpper(double x, double confidence) { return rateIsExact(x) ? exactPoissonUpper(x, confidence) : byarsUpper(x, confidence); }

Interval proportion(double x, double n, double confidence, double multiplier) {
    if (std::isnan(x) || std::isnan(n) || n <= 0) return {};
    return {x / n * multiplier, wilsonLower(x, n, confidence) * multiplier, wilsonUpper(x, n, confidence) * multiplier};
}

Interval rate(double x, double n, double confidence, double multiplier) {
    if (std::isnan(x) || std::isnan(n) || n <= 0) return {};
    return {x / n * multiplier, countLower(x, confidence) / n * multiplier, countUpper(x, confidence) / n * multiplier};
}

namespace {
// mean +- t(1 - alpha/2; n - 1) * sd / sqrt(n)
void studentInterval(MeanResult &r, double confidence) {
    const double t = boost::math::quantile(boost::math::students_t(r.count - 1), confidence + (1 - confidence) / 2);
    r.ci.lower = r.ci.value - t * r.sd / std::sqrt(r.count);
    r.ci.upper = r.ci.value + t * r.sd / std::sqrt(r.count);
}
}  // namespace

MeanResult mean(const std::vector<double> &values, double confidence) {
    MeanResult r;
    r.count = double(values.size());
    r.sum = std::accumulate(values.begin(), values.end(), 0.0);
    if (values.empty()) return r;
    const double m = r.sum / r.count;
    r.ci.value = m;
    if (values.size() < 2) return r;
    double ss = 0;
    for (double v : values) ss += (v - m) * (v - m);
    r.sd = std::sqrt(ss / (r.count - 1));
    studentInterval(r, confidence);
    return r;
}

MeanResult meanFromMoments(double count, double sum, double sumOfSquares, double confidence) {
    MeanResult r;
    r.count = count;
    r.sum = sum;
    if (count < 1) return r;
    const double m = sum / count;
    r.ci.value = m;
    if (count < 2) return r;
    r.sd = std::sqrt(std::max(0.0, (sumOfSquares - count * m * m) / (count - 1)));
    studentInterval(r, confidence);
    return r;
}

namespace {
// Dobson's interval; `squares` null for independent events (each event its own person).
DsrResult dobson(const std::vector<double> &x, const std::vector<double> *squares, const std::vector<double> &n,
                 const std::vector<double> &standard, double confidence, double multiplier) {
    DsrResult r;
    double weighted = 0, squared = 0, total = 0;
    for (size_t i = 0; i < x.size(); ++i) {
        const double events = std::isnan(x[i]) ? 0.0 : x[i];  // missing counts are zero, as the package
        const double perPerson = squares ? (std::isnan((*squares)[i]) ? 0.0 : (*squares)[i]) : events;
        r.totalCount += events;
        r.totalPopulation += n[i];
        weighted += events * standard[i] / n[i];
        squared += perPerson * (standard[i] / n[i]) * (standard[i] / n[i]);
        total += standard[i];
    }
    if (r.totalCount < 10) return r;
    const double value = weighted / total;
    const double variance = squared / (total * total);
    const double scale = std::sqrt(variance / r.totalCount);
    r.ci.value = value * multiplier;
    r.ci.lower = (value + scale * (byarsLower(r.totalCount, confidence) - r.totalCount)) * multiplier;
    r.ci.upper = (value + scale * (byarsUpper(r.totalCount, confidence) - r.totalCount)) * multiplier;
    return r;
}
}  // namespace

DsrResult dsr(const std::vector<double> &x, const std::vector<double> &n, const std::vector<double> &standard, double confidence,
              double multiplier) {
    return dobson(x, nullptr, n, standard, confidence, multiplier);
}

DsrResult dsrNonIndependent(const std::vector<double> &x, const std::vector<double> &squares, const std::vector<double> &n,
                            const std::vector<double> &standard, double confidence, double multiplier) {
    return dobson(x, &squares, n, standard, confidence, multiplier);
}

const std::vector<double> &esp2013() {
    static const std::vector<double> weights = {5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000,
                                                7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000};
    return weights;
}

int esp2013Band(const QString &label) {
    static const QRegularExpression band(QStringLiteral("^\\s*(\\d{1,3})\\s*(?:(?:-|to)\\s*(\\d{1,3})|\\+)?\\s*$"));
    const auto m = band.match(label);
    if (!m.hasMatch()) return -1;
    const int lower = m.captured(1).toInt();
    if (lower % 5 != 0 || lower > 90) return -1;
    if (!m.captured(2).isEmpty()) {
        const int upper = m.captured(2).toInt();
        if (lower < 90 && upper != lower + 4) return -1;
        if (lower == 90 && upper < 90) return -1;
    }
    if (label.contains(QLatin1Char('+')) && lower != 90) return -1;
    return lower / 5;
}

}  // namespace phm::core::stats
