#include "cohortpanel.h"
#include "chartactions.h"
#include "report/palette.h"

#include "backgroundjob.h"
#include "barchart.h"
#include "basepopulationbar.h"
#include "breakdownview.h"
#include "codelistbrowser.h"
#include "cohorts/cohortstore.h"
#include "governance/users.h"
#include "operations/cohortops.h"
#include "overlapview.h"
#include "projectcontroller.h"
#include "ruleeditor.h"
#include "rulehighlighter.h"
#include "rulepanelwidget.h"
#include "rules/rulecompletion.h"
#include "rules/rulepanel.h"

#include <QChartView>
#include <QDateTime>
#include <QFontDatabase>
#include <QGraphicsColorizeEffect>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTextBlock>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

namespace phm::ui {

// One edit of the rule text. Typing merges into one command while keystrokes come less than
// 1.5 s apart; a panel edit is a command of its own.
class RuleTextCommand : public QUndoCommand {
public:
    RuleTextCommand(CohortPanel *panel, QString before, QString after, bool typing)
        : mPanel(panel), mBefore(std::move(before)), mAfter(std::move(after)), mTyping(typing), mTime(QDateTime::currentMSecsSinceEpoch()) {
        setText(typing ? CohortPanel::tr("typing") : CohortPanel::tr("panel edit"));
    }
    int id() const override { return mTyping ? 1 : -1; }
    bool mergeWith(const QUndoCommand *other) override {
        const auto *o = static_cast<const RuleTextCommand *>(other);
        if (o->mTime - mTime > 1500) return false;
        mAfter = o->mAfter;
        mTime = o->mTime;
        return true;
    }
    void undo() override { mPanel->applyText(mBefore); }
    void redo() override {
        if (std::exchange(mFirst, false) && mTyping) return;  // typing is already in the editor
        mPanel->applyText(mAfter);
    }

private:
    CohortPanel *mPanel;
    QString mBefore, mAfter;
    bool mTyping, mFirst = true;
    qint64 mTime;
};

CohortPanel::CohortPanel(ProjectController *controller, QWidget *parent)
    : QWidget(parent),
      mController(controller),
      mEditor(new RuleEditor(this)),
      mPanel(new RulePanelWidget(this)),
      mUndo(new QUndoStack(this)),
      mBase(new BasePopulationBar(this)),
      mStatus(new QLabel(this)),
      mTabs(new QTabWidget(this)),
      mChart(new QChartView(this)),
      mBreakdown(new BreakdownView(controller, this)),
      mOverlap(new OverlapView(controller, this)),
      mSave(new QPushButton(tr("Save as cohort…"), this)),
      mEvaluation(new BackgroundJob(this)),
      mSaving(new BackgroundJob(this)) {
    // Left: undo/redo and Save, the text over the panel, the count. Right: results in tabs.
    mEditor->setObjectName(QStringLiteral("ruleEditor"));
    mTabs->setObjectName(QStringLiteral("cohortResults"));
    mEditor->setPlaceholderText(tr("e.g. age >= 65 and has(gp, @diabetes) and count(ae, last 12 months) >= 1"));
    mEditor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    mEditor->setUndoRedoEnabled(false);  // one history for text and panel: mUndo
    mEditor->installEventFilter(this);
    new RuleHighlighter(mEditor->document());
    mStatus->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    mStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    mStatus->setWordWrap(true);
    mChart->setRenderHint(QPainter::Antialiasing);
    mChart->chart()->legend()->hide();
    installChartActions(mChart, mController, tr("Cohort attrition"));
    mChart->chart()->setTitle(tr("Attrition"));
    mSave->setEnabled(false);
    mEvaluation->showErrorsIn(mStatus);

    auto *undo = new QToolButton(this);
    undo->setDefaultAction(mUndo->createUndoAction(this, tr("Undo")));
    undo->defaultAction()->setIcon(style()->standardIcon(QStyle::SP_ArrowBack));
    auto *redo = new QToolButton(this);
    redo->setDefaultAction(mUndo->createRedoAction(this, tr("Redo")));
    redo->defaultAction()->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));
    auto *bar = new QHBoxLayout;
    bar->addWidget(undo);
    bar->addWidget(redo);
    bar->addStretch();
    bar->addWidget(mSave);

    // Text and panel side by side, then the results: all three visible in a low dock.
    auto *textSide = new QWidget(this);
    auto *left = new QVBoxLayout(textSide);
    left->setContentsMargins(0, 0, 0, 0);
    left->addLayout(bar);
    left->addWidget(mBase);
    left->addWidget(mEditor, 1);
    left->addWidget(mStatus);
    mTabs->addTab(mChart, tr("Attrition"));
    mTabs->addTab(mBreakdown, tr("By area"));
    mTabs->addTab(mOverlap, tr("Overlap"));
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(textSide);
    split->addWidget(mPanel);
    split->addWidget(mTabs);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 3);
    split->setStretchFactor(2, 4);
    split->setSizes({330, 400, 520});
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(split);

    const QStringList words = core::rules::completionWords(*controller->codeLists());
    mEditor->setCompletions(words);
    mPanel->setCompletions(words);
    mPanel->setCodeListPicker([this](const QString &dataset, const QString &current, QWidget *over) -> std::optional<QString> {
        const auto session = mController->session();
        if (!session || !session->hasData()) return std::nullopt;
        CodeListBrowser browser(session, dataset, over);
        if (!current.isEmpty()) browser.selectList(current);
        if (browser.exec() != QDialog::Accepted || browser.chosenList().isEmpty()) return std::nullopt;
        return browser.chosenList();
    });

    mDebounce.setSingleShot(true);
    mDebounce.setInterval(250);
    connect(mEditor, &QPlainTextEdit::textChanged, this, &CohortPanel::textEdited);
    connect(&mDebounce, &QTimer::timeout, this, [this] {
        syncPanel();
        evaluate();
    });
    connect(mPanel, &RulePanelWidget::edited, this, [this] { setRuleText(core::rules::panelToRule(mPanel->panel())); });
    connect(mSave, &QPushButton::clicked, this, &CohortPanel::save);
    connect(controller, &ProjectController::projectOpened, this, [this] {
        mBase->setAreas(mController->areas());
        schedule();
    });
    connect(mBase, &BasePopulationBar::changed, this, &CohortPanel::schedule);
    mStatus->setText(tr("Type a rule or build it in the panel to count people; press F1 for help, or Help > Rule language reference."));
}

