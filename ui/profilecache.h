#pragma once
// Profiles of every area of a level, computed on a worker thread once per level and shared by
// the views that show them (the area profile, the map). Cleared when another project opens or
// the indicator definitions change.
#include "profilemodel.h"

#include <QFutureWatcher>
#include <QHash>
#include <QObject>
#include <deque>

namespace phm::ui {

class ProjectController;

class ProfileCache : public QObject {
    Q_OBJECT
public:
    explicit ProfileCache(ProjectController *controller, QObject *parent = nullptr);
    // The profile of a level, or nullptr while it is being computed (ready() follows).
    const ProfileData *profile(core::Area::Kind level);
    bool isComputing() const { return mWatcher.isRunning(); }
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
    std::deque<core::Area::Kind> mQueue;  // waiting to start
    core::Area::Kind mRunning = core::Area::Ics;
    int mGeneration = 0, mRunningGeneration = 0;  // bumped by reset(): a result from before is dropped
    std::shared_ptr<core::ProfileWorkspace> mWorkspace = std::make_shared<core::ProfileWorkspace>();
    QFutureWatcher<std::pair<int, core::Result<ProfileData>>> mWatcher;
    QString mIndicatorFile;
};

}  // namespace phm::ui
