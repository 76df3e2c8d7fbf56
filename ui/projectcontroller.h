#pragma once
// Owns the open project and runs generate / import / open as background tasks. Widgets talk to
// this object, never to each other or to the core directly.
#include "geo/areas.h"
#include "governance/disclosure.h"
#include "governance/users.h"
#include "import/importer.h"
#include "rules/rulecatalogue.h"
#include "session/projectloader.h"

#include <QObject>
#include <memory>

namespace phm::ui {

class TaskRunner;

class ProjectController : public QObject {
    Q_OBJECT
public:
    explicit ProjectController(QObject *parent = nullptr);
    TaskRunner *runner() const { return mRunner; }
    core::ProjectPtr project() const { return mProject; }
    std::shared_ptr<const core::AreaIndex> areas() const { return mAreas; }
    core::ImportReport importReport() const;
    // Code lists, shared by every rule evaluation (loaded lists are cached).
    std::shared_ptr<const core::rules::CodeLists> codeLists() const { return mLists; }
    // Who is working: the login and its role in the open project (an unlisted login is an analyst).
    const core::User &user() const { return mUser; }
    // The project's disclosure policy, read when it was opened.
    const core::disclosure::Policy &policy() const { return mPolicy; }

public slots:
    void openProject(const QString &path);
    void importFolder(const QString &folder, const QString &projectPath);
    void createDemo(qint64 people, quint64 seed, const QString &folder);

signals:
    void projectOpened(const QString &path);
    void failed(const QString &message);
    void canceled();

public:
    struct Outcome;  // what an open, import or demo hands back

private:
    void runJob(const QString &title, std::function<core::Result<Outcome>(core::Feedback &)> job);
    TaskRunner *mRunner;
    core::ProjectPtr mProject;
    std::shared_ptr<const core::AreaIndex> mAreas;
    core::User mUser = core::User::unlisted(core::currentLogin());
    core::disclosure::Policy mPolicy;
    std::shared_ptr<core::rules::CodeLists> mLists = std::make_shared<core::rules::CodeLists>();
};

}  // namespace phm::ui