bool CohortPanel::eventFilter(QObject *watched, QEvent *event) {
    // The editor's own undo is off; its shortcuts drive the shared history instead.
    if (watched == mEditor && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Undo)) {
            mUndo->undo();
            return true;
        }
        if (key->matches(QKeySequence::Redo)) {
            mUndo->redo();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void CohortPanel::setRuleText(const QString &text) {
    if (text == mEditor->toPlainText()) return;
    mUndo->push(new RuleTextCommand(this, mText, text, false));
}

void CohortPanel::applyText(const QString &text) {
    mApplying = true;
    mEditor->setPlainText(text);
    mEditor->moveCursor(QTextCursor::End);
    mApplying = false;
    mText = text;
    schedule();
}

void CohortPanel::textEdited() {
    if (mApplying) return;
    const QString now = mEditor->toPlainText();
    if (now == mText) return;
    mUndo->push(new RuleTextCommand(this, mText, now, true));
    mText = now;
    schedule();
}

void CohortPanel::setArea(const core::Area &area) { mBase->setArea(area); }

void CohortPanel::schedule() {
    mEvaluation->discard();  // its text is out of date
    mDebounce.start();
}

void CohortPanel::syncPanel() {
    // The panel follows the text whenever the text parses; while it has an error the panel
    // keeps the last rule that did, and says so.
    auto panel = core::rules::ruleToPanel(mEditor->toPlainText());
    if (panel) {
        mPanel->setPanel(panel.value());
        mPanel->setNote(QString());
    } else {
        mPanel->setNote(tr("The text has an error (see below); the panel shows the last rule that was complete."));
    }
}

void CohortPanel::evaluate() {
    const auto project = mController->project();
    if (!project) return;
    if (mEditor->toPlainText().trimmed().isEmpty()) {
        mSave->setEnabled(false);
        mStatus->setText(tr("Type a rule or build it in the panel to count people; press F1 for help, or Help > Rule language reference."));
        return;
    }
    const QString text = mEditor->toPlainText();
    mEvaluation->start([session = mController->session(), text,
                        base = mBase->base()](core::Feedback &fb) { return core::ops::runCohortText(*session, text, base, fb); },
                       [this](const core::RuleRun &run) { show(run); });
}

void CohortPanel::show(const core::RuleRun &run) {
    mLast = run;
    mSave->setEnabled(run.ok);
    // Underline the error's position in the editor (wavy red), or clear it.
    QList<QTextEdit::ExtraSelection> marks;
    if (!run.ok && run.errorLine > 0) {
        QTextEdit::ExtraSelection mark;
        QTextCursor cursor(mEditor->document()->findBlockByNumber(run.errorLine - 1));
        cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, run.errorColumn - 1);
        cursor.movePosition(QTextCursor::EndOfWord, QTextCursor::KeepAnchor);
        if (!cursor.hasSelection()) cursor.movePosition(QTextCursor::Right, QTextCursor::KeepAnchor);
        mark.cursor = cursor;
        mark.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        mark.format.setUnderlineColor(report::kRed);
        marks << mark;
    }
    mEditor->setExtraSelections(marks);
    markOutOfDate(!run.ok);
    if (!run.ok) {
        mStatus->setText(run.error.toHtmlEscaped()
                             .replace(QLatin1Char('\n'), QStringLiteral("<br>"))
                             .replace(QLatin1Char(' '), QStringLiteral("&nbsp;"))
                             .prepend(QStringLiteral("<span style='color:#d5281b'>"))
                             .append(QStringLiteral("</span>")));
        emit evaluated();
        return;
    }
    mBase->setCount(run.population);
    const QLocale l;
    mStatus->setText(tr("%1 people (%2% of the base, %3) — %4 ms")
                         .arg(l.toString(qlonglong(run.count)),
                              l.toString(100.0 * double(run.count) / double(std::max<int64_t>(1, run.population)), 'f', 2),
                              l.toString(qlonglong(run.population)), l.toString(run.ms, 'f', 1)));
    showAttrition(run);
    mBreakdown->setCohort(run.people);
    emit evaluated();
}

