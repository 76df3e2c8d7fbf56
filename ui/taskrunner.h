#pragma once
// The long, cancelable jobs of the workbench (open, import, demo, pack preview and export): one
// at a time, with a title, a progress bar and Cancel in the status bar (TaskProgressWidget). It is
// a BackgroundJob that refuses a second task while one runs instead of replacing it; the job's
// core::Feedback is polled by a timer for progress, so the GUI thread never waits.
#include "backgroundjob.h"

#include <QObject>
#include <QTimer>

namespace phm::ui {

class TaskRunner : public QObject {
    Q_OBJECT
public:
    explicit TaskRunner(QObject *parent = nullptr);
    bool isBusy() const { return mJob->isRunning(); }
    // As BackgroundJob::start, with a title; false (and nothing started) while another task runs.
    // `fail` also receives the "canceled" error when the user stops the task.
    template <class Work, class Done, class Fail>
    bool start(const QString &title, Work work, Done done, Fail fail);

public slots:
    void cancel() { mJob->cancel(); }

signals:
    void started(const QString &title);
    void progressChanged(int percent, const QString &phase);
    void finished();

private:
    void poll();
    void ended();
    BackgroundJob *mJob;
    QTimer mTimer;
};

template <class Work, class Done, class Fail>
bool TaskRunner::start(const QString &title, Work work, Done done, Fail fail) {
    if (isBusy()) return false;
    emit started(title);
    emit progressChanged(0, title);
    mJob->start(
        std::move(work),
        [this, done = std::move(done)](auto value) mutable {
            ended();
            done(std::move(value));
            emit finished();
        },
        [this, fail = std::move(fail)](const core::Error &error) mutable {
            ended();
            fail(error);
            emit finished();
        });
    mTimer.start();
    return true;
}

}  // namespace phm::ui
