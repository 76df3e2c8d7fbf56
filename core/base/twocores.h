#pragma once
// The target laptop has two cores: per-person work that is independent between people runs in
// two halves, the second on a helper thread.
#include <cstdint>
#include <thread>

namespace phm::core {

// Runs body(from, to) over [0, n) in two halves, one per core; returns when both are done.
template <class Body>
void onTwoCores(int32_t n, Body body) {
    std::thread second([&] { body(n / 2, n); });
    body(0, n / 2);
    second.join();
}

}  // namespace phm::core
