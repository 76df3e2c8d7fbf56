#include "cohortlibrary.h"

#include "backgroundjob.h"
#include "base/dates.h"
#include "governance/publish.h"
#include "projectcontroller.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace phm::ui {

namespace {
enum Column { Name, Author, Saved, People, Note };
constexpr int kNameRole = Qt::UserRole + 1;

// The saved counts as disclosure control publishes them ("*" when suppressed): one count per version.
std::vector<QString> publishedCounts(const core::SavedCohort &c, const core::disclosure::Policy &policy) {
    QJsonArray versions;
    for (const core::CohortVersion &v : c.history) versions.append(QJsonObject{{QStringLiteral("count"), v.count}});
    core::disclosure::OutputFields fields;
    fields.counts = {QStringLiteral("count")};
    fields.notLines = {QStringLiteral("versions")};  // versions are not parts of a whole
    const QJsonArray shown = core::disclosure::publish(QJsonObject{{QStringLiteral("versions"), versions}}, fields, policy)
                                 .value[QStringLiteral("versions")]
                                 .toArray();
    std::vector<QString> out;
    for (const QJsonValue &v : shown) {
        const QJsonValue n = v[QStringLiteral("count")];
        out.push_back(n.isNull() || n.toInteger() < 0 ? QStringLiteral("*") : QLocale().toString(n.toInteger()));
    }
    return out;
}
}  // namespace

CohortLibrary::CohortLibrary(ProjectController *controller, QWidget *parent)
    : QWidget(parent),
      mController(controller),
      mView(new QTreeView(this)),
      mModel(new QStandardItemModel(this)),
      mStatus(new QLabel(this)),
      mOpen(new QPushButton(tr("&Open in the builder"), this)),
      mRename(new QPushButton(tr("&Rename…"), this)),
      mDescribe(new QPushButton(tr("&Description…"), this)),
      mDelete(new QPushButton(tr("De&lete…"), this)),
      mListing(new BackgroundJob(this)),
      mWriting(new BackgroundJob(this)) {
    mView->setObjectName(QStringLiteral("cohortLibraryView"));
    mView->setModel(mModel);
    mView->setUniformRowHeights(true);
    mView->setTabKeyNavigation(false);
    mStatus->setWordWrap(true);
    for (BackgroundJob *job : {mListing, mWriting}) job->showErrorsIn(mStatus);
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {mOpen, mRename, mDescribe, mDelete}) buttons->addWidget(b);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(mView, 1);
    layout->addWidget(mStatus);
    connect(mOpen, &QPushButton::clicked, this, &CohortLibrary::open);
    connect(mView, &QTreeView::doubleClicked, this, &CohortLibrary::open);
    connect(mRename, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Rename cohort"), tr("New name:"), QLineEdit::Normal, selectedCohort(), &ok);
        if (ok && !name.trimmed().isEmpty()) rename(name.trimmed());
    });
    connect(mDescribe, &QPushButton::clicked, this, [this] {
        QString current;
        for (const core::SavedCohort &c : mSaved)
            if (c.name == selectedCohort()) current = c.description;
        bool ok = false;
        const QString text = QInputDialog::getMultiLineText(this, tr("Describe cohort"), tr("What is this cohort for?"), current, &ok);
        if (ok) describe(text);
    });
    connect(mDelete, &QPushButton::clicked, this, [this] {
        if (selectedCohort().isEmpty()) return;
        if (QMessageBox::question(this, tr("Delete cohort"), tr("Delete \"%1\" and all its versions?").arg(selectedCohort())) ==
            QMessageBox::Yes)
            remove();
    });
    connect(controller, &ProjectController::projectOpened, this, [this] {
        reload();
        connect(mController->session().get(), &core::Session::cohortsChanged, this, &CohortLibrary::reload, Qt::UniqueConnection);
    });
    mStatus->setText(tr("Cohorts saved in the project appear here. Save one from the cohort builder."));
}

