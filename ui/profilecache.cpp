#include "profilecache.h"

#include "projectcontroller.h"

#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

namespace phm::ui {

ProfileCache::ProfileCache(ProjectController *controller, QObject *parent) : QObject(parent), mController(controller) {
    connect(controller, &ProjectController::projectOpened, this, [this] {
        mWorkspace = std::make_shared<core::ProfileWorkspace>();
        reset();
    });
    connect(&mWatcher, &QFutureWatcher<std::pair<int, core::Result<ProfileData>>>::finished, this, [this] {
        const auto [generation, result] = mWatcher.result();
        if (generation == mGeneration) {
            if (result) {
                mByLevel.insert(int(mRunning), result.value());
                emit ready(mRunning);
            } else {
                emit failed(result.error().message);
            }
        }
        startNext();
    });
}

const ProfileData *ProfileCache::profile(core::Area::Kind level) {
    const auto it = mByLevel.constFind(int(level));
    if (it != mByLevel.constEnd()) return &*it;
    const bool running = mWatcher.isRunning() && mRunning == level && mRunningGeneration == mGeneration;
    if (!running && std::find(mQueue.begin(), mQueue.end(), level) == mQueue.end()) {
        mQueue.push_back(level);
        if (!mWatcher.isRunning()) startNext();
    }
    return nullptr;
}

void ProfileCache::startNext() {
    const auto project = mController->project();
    const auto areas = mController->areas();
    if (mQueue.empty() || !project || !areas) return;
    const auto lists = mController->codeLists();
    mRunning = mQueue.front();
    mRunningGeneration = mGeneration;
    mQueue.pop_front();
    // The project is captured with the area index: the index refers to it, and the worker must
    // keep it alive even if the window closes first.
    mWatcher.setFuture(QtConcurrent::run([project, areas, lists, level = mRunning, generation = mGeneration, workspace = mWorkspace,
                                          file = mIndicatorFile, policy = mController->policy()] {
        auto compute = [&]() -> core::Result<ProfileData> {
            auto indicators = core::loadIndicators(file, lists.get(), project->path);
            if (!indicators) return indicators.error();
            // Exact values for the views; the published ones beside them for what is exported.
            core::ProfileOptions options;
            options.alsoPublished = &policy;
            auto profile = core::computeProfile(*areas, *lists, indicators.value(), level, options, workspace.get());
            if (!profile) return profile.error();
            return ProfileData{std::make_shared<const core::Profile>(std::move(profile.value())), indicators.value(), level};
        };
        return std::make_pair(generation, compute());
    }));
}

QString ProfileCache::setIndicatorFile(const QString &path) {
    auto checked =
        core::loadIndicators(path, mController->codeLists().get(), mController->project() ? mController->project()->path : QString());
    if (!checked) return checked.error().message;
    mIndicatorFile = path;
    reset();
    return {};
}

void ProfileCache::reset() {
    ++mGeneration;  // a computation still running used the old project or definitions
    mByLevel.clear();
    mQueue.clear();
    emit cleared();
}

}  // namespace phm::ui
