#include "errortext.h"

#include <QCoreApplication>

namespace phm::ui {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("phm::ui::ErrorText", text); }

// A translated sentence, then the core's message for what only it knows (which table, which
// system error).
QString withDetails(const QString &sentence, const core::Error &error) { return tr("%1\n\nDetails: %2").arg(sentence, error.message); }
}  // namespace

QString errorText(const core::Error &error) {
    const QString &file = error.context;
    switch (error.code) {
        case core::ErrorCode::Canceled:
            return tr("Cancelled.");
        case core::ErrorCode::NotAProject:
            return tr("%1: this is not a PHM Workbench project").arg(file);
        case core::ErrorCode::Locked:
            return tr("%1: the project is locked by another program (an import, another workbench or an SQLite tool is writing "
                      "to it); try again when it has finished")
                .arg(file);
        case core::ErrorCode::CannotOpen:
            return withDetails(tr("%1 cannot be opened.").arg(file), error);
        case core::ErrorCode::CorruptProject:
            return withDetails(tr("%1 is damaged and cannot be used.").arg(file), error);
        case core::ErrorCode::SqlError:
            return withDetails(tr("The project file could not be read or written."), error);
        case core::ErrorCode::CannotWrite:
            return withDetails(tr("%1 could not be written.").arg(file), error);
        default:
            return error.message;
    }
}

}  // namespace phm::ui
