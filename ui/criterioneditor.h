#pragma once
// One criterion of the cohort builder's panel, edited as a form when it has a shape a form can
// show (core/rules/criterionform): a field, an operator and a value; a flag that is or is not
// set; or an event test — has or count, the dataset, the code lists (picked in the code-list
// browser), the time window. A toggle shows the criterion as rule text instead, for anything a
// form cannot hold. Every change is written back as rule text (edited()).
#include "rules/criterionform.h"

#include <QWidget>
#include <functional>
#include <optional>

class QComboBox;
class QCompleter;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QToolButton;

namespace phm::ui {

// Asks the user for a code list for `dataset` (starting at `current`); nothing when cancelled.
using CodeListPicker = std::function<std::optional<QString>(const QString &dataset, const QString &current, QWidget *parent)>;

class CriterionEditor : public QWidget {
    Q_OBJECT
public:
    CriterionEditor(const QString &text, QCompleter *completer, CodeListPicker picker, QWidget *parent = nullptr);
    QString text() const;
    QLineEdit *textEdit() const { return mText; }
    bool showsForm() const;
    // The form's widgets, for tests and screenshots.
    QComboBox *fieldBox() const { return mField; }
    QComboBox *operatorBox() const { return mOp; }
    QLineEdit *valueEdit() const { return mValue; }
    QComboBox *datasetBox() const { return mDataset; }
    QPushButton *codeListButton() const { return mCodes; }
    QComboBox *windowBox() const { return mWindow; }

signals:
    void edited(const QString &text);

private:
    QWidget *buildForm();
    void showForm(const core::rules::CriterionForm &form);
    void formChanged();
    void pickCodeList();

    std::optional<core::rules::CriterionForm> mForm;
    CodeListPicker mPicker;
    QStackedWidget *mStack;
    QLineEdit *mText;
    QToolButton *mToggle;
    QComboBox *mMode, *mField, *mOp, *mDataset, *mWindow;
    QLineEdit *mValue;
    QSpinBox *mCount;
    QPushButton *mCodes;
    bool mFilling = false;
};

}  // namespace phm::ui
