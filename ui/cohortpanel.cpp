#include "cohortpanel.h"

#include "cohortstore.h"
#include "projectcontroller.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChartView>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHorizontalBarSeries>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBlock>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QtConcurrent/QtConcurrentRun>

namespace phm::ui {

CohortPanel::CohortPanel(ProjectController *controller, QWidget *parent)
    : QWidget(parent),
      mController(controller),
      mEditor(new QPlainTextEdit(this)),
      mStatus(new QLabel(this)),
      mChart(new QChartView(this)),
      mSave(new QPushButton(tr("Save as cohort…"), this)) {
    // Editor, result and Save on the left; the attrition waterfall beside them.
    auto *layout = new QHBoxLayout(this);
    auto *left = new QVBoxLayout;
    mEditor->setPlaceholderText(tr("e.g. age >= 65 and has(gp, @diabetes) and count(ae, last 12 months) >= 1"));
    mEditor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    mStatus->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    mStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    mStatus->setWordWrap(true);
    mChart->setRenderHint(QPainter::Antialiasing);
    mChart->chart()->legend()->hide();
    mChart->chart()->setTitle(tr("Attrition"));
    mChart->setMinimumWidth(420);
    mSave->setEnabled(false);
    left->addWidget(mEditor, 1);
    left->addWidget(mStatus);
    left->addWidget(mSave, 0, Qt::AlignLeft);
    layout->addLayout(left, 2);
    layout->addWidget(mChart, 3);
    mDebounce.setSingleShot(true);
    mDebounce.setInterval(250);
    connect(mEditor, &QPlainTextEdit::textChanged, this, &CohortPanel::schedule);
    connect(&mDebounce, &QTimer::timeout, this, &CohortPanel::evaluate);
    connect(&mWatcher, &QFutureWatcher<core::RuleRun>::finished, this, [this] {
        const quint64 finished = mRunning;
        mRunning = 0;
        if (finished == mGeneration)
            show(mWatcher.result());  // otherwise superseded by a newer edit
        else
            evaluate();
    });
    connect(mSave, &QPushButton::clicked, this, &CohortPanel::save);
    connect(controller, &ProjectController::projectOpened, this, &CohortPanel::schedule);
    mStatus->setText(tr("Type a rule to count people; see docs/rules.md for the language."));
}

void CohortPanel::schedule() {
    ++mGeneration;
    mDebounce.start();
}

void CohortPanel::evaluate() {
    const auto project = mController->project();
    if (!project || mEditor->toPlainText().trimmed().isEmpty()) return;
    if (mRunning) return;  // the running evaluation will be followed by the newest text
    mRunning = mGeneration;
    const QString text = mEditor->toPlainText();
    const auto lists = mController->codeLists();
    mWatcher.setFuture(QtConcurrent::run([project, lists, text] { return core::runRuleText(*project, *lists, text); }));
}

void CohortPanel::show(const core::RuleRun &run) {
    mLast = run;
    mSave->setEnabled(run.ok);
    QChart *chart = mChart->chart();
    chart->removeAllSeries();
    for (QAbstractAxis *a : chart->axes()) {
        chart->removeAxis(a);
        delete a;
    }
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
        mark.format.setUnderlineColor(QColor(0xD5, 0x28, 0x1B));
        marks << mark;
    }
    mEditor->setExtraSelections(marks);
    if (!run.ok) {
        mStatus->setText(run.error.toHtmlEscaped()
                             .replace(QLatin1Char('\n'), QStringLiteral("<br>"))
                             .replace(QLatin1Char(' '), QStringLiteral("&nbsp;"))
                             .prepend(QStringLiteral("<span style='color:#d5281b'>"))
                             .append(QStringLiteral("</span>")));
        emit evaluated();
        return;
    }
    const QLocale l;
    mStatus->setText(tr("%1 people (%2% of %3) — %4 ms")
                         .arg(l.toString(qlonglong(run.count)),
                              l.toString(100.0 * double(run.count) / double(std::max<int64_t>(1, run.population)), 'f', 2),
                              l.toString(qlonglong(run.population)), l.toString(run.ms, 'f', 1)));
    auto *set = new QBarSet(tr("People"));
    set->setColor(QColor(0x00, 0x5E, 0xB8));
    QStringList labels;
    // Horizontal bars run bottom-up, so the first clause goes last to read top-down.
    for (auto it = run.attrition.rbegin(); it != run.attrition.rend(); ++it) {
        *set << double(it->count);
        // Chart labels are rich text: escape so "<= 3" is shown, not taken for a tag.
        labels << QStringLiteral("%1 (%2)").arg(it->clause.left(60), l.toString(qlonglong(it->count))).toHtmlEscaped();
    }
    auto *series = new QHorizontalBarSeries;
    series->append(set);
    chart->addSeries(series);
    auto *clauses = new QBarCategoryAxis;
    clauses->append(labels);
    clauses->setTruncateLabels(false);
    chart->addAxis(clauses, Qt::AlignLeft);
    series->attachAxis(clauses);
    auto *counts = new QValueAxis;
    counts->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(counts, Qt::AlignBottom);
    series->attachAxis(counts);
    counts->setRange(0, std::max(1.0, double(run.attrition.empty() ? 1 : run.attrition.front().count)));
    counts->applyNiceNumbers();
    chart->setTitle(tr("Attrition: people left after each clause"));
    emit evaluated();
}

void CohortPanel::save() {
    const auto project = mController->project();
    if (!project || !mLast.ok) return;
    const QString name = QInputDialog::getText(this, tr("Save cohort"), tr("Name:"));
    if (name.trimmed().isEmpty()) return;
    auto saved =
        core::CohortStore(project->path).save(name.trimmed(), mEditor->toPlainText(), qEnvironmentVariable("USER"), QString(), mLast.count);
    if (!saved)
        QMessageBox::warning(this, tr("Save cohort"), saved.error().message);
    else
        QMessageBox::information(this, tr("Save cohort"), tr("Saved \"%1\" as version %2.").arg(name.trimmed()).arg(saved.value().version));
}

}  // namespace phm::ui
