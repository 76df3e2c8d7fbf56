#include "codelistbrowser.h"
#include "tableactions.h"

#include "backgroundjob.h"
#include "operations/codelistops.h"
#include "rules/rulecatalogue.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace phm::ui {

namespace {
QString countText(const QJsonValue &v) { return v.isNull() ? QStringLiteral("*") : QLocale().toString(v.toInteger()); }
}  // namespace

CodeListBrowser::CodeListBrowser(core::SessionPtr session, const QString &dataset, QWidget *parent)
    : QDialog(parent),
      mSession(std::move(session)),
      mSearch(new QLineEdit(this)),
      mLists(new QListWidget(this)),
      mDataset(new QComboBox(this)),
      mTable(new QTableView(this)),
      mCodes(new QStandardItemModel(this)),
      mSummary(new QLabel(this)),
      mJob(new BackgroundJob(this)) {
    setWindowTitle(tr("Code lists"));
    setObjectName(QStringLiteral("codeListBrowser"));
    mSearch->setPlaceholderText(tr("Find a list, e.g. diab"));
    mSearch->setClearButtonEnabled(true);
    mLists->setObjectName(QStringLiteral("codeLists"));
    for (const QString &name : mSession->codeLists().names()) mLists->addItem(QLatin1Char('@') + name);
    for (const QString &d : core::rules::datasetNames()) mDataset->addItem(d, d);
    mDataset->setCurrentIndex(std::max(0, mDataset->findData(dataset)));
    mTable->setModel(mCodes);
    mTable->setObjectName(QStringLiteral("codeListCodes"));
    new TableActions(mTable, [session = mSession] { return session; }, tr("Code list"), {0, 1});
    mTable->setTabKeyNavigation(false);
    mTable->verticalHeader()->hide();
    mTable->horizontalHeader()->setStretchLastSection(false);
    mSummary->setWordWrap(true);
    mJob->showErrorsIn(mSummary);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(mSearch);
    leftLayout->addWidget(mLists, 1);
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    auto *datasetRow = new QHBoxLayout;
    datasetRow->addWidget(new QLabel(tr("Counted in"), this));
    datasetRow->addWidget(mDataset, 1);
    rightLayout->addLayout(datasetRow);
    rightLayout->addWidget(mSummary);
    rightLayout->addWidget(mTable, 1);
    auto *split = new QSplitter(this);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(1, 3);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Use this list"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split, 1);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(mSearch, &QLineEdit::textChanged, this, &CodeListBrowser::filter);
    connect(mLists, &QListWidget::currentRowChanged, this, &CodeListBrowser::showList);
    connect(mDataset, &QComboBox::currentIndexChanged, this, &CodeListBrowser::showList);
    connect(mLists, &QListWidget::itemDoubleClicked, this, &QDialog::accept);
    resize(820, 520);
}

QString CodeListBrowser::chosenList() const { return mLists->currentItem() ? mLists->currentItem()->text().mid(1) : QString(); }

QString CodeListBrowser::dataset() const { return mDataset->currentData().toString(); }

void CodeListBrowser::selectList(const QString &name) {
    const auto found = mLists->findItems(QLatin1Char('@') + name, Qt::MatchExactly);
    if (!found.isEmpty()) mLists->setCurrentItem(found.front());
}

void CodeListBrowser::filter(const QString &text) {
    for (int i = 0; i < mLists->count(); ++i) mLists->item(i)->setHidden(!mLists->item(i)->text().contains(text, Qt::CaseInsensitive));
}

void CodeListBrowser::showList() {
    const QString list = chosenList();
    if (list.isEmpty()) return;
    mSummary->setText(tr("Counting @%1 in %2…").arg(list, dataset()));
    mJob->start(
        [session = mSession, request = core::ops::CodeListRequest{list, dataset()}](core::Feedback &fb) -> core::Result<QJsonObject> {
            auto run = core::ops::runCodeList(*session, request, fb);
            if (!run) return run.error();
            // On screen as in any export: the counts through the project's disclosure policy.
            return core::disclosure::publish(core::ops::codeListJson(run.value()), core::ops::codeListFields(), session->policy())
                .value.toObject();
        },
        [this](const core::Result<QJsonObject> &result) {
            mCodes->clear();
            mCodes->setHorizontalHeaderLabels({tr("Code"), tr("Description"), tr("People"), tr("Events")});
            if (!result) {
                mSummary->setText(result.error().message);
                return;
            }
            const QJsonObject o = result.value();
            for (const QJsonValue &v : o.value(QStringLiteral("codes")).toArray()) {
                const QJsonObject c = v.toObject();
                auto number = [](const QString &text) {  // published by the worker: copied as it is
                    auto *item = new QStandardItem(text);
                    item->setData(text, ExportTextRole);
                    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                    return item;
                };
                mCodes->appendRow({new QStandardItem(c.value(QStringLiteral("code")).toString()),
                                   new QStandardItem(c.value(QStringLiteral("term")).toString()),
                                   number(countText(c.value(QStringLiteral("people")))),
                                   number(countText(c.value(QStringLiteral("events"))))});
            }
            mTable->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
            mSummary->setText(tr("@%1: %n codes; %2 people have any of them in %3 (%4).", nullptr, mCodes->rowCount())
                                  .arg(o.value(QStringLiteral("list")).toString(), countText(o.value(QStringLiteral("people"))),
                                       o.value(QStringLiteral("dataset")).toString(), mSession->policy().describe()));
            emit countsShown();
        });
}

}  // namespace phm::ui
