// The queue and delivery behind BackgroundJob: see backgroundjob.h for the contract.
#include "backgroundjob.h"

#include <QFutureWatcher>
#include <QLabel>
#include <QMessageBox>
#include <QPromise>
#include <QThreadPool>
#include <QWidget>
#include <atomic>
#include <deque>
#include <mutex>

namespace phm::ui {

// The job's requests, run one at a time and in order on Qt's global thread pool (never holding a
// pool thread while waiting). Shared with the workers, so it outlives the job.
class BackgroundJob::Queue : public std::enable_shared_from_this<Queue> {
public:
    void post(std::function<void()> task) {
        {
            std::lock_guard lock(mMutex);
            mTasks.push_back(std::move(task));
            if (std::exchange(mDraining, true)) return;
        }
        QThreadPool::globalInstance()->start([self = shared_from_this()] { self->drain(); });
    }

private:
    void drain() {
        for (;;) {
            std::function<void()> task;
            {
                std::lock_guard lock(mMutex);
                if (mTasks.empty()) {
                    mDraining = false;
                    return;
                }
                task = std::move(mTasks.front());
                mTasks.pop_front();
            }
            task();
        }
    }
    std::mutex mMutex;
    std::deque<std::function<void()>> mTasks;
    bool mDraining = false;
};

// One start(): its Feedback, whether a newer request replaced it, and the watcher that brings
// its end back to the GUI thread (a child of the job, so it dies with it).
struct BackgroundJob::Request {
    std::shared_ptr<core::Feedback> feedback = std::make_shared<core::Feedback>();
    std::shared_ptr<std::atomic<bool>> superseded = std::make_shared<std::atomic<bool>>(false);
    QFutureWatcher<void> *watcher = nullptr;
};

BackgroundJob::BackgroundJob(QObject *owner) : QObject(owner), mQueue(std::make_shared<Queue>()) {}

BackgroundJob::~BackgroundJob() {
    if (mCurrent) mCurrent->feedback->cancel();
}

void BackgroundJob::launch(std::function<void(core::Feedback &)> task, std::function<void()> deliver) {
    discard();
    auto request = std::make_shared<Request>();
    // The watcher sees the promise finish: run or skipped, the task is over.
    auto promise = std::make_shared<QPromise<void>>();
    const QFuture<void> future = promise->future();
    promise->start();
    mQueue->post([task = std::move(task), promise, feedback = request->feedback, superseded = request->superseded] {
        if (!superseded->load()) task(*feedback);
        promise->finish();
    });
    request->watcher = new QFutureWatcher<void>(this);
    connect(request->watcher, &QFutureWatcherBase::finished, this, [this, request, deliver = std::move(deliver)] {
        request->watcher->deleteLater();
        if (mCurrent != request) return;
        mCurrent.reset();
        deliver();
        emit finished();
    });
    mCurrent = request;
    request->watcher->setFuture(future);
    emit started();
}

void BackgroundJob::cancel() {
    if (mCurrent) mCurrent->feedback->cancel();
}

void BackgroundJob::discard() {
    if (!mCurrent) return;
    mCurrent->superseded->store(true);
    mCurrent->feedback->cancel();
    mCurrent->watcher->disconnect(this);
    mCurrent->watcher->deleteLater();
    mCurrent.reset();
}

std::shared_ptr<const core::Feedback> BackgroundJob::feedback() const { return mCurrent ? mCurrent->feedback : nullptr; }

void BackgroundJob::showErrorsIn(QLabel *label) { mLabel = label; }

void BackgroundJob::showError(const core::Error &error) {
    if (error.code == core::ErrorCode::Canceled) return;
    if (mLabel) return mLabel->setText(error.message);
    auto *owner = qobject_cast<QWidget *>(parent());
    auto *box =
        new QMessageBox(QMessageBox::Warning, owner ? owner->window()->windowTitle() : QString(), error.message, QMessageBox::Ok, owner);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();  // not exec(): the GUI keeps running
}

}  // namespace phm::ui
