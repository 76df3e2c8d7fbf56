#include "projectcontroller.h"

#include "governance/disclosurepolicy.h"
#include "synth/generator.h"
#include "taskrunner.h"

#include <QDir>

namespace phm::ui {

// What a background job hands back to the GUI thread: a ready-to-query snapshot.
struct ProjectController::Outcome {
    core::ProjectPtr project;
    std::shared_ptr<const core::AreaIndex> areas;
    core::User user;
    core::disclosure::Policy policy;
};

namespace {
// Opening includes building the area index, so the GUI receives a ready-to-query snapshot.
core::Result<ProjectController::Outcome> load(const QString &path, core::Feedback &fb) {
    auto r = core::openProject(path, fb);
    if (!r) return r.error();
    ProjectController::Outcome out;
    out.project = r.value();
    out.areas = std::make_shared<const core::AreaIndex>(*out.project);
    auto user = core::findUser(path, core::currentLogin());
    out.user = user ? user.value() : core::User::unlisted(core::currentLogin());
    auto policy = core::projectPolicy(path);
    if (!policy) return policy.error();
    out.policy = policy.value();
    return out;
}
}  // namespace

ProjectController::ProjectController(QObject *parent) : QObject(parent), mRunner(new TaskRunner(this)) {}

core::ImportReport ProjectController::importReport() const {
    return mProject ? core::ImportReport::fromJson(mProject->importReport) : core::ImportReport{};
}

void ProjectController::runJob(const QString &title, std::function<core::Result<Outcome>(core::Feedback &)> job) {
    const bool started = mRunner->start(
        title, std::move(job),
        [this](const Outcome &out) {
            mProject = out.project;
            mAreas = out.areas;
            mUser = out.user;
            mPolicy = out.policy;
            emit projectOpened(mProject->path);
        },
        [this](const core::Error &e) {
            if (e.code == QLatin1String("canceled"))
                emit canceled();
            else
                emit failed(e.message);
        });
    if (!started) emit failed(tr("Another task is still running; wait for it or cancel it first."));
}

void ProjectController::openProject(const QString &path) {
    runJob(tr("Opening %1").arg(QDir::toNativeSeparators(path)), [path](core::Feedback &fb) { return load(path, fb); });
}

void ProjectController::importFolder(const QString &folder, const QString &projectPath) {
    runJob(tr("Importing %1").arg(QDir::toNativeSeparators(folder)), [folder, projectPath](core::Feedback &fb) -> core::Result<Outcome> {
        auto r = core::importExtract(folder, projectPath, fb);
        if (!r) return r.error();
        return load(projectPath, fb);
    });
}

void ProjectController::createDemo(qint64 people, quint64 seed, const QString &folder) {
    runJob(tr("Creating a demo ICS of %1 people").arg(people), [people, seed, folder](core::Feedback &fb) -> core::Result<Outcome> {
        auto cfg = core::defaultGeneratorConfig();
        cfg.people = people;
        cfg.seed = seed;
        const QString extract = QDir(folder).filePath(QStringLiteral("extract"));
        auto g = core::generateExtract(cfg, extract, fb);
        if (!g) return g.error();
        const QString project = QDir(folder).filePath(QStringLiteral("demo.phm"));
        auto r = core::importExtract(extract, project, fb);
        if (!r) return r.error();
        return load(project, fb);
    });
}

}  // namespace phm::ui
