#include "rulepanelwidget.h"

#include "criterioneditor.h"

#include <QCompleter>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QScrollArea>
#include <QStringListModel>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace phm::ui {

namespace {
struct Example {
    const char *label;  // translated through RulePanelWidget::tr
    const char *rule;
};
// Common starting points for a criterion; every one is ordinary rule text, edited in place.
constexpr Example kExamples[] = {
    {QT_TRANSLATE_NOOP("phm::ui::RulePanelWidget", "Age between…"), "age between 40 and 74"},
    {QT_TRANSLATE_NOOP("phm::ui::RulePanelWidget", "Aged 65 and over"), "age >= 65"},
    {QT_TRANSLATE_NOOP("phm::ui::RulePanelWidget", "Sex"), "sex = 'F'"},
    {QT_TRANSLATE_NOOP("phm::ui::RulePanelWidget", "Most deprived 20% (Core20)"), "imd_quintile = 1"},
    {QT_TRANSLATE_NOOP("phm::ui::RulePanelWidget", "Place"), "place = 'Luton'"},
    {QT_TRANSLATE_NOOP("phm::ui::RulePanelWidget", "Ethnic group"), "ethnic_group in ('asian', 'black')"},
    {QT_TRANSLATE_NOOP("phm::ui::RulePanelWidget", "Diagnosis recorded (code list)"), "has(gp, @diabetes)"},
    {QT_TRANSLATE_NOOP("phm::ui::RulePanelWidget", "Two or more long-term conditions"), "ltc_count >= 2"},
    {QT_TRANSLATE_NOOP("phm::ui::RulePanelWidget", "Moderate or severe frailty (eFI)"), "efi_category in ('moderate', 'severe')"},
    {QT_TRANSLATE_NOOP("phm::ui::RulePanelWidget", "Latest HbA1c above…"), "latest(gp, @hba1c).value > 58"},
    {QT_TRANSLATE_NOOP("phm::ui::RulePanelWidget", "A&E attendances in 12 months"), "count(ae, last 12 months) >= 2"},
    {QT_TRANSLATE_NOOP("phm::ui::RulePanelWidget", "Emergency admission in 12 months"), "count(apc, emergency, last 12 months) >= 1"},
    {QT_TRANSLATE_NOOP("phm::ui::RulePanelWidget", "Cost in 12 months above…"), "cost(all, last 12 months) > 5000"},
    {QT_TRANSLATE_NOOP("phm::ui::RulePanelWidget", "Lives in a care home"), "care_home"},
    {QT_TRANSLATE_NOOP("phm::ui::RulePanelWidget", "In a saved cohort"), "in_cohort(\"name\")"},
};
}  // namespace

RulePanelWidget::RulePanelWidget(QWidget *parent)
    : QWidget(parent), mGroups(new QVBoxLayout), mNote(new QLabel(this)), mCompleter(new QCompleter(this)) {
    mCompleter->setModel(new QStringListModel(mCompleter));
    mCompleter->setCaseSensitivity(Qt::CaseInsensitive);
    mCompleter->setFilterMode(Qt::MatchContains);
    mNote->setWordWrap(true);
    mNote->setStyleSheet(QStringLiteral("color:#d5281b"));
    mNote->hide();
    auto *content = new QWidget;
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->addWidget(mNote);
    contentLayout->addLayout(mGroups);
    auto *buttons = new QHBoxLayout;
    auto *addGroup = new QPushButton(tr("Add group"), content);
    auto *addExclusion = new QPushButton(tr("Add exclusion"), content);
    addGroup->setToolTip(tr("People must also match one of this group's criteria (AND)"));
    addExclusion->setToolTip(tr("Remove people who match any of this group's criteria (AND NOT)"));
    buttons->addWidget(addGroup);
    buttons->addWidget(addExclusion);
    buttons->addStretch();
    contentLayout->addLayout(buttons);
    contentLayout->addStretch();
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);  // a narrow panel scrolls rather than hide a row's buttons
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
    connect(addGroup, &QPushButton::clicked, this, [this] {
        mPanel.groups.push_back({false, {QString()}});
        changed();
    });
    connect(addExclusion, &QPushButton::clicked, this, [this] {
        mPanel.groups.push_back({true, {QString()}});
        changed();
    });
    rebuild();
}

void RulePanelWidget::setPanel(const core::rules::RulePanel &panel) {
    if (panel == mPanel) return;
    mPanel = panel;
    rebuild();
}

void RulePanelWidget::setCompletions(const QStringList &words) {
    static_cast<QStringListModel *>(mCompleter->model())->setStringList(words);
}

void RulePanelWidget::setNote(const QString &note) {
    mNote->setText(note);
    mNote->setVisible(!note.isEmpty());
}

void RulePanelWidget::addCriterion(int group, const QString &criterion) {
    if (group < 0 || group >= int(mPanel.groups.size())) {
        mPanel.groups.push_back({false, {}});
        group = int(mPanel.groups.size()) - 1;
    }
    QStringList &criteria = mPanel.groups[size_t(group)].criteria;
    if (!criteria.isEmpty() && criteria.back().trimmed().isEmpty())
        criteria.back() = criterion;  // fill the empty row a new group starts with
    else
        criteria << criterion;
    changed();
}

