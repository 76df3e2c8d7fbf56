#include "leaguetable.h"
#include "tablestyle.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

namespace phm::ui {

namespace {
constexpr int kAreaRole = Qt::UserRole + 1;  // on the name: the area's kind * 100000 + index

QStandardItem *numberItem(double v, int decimals) {
    auto *item = new QStandardItem(std::isnan(v) ? QStringLiteral("–") : QLocale().toString(v, 'f', decimals));
    item->setData(std::isnan(v) ? -1e300 : v, Qt::UserRole);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

QStandardItem *significanceItem(core::Significance s) {
    auto *item = new QStandardItem(core::significanceName(s));
    item->setTextAlignment(Qt::AlignCenter);
    if (s != core::Significance::NotCompared) {
        const QColor c = significanceColour(s);
        item->setBackground(c);
        item->setForeground(c.lightness() < 140 ? Qt::white : Qt::black);
    }
    return item;
}
}  // namespace

std::optional<core::Area::Kind> LeagueTable::childLevel(core::Area::Kind kind) {
    switch (kind) {
        case core::Area::Ics:
            return core::Area::Alliance;
        case core::Area::Alliance:
            return core::Area::Place;
        case core::Area::Place:
            return core::Area::Pcn;
        case core::Area::Pcn:
            return core::Area::Practice;
        case core::Area::Practice:
        case core::Area::Lsoa:
            break;
    }
    return std::nullopt;
}

LeagueTable::LeagueTable(QWidget *parent)
    : QWidget(parent),
      mTitle(new QLabel(this)),
      mChildren(new QCheckBox(this)),
      mView(new QTableView(this)),
      mModel(new QStandardItemModel(this)) {
    mModel->setSortRole(Qt::UserRole);
    mView->setModel(mModel);
    mView->setSortingEnabled(true);
    styleTable(mView);
    mView->setToolTip(tr("Double-click an area to select it"));
    mTitle->setWordWrap(true);
    auto *top = new QHBoxLayout;
    top->addWidget(mTitle, 1);
    top->addWidget(mChildren);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(mView, 1);
    connect(mChildren, &QCheckBox::toggled, this, &LeagueTable::childrenToggled);
    connect(mView, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        const int key = mModel->item(index.row(), 1)->data(kAreaRole).toInt();
        emit areaActivated(core::Area{core::Area::Kind(key / 100000), key % 100000});
    });
}

bool LeagueTable::showsChildren() const { return !mChildren->isHidden() && mChildren->isChecked(); }

void LeagueTable::show(const ProfileData &peers, const ProfileData *children, const core::AreaIndex &areas, const core::Area &area,
                       int indicator) {
    const auto childKind = childLevel(area.kind);
    mChildren->setVisible(childKind.has_value());
    const QStringList names = {tr("care alliances"), tr("places"), tr("PCNs"), tr("practices")};
    const QString childName = childKind ? names.value(int(*childKind) - 1) : QString();
    if (childKind) mChildren->setText(tr("Only its %1").arg(childName));
    mModel->clear();
    mModel->setHorizontalHeaderLabels({tr("Rank"), tr("Area"), tr("Count"), tr("Value"), tr("95% CI"), tr("vs ICS"), tr("vs parent")});
    const bool below = showsChildren();
    const ProfileData *shown = below ? children : &peers;
    if (!shown || !shown->profile || indicator < 0 || indicator >= int(shown->indicators.size())) {
        mTitle->setText(below ? tr("Computing the level below…") : QString());
        return;
    }
    const core::IndicatorDefinition &d = shown->indicators[size_t(indicator)];
    std::vector<const core::ProfileRow *> rows;
    for (const core::ProfileRow &r : shown->profile->rows)
        if (r.indicator == indicator && (!below || areas.parentOf(r.area) == area)) rows.push_back(&r);
    // Highest first; areas without a value last.
    std::stable_sort(rows.begin(), rows.end(), [](const auto *a, const auto *b) {
        const double x = std::isnan(a->value.ci.value) ? -1e300 : a->value.ci.value,
                     y = std::isnan(b->value.ci.value) ? -1e300 : b->value.ci.value;
        return x > y;
    });
    const int decimals = d.multiplier >= 1000 ? 0 : 1;
    const QLocale l;
    int rank = 0;
    for (const core::ProfileRow *r : rows) {
        auto *name = new QStandardItem(r->areaName);
        name->setData(r->areaName, Qt::UserRole);
        name->setData(int(r->area.kind) * 100000 + r->area.index, kAreaRole);
        if (r->area == area) {
            QFont f = name->font();
            f.setBold(true);
            name->setFont(f);
        }
        auto *count = new QStandardItem(d.type == core::IndicatorType::Mean ? l.toString(r->value.denominator, 'f', 0)
                                                                            : tr("%1 / %2").arg(l.toString(r->value.numerator, 'f', 0),
                                                                                                l.toString(r->value.denominator, 'f', 0)));
        count->setData(r->value.denominator, Qt::UserRole);
        count->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        auto *interval = new QStandardItem(
            tr("%1 – %2").arg(l.toString(r->value.ci.lower, 'f', decimals), l.toString(r->value.ci.upper, 'f', decimals)));
        interval->setData(r->value.ci.lower, Qt::UserRole);
        mModel->appendRow({numberItem(++rank, 0), name, count, numberItem(r->value.ci.value, decimals), interval,
                           significanceItem(r->vsIcs), significanceItem(r->vsParent)});
    }
    mTitle->setText(below ? tr("<b>%1</b>: the %2 of %3, ranked").arg(d.name.toHtmlEscaped(), childName, areas.name(area).toHtmlEscaped())
                          : tr("<b>%1</b>: every area at this level, ranked").arg(d.name.toHtmlEscaped()));
}

}  // namespace phm::ui
