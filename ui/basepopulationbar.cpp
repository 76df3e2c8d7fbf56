#include "basepopulationbar.h"

#include "base/dates.h"
#include "report/palette.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace phm::ui {

namespace {
QDate toQDate(int32_t days) { return QDate(1970, 1, 1).addDays(days); }
int32_t fromQDate(const QDate &d) { return int32_t(QDate(1970, 1, 1).daysTo(d)); }
}  // namespace

BasePopulationBar::BasePopulationBar(QWidget *parent)
    : QWidget(parent),
      mChip(new QLabel(this)),
      mEveryone(new QCheckBox(tr("Include deceased and deregistered"), this)),
      mDate(new QDateEdit(this)) {
    mChip->setObjectName(QStringLiteral("basePopulation"));
    mChip->setWordWrap(true);
    mChip->setStyleSheet(QStringLiteral("QLabel { background: %1; border: 1px solid %2; border-radius: 9px; padding: 2px 8px; }")
                             .arg(report::kTableHeader.name(), report::kGrid.name()));
    mChip->setToolTip(
        tr("The people this cohort is counted among; its percentages are of them. It follows the area selected "
           "in the Geography navigator."));
    mEveryone->setObjectName(QStringLiteral("baseEveryone"));
    mEveryone->setToolTip(tr("Count everyone in the extract, including people who have died or left their practice."));
    mDate->setObjectName(QStringLiteral("indexDate"));
    mDate->setDisplayFormat(QStringLiteral("d MMM yyyy"));
    mDate->setCalendarPopup(true);
    mDate->setToolTip(tr("The index date: ages, registration and time windows (\"last 12 months\") are as on this day."));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(mChip);
    auto *row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Index date:"), this));
    row->addWidget(mDate);
    row->addWidget(mEveryone, 1);
    layout->addLayout(row);
    connect(mEveryone, &QCheckBox::toggled, this, [this](bool on) {
        mBase.everyone = on;
        mCount = -1;
        refresh();
        emit changed();
    });
    connect(mDate, &QDateEdit::dateChanged, this, [this](const QDate &d) {
        if (!mAreas) return;
        const int32_t day = fromQDate(d);
        mBase.indexDate = day == mAreas->project().extractEnd ? core::kNoDate : day;
        mCount = -1;
        refresh();
        emit changed();
    });
    refresh();
}

void BasePopulationBar::setAreas(std::shared_ptr<const core::AreaIndex> areas) {
    mAreas = std::move(areas);
    mBase = core::CohortBase{};
    mCount = -1;
    if (mAreas) {
        const core::Project &p = mAreas->project();
        const QSignalBlocker quiet(mDate);
        const int32_t first = p.extractStart == core::kNoDate ? p.extractEnd - 3650 : p.extractStart;
        mDate->setDateRange(toQDate(first), toQDate(p.extractEnd));
        mDate->setDate(toQDate(p.extractEnd));
    }
    const QSignalBlocker quiet(mEveryone);
    mEveryone->setChecked(false);
    refresh();
}

void BasePopulationBar::setArea(const core::Area &area) {
    if (mBase.area && *mBase.area == area) return;
    mBase.area = area;
    mCount = -1;
    refresh();
    emit changed();
}

void BasePopulationBar::setCount(int64_t people) {
    mCount = people;
    refresh();
}

QString BasePopulationBar::chipText() const { return mChip->text(); }

void BasePopulationBar::refresh() {
    if (!mAreas) {
        mChip->setText(tr("Base: open a project"));
        return;
    }
    const QString day = core::displayDate(mBase.resolvedIndexDate(mAreas->project()));
    QString who = mBase.everyone ? tr("everyone in the extract, as at %1").arg(day) : tr("registered and alive on %1").arg(day);
    if (mBase.area && mBase.area->kind != core::Area::Ics) who = tr("%1, %2").arg(who, mAreas->name(*mBase.area));
    mChip->setText(mCount < 0 ? tr("Base: %1").arg(who) : tr("Base: %1 — %2 people").arg(who, QLocale().toString(qlonglong(mCount))));
}

}  // namespace phm::ui
