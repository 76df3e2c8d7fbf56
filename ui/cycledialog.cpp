#include "cycledialog.h"

#include "backgroundjob.h"
#include "cohorts/cohortstore.h"
#include "governance/users.h"
#include "maturity/maturitystore.h"
#include "maturitycharts.h"
#include "operations/programmeops.h"
#include "screenfit.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace phm::ui {

namespace {

// The stage a cycle records next (nullopt: complete).
std::optional<core::cycle::Stage> nextStage(const core::cycle::Cycle *c) {
    if (!c || c->stages.empty()) return core::cycle::Stage::Review;
    if (c->complete()) return std::nullopt;
    return core::cycle::Stage(int(c->stages.back().stage) + 1);
}
}  // namespace

CycleDialog::CycleDialog(core::SessionPtr session, const QString &pcn, const QString &pcnName,
                         const std::vector<core::cycle::Cycle> &cycles, QWidget *parent)
    : QDialog(parent),
      mSession(std::move(session)),
      mPcn(pcn),
      mCycles(cycles),
      mCycle(new QComboBox(this)),
      mTitle(new QLineEdit(this)),
      mNote(new QLineEdit(this)),
      mNext(new QLabel(this)),
      mStatus(new QLabel(this)),
      mDate(new QDateEdit(QDate::currentDate(), this)),
      mCohorts(new QListWidget(this)),
      mEvaluation(new QComboBox(this)) {
    setWindowTitle(tr("PHM cycle of %1").arg(pcnName));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    mCycle->addItem(tr("A new cycle"), qlonglong(0));
    for (const core::cycle::Cycle &c : cycles) mCycle->addItem(c.title, qlonglong(c.id));
    form->addRow(tr("Cycle:"), mCycle);
    mTitle->setPlaceholderText(tr("The opportunity, e.g. Frailty: proactive MDT review"));
    form->addRow(tr("Opportunity:"), mTitle);
    form->addRow(tr("Next stage:"), mNext);
    mDate->setCalendarPopup(true);
    mDate->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    form->addRow(tr("Reached on:"), mDate);
    form->addRow(tr("Saved cohorts used:"), mCohorts);
    mEvaluation->addItem(tr("None"), qlonglong(0));
    mEvaluation->setToolTip(tr("At the evaluate stage: the saved evaluation that shows whether it worked"));
    form->addRow(tr("Evaluation:"), mEvaluation);
    form->addRow(tr("Note:"), mNote);
    layout->addLayout(form);
    mStatus->setWordWrap(true);
    layout->addWidget(mStatus);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    auto *record = buttons->addButton(tr("Record"), QDialogButtonBox::AcceptRole);
    layout->addWidget(buttons);
    connect(record, &QPushButton::clicked, this, &CycleDialog::record);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(mCycle, &QComboBox::currentIndexChanged, this, &CycleDialog::cycleChosen);
    fitToScreen(this, sizeHint());
    // The saved cohorts, read off the GUI thread.
    mLoadJob->start([session = mSession](core::Feedback &) { return session->savedCohorts(); },
                    [this](const core::Result<std::vector<core::SavedCohort>> &saved) {
                        if (!saved) {
                            mStatus->setText(saved.error().message);
                            return;
                        }
                        for (const core::SavedCohort &c : saved.value()) {
                            auto *item = new QListWidgetItem(c.name, mCohorts);
                            item->setCheckState(Qt::Unchecked);
                        }
                        emit cohortsLoaded();
                    });
    mEvaluationsJob->start(
        [session = mSession](core::Feedback &) { return core::ops::savedEvaluationsJson(*session); },
        [this](const core::Result<QJsonObject> &saved) {
            if (!saved) {
                mStatus->setText(saved.error().message);
                emit evaluationsLoaded();
                return;
            }
            // This PCN's first: a matched comparison covers the ICS's enrolled people, a time
            // series one area; one of another area comes last and says which.
            QList<QJsonObject> elsewhere;
            for (const QJsonValue &v : saved.value().value(QStringLiteral("evaluations")).toArray()) {
                const QJsonObject e = v.toObject(), r = e.value(QStringLiteral("result")).toObject();
                if (r.value(QStringLiteral("method")).toString() == QLatin1String("its") &&
                    r.value(QStringLiteral("area_code")).toString().compare(mPcn, Qt::CaseInsensitive) != 0)
                    elsewhere << e;
                else
                    mEvaluation->addItem(
                        tr("%1 (%2)").arg(e.value(QStringLiteral("name")).toString(), e.value(QStringLiteral("programme")).toString()),
                        e.value(QStringLiteral("id")).toInteger());
            }
            for (const QJsonObject &e : elsewhere)
                mEvaluation->addItem(tr("%1 (%2; another area, %3)")
                                         .arg(e.value(QStringLiteral("name")).toString(), e.value(QStringLiteral("programme")).toString(),
                                              e.value(QStringLiteral("result"))[QStringLiteral("area")].toString()),
                                     e.value(QStringLiteral("id")).toInteger());
            emit evaluationsLoaded();
        });
    mCycle->setCurrentIndex(cycles.empty() ? 0 : 1);
    cycleChosen();
}

void CycleDialog::cycleChosen() {
    const qint64 id = mCycle->currentData().toLongLong();
    const core::cycle::Cycle *c = nullptr;
    for (const core::cycle::Cycle &x : mCycles)
        if (x.id == id) c = &x;
    mTitle->setEnabled(id == 0);
    if (c) mTitle->setText(c->title);
    const auto next = nextStage(c);
    mNext->setText(next ? stageTitle(*next) : tr("complete: every stage is recorded"));
    mEvaluation->setEnabled(next == core::cycle::Stage::Evaluate);
}

void CycleDialog::record() {
    const qint64 id = mCycle->currentData().toLongLong();
    const core::cycle::Cycle *c = nullptr;
    for (const core::cycle::Cycle &x : mCycles)
        if (x.id == id) c = &x;
    const auto next = nextStage(c);
    if (!next) {
        mStatus->setText(tr("This cycle is complete; start a new one."));
        emit recorded(false);
        return;
    }
    core::cycle::StageRecord stage{*next, mDate->date(), {}, mNote->text().trimmed(), {}, {}, 0};
    if (*next == core::cycle::Stage::Evaluate) stage.evaluation = mEvaluation->currentData().toLongLong();
    for (int i = 0; i < mCohorts->count(); ++i)
        if (mCohorts->item(i)->checkState() == Qt::Checked) stage.cohorts << mCohorts->item(i)->text();
    mSaveJob->start(
        [session = mSession, pcn = mPcn, id, title = mTitle->text().trimmed(),
         stage](core::Feedback &) -> core::Result<core::cycle::Cycle> {
            qint64 cycleId = id;
            if (cycleId == 0) {
                auto started = session->startCycle(pcn, title);
                if (!started) return started.error();
                cycleId = started.value().id;
            }
            return session->recordStage(cycleId, stage);
        },
        [this](const core::Result<core::cycle::Cycle> &r) {
            if (!r) {
                mStatus->setText(r.error().message);
                emit recorded(false);
                return;
            }
            emit recorded(true);
            accept();
        });
}

}  // namespace phm::ui
