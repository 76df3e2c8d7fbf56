#include "assessmentdialog.h"
#include "tableactions.h"

#include "backgroundjob.h"
#include "governance/users.h"
#include "maturity/maturitystore.h"
#include "screenfit.h"

#include <QAction>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QUndoCommand>
#include <QUndoStack>
#include <QVBoxLayout>

namespace phm::ui {

namespace {
constexpr int kPrevious = Qt::UserRole + 1;  // a cell's text before the edit now being made

// The levels of the framework as a drop-down in the current and target columns.
class LevelDelegate : public QStyledItemDelegate {
public:
    LevelDelegate(QStringList levels, bool allowNone, QObject *parent)
        : QStyledItemDelegate(parent), mLevels(std::move(levels)), mAllowNone(allowNone) {}
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &) const override {
        auto *box = new QComboBox(parent);
        if (mAllowNone) box->addItem(QString());
        box->addItems(mLevels);
        return box;
    }
    void setEditorData(QWidget *editor, const QModelIndex &index) const override {
        auto *box = static_cast<QComboBox *>(editor);
        box->setCurrentIndex(std::max(0, box->findText(index.data().toString())));
    }
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override {
        model->setData(index, static_cast<QComboBox *>(editor)->currentText());
    }

private:
    QStringList mLevels;
    bool mAllowNone;
};

class SetCell : public QUndoCommand {
public:
    SetCell(QTableWidget *table, bool *applying, int row, int column, QString before, QString after)
        : mTable(table), mApplying(applying), mRow(row), mColumn(column), mBefore(std::move(before)), mAfter(std::move(after)) {
        setText(QCoreApplication::translate("phm::ui::AssessmentDialog", "edit %1").arg(table->horizontalHeaderItem(column)->text()));
    }
    void undo() override { apply(mBefore); }
    void redo() override { apply(mAfter); }

private:
    void apply(const QString &text) {
        *mApplying = true;
        QTableWidgetItem *item = mTable->item(mRow, mColumn);
        item->setText(text);
        item->setData(kPrevious, text);
        *mApplying = false;
    }
    QTableWidget *mTable;
    bool *mApplying;
    int mRow, mColumn;
    QString mBefore, mAfter;
};
}  // namespace

