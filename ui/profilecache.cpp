#include "profilecache.h"

#include "backgroundjob.h"
#include "operations/profileops.h"
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
        // An indicator saved or removed anywhere (the editor, another view) recomputes the profiles.
        connect(mController->session().get(), &core::Session::indicatorsChanged, this, &ProfileCache::reload, Qt::UniqueConnection);
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
    mRunning = mQueue.front();
    mQueue.pop_front();
    // The project is captured with the area index: the index refers to it, and the worker must
    // keep it alive even if the window closes first.
    // The workspace is reused by the job's requests, which never run at the same time.
    auto work = [session = mController->session(), level = mRunning, workspace = mWorkspace,
                 file = mIndicatorFile](core::Feedback &fb) -> core::Result<ProfileData> {
        auto indicators = session->indicators(file);
        if (!indicators) return indicators.error();
        // Exact values for the views; the published ones beside them for what is exported.
        core::ops::ProfileRequest request;
        request.indicators = indicators.value();
        request.level = level;
        request.alsoPublished = &session->policy();
        request.workspace = workspace.get();
        auto run = core::ops::runProfile(*session, request, fb);
        if (!run) return run.error();
        return ProfileData{std::make_shared<const core::Profile>(std::move(run.value().profile)), indicators.value(), level};
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
    auto checked = core::loadIndicators(path, mController->codeLists().get());
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
