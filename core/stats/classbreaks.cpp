#include "stats/classbreaks.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace phm::core {

namespace {

double quantileType7(const std::vector<double> &sorted, double p) {
    const double h = (double(sorted.size()) - 1) * p;
    const size_t lo = size_t(std::floor(h));
    const size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (h - double(lo)) * (sorted[hi] - sorted[lo]);
}

// Fisher's dynamic programme over the sorted values: cost[k][i] is the least within-class sum of
// squares of the first i+1 values in k+1 classes; start[k][i] where the last class begins.
std::vector<double> naturalBreaks(const std::vector<double> &v, int classes) {
    const size_t n = v.size(), k = size_t(classes);
    std::vector<double> sum(n + 1, 0), sumSq(n + 1, 0);
    for (size_t i = 0; i < n; ++i) {
        sum[i + 1] = sum[i] + v[i];
        sumSq[i + 1] = sumSq[i] + v[i] * v[i];
    }
    auto ssd = [&](size_t from, size_t to) {  // values from..to inclusive
        const double m = double(to - from + 1), s = sum[to + 1] - sum[from];
        return sumSq[to + 1] - sumSq[from] - s * s / m;
    };
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<std::vector<double>> cost(k, std::vector<double>(n, inf));
    std::vector<std::vector<size_t>> start(k, std::vector<size_t>(n, 0));
    for (size_t i = 0; i < n; ++i) cost[0][i] = ssd(0, i);
    for (size_t c = 1; c < k; ++c)
        for (size_t i = c; i < n; ++i)
            for (size_t j = c; j <= i; ++j) {  // the last class is j..i
                const double total = cost[c - 1][j - 1] + ssd(j, i);
                if (total < cost[c][i]) {
                    cost[c][i] = total;
                    start[c][i] = j;
                }
            }
    std::vector<double> edges(k + 1);
    edges[k] = v[n - 1];
    edges[0] = v[0];
    size_t end = n - 1;
    for (size_t c = k - 1; c >= 1; --c) {
        const size_t j = start[c][end];
        edges[c] = v[j - 1];  // the upper value of the class below
        end = j - 1;
    }
    return edges;
}

}  // namespace

QString breakMethodName(BreakMethod m) {
    switch (m) {
        case BreakMethod::Quantile:
            return QStringLiteral("quantile");
        case BreakMethod::EqualInterval:
            return QStringLiteral("equal");
        case BreakMethod::NaturalBreaks:
            return QStringLiteral("natural");
    }
    return {};
}

std::vector<double> classBreaks(std::vector<double> values, BreakMethod method, int classes) {
    values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return std::isnan(v); }), values.end());
    if (values.empty()) return {};
    std::sort(values.begin(), values.end());
    const double lo = values.front(), hi = values.back();
    if (lo == hi || classes < 2) return {lo, hi};
    std::vector<double> edges;
    switch (method) {
        case BreakMethod::Quantile:
            for (int c = 0; c <= classes; ++c) edges.push_back(quantileType7(values, double(c) / classes));
            break;
        case BreakMethod::EqualInterval:
            for (int c = 0; c <= classes; ++c) edges.push_back(c == classes ? hi : lo + (hi - lo) * c / classes);
            break;
        case BreakMethod::NaturalBreaks: {
            std::vector<double> distinct = values;
            distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
            edges = naturalBreaks(values, std::min(classes, int(distinct.size())));
            break;
        }
    }
    edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
    return edges;
}

int classOf(double value, const std::vector<double> &edges) {
    if (std::isnan(value) || edges.empty() || value < edges.front() || value > edges.back()) return -1;
    if (edges.size() == 2 || value <= edges[1]) return 0;
    // The first edge at or above the value closes its class.
    const auto it = std::lower_bound(edges.begin() + 1, edges.end(), value);
    return int(it - edges.begin()) - 1;
}

}  // namespace phm::core
