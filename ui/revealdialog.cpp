#include "revealdialog.h"
#include "base/dates.h"

#include "backgroundjob.h"
#include "cohorts/cohortstore.h"
#include "cohorts/reidentify.h"
#include "screenfit.h"
#include "tablestyle.h"

#include <QComboBox>
#include <QDate>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace phm::ui {

RevealDialog::RevealDialog(core::SessionPtr session, const core::User &user, QWidget *parent)
    : QDialog(parent),
      mSession(std::move(session)),
      mUser(user),
      mCohort(new QComboBox(this)),
      mReason(new QPlainTextEdit(this)),
      mKeys(new QLineEdit(this)),
      mPassphrase(new QLineEdit(this)),
      mReveal(new QPushButton(tr("&Reveal"), this)),
      mStatus(new QLabel(this)),
      mModel(new QStandardItemModel(this)),
      mTable(new QTableView(this)) {
    setWindowTitle(tr("Reveal identities for direct care"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Shows the NHS number, name and date of birth of the members of a saved cohort who are registered "
                                "at your practice. Every attempt is written to the audit log with your reason."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    form->addRow(tr("You:"),
                 new QLabel(user.practice.isEmpty() ? tr("%1 (%2)").arg(user.name, core::roleName(user.role))
                                                    : tr("%1 (%2, practice %3)").arg(user.name, core::roleName(user.role), user.practice),
                            this));
    form->addRow(tr("Saved cohort:"), mCohort);
    mReason->setPlaceholderText(tr("The direct-care reason, e.g. invite to the frailty multidisciplinary team review"));
    mReason->setTabChangesFocus(true);
    mReason->setFixedHeight(mReason->fontMetrics().height() * 4);
    form->addRow(tr("Reason:"), mReason);
    auto *keysRow = new QHBoxLayout;
    mKeys->setText(core::defaultKeyStorePath(mSession->project().path));
    auto *browse = new QPushButton(tr("Browse…"), this);
    keysRow->addWidget(mKeys);
    keysRow->addWidget(browse);
    form->addRow(tr("Key store:"), keysRow);
    mPassphrase->setEchoMode(QLineEdit::Password);
    form->addRow(tr("Passphrase:"), mPassphrase);
    layout->addLayout(form);
    mStatus->setWordWrap(true);
    layout->addWidget(mStatus);
    mModel->setHorizontalHeaderLabels({tr("NHS number"), tr("Family name"), tr("Given name"), tr("Date of birth"), tr("Practice")});
    mTable->setModel(mModel);
    styleTable(mTable);
    mTable->setContextMenuPolicy(Qt::NoContextMenu);
    layout->addWidget(mTable, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(mReveal, QDialogButtonBox::ActionRole);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(mReveal, &QPushButton::clicked, this, &RevealDialog::reveal);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Key store"), mKeys->text(), tr("Key stores (*.keys)"));
        if (!f.isEmpty()) mKeys->setText(f);
    });
    fitToScreen(this, QSize(760, 560));

    // Everyone but a clinician is refused before anything is read; a clinician proves who they are
    // with their passphrase when they press Reveal (core/cohorts/reidentify checks it).
    core::User claimed = mUser;
    claimed.proven = true;
    if (auto allowed = core::requireRole(claimed, core::Role::Clinician, tr("reveal identities")); !allowed) {
        mStatus->setText(allowed.error().message);
        for (QWidget *w : std::initializer_list<QWidget *>{mCohort, mReason, mKeys, mPassphrase, mReveal, browse}) w->setEnabled(false);
        return;
    }
    mReveal->setEnabled(false);
    mStatus->setText(tr("Reading the saved cohorts…"));
    mLoadJob->start([session = mSession](core::Feedback &) { return session->savedCohorts(); },
                    [this](const core::Result<std::vector<core::SavedCohort>> &saved) {
                        if (!saved) {
                            mStatus->setText(saved.error().message);
                        } else if (saved.value().empty()) {
                            mStatus->setText(tr("The project has no saved cohorts. Save one in the cohort builder first."));
                        } else {
                            for (const core::SavedCohort &c : saved.value()) mCohort->addItem(c.name);
                            mStatus->clear();
                            mReveal->setEnabled(true);
                        }
                        emit cohortsLoaded();
                    });
}

RevealDialog::~RevealDialog() { clearIdentities(); }

void RevealDialog::done(int result) {
    clearIdentities();
    mPassphrase->clear();
    QDialog::done(result);
}

void RevealDialog::clearIdentities() { mModel->removeRows(0, mModel->rowCount()); }

void RevealDialog::reveal() {
    clearIdentities();
    core::RevealRequest request{mCohort->currentText(), mReason->toPlainText(), mKeys->text(), {}};
    if (auto s = core::checkReason(request.reason); !s) {
        mStatus->setText(s.error().message);
        return;
    }
    mReveal->setEnabled(false);
    mStatus->setText(tr("Unlocking the key store and checking the cohort…"));
    // The passphrase goes with the request to the worker and is cleared from the field at once.
    auto *field = mPassphrase;
    request.passphrase = field->text().toUtf8();
    field->clear();
    mRevealJob->start(
        [session = mSession, user = mUser, request = std::move(request)](core::Feedback &) mutable {
            auto r = session->read(
                [&](core::ProjectDb &db) { return core::reidentify(db, session->project(), session->codeLists(), user, request); });
            request.passphrase.fill('\0');
            return r;
        },
        [this](const core::Result<core::Reveal> &r) {
            mReveal->setEnabled(true);
            if (!r) {
                mStatus->setText(tr("<span style='color:#d5281b'><b>Refused.</b></span> %1").arg(r.error().message.toHtmlEscaped()));
                emit revealFinished(false);
                return;
            }
            const core::Reveal &v = r.value();
            const QLocale l;
            for (const core::RevealedPerson &p : v.people)
                mModel->appendRow({new QStandardItem(p.identity.nhsNumber), new QStandardItem(p.identity.familyName),
                                   new QStandardItem(p.identity.givenName),
                                   new QStandardItem(core::displayDate(QDate::fromString(p.identity.dateOfBirth, Qt::ISODate))),
                                   new QStandardItem(p.practiceCode)});
            mStatus->setText(tr("%1 of %2 cohort members (version %3) are registered at %4 and shown; %5 registered elsewhere are "
                                "withheld; %6 not in the key store. This was recorded in the audit log.")
                                 .arg(l.toString(qlonglong(v.people.size())), l.toString(v.cohortMembers))
                                 .arg(v.cohortVersion)
                                 .arg(v.practice, l.toString(v.otherPractices), l.toString(v.notInKeyStore)));
            emit revealFinished(true);
        });
}

}  // namespace phm::ui
