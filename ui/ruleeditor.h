#pragma once
// The rule text editor: a plain-text editor that completes the word at the cursor (person fields,
// functions and `@code lists`, core::rules::completionWords) in a popup — arrows to pick, Enter or
// Tab to insert, Escape to close — and otherwise lets Tab move the focus on, so the keyboard
// never gets stuck in it.
#include <QPlainTextEdit>

class QCompleter;

namespace phm::ui {

class RuleEditor : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit RuleEditor(QWidget *parent = nullptr);
    void setCompletions(const QStringList &words);
    QCompleter *completer() const { return mCompleter; }

protected:
    void keyPressEvent(QKeyEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QString prefixAtCursor() const;
    void insertCompletion(const QString &word);
    void updatePopup();

    QCompleter *mCompleter;
};

}  // namespace phm::ui
