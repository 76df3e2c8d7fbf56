#include "projectcontroller.h"

#include "governance/disclosurepolicy.h"
#include "synth/generator.h"
#include "taskrunner.h"

#include <QDir>

namespace phm::ui {

// What a background job hands back to the GUI thread.
struct ProjectController::Outcome {
    core::ProjectPtr project;
    std::shared_ptr<const core::AreaIndex> areas;
    core::User user;
    core::disclosure::Policy policy;
    QString error;
    bool canceled = false;
    void fail(const core::Error &e) {
        if (e.code == QLatin1String("canceled"))
            canceled = true;
        else
            error = e.message;
    }
};

namespace {
// Opening includes building the area index, so the GUI receives a ready-to-query snapshot.
bool loadInto(const QString &path, core::Feedback &fb, auto &out) {
    auto r = core::openProject(path, fb);
    if (!r) {
        out.fail(r.error());
        return false;
    }
    out.project = r.value();
    out.areas = std::make_shared<const core::AreaIndex>(*out.project);
    auto user = core::findUser(path, core::currentLogin());
    out.user = user ? user.value() : core::User::unlisted(core::currentLogin());
    auto policy = core::projectPolicy(path);
    if (!policy) {
        out.fail(policy.error());
        return false;
    }
    out.policy = policy.value();
    return true;
}
}  // namespace

ProjectController::ProjectController(QObject *parent) : QObject(parent), mRunner(new TaskRunner(this)) {}

core::ImportReport ProjectController::importReport() const {
    return mProject ? core::ImportReport::fromJson(mProject->importReport) : core::ImportReport{};
}

void ProjectController::runJob(const QString &title, std::function<void(core::Feedback &, Outcome &)> job) {
    auto outcome = std::make_shared<Outcome>();
    const bool started = mRunner->start(
        title, [job, outcome](core::Feedback &fb) { job(fb, *outcome); },
        [this, outcome] {
            if (outcome->canceled) {
                emit canceled();
            } else if (!outcome->error.isEmpty()) {
                emit failed(outcome->error);
            } else if (outcome->project) {
                mProject = outcome->project;
                mAreas = outcome->areas;
                mUser = outcome->user;
                mPolicy = outcome->policy;
                emit projectOpened(mProject->path);
            }
        });
    if (!started) emit failed(tr("Another task is still running; wait for it or cancel it first."));
}

void ProjectController::openProject(const QString &path) {
    runJob(tr("Opening %1").arg(QDir::toNativeSeparators(path)), [path](core::Feedback &fb, Outcome &out) { loadInto(path, fb, out); });
}

void ProjectController::importFolder(const QString &folder, const QString &projectPath) {
    runJob(tr("Importing %1").arg(QDir::toNativeSeparators(folder)), [folder, projectPath](core::Feedback &fb, Outcome &out) {
        auto r = core::importExtract(folder, projectPath, fb);
        if (!r) return out.fail(r.error());
        loadInto(projectPath, fb, out);
    });
}

void ProjectController::createDemo(qint64 people, quint64 seed, const QString &folder) {
    runJob(tr("Creating a demo ICS of %1 people").arg(people), [people, seed, folder](core::Feedback &fb, Outcome &out) {
        auto cfg = core::defaultGeneratorConfig();
        cfg.people = people;
        cfg.seed = seed;
        const QString extract = QDir(folder).filePath(QStringLiteral("extract"));
        auto g = core::generateExtract(cfg, extract, fb);
        if (!g) return out.fail(g.error());
        const QString project = QDir(folder).filePath(QStringLiteral("demo.phm"));
        auto r = core::importExtract(extract, project, fb);
        if (!r) return out.fail(r.error());
        loadInto(project, fb, out);
    });
}

}  // namespace phm::ui
