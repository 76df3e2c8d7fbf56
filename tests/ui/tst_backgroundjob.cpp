// BackgroundJob, the GUI's one way to run work off its thread: the latest request wins, cancel
// reaches the worker's Feedback, an exception becomes an error and the program lives, nothing is
// delivered after the owner is gone, and requests of one job run in order.
#include "backgroundjob.h"

#include <QLabel>
#include <QSemaphore>
#include <QTest>
#include <QThread>
#include <QWidget>
#include <atomic>
#include <memory>
#include <stdexcept>

using namespace phm;

class TestBackgroundJob : public QObject {
    Q_OBJECT
private slots:
    void latestRequestWins() {
        QObject owner;
        auto *job = new ui::BackgroundJob(&owner);
        auto gate = std::make_shared<QSemaphore>();
        QList<int> delivered;
        QStringList errors;
        // The first request holds the queue until the other two have been asked for.
        for (int i = 1; i <= 3; ++i)
            job->start(
                [i, gate](core::Feedback &) -> core::Result<int> {
                    if (i == 1) gate->acquire();
                    return i;
                },
                [&](int v) { delivered << v; }, [&](const core::Error &e) { errors << e.message; });
        gate->release();
        QTRY_VERIFY_WITH_TIMEOUT(!job->isRunning(), 10000);
        QTest::qWait(50);  // nothing else arrives later
        QCOMPARE(delivered, QList<int>{3});
        QVERIFY(errors.isEmpty());
    }

    void cancelReachesTheFeedback() {
        QObject owner;
        auto *job = new ui::BackgroundJob(&owner);
        auto started = std::make_shared<QSemaphore>();
        std::optional<core::Error> error;
        job->start(
            [started](core::Feedback &fb) -> core::Result<int> {
                started->release();
                for (int i = 0; i < 1000 && !fb.isCanceled(); ++i) QThread::msleep(10);
                if (fb.isCanceled()) return core::Error{core::ErrorCode::Canceled, QStringLiteral("canceled"), {}};
                return 1;
            },
            [](int) { QFAIL("the canceled work finished"); }, [&](const core::Error &e) { error = e; });
        QVERIFY(started->tryAcquire(1, 10000));
        job->cancel();  // what the worker returns is still delivered
        QTRY_VERIFY_WITH_TIMEOUT(error.has_value(), 5000);
        QCOMPARE(core::errorCodeName(error->code), QStringLiteral("canceled"));
        // A newer request cancels the one before it, whose result is dropped.
        auto first = std::make_shared<std::atomic<bool>>(false);
        started = std::make_shared<QSemaphore>();
        int value = 0;
        job->start(
            [started, first](core::Feedback &fb) -> core::Result<int> {
                started->release();
                while (!fb.isCanceled()) QThread::msleep(5);
                first->store(true);
                return 1;
            },
            [&](int v) { value = v; });
        QVERIFY(started->tryAcquire(1, 10000));
        job->start([](core::Feedback &) -> core::Result<int> { return 2; }, [&](int v) { value = v; });
        QTRY_COMPARE_WITH_TIMEOUT(value, 2, 5000);
        QVERIFY(first->load());
    }

    void anExceptionBecomesAnError() {
        QWidget owner;
        auto *status = new QLabel(&owner);
        auto *job = new ui::BackgroundJob(&owner);
        std::optional<core::Error> error;
        job->start([](core::Feedback &) -> core::Result<int> { throw std::runtime_error("boom"); }, [](int) { QFAIL("no value"); },
                   [&](const core::Error &e) { error = e; });
        QTRY_VERIFY_WITH_TIMEOUT(error.has_value(), 5000);
        QCOMPARE(core::errorCodeName(error->code), QStringLiteral("exception"));
        QVERIFY2(error->message.contains(QStringLiteral("boom")), qPrintable(error->message));
        // Something that is not a std::exception too; the default display writes into the label.
        job->showErrorsIn(status);
        job->start([](core::Feedback &) -> core::Result<int> { throw 42; }, [](int) { QFAIL("no value"); });
        QTRY_VERIFY_WITH_TIMEOUT(!status->text().isEmpty(), 5000);
        // The program lives and the job takes the next request.
        int value = 0;
        job->start([](core::Feedback &) -> core::Result<int> { return 7; }, [&](int v) { value = v; });
        QTRY_COMPARE_WITH_TIMEOUT(value, 7, 5000);
    }

    void nothingArrivesAfterTheOwnerIsGone() {
        auto owner = std::make_unique<QObject>();
        auto *job = new ui::BackgroundJob(owner.get());
        auto started = std::make_shared<QSemaphore>();
        auto finished = std::make_shared<QSemaphore>();
        auto sawCancel = std::make_shared<std::atomic<bool>>(false);
        bool delivered = false;
        job->start(
            [started, finished, sawCancel](core::Feedback &fb) -> core::Result<int> {
                started->release();
                for (int i = 0; i < 1000 && !fb.isCanceled(); ++i) QThread::msleep(5);
                sawCancel->store(fb.isCanceled());
                finished->release();
                return 1;
            },
            [&](int) { delivered = true; }, [&](const core::Error &) { delivered = true; });
        QVERIFY(started->tryAcquire(1, 10000));
        owner.reset();  // deletes the job: the running request is canceled
        QVERIFY(finished->tryAcquire(1, 10000));
        QTest::qWait(100);  // any queued delivery would arrive now
        QVERIFY(!delivered);
        QVERIFY(sawCancel->load());
    }

    void requestsRunInOrderAndWritesComplete() {
        // A request not superseded runs even when its owner goes first (a save is not lost).
        auto owner = std::make_unique<QObject>();
        auto *job = new ui::BackgroundJob(owner.get());
        auto written = std::make_shared<std::atomic<int>>(0);
        job->start(
            [written](core::Feedback &) -> core::Result<int> {
                QThread::msleep(50);
                written->store(1);
                return 1;
            },
            [](int) {});
        owner.reset();
        QTRY_COMPARE_WITH_TIMEOUT(written->load(), 1, 5000);
        // runInBackground: one-off jobs hand the whole Result to `done`.
        QObject context;
        std::optional<core::Result<int>> result;
        ui::runInBackground(
            &context, []() -> core::Result<int> { return 5; }, [&](const core::Result<int> &r) { result = r; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 5000);
        QCOMPARE(result->value(), 5);
    }
};

QTEST_MAIN(TestBackgroundJob)
#include "tst_backgroundjob.moc"
