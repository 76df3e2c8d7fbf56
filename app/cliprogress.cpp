#include "cliprogress.h"
#include "cliplatform.h"

#include <QString>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <thread>

namespace {
std::atomic<phm::core::Feedback *> gFeedback{nullptr};

extern "C" void onSignal(int) {
    // Only a lock-free atomic store happens here, which is async-signal-safe.
    if (auto *fb = gFeedback.load()) fb->cancel();
}
}  // namespace

void runWithProgress(phm::core::Feedback &feedback, const std::function<void()> &work) {
    gFeedback = &feedback;
    auto previousInt = std::signal(SIGINT, onSignal);
    auto previousTerm = std::signal(SIGTERM, onSignal);
    std::atomic<bool> done{false};
    std::thread worker([&] {
        work();
        done = true;
    });
    const bool tty = phm::cli::stderrIsTerminal();
    while (!done) {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        if (tty && !done) std::fprintf(stderr, "\r%-60s %5.1f%%", feedback.phase().left(60).toLocal8Bit().constData(), feedback.progress());
    }
    worker.join();
    if (tty) std::fprintf(stderr, "\r%80s\r", "");
    std::signal(SIGINT, previousInt);
    std::signal(SIGTERM, previousTerm);
    gFeedback = nullptr;
}
