#pragma once
// The session a `phm` command works on: the project named by --project, opened (and loaded unless
// the command needs only the file) with the environment's login as its user.
#include "session/session.h"

#include <QCommandLineParser>

namespace phm::cli {

inline core::Result<core::SessionPtr> openSession(const QCommandLineParser &parser, bool loadData = true) {
    core::Feedback feedback;
    core::SessionOptions options;
    options.loadData = loadData;
    return core::Session::open(parser.value(QStringLiteral("project")), feedback, options);
}

}  // namespace phm::cli
