#include "ruleeditor.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QKeyEvent>
#include <QScrollBar>
#include <QStringListModel>
#include <QTextBlock>

namespace phm::ui {

namespace {

bool isWordChar(QChar c) { return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('@'); }

}  // namespace

RuleEditor::RuleEditor(QWidget *parent) : QPlainTextEdit(parent), mCompleter(new QCompleter(this)) {
    setTabChangesFocus(true);
    mCompleter->setModel(new QStringListModel(mCompleter));
    mCompleter->setWidget(this);
    mCompleter->setCompletionMode(QCompleter::PopupCompletion);
    mCompleter->setCaseSensitivity(Qt::CaseInsensitive);
    mCompleter->setFilterMode(Qt::MatchStartsWith);
    mCompleter->popup()->setObjectName(QStringLiteral("ruleCompletions"));
    connect(mCompleter, qOverload<const QString &>(&QCompleter::activated), this, &RuleEditor::insertCompletion);
    // Tab takes the highlighted completion, as Enter does (filters installed last run first, so
    // this one sees Tab before the completer's own).
    mCompleter->popup()->installEventFilter(this);
}

bool RuleEditor::eventFilter(QObject *watched, QEvent *event) {
    if (watched == mCompleter->popup() && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Tab || key == Qt::Key_Backtab) {
            const QModelIndex current = mCompleter->popup()->currentIndex();
            if (current.isValid()) insertCompletion(current.data().toString());
            mCompleter->popup()->hide();
            return true;
        }
    }
    return QPlainTextEdit::eventFilter(watched, event);
}

void RuleEditor::setCompletions(const QStringList &words) { static_cast<QStringListModel *>(mCompleter->model())->setStringList(words); }

QString RuleEditor::prefixAtCursor() const {
    const QTextCursor cursor = textCursor();
    const QString line = cursor.block().text();
    int start = cursor.positionInBlock();
    while (start > 0 && isWordChar(line.at(start - 1))) --start;
    return line.mid(start, cursor.positionInBlock() - start);
}

void RuleEditor::insertCompletion(const QString &word) {
    QTextCursor cursor = textCursor();
    cursor.movePosition(QTextCursor::Left, QTextCursor::KeepAnchor, int(prefixAtCursor().size()));
    cursor.insertText(word);
    // Leave the cursor where the user types next: inside has(gp, ) or in_cohort("").
    int back = 0;
    if (word.endsWith(QLatin1String(", )")))
        back = 1;
    else if (word.endsWith(QLatin1String("(\"\")")))
        back = 2;
    cursor.movePosition(QTextCursor::Left, QTextCursor::MoveAnchor, back);
    setTextCursor(cursor);
    mCompleter->popup()->hide();
}

void RuleEditor::keyPressEvent(QKeyEvent *event) {
    // While the popup is open the completer takes Enter, Tab and Escape itself.
    if (mCompleter->popup()->isVisible()) {
        switch (event->key()) {
            case Qt::Key_Enter:
            case Qt::Key_Return:
            case Qt::Key_Tab:
            case Qt::Key_Backtab:
            case Qt::Key_Escape:
                event->ignore();
                return;
            default:
                break;
        }
    }
    QPlainTextEdit::keyPressEvent(event);
    const bool typed = !event->text().isEmpty() && !(event->modifiers() & (Qt::ControlModifier | Qt::AltModifier));
    if (typed || event->key() == Qt::Key_Backspace)
        updatePopup();
    else if (event->key() != Qt::Key_Shift)
        mCompleter->popup()->hide();
}

void RuleEditor::updatePopup() {
    const QString prefix = prefixAtCursor();
    const bool code = prefix.startsWith(QLatin1Char('@'));
    if (prefix.size() < (code ? 1 : 2)) {
        mCompleter->popup()->hide();
        return;
    }
    if (prefix != mCompleter->completionPrefix()) mCompleter->setCompletionPrefix(prefix);
    if (mCompleter->completionCount() == 0 ||
        (mCompleter->completionCount() == 1 && mCompleter->currentCompletion().compare(prefix, Qt::CaseInsensitive) == 0)) {
        mCompleter->popup()->hide();
        return;
    }
    mCompleter->popup()->setCurrentIndex(mCompleter->completionModel()->index(0, 0));
    QRect rect = cursorRect();
    rect.setWidth(mCompleter->popup()->sizeHintForColumn(0) + mCompleter->popup()->verticalScrollBar()->sizeHint().width());
    mCompleter->complete(rect);
}

}  // namespace phm::ui
