#pragma once
// The one way the GUI runs work off its thread. A panel or dialog owns one BackgroundJob per kind
// of request (its QObject parent is the owner); start(work, done) runs `work(feedback)` on Qt's
// thread pool and `done(value)` on the GUI thread.
//
// Contract (in the spirit of DB Browser for SQLite's RowLoader tokens and QgsTask):
//  - Latest wins: start() cancels the request before it (its core::Feedback's cancel flag) and
//    drops its result; a superseded request that has not begun yet is never run.
//  - The requests of one job run one after another, in order, so two saves cannot cross and a
//    workspace captured by the work is never used by two workers at once.
//  - A core::Error returned by the work, or any exception it throws (caught in the worker, never
//    across threads), goes to the error handler on the GUI thread. By default the message is shown
//    in the status label given to showErrorsIn(), or else in a message box over the owner that
//    does not block; a "canceled" error is not shown.
//  - Nothing is delivered after the job (or its owner) is destroyed: the destructor cancels the
//    running request's Feedback and the worker finishes on its own, so `work` must capture what it
//    uses by value (shared pointers to the project, the areas, the code lists). Writes that never
//    poll the Feedback still complete.
// TaskRunner puts a title and a progress bar on a job; runInBackground() is a one-off job.
#include "base/feedback.h"
#include "base/result.h"

#include <QCoreApplication>
#include <QObject>
#include <QPointer>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <type_traits>

class QLabel;

namespace phm::ui {

class BackgroundJob : public QObject {
    Q_OBJECT
public:
    using ErrorHandler = std::function<void(const core::Error &)>;
    explicit BackgroundJob(QObject *owner);
    ~BackgroundJob() override;

    // Errors of this job's requests go to `handler` instead of the default display.
    void setErrorHandler(ErrorHandler handler) { mErrorHandler = std::move(handler); }
    // The default display writes errors into `label` (plain text) rather than a message box.
    void showErrorsIn(QLabel *label);
    // The default display: the label, else a message box over the owner ("canceled" is not shown).
    void showError(const core::Error &error);

    // `work` is callable as core::Result<T>(core::Feedback &) and runs on a worker thread. On the
    // GUI thread, `done` receives either the value (void(T)), with errors going to `fail` or the
    // job's error handler, or the whole core::Result<T> (void(const core::Result<T> &)).
    template <class Work, class Done>
    void start(Work work, Done done);
    template <class Work, class Done, class Fail>
    void start(Work work, Done done, Fail fail);

    // Asks the current request to stop (its Feedback); what it returns is still delivered.
    void cancel();
    // Cancels the current request and drops it: nothing of it is delivered.
    void discard();
    // A request has been started and not yet delivered (or discarded).
    bool isRunning() const { return bool(mCurrent); }
    // The current request's Feedback (progress, phase), or null when none is running.
    std::shared_ptr<const core::Feedback> feedback() const;

signals:
    void started();
    void finished();  // after the current request's done or fail ran

private:
    struct Request;
    // Runs `task` after the job's previous requests, then `deliver` on the GUI thread unless the
    // request was superseded or the job destroyed.
    void launch(std::function<void(core::Feedback &)> task, std::function<void()> deliver);
    template <class T, class Work>
    static core::Result<T> guarded(Work &work, core::Feedback &feedback);
    template <class T, class Work, class Deliver>
    void run(Work work, Deliver deliver);

    class Queue;
    std::shared_ptr<Queue> mQueue;
    std::shared_ptr<Request> mCurrent;
    ErrorHandler mErrorHandler;
    QPointer<QLabel> mLabel;
};

namespace detail {
template <class R>
struct ResultValue;
template <class T>
struct ResultValue<core::Result<T>> {
    using type = T;
};
}  // namespace detail

template <class T, class Work>
core::Result<T> BackgroundJob::guarded(Work &work, core::Feedback &feedback) {
    // Exceptions are bugs; they end this request, never the program.
    try {
        return work(feedback);
    } catch (const std::exception &e) {
        return core::Error{core::ErrorCode::Exception,
                           QCoreApplication::translate("phm::ui::BackgroundJob", "The task stopped on an unexpected error: %1")
                               .arg(QString::fromLocal8Bit(e.what())),
                           {}};
    } catch (...) {
        return core::Error{core::ErrorCode::Exception,
                           QCoreApplication::translate("phm::ui::BackgroundJob", "The task stopped on an unexpected error."),
                           {}};
    }
}

template <class R>
using ResultValueT = typename detail::ResultValue<std::decay_t<R>>::type;

template <class T, class Work, class Deliver>
void BackgroundJob::run(Work work, Deliver deliver) {
    auto outcome = std::make_shared<std::optional<core::Result<T>>>();
    launch([outcome, work = std::move(work)](core::Feedback &feedback) mutable { outcome->emplace(guarded<T>(work, feedback)); },
           [outcome, deliver = std::move(deliver)]() mutable {
               if (outcome->has_value()) deliver(outcome->value());  // else superseded before it began
           });
}

template <class Work, class Done, class Fail>
void BackgroundJob::start(Work work, Done done, Fail fail) {
    using T = ResultValueT<std::invoke_result_t<Work &, core::Feedback &>>;
    run<T>(std::move(work), [done = std::move(done), fail = std::move(fail)](core::Result<T> &result) mutable {
        if (result.ok())
            done(std::move(result.value()));
        else
            fail(result.error());
    });
}

template <class Work, class Done>
void BackgroundJob::start(Work work, Done done) {
    using T = ResultValueT<std::invoke_result_t<Work &, core::Feedback &>>;
    if constexpr (std::is_invocable_v<Done &, const core::Result<T> &>)
        run<T>(std::move(work), [done = std::move(done)](const core::Result<T> &result) mutable { done(result); });
    else
        start(std::move(work), std::move(done), [this](const core::Error &e) {
            if (mErrorHandler)
                mErrorHandler(e);
            else
                showError(e);
        });
}

// A one-off job owned by `context`: `work()` returns a core::Result, and `done` receives it whole
// (value or error, an exception included) on the GUI thread unless `context` is gone by then.
template <class Work, class Done>
void runInBackground(QObject *context, Work work, Done done) {
    using R = std::decay_t<std::invoke_result_t<Work &>>;
    auto *job = new BackgroundJob(context);
    job->start([work = std::move(work)](core::Feedback &) mutable -> R { return work(); },
               [job, done = std::move(done)](const R &result) mutable {
                   done(result);
                   job->deleteLater();
               });
}

}  // namespace phm::ui
