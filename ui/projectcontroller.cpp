#include "projectcontroller.h"

#include "synth/generator.h"
#include "taskrunner.h"

#include <QDir>

namespace phm::ui {

// What a background job hands back to the GUI thread.
struct ProjectController::Outcome {
    core::SessionPtr session;
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
// Opening loads the project and builds the area index, so the GUI receives a ready-to-query
// session; the code lists are the controller's, so what they have loaded is kept across projects.
void loadInto(const QString &path, core::Feedback &fb, const std::shared_ptr<const core::rules::CodeLists> &lists, auto &out) {
    core::SessionOptions options;
    options.codeLists = lists;
    auto r = core::Session::open(path, fb, options);
    if (!r) return out.fail(r.error());
    out.session = r.value();
}
}  // namespace

ProjectController::ProjectController(QObject *parent) : QObject(parent), mRunner(new TaskRunner(this)) {}

core::ImportReport ProjectController::importReport() const {
    return mSession && mSession->hasData() ? core::ImportReport::fromJson(mSession->project().importReport) : core::ImportReport{};
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
            } else if (outcome->session) {
                mSession = outcome->session;
                emit projectOpened(mSession->path());
            }
        });
    if (!started) emit failed(tr("Another task is still running; wait for it or cancel it first."));
}

void ProjectController::openProject(const QString &path) {
    runJob(tr("Opening %1").arg(QDir::toNativeSeparators(path)),
           [path, lists = mLists](core::Feedback &fb, Outcome &out) { loadInto(path, fb, lists, out); });
}

void ProjectController::importFolder(const QString &folder, const QString &projectPath) {
    runJob(tr("Importing %1").arg(QDir::toNativeSeparators(folder)),
           [folder, projectPath, lists = mLists](core::Feedback &fb, Outcome &out) {
               auto r = core::importExtract(folder, projectPath, fb);
               if (!r) return out.fail(r.error());
               loadInto(projectPath, fb, lists, out);
           });
}

void ProjectController::createDemo(qint64 people, quint64 seed, const QString &folder) {
    runJob(tr("Creating a demo ICS of %1 people").arg(people), [people, seed, folder, lists = mLists](core::Feedback &fb, Outcome &out) {
        auto cfg = core::defaultGeneratorConfig();
        cfg.people = people;
        cfg.seed = seed;
        const QString extract = QDir(folder).filePath(QStringLiteral("extract"));
        auto g = core::generateExtract(cfg, extract, fb);
        if (!g) return out.fail(g.error());
        const QString project = QDir(folder).filePath(QStringLiteral("demo.phm"));
        auto r = core::importExtract(extract, project, fb);
        if (!r) return out.fail(r.error());
        loadInto(project, fb, lists, out);
    });
}

}  // namespace phm::ui
