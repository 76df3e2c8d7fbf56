#pragma once
// Runs a long core job for the CLI: the job runs on a worker thread while the main thread
// prints its progress to stderr (when stderr is a terminal). Ctrl-C or SIGTERM cancels the job
// through its Feedback, so it cleans up after itself instead of leaving temporary files.
#include "base/feedback.h"

#include <functional>

void runWithProgress(phm::core::Feedback &feedback, const std::function<void()> &work);
