#pragma once
// Reveal identities for direct care: a clinician picks a saved cohort, states the reason and
// unlocks the key store with its passphrase; the core checks the role and the practice, writes the
// audit entry and only then returns the names. Identities stay in this dialog's memory: they are
// not copied to the clipboard, not exported and cleared when the dialog closes. Anyone else sees
// the refusal.
#include "backgroundjob.h"
#include "governance/users.h"
#include "session/session.h"

#include <QDialog>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QStandardItemModel;
class QTableView;

namespace phm::ui {

class RevealDialog : public QDialog {
    Q_OBJECT
public:
    // The project, its code lists and its saved cohorts are the session's.
    RevealDialog(core::SessionPtr session, const core::User &user, QWidget *parent = nullptr);
    ~RevealDialog() override;
    QComboBox *cohort() const { return mCohort; }
    QPlainTextEdit *reason() const { return mReason; }
    QLineEdit *keyStore() const { return mKeys; }
    QLineEdit *passphrase() const { return mPassphrase; }
    QPushButton *revealButton() const { return mReveal; }
    QLabel *status() const { return mStatus; }
    QTableView *table() const { return mTable; }

signals:
    void cohortsLoaded();
    void revealFinished(bool revealed);

protected:
    void done(int result) override;

private:
    void reveal();
    void clearIdentities();

    core::SessionPtr mSession;
    core::User mUser;
    QComboBox *mCohort;
    QPlainTextEdit *mReason;
    QLineEdit *mKeys;
    QLineEdit *mPassphrase;
    QPushButton *mReveal;
    QLabel *mStatus;
    QStandardItemModel *mModel;
    QTableView *mTable;
    BackgroundJob *mLoadJob = new BackgroundJob(this);    // lists the saved cohorts
    BackgroundJob *mRevealJob = new BackgroundJob(this);  // re-identifies
};

}  // namespace phm::ui
