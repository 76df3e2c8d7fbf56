// The Evaluation view's records in the project: freezing a cohort into a programme, saving the
// result on screen and opening a saved one (EvaluationPanel, core/operations/programmeops).
#include "backgroundjob.h"
#include "errortext.h"
#include "evaluationpanel.h"
#include "freezedialog.h"
#include "governance/publish.h"
#include "operations/programmeops.h"
#include "projectcontroller.h"

#include <QComboBox>
#include <QInputDialog>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>

namespace phm::ui {

void EvaluationPanel::watchSession() {
    const core::SessionPtr session = mController->session();
    if (!session) return;
    connect(session.get(), &core::Session::recordsChanged, this, [this](const QString &kind) {
        if (kind == QLatin1String("programmes")) loadProgrammes();
        if (kind == QLatin1String("evaluations")) loadSaved();
    });
}

void EvaluationPanel::freezeAsked() {
    const core::SessionPtr session = mController->session();
    if (!session || !session->hasData()) return;
    auto *dialog = new FreezeDialog(session, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &FreezeDialog::frozen, this, [this](bool ok, const QString &programme) {
        if (ok) mStatus->setText(tr("Programme \"%1\" frozen; it is in the list once read.").arg(programme));
    });
    dialog->open();
}

void EvaluationPanel::saveAsked() {
    if (mResult.isEmpty()) return;
    bool ok = false;
    const QString suggested =
        tr("%1: %2").arg(mResult.value(QStringLiteral("programme")).toString(), mResult.value(QStringLiteral("outcome")).toString());
    const QString name = QInputDialog::getText(this, tr("Save evaluation"), tr("Name:"), QLineEdit::Normal, suggested, &ok);
    if (ok && !name.trimmed().isEmpty()) saveAs(name.trimmed());
}

bool EvaluationPanel::saveAs(const QString &name) {
    const core::SessionPtr session = mController->session();
    if (!session || mResult.isEmpty() || mSettings.isEmpty()) return false;
    auto request = core::ops::evaluationRequestFrom(mSettings);
    if (!request) return false;
    mWrite->start([session, name, request = request.value(),
                   result = mResult](core::Feedback &) { return core::ops::saveEvaluation(*session, name, request, result); },
                  [this, name](const core::Result<qint64> &id) {
                      if (!id) {
                          mStatus->setText(errorText(id.error()));
                          emit saved(false);
                          return;
                      }
                      mStatus->setText(tr("Saved as evaluation %1, \"%2\".").arg(id.value()).arg(name));
                      emit saved(true);
                  });
    return true;
}

void EvaluationPanel::loadSaved() {
    const core::SessionPtr session = mController->session();
    if (!session) return;
    mSavedLoad->start(
        [session](core::Feedback &) -> core::Result<QJsonObject> {
            auto all = core::ops::savedEvaluationsJson(*session);
            if (!all) return all.error();
            // Shown as published: a stored result passes the project's policy again.
            return core::disclosure::publish(all.value(), core::ops::savedEvaluationsFields(), session->policy()).value.toObject();
        },
        [this](const core::Result<QJsonObject> &all) {
            mSaved->clear();
            mSavedItems.clear();
            if (!all) {
                mStatus->setText(errorText(all.error()));
                return;
            }
            for (const QJsonValue &v : all.value().value(QStringLiteral("evaluations")).toArray()) {
                const QJsonObject e = v.toObject();
                mSaved->addItem(tr("%1 (%2, %3)")
                                    .arg(e.value(QStringLiteral("name")).toString(), e.value(QStringLiteral("saved_by")).toString(),
                                         e.value(QStringLiteral("saved_at")).toString().left(10)));
                mSavedItems.push_back(e);
            }
            mSaved->setCurrentIndex(-1);
            const QJsonArray damaged = all.value().value(QStringLiteral("damaged")).toArray();
            if (!damaged.isEmpty())
                mStatus->setText(tr("%n saved evaluations could not be read and are left out: %1", nullptr, int(damaged.size()))
                                     .arg(damaged.first()[QStringLiteral("reason")].toString()));
            emit savedLoaded();
        });
}

void EvaluationPanel::openSaved(int index) {
    if (index < 0 || size_t(index) >= mSavedItems.size()) return;
    const QJsonObject &e = mSavedItems[size_t(index)];
    mSettings = e.value(QStringLiteral("settings")).toObject();
    mSave->setEnabled(false);  // already saved
    show(e.value(QStringLiteral("result")).toObject());
    mStatus->setText(tr("Saved evaluation %1, by %2 on %3.")
                         .arg(e.value(QStringLiteral("id")).toInteger())
                         .arg(e.value(QStringLiteral("saved_by")).toString(), e.value(QStringLiteral("saved_at")).toString().left(10)));
}

}  // namespace phm::ui
