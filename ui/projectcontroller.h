#pragma once
// Owns the open project's session (core/session/session) and runs generate / import / open as
// background tasks. Widgets talk to this object and the session it hands out, never to each other.
#include "geo/areas.h"
#include "governance/disclosure.h"
#include "governance/users.h"
#include "import/importer.h"
#include "rules/rulecatalogue.h"
#include "session/session.h"

#include <QObject>
#include <memory>

namespace phm::ui {

class TaskRunner;

class ProjectController : public QObject {
    Q_OBJECT
public:
    explicit ProjectController(QObject *parent = nullptr);
    TaskRunner *runner() const { return mRunner; }
    // The open project's session (null before one is opened): views run operations on it and
    // listen to its change signals.
    core::SessionPtr session() const { return mSession; }
    core::ProjectPtr project() const { return mSession ? mSession->projectPtr() : nullptr; }
    std::shared_ptr<const core::AreaIndex> areas() const { return mSession ? mSession->areasPtr() : nullptr; }
    core::ImportReport importReport() const;
    // Code lists, shared by every rule evaluation (loaded lists are cached): the open project's,
    // with its own lists, or the bundled ones.
    std::shared_ptr<const core::rules::CodeLists> codeLists() const { return mSession ? mSession->codeListsPtr() : mLists; }
    // Who is working: the login and its role in the open project (an unlisted login is an analyst).
    core::User user() const { return mSession ? mSession->user() : core::User::unlisted(core::currentLogin()); }
    // The project's disclosure policy, read when it was opened.
    const core::disclosure::Policy &policy() const { return mSession ? mSession->policy() : mNoPolicy; }

public slots:
    void openProject(const QString &path);
    void importFolder(const QString &folder, const QString &projectPath);
    void createDemo(qint64 people, quint64 seed, const QString &folder);

signals:
    void projectOpened(const QString &path);
    void failed(const QString &message);
    void canceled();

private:
    // An open, import or demo job hands back the opened session.
    void runJob(const QString &title, std::function<core::Result<core::SessionPtr>(core::Feedback &)> job);
    TaskRunner *mRunner;
    core::SessionPtr mSession;
    const core::disclosure::Policy mNoPolicy;  // the default, before a project is open
    std::shared_ptr<core::rules::CodeLists> mLists = std::make_shared<core::rules::CodeLists>();
};

}  // namespace phm::ui
