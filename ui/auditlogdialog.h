#pragma once
// The audit log for admins: every export, re-identification and change of users, newest last,
// with a filter and a button that verifies the hash chain. Reading and verifying run off the GUI
// thread. Anyone else sees the refusal instead of the log. An admin proves who they are with their
// passphrase first (core/governance/credentials): the login alone opens nothing.
#include "backgroundjob.h"
#include "governance/users.h"
#include "session/session.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTableView;

namespace phm::ui {

class AuditLogDialog : public QDialog {
    Q_OBJECT
public:
    // The log of the session's project, read as `user` (who proves themselves here when an admin).
    AuditLogDialog(core::SessionPtr session, const core::User &user, QWidget *parent = nullptr);
    QTableView *table() const { return mTable; }
    QLabel *status() const { return mStatus; }
    QPushButton *verifyButton() const { return mVerify; }
    QLineEdit *passphrase() const { return mPassphrase; }
    QPushButton *unlockButton() const { return mUnlock; }
    int entryCount() const;

signals:
    void loaded();
    void verified(bool ok);

private:
    void load();
    void unlock();
    void verify();
    void showEntries(const std::vector<core::audit::Entry> &entries);

    core::SessionPtr mSession;
    QString mPath;  // for the passphrase check and the chain's verification, which start from the file
    core::User mUser;
    QStandardItemModel *mModel;
    QSortFilterProxyModel *mFilter;
    QTableView *mTable;
    QLineEdit *mFilterEdit;
    QLabel *mStatus;
    QPushButton *mVerify;
    QLineEdit *mPassphrase;
    QPushButton *mUnlock;
    BackgroundJob *mReadJob = new BackgroundJob(this);    // checks the passphrase, then reads the log
    BackgroundJob *mVerifyJob = new BackgroundJob(this);  // verifies the chain
};

}  // namespace phm::ui
