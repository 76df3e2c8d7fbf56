#pragma once
// The visual side of the cohort builder: groups of criteria (OR within a group, AND between
// groups, exclusion groups remove anyone matching), each criterion a line of rule text with
// completion, picked from a menu of common criteria or typed. It edits a core::rules::RulePanel;
// the cohort panel turns that into rule text and back, so panel and text stay in sync.
#include "criterioneditor.h"
#include "rules/rulepanel.h"

#include <QWidget>

class QCompleter;
class QLabel;
class QLineEdit;
class QMenu;
class QVBoxLayout;

namespace phm::ui {

class RulePanelWidget : public QWidget {
    Q_OBJECT
public:
    explicit RulePanelWidget(QWidget *parent = nullptr);
    // Shows a panel (no edited() signal); rows are rebuilt only when it differs.
    void setPanel(const core::rules::RulePanel &panel);
    const core::rules::RulePanel &panel() const { return mPanel; }
    // Words offered while typing a criterion: fields, functions, @code lists.
    void setCompletions(const QStringList &words);
    // A note above the groups, e.g. while the text has an error; empty hides it.
    void setNote(const QString &note);
    // Appends a criterion to group `group` (a new include group when out of range).
    void addCriterion(int group, const QString &criterion);
    QList<QLineEdit *> criterionEditors() const;  // each criterion's rule text (shown or behind its form)
    QList<CriterionEditor *> criteria() const;
    // How a criterion's form asks for a code list (the cohort panel opens the code-list browser).
    void setCodeListPicker(CodeListPicker picker) { mPicker = std::move(picker); }

signals:
    void edited();  // the user changed the panel

private:
    void rebuild();
    void changed();
    QWidget *groupWidget(int index);
    QMenu *criteriaMenu(int group, QWidget *owner);

    core::rules::RulePanel mPanel;
    QVBoxLayout *mGroups;
    QLabel *mNote;
    QCompleter *mCompleter;
    CodeListPicker mPicker;
};

}  // namespace phm::ui
