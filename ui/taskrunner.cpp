#include "taskrunner.h"

#include <QtConcurrent/QtConcurrentRun>

namespace phm::ui {

TaskRunner::TaskRunner(QObject *parent) : QObject(parent) {
    mTimer.setInterval(100);
    connect(&mTimer, &QTimer::timeout, this, &TaskRunner::poll);
    connect(&mWatcher, &QFutureWatcher<void>::finished, this, [this] {
        mTimer.stop();
        mBusy = false;
        auto done = std::move(mDone);
        mDone = nullptr;
        if (done) done();
        emit finished();
    });
}

bool TaskRunner::start(const QString &title, std::function<void(core::Feedback &)> work, std::function<void()> done) {
    if (mBusy) return false;
    mBusy = true;
    mFeedback = std::make_shared<core::Feedback>();
    mDone = std::move(done);
    emit started(title);
    emit progressChanged(0, title);
    auto feedback = mFeedback;
    mWatcher.setFuture(QtConcurrent::run([work = std::move(work), feedback] { work(*feedback); }));
    mTimer.start();
    return true;
}

void TaskRunner::cancel() {
    if (mFeedback) mFeedback->cancel();
}

void TaskRunner::poll() {
    if (mFeedback) emit progressChanged(int(mFeedback->progress()), mFeedback->phase());
}

}  // namespace phm::ui
