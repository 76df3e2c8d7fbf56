#include "auditlogdialog.h"
#include "base/dates.h"
#include "tableactions.h"

#include "backgroundjob.h"
#include "governance/credentials.h"
#include "screenfit.h"
#include "tablestyle.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace phm::ui {

namespace {
// "cohort: frail-elderly; revealed: 12; files: a.pdf, b.pdf" from an entry's detail.
QString describe(const QJsonObject &detail) {
    QStringList parts;
    for (auto it = detail.begin(); it != detail.end(); ++it) {
        QString value;
        if (it->isArray()) {
            QStringList items;
            for (const QJsonValue &v : it->toArray()) items << (v.isString() ? v.toString() : v.toVariant().toString());
            value = items.join(QStringLiteral(", "));
        } else if (it->isObject()) {
            value = QString::fromUtf8(QJsonDocument(it->toObject()).toJson(QJsonDocument::Compact));
        } else {
            value = it->toVariant().toString();
        }
        parts << QStringLiteral("%1: %2").arg(it.key(), value);
    }
    return parts.join(QStringLiteral("; "));
}
}  // namespace

AuditLogDialog::AuditLogDialog(core::SessionPtr session, const core::User &user, QWidget *parent)
    : QDialog(parent),
      mSession(std::move(session)),
      mPath(mSession->path()),
      mUser(user),
      mModel(new QStandardItemModel(this)),
      mFilter(new QSortFilterProxyModel(this)),
      mTable(new QTableView(this)),
      mFilterEdit(new QLineEdit(this)),
      mStatus(new QLabel(this)),
      mVerify(new QPushButton(tr("&Verify chain"), this)),
      mPassphrase(new QLineEdit(this)),
      mUnlock(new QPushButton(tr("&Open the log"), this)) {
    setWindowTitle(tr("Audit log — %1").arg(QFileInfo(mPath).fileName()));
    mVerify->setObjectName(QStringLiteral("auditVerify"));
    mPassphrase->setObjectName(QStringLiteral("auditPassphrase"));
    mUnlock->setObjectName(QStringLiteral("auditUnlock"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Every export, re-identification and change of users in this project, oldest first. The log is "
                                "append-only and each entry carries the hash of the one before it, so an entry that was changed, "
                                "removed or moved breaks the chain."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    mFilterEdit->setPlaceholderText(tr("Filter by user, action or detail"));
    mFilterEdit->setClearButtonEnabled(true);
    auto *proof = new QHBoxLayout;
    mPassphrase->setEchoMode(QLineEdit::Password);
    mPassphrase->setPlaceholderText(tr("Your passphrase"));
    auto *passphraseLabel = new QLabel(tr("&Passphrase:"), this);
    passphraseLabel->setObjectName(QStringLiteral("auditPassphraseLabel"));
    passphraseLabel->setBuddy(mPassphrase);
    proof->addWidget(passphraseLabel);
    proof->addWidget(mPassphrase, 1);
    proof->addWidget(mUnlock);
    layout->addLayout(proof);
    layout->addWidget(mFilterEdit);
    connect(mUnlock, &QPushButton::clicked, this, &AuditLogDialog::unlock);
    connect(mPassphrase, &QLineEdit::returnPressed, this, &AuditLogDialog::unlock);
    mModel->setHorizontalHeaderLabels({tr("#"), tr("Time"), tr("User"), tr("Role"), tr("Action"), tr("Detail"), tr("Hash")});
    mFilter->setSourceModel(mModel);
    mFilter->setFilterKeyColumn(-1);
    mFilter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    mTable->setModel(mFilter);
    styleTable(mTable);
    mTable->horizontalHeader()->setSectionResizeMode(5, QHeaderView::Stretch);
    mTable->setWordWrap(false);
    // An admin's view of who did what (counts in a detail are of exported rows, and the admin sees
    // them all): copied as shown, and the copy is itself an entry in the log.
    installTextTableActions(mTable, mSession, tr("Audit log"));
    layout->addWidget(mTable, 1);
    mStatus->setWordWrap(true);
    mStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(mStatus);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(mVerify, QDialogButtonBox::ActionRole);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(mVerify, &QPushButton::clicked, this, &AuditLogDialog::verify);
    connect(mFilterEdit, &QLineEdit::textChanged, mFilter, &QSortFilterProxyModel::setFilterFixedString);
    fitToScreen(this, QSize(1100, 560));
    load();
}

int AuditLogDialog::entryCount() const { return mModel->rowCount(); }

void AuditLogDialog::unlock() {
    // The passphrase goes to the worker and is cleared from the field at once.
    QByteArray secret = mPassphrase->text().toUtf8();
    mPassphrase->clear();
    mUnlock->setEnabled(false);
    mStatus->setText(tr("Checking your passphrase…"));
    mReadJob->start(
        [path = mPath, login = mUser.name, secret](core::Feedback &) mutable {
            auto proven = core::authenticate(path, login, secret);
            secret.fill('\0');
            return proven;
        },
        [this](const core::Result<core::User> &r) {
            mUnlock->setEnabled(true);
            if (!r) {
                mStatus->setText(tr("Refused: %1").arg(r.error().message));
                emit loaded();
                return;
            }
            mUser = r.value();
            load();
        });
}

void AuditLogDialog::load() {
    const bool mayProve = mUser.listed && mUser.role == core::Role::Admin;
    mPassphrase->setVisible(mayProve && !mUser.proven);
    mUnlock->setVisible(mayProve && !mUser.proven);
    findChild<QLabel *>(QStringLiteral("auditPassphraseLabel"))->setVisible(mayProve && !mUser.proven);
    if (mayProve && !mUser.proven) {
        mStatus->setText(tr("Give your passphrase to open the audit log."));
        mPassphrase->setFocus();
        mFilterEdit->setEnabled(false);
        return;
    }
    if (auto allowed = core::requireRole(mUser, core::Role::Admin, tr("read the audit log")); !allowed) {
        mStatus->setText(allowed.error().message);
        mVerify->setEnabled(false);
        mFilterEdit->setEnabled(false);
        emit loaded();
        return;
    }
    mFilterEdit->setEnabled(true);
    mStatus->setText(tr("Reading the audit log…"));
    mReadJob->start([session = mSession, user = mUser](core::Feedback &) { return session->auditLog(user); },
                    [this](const core::Result<std::vector<core::audit::Entry>> &r) {
                        if (!r)
                            mStatus->setText(r.error().message);
                        else
                            showEntries(r.value());
                        emit loaded();
                    });
}

void AuditLogDialog::showEntries(const std::vector<core::audit::Entry> &entries) {
    mModel->removeRows(0, mModel->rowCount());
    const QLocale l;
    for (const core::audit::Entry &e : entries) {
        const QDateTime at = QDateTime::fromString(e.at, Qt::ISODateWithMs).toLocalTime();
        QList<QStandardItem *> row = {new QStandardItem,
                                      new QStandardItem(core::displayDateTime(at)),
                                      new QStandardItem(e.user),
                                      new QStandardItem(e.role),
                                      new QStandardItem(e.action),
                                      new QStandardItem(describe(e.detail)),
                                      new QStandardItem(e.hash.left(12))};
        row[0]->setData(qlonglong(e.seq), Qt::DisplayRole);
        row[1]->setToolTip(e.at);
        row[5]->setToolTip(describe(e.detail));
        row[6]->setToolTip(tr("This entry: %1\nPrevious: %2").arg(e.hash, e.prevHash));
        mModel->appendRow(row);
    }
    mStatus->setText(tr("%n entries. Press Verify chain to check that none was changed, removed or moved.", nullptr, int(entries.size())));
    mTable->scrollToBottom();
}

void AuditLogDialog::verify() {
    mVerify->setEnabled(false);
    mStatus->setText(tr("Verifying the hash chain…"));
    mVerifyJob->start(
        [path = mPath](core::Feedback &) { return core::verifyAuditLog(path); },
        [this](const core::Result<core::audit::Verification> &r) {
            mVerify->setEnabled(true);
            if (!r) {
                mStatus->setText(r.error().message);
                emit verified(false);
                return;
            }
            const core::audit::Verification &v = r.value();
            if (v.ok) {
                const QString anchor =
                    v.anchored ? tr("Entries 1 to %1 match the audit journal beside the project.").arg(v.anchoredSeq)
                               : tr("<b>Not anchored:</b> no audit journal beside the project, so only the chain inside the file was "
                                    "checked.");
                mStatus->setText(tr("<span style='color:#007f3b'><b>Chain intact.</b></span> %n entries, each following the one "
                                    "before it. %1",
                                    nullptr, int(v.entries))
                                     .arg(anchor));
            } else {
                mStatus->setText(tr("<span style='color:#d5281b'><b>Chain broken.</b></span> %1").arg(v.problem.toHtmlEscaped()));
                const auto hits = mModel->match(mModel->index(0, 0), Qt::DisplayRole, qlonglong(v.firstBad), 1, Qt::MatchExactly);
                if (!hits.isEmpty()) mTable->selectRow(mFilter->mapFromSource(hits.first()).row());
            }
            emit verified(v.ok);
        });
}

}  // namespace phm::ui