AssessmentDialog::AssessmentDialog(core::SessionPtr session, const core::maturity::Framework &framework,
                                   const core::maturity::AssessableArea &area, const core::maturity::Assessment *previous, QWidget *parent)
    : QDialog(parent),
      mSession(std::move(session)),
      mFramework(framework),
      mArea(area),
      mTable(new QTableWidget(int(framework.capabilities.size()), 6, this)),
      mDate(new QDateEdit(QDate::currentDate(), this)),
      mAssessor(new QLineEdit(this)),
      mNote(new QLineEdit(this)),
      mStatus(new QLabel(this)),
      mUndo(new QUndoStack(this)) {
    setWindowTitle(tr("Assess %1 against %2").arg(area.name, framework.name));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    mDate->setCalendarPopup(true);
    mDate->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    form->addRow(tr("Assessed on:"), mDate);
    mAssessor->setText(previous ? previous->assessor : core::currentLogin());
    form->addRow(tr("Assessed by:"), mAssessor);
    form->addRow(tr("Note:"), mNote);
    layout->addLayout(form);
    mTable->setHorizontalHeaderLabels({tr("Capability"), tr("Current"), tr("Target"), tr("Target date"), tr("Evidence"), tr("Links")});
    mTable->verticalHeader()->hide();
    installTextTableActions(mTable, mSession, tr("Maturity assessment"));
    mTable->horizontalHeader()->setSectionResizeMode(EvidenceColumn, QHeaderView::Stretch);
    mTable->setItemDelegateForColumn(CurrentColumn, new LevelDelegate(framework.levels, false, this));
    mTable->setItemDelegateForColumn(TargetColumn, new LevelDelegate(framework.levels, true, this));
    for (int r = 0; r < int(framework.capabilities.size()); ++r) {
        const core::maturity::Capability &c = framework.capabilities[size_t(r)];
        const core::maturity::Rating *was = previous ? previous->rating(c.name) : nullptr;
        auto level = [&](int k) { return k >= 0 && k < framework.levels.size() ? framework.levels[k] : QString(); };
        const QStringList cells = {c.name,
                                   level(was ? was->current : 0),
                                   level(was ? was->target : -1),
                                   was && was->targetDate.isValid() ? was->targetDate.toString(Qt::ISODate) : QString(),
                                   was ? was->evidence : QString(),
                                   was ? was->links.join(QStringLiteral(", ")) : QString()};
        for (int col = 0; col < cells.size(); ++col) {
            auto *item = new QTableWidgetItem(cells[col]);
            item->setData(kPrevious, cells[col]);
            if (col == CapabilityColumn) {
                item->setFlags(item->flags() & ~Qt::ItemIsEditable);
                item->setToolTip(c.description + QStringLiteral("\n\n") + c.descriptors.join(QStringLiteral("\n")));
            }
            mTable->setItem(r, col, item);
        }
    }
    mTable->resizeColumnsToContents();
    layout->addWidget(mTable, 1);
    mStatus->setWordWrap(true);
    layout->addWidget(mStatus);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    auto *undo = buttons->addButton(tr("Undo"), QDialogButtonBox::ActionRole);
    auto *redo = buttons->addButton(tr("Redo"), QDialogButtonBox::ActionRole);
    layout->addWidget(buttons);
    QAction *undoAction = mUndo->createUndoAction(this), *redoAction = mUndo->createRedoAction(this);
    undoAction->setShortcut(QKeySequence::Undo);
    redoAction->setShortcut(QKeySequence::Redo);
    addAction(undoAction);
    addAction(redoAction);
    connect(undo, &QPushButton::clicked, mUndo, &QUndoStack::undo);
    connect(redo, &QPushButton::clicked, mUndo, &QUndoStack::redo);
    connect(mUndo, &QUndoStack::canUndoChanged, undo, &QPushButton::setEnabled);
    connect(mUndo, &QUndoStack::canRedoChanged, redo, &QPushButton::setEnabled);
    undo->setEnabled(false);
    redo->setEnabled(false);
    connect(buttons, &QDialogButtonBox::accepted, this, &AssessmentDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(mTable, &QTableWidget::itemChanged, this, &AssessmentDialog::cellChanged);
    fitToScreen(this, QSize(980, 420));
}

void AssessmentDialog::cellChanged(QTableWidgetItem *item) {
    if (mApplying) return;
    const QString before = item->data(kPrevious).toString(), after = item->text();
    if (before == after) return;
    mUndo->push(new SetCell(mTable, &mApplying, item->row(), item->column(), before, after));
}

void AssessmentDialog::edit(int row, int column, const QString &text) { mTable->item(row, column)->setText(text); }

core::maturity::Assessment AssessmentDialog::assessment() const {
    core::maturity::Assessment a;
    a.framework = mFramework.name;
    a.level = mArea.level;
    a.area = mArea.code;
    a.assessedOn = mDate->date();
    a.assessor = mAssessor->text().trimmed();
    a.note = mNote->text().trimmed();
    for (int r = 0; r < mTable->rowCount(); ++r) {
        core::maturity::Rating rating;
        rating.capability = mTable->item(r, CapabilityColumn)->text();
        rating.current = mFramework.levelIndex(mTable->item(r, CurrentColumn)->text());
        rating.target = mTable->item(r, TargetColumn)->text().isEmpty() ? -1 : mFramework.levelIndex(mTable->item(r, TargetColumn)->text());
        rating.targetDate = QDate::fromString(mTable->item(r, TargetDateColumn)->text().trimmed(), Qt::ISODate);
        rating.evidence = mTable->item(r, EvidenceColumn)->text().trimmed();
        for (const QString &link : mTable->item(r, LinksColumn)->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
            rating.links << link.trimmed();
        if (rating.current < 0 && mFramework.capabilities[size_t(r)].optional) continue;  // an optional capability left out
        a.ratings.push_back(rating);
    }
    return a;
}

void AssessmentDialog::save() {
    for (int r = 0; r < mTable->rowCount(); ++r) {
        const QString date = mTable->item(r, TargetDateColumn)->text().trimmed();
        if (!date.isEmpty() && !QDate::fromString(date, Qt::ISODate).isValid()) {
            mStatus->setText(
                tr("%1: the target date \"%2\" is not a date (YYYY-MM-DD).").arg(mTable->item(r, CapabilityColumn)->text(), date));
            emit saved(false);
            return;
        }
    }
    mJob->start([session = mSession, a = assessment()](core::Feedback &) { return session->addAssessment(a); },
                [this](const core::Result<core::maturity::Assessment> &r) {
                    if (!r) {
                        mStatus->setText(r.error().message);
                        emit saved(false);
                        return;
                    }
                    emit saved(true);
                    accept();
                });
}

}  // namespace phm::ui
