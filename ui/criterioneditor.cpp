#include "criterioneditor.h"

#include "rules/rulecatalogue.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QToolButton>

namespace phm::ui {

using core::rules::CriterionForm;

namespace {
// Modes of the first box: how the criterion reads.
enum Mode { Is, IsNot, Compare, Has, Count };
}  // namespace

CriterionEditor::CriterionEditor(const QString &text, QCompleter *completer, CodeListPicker picker, QWidget *parent)
    : QWidget(parent),
      mForm(core::rules::criterionForm(text)),
      mPicker(std::move(picker)),
      mStack(new QStackedWidget(this)),
      mText(new QLineEdit(text, this)),
      mToggle(new QToolButton(this)) {
    mText->setObjectName(QStringLiteral("criterion"));
    mText->setCompleter(completer);
    mText->setPlaceholderText(tr("a condition, e.g. has(gp, @copd)"));
    mStack->addWidget(buildForm());
    mStack->addWidget(mText);
    mToggle->setText(tr("Text"));
    mToggle->setCheckable(true);
    mToggle->setToolTip(tr("Edit this criterion as rule text"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(mStack, 1);
    layout->addWidget(mToggle);
    if (mForm) showForm(*mForm);
    mToggle->setChecked(!mForm);
    mToggle->setEnabled(bool(mForm));
    mStack->setCurrentIndex(mForm ? 0 : 1);
    connect(mToggle, &QToolButton::toggled, this, [this](bool asText) {
        if (!asText) {  // back to the form: only if the text still has a form's shape
            mForm = core::rules::criterionForm(mText->text());
            if (!mForm) {
                mToggle->setChecked(true);
                return;
            }
            showForm(*mForm);
        }
        mStack->setCurrentIndex(asText ? 1 : 0);
    });
    connect(mText, &QLineEdit::editingFinished, this, [this] {
        mToggle->setEnabled(core::rules::criterionForm(mText->text()).has_value());
        emit edited(mText->text());
    });
}

QWidget *CriterionEditor::buildForm() {
    auto *form = new QWidget(this);
    mMode = new QComboBox(form);
    mField = new QComboBox(form);
    mOp = new QComboBox(form);
    mValue = new QLineEdit(form);
    mDataset = new QComboBox(form);
    mCodes = new QPushButton(form);
    mWindow = new QComboBox(form);
    mCount = new QSpinBox(form);
    mMode->setObjectName(QStringLiteral("criterionMode"));
    mField->setObjectName(QStringLiteral("criterionField"));
    mOp->setObjectName(QStringLiteral("criterionOperator"));
    mValue->setObjectName(QStringLiteral("criterionValue"));
    mDataset->setObjectName(QStringLiteral("criterionDataset"));
    mCodes->setObjectName(QStringLiteral("criterionCodeLists"));
    mWindow->setObjectName(QStringLiteral("criterionWindow"));
    mOp->addItems(core::rules::compareOperators());
    for (const QString &d : core::rules::datasetNames()) mDataset->addItem(d, d);
    mWindow->addItem(tr("ever"), 0);
    for (int months : {3, 6, 12, 24}) mWindow->addItem(tr("last %n months", nullptr, months), months);
    mCount->setRange(0, 9999);
    mValue->setMaximumWidth(110);
    // The boxes give up width before the row pushes its Text and remove buttons out of a narrow panel.
    for (QComboBox *box : {mMode, mField, mOp, mDataset, mWindow}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(3);
    }
    mCodes->setToolTip(tr("Choose the code list in the browser (codes, descriptions, people with each)"));
    auto *layout = new QHBoxLayout(form);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QWidget *w : std::initializer_list<QWidget *>{mMode, mField, mDataset, mCodes, mWindow, mOp, mValue, mCount}) layout->addWidget(w);
    layout->addStretch(1);
    for (QComboBox *box : {mMode, mField, mOp, mDataset, mWindow})
        connect(box, &QComboBox::currentIndexChanged, this, &CriterionEditor::formChanged);
    connect(mValue, &QLineEdit::editingFinished, this, &CriterionEditor::formChanged);
    connect(mCount, &QSpinBox::editingFinished, this, &CriterionEditor::formChanged);
    connect(mCodes, &QPushButton::clicked, this, &CriterionEditor::pickCodeList);
    return form;
}

void CriterionEditor::showForm(const CriterionForm &form) {
    mFilling = true;
    const bool event = form.kind == CriterionForm::Event;
    mMode->clear();
    if (form.kind == CriterionForm::Flag) {
        mMode->addItem(tr("is"), Is);
        mMode->addItem(tr("is not"), IsNot);
    } else if (event) {
        mMode->addItem(tr("has"), Has);
        mMode->addItem(tr("count of"), Count);
    } else {
        mMode->addItem(tr("where"), Compare);
    }
    mMode->setCurrentIndex(form.kind == CriterionForm::Flag ? (form.negated ? 1 : 0) : event && form.counting ? 1 : 0);
    mField->clear();
    for (const core::rules::FieldInfo &f : core::rules::personFields()) {
        const bool flag = f.type == core::rules::FieldType::Flag;
        if (event || flag != (form.kind == CriterionForm::Flag)) continue;
        mField->addItem(QLatin1String(f.name), QLatin1String(f.name));
        mField->setItemData(mField->count() - 1, QString::fromUtf8(f.help), Qt::ToolTipRole);
    }
    mField->setCurrentIndex(std::max(0, mField->findData(form.field)));
    mOp->setCurrentIndex(std::max(0, int(core::rules::compareOperators().indexOf(form.op))));
    mValue->setText(form.value);
    mDataset->setCurrentIndex(std::max(0, mDataset->findData(form.dataset)));
    mCodes->setText(form.codeLists.isEmpty() ? tr("any code…") : QLatin1Char('@') + form.codeLists.join(QStringLiteral(", @")));
    mWindow->setCurrentIndex(std::max(0, mWindow->findData(form.months)));
    mCount->setValue(form.value.toInt());
    mMode->setVisible(form.kind != CriterionForm::FieldCompare);  // "age >= 65" reads without a verb
    mField->setVisible(!event);
    mValue->setVisible(form.kind == CriterionForm::FieldCompare);
    mOp->setVisible(form.kind == CriterionForm::FieldCompare || (event && form.counting));
    for (QWidget *w : std::initializer_list<QWidget *>{mDataset, mCodes, mWindow}) w->setVisible(event);
    mCount->setVisible(event && form.counting);
    mFilling = false;
}

void CriterionEditor::formChanged() {
    if (mFilling || !mForm) return;
    CriterionForm f = *mForm;
    const int mode = mMode->currentData().toInt();
    if (f.kind == CriterionForm::Flag) {
        f.negated = mode == IsNot;
        f.field = mField->currentData().toString();
    } else if (f.kind == CriterionForm::FieldCompare) {
        f.field = mField->currentData().toString();
        f.op = mOp->currentText();
        f.value = mValue->text().trimmed();
    } else {
        const bool counting = mode == Count;
        if (counting && !f.counting) f.value = QStringLiteral("1");
        f.counting = counting;
        f.dataset = mDataset->currentData().toString();
        f.months = mWindow->currentData().toInt();
        f.op = counting ? mOp->currentText() : f.op;
        if (counting && mCount->isVisible()) f.value = QString::number(mCount->value());
        if (!core::rules::filterKeywords(f.dataset).contains(f.filters.value(0))) f.filters.clear();
    }
    const QString text = core::rules::criterionText(f);
    mForm = f;
    mText->setText(text);
    showForm(f);
    emit edited(text);
}

void CriterionEditor::pickCodeList() {
    if (!mForm || !mPicker) return;
    const auto chosen = mPicker(mDataset->currentData().toString(), mForm->codeLists.value(0), this);
    if (!chosen) return;
    mForm->codeLists = chosen->isEmpty() ? QStringList() : QStringList{*chosen};
    formChanged();
}

QString CriterionEditor::text() const { return mText->text(); }

bool CriterionEditor::showsForm() const { return mStack->currentIndex() == 0; }

}  // namespace phm::ui