QList<QLineEdit *> RulePanelWidget::criterionEditors() const { return findChildren<QLineEdit *>(QStringLiteral("criterion")); }

QList<CriterionEditor *> RulePanelWidget::criteria() const { return findChildren<CriterionEditor *>(); }

void RulePanelWidget::changed() {
    // Rebuilding deletes the widget whose signal brought us here: do it once control returns.
    QTimer::singleShot(0, this, &RulePanelWidget::rebuild);
    emit edited();
}

void RulePanelWidget::rebuild() {
    while (QLayoutItem *item = mGroups->takeAt(0)) {
        if (QWidget *w = item->widget()) w->deleteLater();
        delete item;
    }
    if (mPanel.groups.empty()) {
        auto *hint = new QLabel(tr("No criteria yet: everyone is in the cohort. Add a group, or type a rule above."));
        hint->setWordWrap(true);
        mGroups->addWidget(hint);
    }
    for (int g = 0; g < int(mPanel.groups.size()); ++g) {
        if (g > 0) {
            auto *joiner = new QLabel(mPanel.groups[size_t(g)].exclude ? tr("AND NOT") : tr("AND"));
            joiner->setAlignment(Qt::AlignHCenter);
            joiner->setStyleSheet(QStringLiteral("font-weight:bold;color:#005eb8"));
            mGroups->addWidget(joiner);
        }
        mGroups->addWidget(groupWidget(g));
    }
}

QWidget *RulePanelWidget::groupWidget(int g) {
    const core::rules::PanelGroup &group = mPanel.groups[size_t(g)];
    auto *frame = new QFrame;
    frame->setFrameShape(QFrame::StyledPanel);
    frame->setStyleSheet(group.exclude ? QStringLiteral("QFrame{background:#fdf0ef}") : QStringLiteral("QFrame{background:#eef5fb}"));
    auto *layout = new QVBoxLayout(frame);
    auto *header = new QHBoxLayout;
    auto *title = new QLabel(group.exclude ? tr("<b>Exclude</b> people with any of:") : tr("<b>Include</b> people with any of:"));
    auto *flip = new QToolButton;
    flip->setText(group.exclude ? tr("Make inclusion") : tr("Make exclusion"));
    auto *remove = new QToolButton;
    remove->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    remove->setToolTip(tr("Remove this group"));
    header->addWidget(title, 1);
    header->addWidget(flip);
    header->addWidget(remove);
    layout->addLayout(header);
    connect(flip, &QToolButton::clicked, this, [this, g] {
        mPanel.groups[size_t(g)].exclude = !mPanel.groups[size_t(g)].exclude;
        changed();
    });
    connect(remove, &QToolButton::clicked, this, [this, g] {
        mPanel.groups.erase(mPanel.groups.begin() + g);
        changed();
    });
    for (int c = 0; c < group.criteria.size(); ++c) {
        auto *row = new QHBoxLayout;
        if (c > 0) row->addWidget(new QLabel(tr("or")));
        auto *edit = new CriterionEditor(group.criteria[c], mCompleter, mPicker);
        auto *drop = new QToolButton;
        drop->setIcon(style()->standardIcon(QStyle::SP_DialogDiscardButton));
        drop->setToolTip(tr("Remove this criterion"));
        row->addWidget(edit, 1);
        row->addWidget(drop);
        layout->addLayout(row);
        connect(edit, &CriterionEditor::edited, this, [this, g, c](const QString &text) {
            if (g >= int(mPanel.groups.size()) || c >= mPanel.groups[size_t(g)].criteria.size()) return;
            QString &stored = mPanel.groups[size_t(g)].criteria[c];
            if (stored == text) return;
            stored = text;
            emit edited();  // the row stays as edited: no rebuild under the cursor
        });
        connect(drop, &QToolButton::clicked, this, [this, g, c] {
            mPanel.groups[size_t(g)].criteria.removeAt(c);
            if (mPanel.groups[size_t(g)].criteria.isEmpty()) mPanel.groups.erase(mPanel.groups.begin() + g);
            changed();
        });
    }
    auto *add = new QToolButton;
    add->setText(tr("Add criterion"));
    add->setPopupMode(QToolButton::InstantPopup);
    add->setMenu(criteriaMenu(g, add));
    layout->addWidget(add, 0, Qt::AlignLeft);
    return frame;
}

QMenu *RulePanelWidget::criteriaMenu(int g, QWidget *owner) {
    auto *menu = new QMenu(owner);
    menu->addAction(tr("Empty criterion"), this, [this, g] { addCriterion(g, QString()); });
    menu->addSeparator();
    for (const Example &e : kExamples)
        // "&&": a menu reads a single & as the shortcut marker ("A&E" would show as "AE").
        menu->addAction(tr(e.label).replace(QLatin1Char('&'), QStringLiteral("&&")), this,
                        [this, g, rule = QString::fromUtf8(e.rule)] { addCriterion(g, rule); });
    return menu;
}

}  // namespace phm::ui
