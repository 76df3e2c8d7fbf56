#include "indicatoreditor.h"

#include "backgroundjob.h"
#include "indicators/profile.h"
#include "operations/profileops.h"
#include "projectcontroller.h"
#include "rulehighlighter.h"
#include "screenfit.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace phm::ui {

namespace {
QPlainTextEdit *ruleEdit(QWidget *parent, const QString &placeholder) {
    auto *edit = new QPlainTextEdit(parent);
    edit->setPlaceholderText(placeholder);
    edit->setTabChangesFocus(true);
    edit->setFixedHeight(edit->fontMetrics().height() * 3 + 12);
    new RuleHighlighter(edit->document());
    return edit;
}
}  // namespace

IndicatorEditor::IndicatorEditor(ProjectController *controller, const core::IndicatorDefinition &start, QWidget *parent)
    : QDialog(parent),
      mController(controller),
      mId(new QLineEdit(this)),
      mName(new QLineEdit(this)),
      mTopic(new QLineEdit(this)),
      mSource(new QLineEdit(this)),
      mType(new QComboBox(this)),
      mPolarity(new QComboBox(this)),
      mNumerator(ruleEdit(this, tr("who is counted, e.g. has(gp, @diabetes)"))),
      mEvents(ruleEdit(this, tr("for rates, DSRs and means: count(apc, emergency, last 12 months) or cost(all, last 12 months)"))),
      mDenominator(ruleEdit(this, tr("who could be counted, e.g. registered and age >= 17"))),
      mDescription(new QPlainTextEdit(this)),
      mMultiplier(new QDoubleSpinBox(this)),
      mStatus(new QLabel(this)),
      mPreview(new QLabel(this)),
      mSave(nullptr),
      mPreviewing(new BackgroundJob(this)),
      mStoring(new BackgroundJob(this)) {
    mPreviewing->showErrorsIn(mPreview);
    mStoring->setErrorHandler([this](const core::Error &error) {
        QMessageBox::warning(this, tr("Indicator"), error.message);
        emit saved(false);
    });
    setWindowTitle(tr("Indicator"));
    mType->addItem(tr("Proportion (Wilson interval)"), int(core::IndicatorType::Proportion));
    mType->addItem(tr("Crude rate (Byars interval)"), int(core::IndicatorType::Rate));
    mType->addItem(tr("Directly standardised rate, ESP2013 (Dobson interval)"), int(core::IndicatorType::Dsr));
    mType->addItem(tr("Mean (Student's t interval)"), int(core::IndicatorType::Mean));
    mPolarity->addItem(tr("No judgement (higher / lower)"), int(core::Polarity::NoJudgement));
    mPolarity->addItem(tr("Higher is better"), int(core::Polarity::HigherIsBetter));
    mPolarity->addItem(tr("Lower is better"), int(core::Polarity::LowerIsBetter));
    mMultiplier->setRange(0.000001, 1e9);
    mMultiplier->setDecimals(0);
    mDescription->setFixedHeight(mDescription->fontMetrics().height() * 3 + 12);
    mStatus->setWordWrap(true);
    mStatus->setTextFormat(Qt::PlainText);
    mPreview->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("Id:"), mId);
    form->addRow(tr("Name:"), mName);
    form->addRow(tr("Topic:"), mTopic);
    form->addRow(tr("Type:"), mType);
    form->addRow(tr("Numerator rule:"), mNumerator);
    form->addRow(tr("Events measure:"), mEvents);
    form->addRow(tr("Denominator rule:"), mDenominator);
    form->addRow(tr("Multiplier:"), mMultiplier);
    form->addRow(tr("Polarity:"), mPolarity);
    form->addRow(tr("Description:"), mDescription);
    form->addRow(tr("Source:"), mSource);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    mSave = buttons->button(QDialogButtonBox::Save);
    mSave->setText(tr("Save in project"));
    auto *remove = buttons->addButton(tr("Remove from project"), QDialogButtonBox::DestructiveRole);
    remove->setToolTip(tr("Remove this project's own definition with this id (a bundled indicator of the same id comes back)"));
    connect(remove, &QPushButton::clicked, this, [this] {
        const auto project = mController->project();
        if (!project) return;
        mStoring->start(
            [session = mController->session(), id = mId->text().trimmed()](core::Feedback &) { return session->removeIndicator(id); },
            [this](core::Ok) { accept(); },
            [this](const core::Error &error) { QMessageBox::warning(this, tr("Indicator"), error.message); });
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, this, &IndicatorEditor::save);
    connect(this, &IndicatorEditor::saved, this, [this](bool ok) {
        if (ok) accept();
    });
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(mStatus);
    layout->addWidget(mPreview);
    layout->addWidget(buttons);
    fitToScreen(this, QSize(760, 640));
    // Typing re-checks at once and previews after a pause.
    auto *pause = new QTimer(this);
    pause->setSingleShot(true);
    pause->setInterval(400);
    connect(pause, &QTimer::timeout, this, &IndicatorEditor::updatePreview);
    auto changed = [this, pause] {
        check();
        pause->start();
    };
    for (QLineEdit *e : {mId, mName, mTopic, mSource}) connect(e, &QLineEdit::textChanged, this, changed);
    for (QPlainTextEdit *e : {mNumerator, mEvents, mDenominator, mDescription}) connect(e, &QPlainTextEdit::textChanged, this, changed);
    for (QComboBox *c : {mType, mPolarity}) connect(c, &QComboBox::currentIndexChanged, this, changed);
    connect(mMultiplier, &QDoubleSpinBox::valueChanged, this, changed);
    setDefinition(start);
}

