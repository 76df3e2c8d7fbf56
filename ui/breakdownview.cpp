#include "breakdownview.h"
#include "tableactions.h"

#include "projectcontroller.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace phm::ui {

void BreakdownModel::setRows(std::vector<core::AreaCount> rows) {
    beginResetModel();
    mRows = std::move(rows);
    endResetModel();
}

int BreakdownModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(mRows.size()); }
int BreakdownModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant BreakdownModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid()) return {};
    const core::AreaCount &r = mRows[size_t(index.row())];
    const double share = r.population > 0 ? 100.0 * double(r.count) / double(r.population) : 0.0;
    if (role == Qt::UserRole) {  // sort key
        switch (index.column()) {
            case AreaName:
                return r.name;
            case People:
                return qlonglong(r.count);
            case Population:
                return qlonglong(r.population);
            case Share:
                return share;
        }
    }
    if (role == Qt::DisplayRole) {
        const QLocale l;
        switch (index.column()) {
            case AreaName:
                return r.name;
            case People:
                return l.toString(qlonglong(r.count));
            case Population:
                return l.toString(qlonglong(r.population));
            case Share:
                return r.population > 0 ? tr("%1%").arg(l.toString(share, 'f', 2)) : QString();
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() != AreaName) return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant BreakdownModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    if (role == Qt::ToolTipRole && section == Share)
        return tr("People in the cohort as a share of the area's registered population at the extract end");
    if (role != Qt::DisplayRole) return {};
    switch (section) {
        case AreaName:
            return tr("Area");
        case People:
            return tr("In cohort");
        case Population:
            return tr("Registered");
        case Share:
            return tr("Share");
    }
    return {};
}

BreakdownView::BreakdownView(ProjectController *controller, QWidget *parent)
    : QWidget(parent),
      mController(controller),
      mLevel(new QComboBox(this)),
      mTable(new QTableView(this)),
      mModel(new BreakdownModel(this)) {
    mLevel->addItem(tr("Place"), int(core::Area::Place));
    mLevel->addItem(tr("Care alliance"), int(core::Area::Alliance));
    mLevel->addItem(tr("PCN"), int(core::Area::Pcn));
    mLevel->addItem(tr("Practice"), int(core::Area::Practice));
    mLevel->addItem(tr("Neighbourhood (LSOA)"), int(core::Area::Lsoa));
    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(mModel);
    proxy->setSortRole(Qt::UserRole);
    mTable->setModel(proxy);
    installTableActions(mTable, mController, tr("Breakdown"), {BreakdownModel::AreaName})
        ->share(BreakdownModel::Share, BreakdownModel::People, BreakdownModel::Population);
    mTable->setSortingEnabled(true);
    mTable->sortByColumn(BreakdownModel::People, Qt::DescendingOrder);
    mTable->verticalHeader()->hide();
    mTable->horizontalHeader()->setSectionResizeMode(BreakdownModel::AreaName, QHeaderView::Stretch);
    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Break down by:"), this));
    top->addWidget(mLevel);
    top->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(mTable, 1);
    connect(mLevel, &QComboBox::currentIndexChanged, this, &BreakdownView::recompute);
}

void BreakdownView::setCohort(std::shared_ptr<const core::rules::Selection> people) {
    mPeople = std::move(people);
    recompute();
}

void BreakdownView::recompute() {
    const auto areas = mController->areas();
    if (!areas || !mPeople) return;
    const auto kind = core::Area::Kind(mLevel->currentData().toInt());
    // The project too: the area index refers to it, and the worker may outlive this view.
    mJob->start([project = mController->project(), areas, people = mPeople,
                 kind](core::Feedback &) -> core::Result<std::vector<core::AreaCount>> { return core::breakdown(*areas, *people, kind); },
                [this](const std::vector<core::AreaCount> &rows) {
                    mModel->setRows(rows);
                    emit updated();
                });
}

}  // namespace phm::ui
