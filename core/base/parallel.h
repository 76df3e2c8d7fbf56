#pragma once
// The one way the core splits work across cores. Per-person work that is independent between
// people runs as consecutive ranges of the person index, one per part: part 0 on the calling
// thread, the others on helper threads, and the call returns when all are done. The target
// laptop has two cores, so parallelParts() is two there; a result must never depend on the
// number of parts (reductions over parts are exact, e.g. counts, or are per person), or the site
// asks for a fixed number itself. Plain std::thread, never Qt's pool: the GUI's background jobs
// run on that pool and call into the core.
#include <algorithm>
#include <cstdint>
#include <thread>
#include <vector>

namespace phm::core {

// How many parts to split parallel work into: the machine's hardware threads (at least 1).
inline int parallelParts() { return int(std::clamp(std::thread::hardware_concurrency(), 1u, 64u)); }

// Runs body(part, from, to) over [0, n) in `parts` consecutive ranges. Every range but the last
// starts on a multiple of `align` (e.g. 64, so that no two parts write one bitset word): part k
// is [k * step, (k + 1) * step) with step = n / parts rounded up to `align`, clipped to n, and
// the last part ends at n. With parts = 2 and align = 1 the halves are [0, n/2) and [n/2, n).
template <class Body>
void parallelRanges(int32_t n, int parts, Body body, int32_t align = 1) {
    parts = std::max(1, parts);
    const int64_t step = (int64_t(n / parts) + align - 1) / align * align;
    auto from = [&](int k) { return int32_t(std::min<int64_t>(n, k * step)); };
    std::vector<std::thread> helpers;
    helpers.reserve(size_t(parts - 1));
    for (int k = 1; k < parts; ++k) helpers.emplace_back([&, k] { body(k, from(k), k == parts - 1 ? n : from(k + 1)); });
    body(0, 0, parts == 1 ? n : from(1));
    for (std::thread &t : helpers) t.join();
}

// Runs body(from, to) over [0, n) split into parallelParts() ranges.
template <class Body>
void parallelFor(int32_t n, Body body) {
    parallelRanges(n, parallelParts(), [&](int, int32_t from, int32_t to) { body(from, to); });
}

// Runs a() and b() at the same time (b on a helper thread); returns when both are done.
template <class A, class B>
void parallelInvoke(A a, B b) {
    std::thread helper([&] { b(); });
    a();
    helper.join();
}

}  // namespace phm::core
