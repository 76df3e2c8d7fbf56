#pragma once
// One small job off the GUI thread: `work` runs on a worker thread and `done` receives its result
// on the GUI thread, unless `context` has been destroyed by then. For quick reads that should not
// queue behind the shared TaskRunner (which carries the long, cancelable jobs).
#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>
#include <type_traits>

namespace phm::ui {

template <class Work, class Done>
void runInBackground(QObject *context, Work work, Done done) {
    using T = std::invoke_result_t<Work>;
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context, [watcher, done = std::move(done)] {
        done(watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}

}  // namespace phm::ui
