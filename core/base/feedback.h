#pragma once
// One cancel/progress object passed down a long-running call chain (in the spirit of QgsFeedback).
// Thread contract: the worker calls setProgress()/setPhase()/pushWarning(); any thread may call
// cancel() and read progress(), phase() and warnings(). No signals: the UI polls.
#include <QString>
#include <QStringList>
#include <atomic>
#include <mutex>

namespace phm::core {

class Feedback {
public:
    virtual ~Feedback() = default;
    void cancel() { mCanceled.store(true); }
    bool isCanceled() const { return mCanceled.load(std::memory_order_relaxed); }
    // 0..100
    void setProgress(double percent) { mProgress.store(percent, std::memory_order_relaxed); }
    double progress() const { return mProgress.load(std::memory_order_relaxed); }
    void setPhase(const QString &phase) {
        std::lock_guard lock(mMutex);
        mPhase = phase;
    }
    QString phase() const {
        std::lock_guard lock(mMutex);
        return mPhase;
    }
    void pushWarning(const QString &warning) {
        std::lock_guard lock(mMutex);
        mWarnings << warning;
    }
    QStringList warnings() const {
        std::lock_guard lock(mMutex);
        return mWarnings;
    }

private:
    std::atomic<bool> mCanceled{false};
    std::atomic<double> mProgress{0.0};
    mutable std::mutex mMutex;
    QString mPhase;
    QStringList mWarnings;
};

// Maps the progress of one step onto a slice [from, to] of the parent's range.
class SubFeedback {
public:
    SubFeedback(Feedback &parent, double from, double to) : mParent(parent), mFrom(from), mTo(to) {}
    bool isCanceled() const { return mParent.isCanceled(); }
    void setProgress(double percent) { mParent.setProgress(mFrom + (mTo - mFrom) * percent / 100.0); }
    Feedback &parent() { return mParent; }

private:
    Feedback &mParent;
    double mFrom;
    double mTo;
};

}  // namespace phm::core
