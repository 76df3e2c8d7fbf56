#pragma once
// Profiles of every area of a level, computed in a background job once per level (levels asked
// for wait their turn) and shared by the views that show them (the area profile, the map).
// Cleared when another project opens or the indicator definitions change; the computation then
// running is dropped.
#include "profilemodel.h"

#include <QHash>
#include <QObject>
#include <deque>

namespace phm::ui {

class BackgroundJob;
class ProjectController;

class ProfileCache : public QObject {
    Q_OBJECT
public:
    explicit ProfileCache(ProjectController *controller, QObject *parent = nullptr);
    // The profile of a level, or nullptr while it is being computed (ready() follows).
    const ProfileData *profile(core::Area::Kind level);
    bool isComputing() const;
    // Adds a user's indicator definitions (JSON, as resources/indicators) to every profile.
    // The file is checked first: on an error nothing changes and the message is returned.
    QString setIndicatorFile(const QString &path);
    QString indicatorFile() const { return mIndicatorFile; }
    // The definitions changed (e.g. an indicator saved in the project): every level again.
    void reload() { reset(); }

signals:
    void ready(core::Area::Kind level);
    void failed(const QString &message);
    void cleared();  // every profile must be asked for again

private:
    void startNext();
    ProjectController *mController;
    QHash<int, ProfileData> mByLevel;  // Area::Kind -> computed profile
    void reset();
    std::deque<core::Area::Kind> mQueue;          // waiting to start
    core::Area::Kind mRunning = core::Area::Ics;  // while the job runs
    std::shared_ptr<core::ProfileWorkspace> mWorkspace = std::make_shared<core::ProfileWorkspace>();
    BackgroundJob *mJob;
    QString mIndicatorFile;
};

}  // namespace phm::ui