void IndicatorEditor::setDefinition(const core::IndicatorDefinition &d) {
    mId->setText(d.id);
    mName->setText(d.name);
    mTopic->setText(d.topic);
    mSource->setText(d.source);
    mType->setCurrentIndex(mType->findData(int(d.type)));
    mPolarity->setCurrentIndex(mPolarity->findData(int(d.polarity)));
    mNumerator->setPlainText(d.numerator);
    mEvents->setPlainText(d.events);
    mDenominator->setPlainText(d.denominator);
    mDescription->setPlainText(d.description);
    mMultiplier->setValue(d.multiplier);
    check();
    updatePreview();
}

core::IndicatorDefinition IndicatorEditor::definition() const {
    core::IndicatorDefinition d;
    d.id = mId->text().trimmed();
    d.name = mName->text().trimmed();
    d.topic = mTopic->text().trimmed();
    d.source = mSource->text().trimmed();
    d.type = core::IndicatorType(mType->currentData().toInt());
    d.polarity = core::Polarity(mPolarity->currentData().toInt());
    d.numerator = mNumerator->toPlainText().trimmed();
    d.events = mEvents->toPlainText().trimmed();
    d.denominator = mDenominator->toPlainText().trimmed();
    d.description = mDescription->toPlainText().trimmed();
    d.multiplier = mMultiplier->value();
    return d;
}

void IndicatorEditor::check() {
    const auto checked = core::checkIndicator(definition(), mController->codeLists().get());
    mProblem = checked ? QString() : checked.error().message;
    mStatus->setText(mProblem.isEmpty() ? tr("The definition is valid.") : mProblem);
    mStatus->setStyleSheet(mProblem.isEmpty() ? QStringLiteral("color: #007F3B") : QStringLiteral("color: #D5281B"));
    if (mSave) mSave->setEnabled(mProblem.isEmpty() && mController->project());
}

void IndicatorEditor::updatePreview() {
    const auto project = mController->project();
    const auto areas = mController->areas();
    if (!mProblem.isEmpty() || !project || !areas) {
        mPreviewing->discard();
        mPreview->clear();
        return;
    }
    mPreview->setText(tr("Counting for the ICS…"));
    auto work = [session = mController->session(), d = definition()](core::Feedback &fb) -> core::Result<QString> {
        core::ops::ProfileRequest request;
        request.indicators = {d};
        request.level = core::Area::Ics;
        auto run = core::ops::runProfile(*session, request, fb);
        if (!run) return run.error().message;
        const core::Profile &profile = run.value().profile;
        const core::IndicatorValue &v = profile.ics.front();
        const QLocale l;
        return QCoreApplication::translate("phm::ui::IndicatorEditor", "ICS: %1 (95% CI %2 to %3) from %4 of %5; %6 ms")
            .arg(l.toString(v.ci.value, 'f', 2), l.toString(v.ci.lower, 'f', 2), l.toString(v.ci.upper, 'f', 2),
                 l.toString(v.numerator, 'f', 0), l.toString(v.denominator, 'f', 0), l.toString(profile.ms, 'f', 0));
    };
    mPreviewing->start(std::move(work), [this](const QString &text) {
        mPreview->setText(text);
        emit previewed();
    });
}

bool IndicatorEditor::save() {
    const auto project = mController->project();
    if (!project || !mProblem.isEmpty()) return false;  // the problem is on show under the form
    mStoring->start([session = mController->session(), d = definition()](core::Feedback &) { return session->saveIndicator(d); },
                    [this](core::Ok) { emit saved(true); });
    return true;
}

}  // namespace phm::ui
