#pragma once
// Runs one long core job at a time on a worker thread (QtConcurrent). The job receives a
// core::Feedback for progress and cancel; `done` runs on the GUI thread when it finishes.
// The GUI thread never waits: progress is polled from the Feedback by a timer.
#include "base/feedback.h"

#include <QFutureWatcher>
#include <QObject>
#include <QTimer>
#include <functional>
#include <memory>

namespace phm::ui {

class TaskRunner : public QObject {
    Q_OBJECT
public:
    explicit TaskRunner(QObject *parent = nullptr);
    bool isBusy() const { return mBusy; }
    // `work` runs on a worker thread; `done` on the GUI thread afterwards (also after cancel).
    bool start(const QString &title, std::function<void(core::Feedback &)> work, std::function<void()> done);

public slots:
    void cancel();

signals:
    void started(const QString &title);
    void progressChanged(int percent, const QString &phase);
    void finished();

private:
    void poll();
    bool mBusy = false;
    std::shared_ptr<core::Feedback> mFeedback;
    QFutureWatcher<void> mWatcher;
    QTimer mTimer;
    std::function<void()> mDone;
};

}  // namespace phm::ui