void CohortLibrary::reload() {
    if (!mController->session()) return;
    mListing->start([session = mController->session()](core::Feedback &) { return session->savedCohorts(); },
                    [this](const std::vector<core::SavedCohort> &saved) { show(saved); });
}

void CohortLibrary::show(const std::vector<core::SavedCohort> &saved) {
    const QString was = selectedCohort();
    mSaved = saved;
    mModel->clear();
    mModel->setHorizontalHeaderLabels({tr("Cohort"), tr("Author"), tr("Saved"), tr("People"), tr("Description or note")});
    const auto &policy = mController->policy();
    for (const core::SavedCohort &c : saved) {
        if (c.history.empty()) continue;
        const std::vector<QString> counts = publishedCounts(c, policy);
        const core::CohortVersion &now = c.current();
        QList<QStandardItem *> row{new QStandardItem(c.name), new QStandardItem(now.author),
                                   new QStandardItem(core::displayDateTime(now.savedAt)), new QStandardItem(counts.back()),
                                   new QStandardItem(c.description)};
        row[Name]->setData(c.name, kNameRole);
        row[Name]->setToolTip(now.rule);
        row[People]->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        for (size_t i = c.history.size(); i-- > 0;) {  // newest first
            const core::CohortVersion &v = c.history[i];
            QList<QStandardItem *> version{new QStandardItem(tr("version %1").arg(v.version)), new QStandardItem(v.author),
                                           new QStandardItem(core::displayDateTime(v.savedAt)), new QStandardItem(counts[i]),
                                           new QStandardItem(v.note)};
            version[Name]->setData(c.name, kNameRole);
            version[Name]->setToolTip(v.rule);
            version[People]->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            row[Name]->appendRow(version);
        }
        mModel->appendRow(row);
    }
    mView->header()->setSectionResizeMode(Note, QHeaderView::Stretch);
    for (QPushButton *b : {mOpen, mRename, mDescribe, mDelete}) b->setEnabled(!saved.empty());
    mStatus->setText(tr("%n saved cohorts; double-click one to open it in the cohort builder.", nullptr, int(saved.size())));
    if (!was.isEmpty()) selectCohort(was);
    emit listed();
}

QString CohortLibrary::selectedCohort() const { return mView->currentIndex().siblingAtColumn(Name).data(kNameRole).toString(); }

void CohortLibrary::selectCohort(const QString &name) {
    for (int r = 0; r < mModel->rowCount(); ++r)
        if (mModel->item(r, Name)->data(kNameRole).toString() == name) mView->setCurrentIndex(mModel->index(r, Name));
}

void CohortLibrary::open() {
    // A version row opens that version's rule; a cohort row its latest.
    const QModelIndex index = mView->currentIndex().siblingAtColumn(Name);
    if (index.isValid()) emit openRequested(index.data(Qt::ToolTipRole).toString());
}

void CohortLibrary::write(const QString &what, std::function<core::Status(core::Session &)> change) {
    const auto session = mController->session();
    if (!session) return;
    mWriting->start([session, change = std::move(change)](core::Feedback &) { return change(*session); },
                    [this, what](const core::Status &status) { mStatus->setText(status ? what : status.error().message); });
}

void CohortLibrary::rename(const QString &newName) {
    const QString name = selectedCohort();
    if (name.isEmpty()) return;
    write(tr("Renamed \"%1\" to \"%2\".").arg(name, newName), [name, newName](core::Session &s) { return s.renameCohort(name, newName); });
}

void CohortLibrary::describe(const QString &description) {
    const QString name = selectedCohort();
    if (name.isEmpty()) return;
    write(tr("Description of \"%1\" saved.").arg(name),
          [name, description](core::Session &s) { return s.setCohortDescription(name, description); });
}

void CohortLibrary::remove() {
    const QString name = selectedCohort();
    if (name.isEmpty()) return;
    write(tr("Deleted \"%1\".").arg(name), [name](core::Session &s) { return s.removeCohort(name); });
}

}  // namespace phm::ui
