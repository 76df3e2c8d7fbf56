#include "frameworkdialog.h"
#include "tableactions.h"

#include "backgroundjob.h"
#include "governance/users.h"
#include "maturity/maturitystore.h"
#include "screenfit.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace phm::ui {

namespace {
constexpr int kFixedColumns = 3;  // name, optional, description; then one column per level

QStringList levelsOf(const QLineEdit *edit) {
    QStringList out;
    for (const QString &l : edit->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) out << l.trimmed();
    return out;
}
}  // namespace

FrameworkDialog::FrameworkDialog(core::SessionPtr session, const core::maturity::Framework &framework, QWidget *parent)
    : QDialog(parent),
      mSession(std::move(session)),
      mName(new QLineEdit(framework.name, this)),
      mSummary(new QLineEdit(framework.summary, this)),
      mLevels(new QLineEdit(framework.levels.join(QStringLiteral(", ")), this)),
      mTable(new QTableWidget(this)),
      mStatus(new QLabel(this)) {
    setWindowTitle(tr("Maturity framework"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    form->addRow(tr("Name:"), mName);
    form->addRow(tr("Summary:"), mSummary);
    mLevels->setToolTip(tr("Lowest first, separated by commas"));
    form->addRow(tr("Levels:"), mLevels);
    layout->addLayout(form);
    installTextTableActions(mTable, mSession, tr("Maturity framework"));
    mTable->setColumnCount(kFixedColumns + int(framework.levels.size()));
    mTable->setRowCount(int(framework.capabilities.size()));
    for (int r = 0; r < mTable->rowCount(); ++r) {
        const core::maturity::Capability &c = framework.capabilities[size_t(r)];
        mTable->setItem(r, 0, new QTableWidgetItem(c.name));
        auto *optional = new QTableWidgetItem;
        optional->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        optional->setCheckState(c.optional ? Qt::Checked : Qt::Unchecked);
        mTable->setItem(r, 1, optional);
        mTable->setItem(r, 2, new QTableWidgetItem(c.description));
        for (int k = 0; k < c.descriptors.size(); ++k) mTable->setItem(r, kFixedColumns + k, new QTableWidgetItem(c.descriptors[k]));
    }
    levelsChanged();
    mTable->verticalHeader()->hide();
    mTable->setWordWrap(true);
    mTable->horizontalHeader()->setDefaultSectionSize(180);
    layout->addWidget(mTable, 1);
    mStatus->setWordWrap(true);
    layout->addWidget(mStatus);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    auto *add = buttons->addButton(tr("Add capability"), QDialogButtonBox::ActionRole);
    auto *remove = buttons->addButton(tr("Remove capability"), QDialogButtonBox::ActionRole);
    layout->addWidget(buttons);
    connect(add, &QPushButton::clicked, this, &FrameworkDialog::addCapability);
    connect(remove, &QPushButton::clicked, this, [this] {
        if (mTable->currentRow() >= 0) mTable->removeRow(mTable->currentRow());
    });
    connect(mLevels, &QLineEdit::editingFinished, this, &FrameworkDialog::levelsChanged);
    connect(buttons, &QDialogButtonBox::accepted, this, &FrameworkDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    fitToScreen(this, QSize(1100, 520));
}

void FrameworkDialog::levelsChanged() {
    const QStringList levels = levelsOf(mLevels);
    mTable->setColumnCount(kFixedColumns + int(levels.size()));
    mTable->setHorizontalHeaderLabels(QStringList{tr("Capability"), tr("Optional"), tr("Description")} + levels);
}

void FrameworkDialog::addCapability() {
    const int r = mTable->rowCount();
    mTable->insertRow(r);
    mTable->setItem(r, 0, new QTableWidgetItem(tr("New capability")));
    auto *optional = new QTableWidgetItem;
    optional->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
    optional->setCheckState(Qt::Unchecked);
    mTable->setItem(r, 1, optional);
    mTable->setCurrentCell(r, 0);
}

core::maturity::Framework FrameworkDialog::framework() const {
    core::maturity::Framework f;
    f.name = mName->text().trimmed();
    f.summary = mSummary->text().trimmed();
    f.levels = levelsOf(mLevels);
    auto text = [this](int r, int c) { return mTable->item(r, c) ? mTable->item(r, c)->text().trimmed() : QString(); };
    for (int r = 0; r < mTable->rowCount(); ++r) {
        core::maturity::Capability c;
        c.name = text(r, 0);
        c.optional = mTable->item(r, 1) && mTable->item(r, 1)->checkState() == Qt::Checked;
        c.description = text(r, 2);
        for (int k = 0; k < f.levels.size(); ++k) c.descriptors << text(r, kFixedColumns + k);
        f.capabilities.push_back(c);
    }
    return f;
}

void FrameworkDialog::save() {
    const core::maturity::Framework f = framework();
    // The same checks as an imported file, so the message names the row.
    if (auto checked = core::maturity::frameworkFromJson(f.toJson(), tr("framework")); !checked) {
        mStatus->setText(checked.error().message);
        emit saved(false, f.name);
        return;
    }
    mJob->start([session = mSession, f](core::Feedback &) { return session->saveFramework(f); },
                [this, name = f.name](const core::Status &s) {
                    if (!s) {
                        mStatus->setText(s.error().message);
                        emit saved(false, name);
                        return;
                    }
                    emit saved(true, name);
                    accept();
                });
}

}  // namespace phm::ui
