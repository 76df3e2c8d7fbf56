#include "profilecache.h"

#include "backgroundjob.h"
#include "projectcontroller.h"

#include <algorithm>

namespace phm::ui {

ProfileCache::ProfileCache(ProjectController *controller, QObject *parent)
    : QObject(parent), mController(controller), mJob(new BackgroundJob(this)) {
    mJob->setErrorHandler([this](const core::Error &error) {
        emit failed(error.message);
        startNext();
    });
    connect(controller, &ProjectController::projectOpened, this, [this] {
        mWorkspace = std::make_shared<core::ProfileWorkspace>();
        reset();
    });
}

const ProfileData *ProfileCache::profile(core::Area::Kind level) {
    const auto it = mByLevel.constFind(int(level));
    if (it != mByLevel.constEnd()) return &*it;
    const bool running = mJob->isRunning() && mRunning == level;
    if (!running && std::find(mQueue.begin(), mQueue.end(), level) == mQueue.end()) {
        mQueue.push_back(level);
        if (!mJob->isRunning()) startNext();
    }
    return nullptr;
}

void ProfileCache::startNext() {
    const auto project = mController->project();
    const auto areas = mController->areas();
    if (mQueue.empty() || !project || !areas) return;
    const auto lists = mController->codeLists();
    mRunning = mQueue.front();
    mQueue.pop_front();
    // The project is captured with the area index: the index refers to it, and the worker must
    // keep it alive even if the window closes first.
    // The workspace is reused by the job's requests, which never run at the same time.
    auto work = [project, areas, lists, level = mRunning, workspace = mWorkspace, file = mIndicatorFile,
                 policy = mController->policy()](core::Feedback &) -> core::Result<ProfileData> {
        auto indicators = core::loadIndicators(file, lists.get(), project->path);
        if (!indicators) return indicators.error();
        // Exact values for the views; the published ones beside them for what is exported.
        core::ProfileOptions options;
        options.alsoPublished = &policy;
        auto profile = core::computeProfile(*areas, *lists, indicators.value(), level, options, workspace.get());
        if (!profile) return profile.error();
        return ProfileData{std::make_shared<const core::Profile>(std::move(profile.value())), indicators.value(), level};
    };
    mJob->start(std::move(work), [this, level = mRunning](const ProfileData &data) {
        mByLevel.insert(int(level), data);
        emit ready(level);
        startNext();
    });
}

bool ProfileCache::isComputing() const { return mJob->isRunning(); }

QString ProfileCache::setIndicatorFile(const QString &path) {
    // The file with the bundled definitions, not the project's (no database on the GUI thread):
    // merging by id, the project's own definitions cannot make a good file fail.
    auto checked = core::loadIndicators(path, mController->codeLists().get(), QString());
    if (!checked) return checked.error().message;
    mIndicatorFile = path;
    reset();
    return {};
}

void ProfileCache::reset() {
    mJob->discard();  // a computation still running used the old project or definitions
    mByLevel.clear();
    mQueue.clear();
    emit cleared();
}

}  // namespace phm::ui
