// The progress polling of TaskRunner; the job machinery is BackgroundJob's.
#include "taskrunner.h"

namespace phm::ui {

TaskRunner::TaskRunner(QObject *parent) : QObject(parent), mJob(new BackgroundJob(this)) {
    mTimer.setInterval(100);
    connect(&mTimer, &QTimer::timeout, this, &TaskRunner::poll);
}

void TaskRunner::poll() {
    if (const auto feedback = mJob->feedback()) emit progressChanged(int(feedback->progress()), feedback->phase());
}

void TaskRunner::ended() { mTimer.stop(); }

}  // namespace phm::ui
