#include "projectcontroller.h"

#include "errortext.h"
#include "synth/generator.h"
#include "taskrunner.h"

#include <QCoreApplication>
#include <QDir>

namespace phm::ui {

namespace {
// Opening loads the project and builds the area index, so the GUI receives a ready-to-query
// session; the code lists are the controller's, so what they have loaded is kept across projects.
core::Result<core::SessionPtr> load(const QString &path, core::Feedback &fb, const std::shared_ptr<const core::rules::CodeLists> &lists) {
    Q_UNUSED(lists);
    auto session = core::Session::open(path, fb);
    // Opened on this worker, the session is handed to the GUI thread, where the views that listen
    // to it live (a QObject can only be pushed away from its own thread, so here).
    if (session) session.value()->moveToThread(QCoreApplication::instance()->thread());
    return session;
}
}  // namespace

ProjectController::ProjectController(QObject *parent) : QObject(parent), mRunner(new TaskRunner(this)) {}

core::ImportReport ProjectController::importReport() const {
    return mSession && mSession->hasData() ? core::ImportReport::fromJson(mSession->project().importReport) : core::ImportReport{};
}

void ProjectController::runJob(const QString &title, std::function<core::Result<core::SessionPtr>(core::Feedback &)> job) {
    const bool started = mRunner->start(
        title, std::move(job),
        [this](const core::SessionPtr &session) {
            mSession = session;
            emit projectOpened(mSession->path());
        },
        [this](const core::Error &e) {
            if (e.code == core::ErrorCode::Canceled)
                emit canceled();
            else
                emit failed(errorText(e));
        });
    if (!started) emit failed(tr("Another task is still running; wait for it or cancel it first."));
}

void ProjectController::openProject(const QString &path) {
    runJob(tr("Opening %1").arg(QDir::toNativeSeparators(path)),
           [path, lists = mLists](core::Feedback &fb) { return load(path, fb, lists); });
}

void ProjectController::importFolder(const QString &folder, const QString &projectPath) {
    runJob(tr("Importing %1").arg(QDir::toNativeSeparators(folder)),
           [folder, projectPath, lists = mLists](core::Feedback &fb) -> core::Result<core::SessionPtr> {
               auto r = core::importExtract(folder, projectPath, fb);
               if (!r) return r.error();
               return load(projectPath, fb, lists);
           });
}

void ProjectController::createDemo(qint64 people, quint64 seed, const QString &folder) {
    runJob(tr("Creating a demo ICS of %1 people").arg(people),
           [people, seed, folder, lists = mLists](core::Feedback &fb) -> core::Result<core::SessionPtr> {
               auto cfg = core::defaultGeneratorConfig();
               cfg.people = people;
               cfg.seed = seed;
               const QString extract = QDir(folder).filePath(QStringLiteral("extract"));
               auto g = core::generateExtract(cfg, extract, fb);
               if (!g) return g.error();
               const QString project = QDir(folder).filePath(QStringLiteral("demo.phm"));
               auto r = core::importExtract(extract, project, fb);
               if (!r) return r.error();
               return load(project, fb, lists);
           });
}

}  // namespace phm::ui