// While the text does not parse, the last results stay on screen greyed, as out of date.
void CohortPanel::markOutOfDate(bool outOfDate) {
    for (QWidget *w : {static_cast<QWidget *>(mChart), static_cast<QWidget *>(mBreakdown)}) {
        if (!outOfDate) {
            w->setGraphicsEffect(nullptr);
            w->setToolTip(QString());
            continue;
        }
        if (w->graphicsEffect()) continue;
        auto *grey = new QGraphicsColorizeEffect(w);
        grey->setColor(report::kMuted);
        w->setGraphicsEffect(grey);
        w->setToolTip(tr("Out of date: these are the results of the last rule that parsed."));
    }
}

void CohortPanel::showAttrition(const core::RuleRun &run) {
    const QLocale l;
    QStringList labels;
    std::vector<double> counts;
    for (const core::rules::Attrition &a : run.attrition) {
        const QString clause = a.clause.size() > 26 ? a.clause.left(24) + QStringLiteral("…") : a.clause;
        labels << QStringLiteral("%1 (%2)").arg(clause, l.toString(qlonglong(a.count)));
        counts.push_back(double(a.count));
    }
    showHorizontalBars(mChart->chart(), tr("Attrition: people left after each clause"), labels, counts, {report::kNhsBlue, 0.85});
}

void CohortPanel::save() {
    const auto project = mController->project();
    if (!project || !mLast.ok) return;
    const QString name = QInputDialog::getText(this, tr("Save cohort"), tr("Name:"));
    if (name.trimmed().isEmpty()) return;
    mSave->setEnabled(false);
    mSaving->start([session = mController->session(), name = name.trimmed(), rule = mEditor->toPlainText(), count = mLast.count](
                       core::Feedback &) { return session->saveCohort(name, rule, session->user().name, QString(), count); },
                   [this, name = name.trimmed()](const core::Result<core::CohortVersion> &saved) {
                       mSave->setEnabled(mLast.ok);
                       if (!saved) {
                           QMessageBox::warning(this, tr("Save cohort"), saved.error().message);
                           return;
                       }
                       emit statusMessage(tr("Saved cohort \"%1\" as version %2.").arg(name).arg(saved.value().version));
                   });
}

}  // namespace phm::ui
