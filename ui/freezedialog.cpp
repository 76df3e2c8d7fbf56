#include "freezedialog.h"

#include "cohorts/cohortstore.h"
#include "errortext.h"
#include "operations/programmeops.h"
#include "screenfit.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace phm::ui {

namespace {
const QDate kEpoch(1970, 1, 1);  // the project's day numbers count from here
}

FreezeDialog::FreezeDialog(core::SessionPtr session, QWidget *parent)
    : QDialog(parent),
      mSession(std::move(session)),
      mName(new QLineEdit(this)),
      mCohort(new QComboBox(this)),
      mDate(new QDateEdit(this)),
      mStatus(new QLabel(this)) {
    setWindowTitle(tr("Freeze a cohort into a programme"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("The cohort's members on the index date (registered and alive then) become the programme's, enrolled "
                                "on that date. They are kept in the project: the evaluation can be repeated after the rule or the "
                                "data change."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    mName->setPlaceholderText(tr("e.g. Frailty MDT, first wave"));
    mName->setMaxLength(core::evaluation::kMaxProgrammeName);
    form->addRow(tr("Programme &name:"), mName);
    form->addRow(tr("Saved &cohort:"), mCohort);
    const core::Project &project = mSession->project();
    mDate->setCalendarPopup(true);
    mDate->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    mDate->setDateRange(kEpoch.addDays(project.extractStart), kEpoch.addDays(project.extractEnd));
    mDate->setDate(kEpoch.addDays(project.extractEnd).addYears(-1));
    form->addRow(tr("&Index date:"), mDate);
    layout->addLayout(form);
    mStatus->setWordWrap(true);
    layout->addWidget(mStatus);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    auto *freeze = buttons->addButton(tr("&Freeze"), QDialogButtonBox::AcceptRole);
    freeze->setEnabled(false);
    layout->addWidget(buttons);
    connect(freeze, &QPushButton::clicked, this, &FreezeDialog::freeze);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    fitToScreen(this, sizeHint());
    mLoadJob->start([session = mSession](core::Feedback &) { return session->savedCohorts(); },
                    [this, freeze](const core::Result<std::vector<core::SavedCohort>> &saved) {
                        if (!saved) {
                            mStatus->setText(errorText(saved.error()));
                            return;
                        }
                        for (const core::SavedCohort &c : saved.value())
                            mCohort->addItem(tr("%1 (version %2)").arg(c.name).arg(c.current().version), c.name);
                        freeze->setEnabled(mCohort->count() > 0);
                        if (mCohort->count() == 0) mStatus->setText(tr("Save a cohort in the cohort builder first."));
                        emit cohortsLoaded();
                    });
}

void FreezeDialog::freeze() {
    core::ops::FreezeRequest request{mName->text().trimmed(), mCohort->currentData().toString(), int32_t(kEpoch.daysTo(mDate->date())),
                                     std::nullopt};
    mStatus->setText(tr("Freezing…"));
    mFreezeJob->start([session = mSession, request](core::Feedback &fb) { return core::ops::freezeCohort(*session, request, fb); },
                      [this](const core::Result<core::ops::FreezeRun> &run) {
                          if (!run) {
                              mStatus->setText(errorText(run.error()));
                              emit frozen(false, QString());
                              return;
                          }
                          emit frozen(true, run.value().name);
                          accept();
                      });
}

}  // namespace phm::ui
