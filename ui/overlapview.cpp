#include "overlapview.h"
#include "chartactions.h"
#include "tableactions.h"

#include "backgroundjob.h"
#include "barchart.h"
#include "cohorts/cohortstore.h"
#include "operations/cohortops.h"
#include "projectcontroller.h"

#include <QChartView>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace phm::ui {

OverlapView::OverlapView(ProjectController *controller, QWidget *parent)
    : QWidget(parent),
      mController(controller),
      mCohorts(new QListWidget(this)),
      mCompare(new QPushButton(tr("Compare"), this)),
      mStatus(new QLabel(this)),
      mTable(new QTableWidget(this)),
      mChart(new QChartView(this)),
      mListing(new BackgroundJob(this)),
      mComparing(new BackgroundJob(this)) {
    mListing->showErrorsIn(mStatus);
    auto *left = new QVBoxLayout;
    left->addWidget(new QLabel(tr("Tick 2 to 4 saved cohorts:"), this));
    left->addWidget(mCohorts, 1);
    left->addWidget(mCompare);
    mCompare->setEnabled(false);
    mStatus->setWordWrap(true);
    mTable->verticalHeader()->hide();
    mTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    installTableActions(mTable, mController, tr("Cohort overlap"), {0});
    installChartActions(mChart, mController, tr("Cohort overlap"));
    mChart->setRenderHint(QPainter::Antialiasing);
    mChart->chart()->legend()->hide();
    auto *right = new QVBoxLayout;
    right->addWidget(mStatus);
    right->addWidget(mTable, 1);
    auto *layout = new QHBoxLayout(this);
    layout->addLayout(left, 1);
    layout->addLayout(right, 2);
    layout->addWidget(mChart, 2);
    connect(mCohorts, &QListWidget::itemChanged, this, [this] {
        const auto n = checkedNames().size();
        mCompare->setEnabled(n >= 2 && n <= 4);
    });
    connect(mCompare, &QPushButton::clicked, this, &OverlapView::compare);
    connect(controller, &ProjectController::projectOpened, this, [this] {
        reloadCohorts();
        // A cohort saved or removed anywhere (the builder, another view) is listed at once.
        connect(mController->session().get(), &core::Session::cohortsChanged, this, &OverlapView::reloadCohorts, Qt::UniqueConnection);
    });
    mStatus->setText(
        tr("How many people are in each combination of cohorts: each person is counted once, in the row of exactly "
           "the cohorts they belong to."));
}

void OverlapView::reloadCohorts() {
    const auto project = mController->project();
    if (!project) return;
    mListing->start([session = mController->session()](core::Feedback &) { return session->savedCohorts(); },
                    [this](const std::vector<core::SavedCohort> &saved) { showCohorts(saved); },
                    [this](const core::Error &error) {
                        mCohorts->clear();
                        mStatus->setText(error.message);
                    });
}

void OverlapView::showCohorts(const std::vector<core::SavedCohort> &saved) {
    const QStringList wasChecked = checkedNames();
    mCohorts->clear();
    const QLocale l;
    for (const core::SavedCohort &c : saved) {
        auto *item = new QListWidgetItem(tr("%1 (%2 people, v%3)").arg(c.name, l.toString(c.current().count)).arg(c.current().version));
        item->setData(Qt::UserRole, c.name);
        item->setToolTip(c.current().rule);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(wasChecked.contains(c.name) ? Qt::Checked : Qt::Unchecked);
        mCohorts->addItem(item);
    }
}

QStringList OverlapView::checkedNames() const {
    QStringList out;
    for (int i = 0; i < mCohorts->count(); ++i)
        if (mCohorts->item(i)->checkState() == Qt::Checked) out << mCohorts->item(i)->data(Qt::UserRole).toString();
    return out;
}

void OverlapView::compare() {
    const auto project = mController->project();
    if (!project || mComparing->isRunning()) return;
    mNames = checkedNames();
    mCompare->setEnabled(false);
    mStatus->setText(tr("Comparing…"));
    mComparing->start([project, lists = mController->codeLists(), session = mController->session(), names = mNames](
                          core::Feedback &) { return core::overlapOfSaved(*project, *lists, core::ops::cohortRules(*session), names); },
                      [this](const core::Result<std::vector<core::OverlapRegion>> &result) { show(result); });
}

void OverlapView::show(const core::Result<std::vector<core::OverlapRegion>> &result) {
    const auto n = checkedNames().size();
    mCompare->setEnabled(n >= 2 && n <= 4);
    if (!result) {
        mStatus->setText(result.error().message);
        emit updated();
        return;
    }
    std::vector<core::OverlapRegion> regions = result.value();
    std::sort(regions.begin(), regions.end(), [](const auto &a, const auto &b) { return a.count > b.count; });
    const QLocale l;
    int64_t total = 0;
    for (const auto &r : regions) total += r.count;
    mStatus->setText(tr("%1 people are in at least one of the %2 cohorts.").arg(l.toString(qlonglong(total))).arg(mNames.size()));
    mTable->clear();
    mTable->setColumnCount(int(mNames.size()) + 1);
    mTable->setRowCount(int(regions.size()));
    QStringList headers = mNames;
    headers << tr("People");
    mTable->setHorizontalHeaderLabels(headers);
    QStringList labels;
    std::vector<double> counts;
    for (int row = 0; row < int(regions.size()); ++row) {
        QStringList in;
        for (int k = 0; k < mNames.size(); ++k) {
            const bool member = regions[size_t(row)].members & (1u << k);
            auto *cell = new QTableWidgetItem(member ? QStringLiteral("●") : QString());
            cell->setTextAlignment(Qt::AlignCenter);
            mTable->setItem(row, k, cell);
            if (member) in << mNames[k];
        }
        auto *count = new QTableWidgetItem(l.toString(qlonglong(regions[size_t(row)].count)));
        count->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        mTable->setItem(row, int(mNames.size()), count);
        labels << in.join(QStringLiteral(" + "));
        counts.push_back(double(regions[size_t(row)].count));
    }
    mTable->resizeColumnsToContents();
    showHorizontalBars(mChart->chart(), tr("People in exactly these cohorts"), labels, counts);
    emit updated();
}

}  // namespace phm::ui
