#include "profilepanel.h"
#include "chartactions.h"
#include "report/palette.h"
#include "tableactions.h"

#include "barchart.h"
#include "chartscroller.h"
#include "indicatoreditor.h"
#include "leaguetable.h"
#include "profilecache.h"
#include "projectcontroller.h"
#include "spinedelegate.h"
#include "tablestyle.h"
#include "trendview.h"

#include <QChartView>
#include <QCursor>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QScatterSeries>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>

namespace phm::ui {

ProfilePanel::ProfilePanel(ProjectController *controller, ProfileCache *cache, QWidget *parent)
    : QWidget(parent),
      mController(controller),
      mCache(cache),
      mTitle(new QLabel(this)),
      mTable(new QTableView(this)),
      mChart(new QChartView(this)),
      mFunnel(new QChartView(this)),
      mTrend(new TrendView(controller, this)),
      mLeague(new LeagueTable(this)),
      mModel(new ProfileTableModel(this)) {
    mTable->setObjectName(QStringLiteral("profileTable"));
    mTable->setModel(mModel);
    installTableActions(mTable, mController, tr("Area profile"), {ProfileTableModel::Indicator});
    installTableActions(mLeague->findChild<QTableView *>(), mController, tr("League table"), {0, 1});
    installChartActions(mChart, mController, tr("Area profile"));
    installChartActions(mFunnel, mController, tr("Funnel plot"));
    installChartActions(mTrend, mController, tr("Trend"));
    mTable->setItemDelegateForColumn(ProfileTableModel::Spine, new SpineDelegate(mTable));
    styleTable(mTable);
    mTable->setSelectionMode(QAbstractItemView::SingleSelection);
    mTable->horizontalHeader()->setSectionResizeMode(ProfileTableModel::Indicator, QHeaderView::Stretch);
    mTable->horizontalHeader()->setSectionResizeMode(ProfileTableModel::Spine, QHeaderView::Fixed);
    mTable->horizontalHeader()->resizeSection(ProfileTableModel::Spine, 170);
    mTable->horizontalHeader()->setMinimumSectionSize(40);
    mChart->setRenderHint(QPainter::Antialiasing);
    mChart->setMinimumWidth(300);
    mChart->chart()->legend()->hide();
    mTitle->setWordWrap(true);
    mFunnel->setRenderHint(QPainter::Antialiasing);
    mFunnel->chart()->legend()->setAlignment(Qt::AlignBottom);
    auto *charts = new QTabWidget(this);
    charts->setObjectName(QStringLiteral("profileCharts"));
    mChartScroll = new ChartScroller(mChart, this);
    mChartScroll->setObjectName(QStringLiteral("allAreasScroll"));
    charts->addTab(mChartScroll, tr("All areas"));
    charts->addTab(mFunnel, tr("Funnel plot"));
    charts->addTab(mTrend, tr("Trend"));
    charts->addTab(mLeague, tr("League table"));
    connect(mLeague, &LeagueTable::childrenToggled, this, &ProfilePanel::showLeague);
    connect(mLeague, &LeagueTable::areaActivated, this, &ProfilePanel::areaRequested);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(mTable);
    split->addWidget(charts);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({760, 440});
    auto *addIndicators = new QPushButton(tr("Add indicators…"), this);
    addIndicators->setToolTip(
        tr("Load your own indicator definitions (a JSON file laid out like resources/indicators/indicators.json; "
           "see docs/indicators.md)"));
    connect(addIndicators, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Indicator definitions"), QString(), tr("Indicators (*.json)"));
        if (!path.isEmpty()) setIndicatorFile(path);
    });
    auto *newIndicator = new QPushButton(tr("New indicator…"), this), *editSelected = new QPushButton(tr("Edit…"), this);
    editSelected->setObjectName(QStringLiteral("editIndicator"));
    newIndicator->setToolTip(tr("Define an indicator with rules; it is checked as you type and kept in the project"));
    editSelected->setToolTip(tr("Edit the selected indicator (saved in the project under the same id)"));
    connect(newIndicator, &QPushButton::clicked, this, [this] { editIndicator(false); });
    connect(editSelected, &QPushButton::clicked, this, [this] { editIndicator(true); });
    auto *top = new QHBoxLayout;
    top->addWidget(mTitle, 1);
    top->addWidget(newIndicator);
    top->addWidget(editSelected);
    top->addWidget(addIndicators);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);
    connect(mTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        if (current.isValid()) selectIndicator(current.row());
    });
    mTable->setToolTip(tr("Double-click an indicator to open the people behind this area's value in the cohort builder"));
    connect(mTable, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.isValid()) {
            mIndicator = index.row();
            drillDown(mModel->areaIndex());
        }
    });
    connect(cache, &ProfileCache::cleared, this, [this] {
        mTrend->clear();
        if (mArea) setArea(*mArea);
    });
    connect(cache, &ProfileCache::ready, this, [this](core::Area::Kind level) {
        if (mArea && mArea->kind == level)
            show();
        else if (mArea && LeagueTable::childLevel(mArea->kind) == level)
            showLeague();
    });
    connect(cache, &ProfileCache::failed, this, [this](const QString &message) {
        mTitle->setText(message.toHtmlEscaped());
        emit updated();
    });
    mTitle->setText(tr("Select an area in the navigator to see its profile."));
}

void ProfilePanel::setArea(const core::Area &area) {
    mArea = area;
    if (mCache->profile(area.kind))
        show();
    else
        mTitle->setText(tr("Computing the profile of every area at this level…"));
}

void ProfilePanel::show() {
    const auto areas = mController->areas();
    const ProfileData *cached = mArea ? mCache->profile(mArea->kind) : nullptr;
    if (!cached || !areas) return;
    const ProfileData computed = *cached;
    const core::Area parent = areas->parentOf(*mArea);
    mModel->setProfile(computed, mArea->index, mArea->kind == core::Area::Ics ? QString() : areas->name(parent));
    mTable->horizontalHeader()->resizeSection(ProfileTableModel::Indicator, 260);
    const QLocale l;
    const QString shown = areas->name(*mArea).toHtmlEscaped();
    const QString computedIn = l.toString(computed.profile ? computed.profile->ms : 0.0, 'f', 0);
    if (mArea->kind == core::Area::Ics)
        mTitle->setText(tr("<b>%1</b> — %2 indicators for the whole ICS, not compared (the project holds no England values); "
                           "computed in %3 ms")
                            .arg(shown)
                            .arg(computed.indicators.size())
                            .arg(computedIn));
    else
        mTitle->setText(tr("<b>%1</b> — %2 indicators, compared with %3 and the ICS; %4 areas at this level; computed in %5 ms")
                            .arg(shown)
                            .arg(computed.indicators.size())
                            .arg(areas->name(parent).toHtmlEscaped())
                            .arg(areas->areaCount(mArea->kind))
                            .arg(computedIn));
    mTable->selectRow(std::min(mIndicator, mModel->rowCount() - 1));
    showComparison();
    showFunnel();
    showTrend();
    showLeague();
    emit updated();
}

void ProfilePanel::selectIndicator(int indicator) {
    if (indicator != mIndicator) {
        mIndicator = indicator;
        emit indicatorSelected(indicator);
    }
    showComparison();
    showFunnel();
    showTrend();
    showLeague();
}

void ProfilePanel::showLeague() {
    const auto areas = mController->areas();
    if (!areas || !mArea || !mModel->profileData().profile) return;
    const ProfileData *children = nullptr;
    if (mLeague->showsChildren())
        if (const auto below = LeagueTable::childLevel(mArea->kind)) children = mCache->profile(*below);  // asks for it if needed
    mLeague->show(mModel->profileData(), children, *areas, *mArea, mIndicator);
}

void ProfilePanel::showTrend() {
    const ProfileData &shown = mModel->profileData();
    if (mArea && mIndicator >= 0 && mIndicator < int(shown.indicators.size()))
        mTrend->setSelection(shown.indicators[size_t(mIndicator)], *mArea);
}

bool ProfilePanel::setIndicatorFile(const QString &path) {
    // Checked first, so a mistake is reported at once and the current profiles stay.
    const QString error = mCache->setIndicatorFile(path);
    if (!error.isEmpty()) QMessageBox::warning(this, tr("Indicator definitions"), error);
    return error.isEmpty();
}

void ProfilePanel::editIndicator(bool selected) {
    const ProfileData &shown = mModel->profileData();
    core::IndicatorDefinition start;
    if (selected && mIndicator >= 0 && mIndicator < int(shown.indicators.size())) {
        start = shown.indicators[size_t(mIndicator)];
    } else {
        start.id = QStringLiteral("my-indicator");
        start.name = tr("My indicator");
        start.numerator = QStringLiteral("has(gp, @diabetes)");
    }
    auto *editor = new IndicatorEditor(mController, start, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    editor->open();
}

void ProfilePanel::drillDown(int areaIndex) {
    const auto areas = mController->areas();
    const ProfileData &shown = mModel->profileData();
    if (!areas || !mArea || mIndicator < 0 || mIndicator >= int(shown.indicators.size())) return;
    emit cohortRequested(core::drillDownRule(*areas, shown.indicators[size_t(mIndicator)], core::Area{shown.level, areaIndex}));
}

void ProfilePanel::showFunnel() {
    QChart *chart = mFunnel->chart();
    clearChart(chart);
    const ProfileData &shown = mModel->profileData();
    if (!shown.profile || mIndicator < 0 || mIndicator >= int(shown.indicators.size())) return;
    const core::IndicatorDefinition &d = shown.indicators[size_t(mIndicator)];
    if (d.type == core::IndicatorType::Mean) {
        chart->setTitle(tr("%1<br><small>Funnel plots are drawn for proportions, rates and DSRs; see All areas for means</small>")
                            .arg(d.name.toHtmlEscaped()));
        return;
    }
    // Each area at its denominator (for rates, the population behind its rate), with the 95% and
    // 99.8% control limits around the average of all areas (core funnelPlot). The workbench
    // shows every area (no disclosure control inside it).
    const bool proportion = d.type == core::IndicatorType::Proportion;
    core::disclosure::Policy everything;
    everything.enabled = false;
    const core::FunnelPlot plot = core::funnelPlot(*shown.profile, mIndicator, d, mModel->areaIndex(), everything);
    if (plot.points.empty()) return;
    auto *points = new QScatterSeries, *selected = new QScatterSeries;
    points->setName(tr("Areas"));
    points->setMarkerSize(7);
    points->setColor(report::kNhsBlue);
    selected->setName(tr("This area"));
    selected->setMarkerSize(12);
    selected->setColor(report::kWarmYellow);
    double maxN = 0, minN = INFINITY, lo = INFINITY, hi = -INFINITY;
    for (const core::FunnelPlot::Point &pt : plot.points) {
        (pt.self ? selected : points)->append(pt.x, pt.y);
        maxN = std::max(maxN, pt.x);
        minN = std::min(minN, pt.x);
        lo = std::min(lo, pt.y);
        hi = std::max(hi, pt.y);
    }
    using Limit = core::FunnelPlot::Limit;
    auto line = [&](const QString &name, const QPen &pen, double Limit::*member) {
        auto *s = new QLineSeries;
        s->setName(name);
        s->setPen(pen);
        std::vector<QPointF> pts;
        for (const Limit &l : plot.limits)
            if (!std::isnan(l.*member) && l.x <= maxN * 1.05) pts.emplace_back(l.x, l.*member);
        std::sort(pts.begin(), pts.end(), [](const QPointF &a, const QPointF &b) { return a.x() < b.x(); });
        for (const QPointF &p : pts) s->append(p);
        chart->addSeries(s);
        return s;
    };
    auto *average = new QLineSeries;
    average->setName(tr("Average"));
    average->setPen(QPen(Qt::black, 1.5));
    average->append(0, plot.baseline);
    average->append(maxN * 1.05, plot.baseline);
    chart->addSeries(average);
    line(tr("95% limits"), QPen(report::kDarkGrey, 1, Qt::DashLine), &Limit::lower95);
    line(QString(), QPen(report::kDarkGrey, 1, Qt::DashLine), &Limit::upper95);
    line(tr("99.8% limits"), QPen(report::kDarkGrey, 1, Qt::DotLine), &Limit::lower998);
    line(QString(), QPen(report::kDarkGrey, 1, Qt::DotLine), &Limit::upper998);
    chart->addSeries(points);
    chart->addSeries(selected);
    auto *ax = new QValueAxis, *ay = new QValueAxis;
    ax->setTitleText(proportion ? tr("Denominator (people)") : tr("Population behind the rate (events / rate)"));
    ay->setTitleText(tr("Value"));
    ax->setLabelFormat(QStringLiteral("%.0f"));
    ax->setRange(0, maxN * 1.05);
    ax->applyNiceNumbers();
    for (const Limit &l : plot.limits)
        if (l.x >= minN * 0.5 && l.x <= maxN * 1.05)
            for (double v : {l.lower998, l.upper998}) {
                if (std::isnan(v)) continue;
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
    const double pad = (hi - lo) * 0.05 + 1e-9;
    ay->setRange(std::max(0.0, lo - pad), hi + pad);
    ay->applyNiceNumbers();
    chart->addAxis(ax, Qt::AlignBottom);
    chart->addAxis(ay, Qt::AlignLeft);
    for (QAbstractSeries *s : chart->series()) {
        s->attachAxis(ax);
        s->attachAxis(ay);
    }
    for (QLegendMarker *m : chart->legend()->markers())
        if (m->label().isEmpty()) m->setVisible(false);
    chart->setTitle(tr("%1<br><small>funnel plot: control limits around the average of all areas%2</small>")
                        .arg(d.name.toHtmlEscaped(), proportion ? QString() : tr(" (exact Poisson)")));
}

void ProfilePanel::showComparison() {
    clearChart(mChart->chart());
    const ProfileData &shown = mModel->profileData();
    if (!shown.profile || mIndicator < 0 || mIndicator >= int(shown.indicators.size())) return;
    const core::IndicatorDefinition &d = shown.indicators[size_t(mIndicator)];
    // Every area's value for the indicator, highest first, each named; many areas scroll.
    std::vector<const core::ProfileRow *> rows;
    for (const core::ProfileRow &r : shown.profile->rows)
        if (r.indicator == mIndicator && !std::isnan(r.value.ci.value)) rows.push_back(&r);
    std::sort(rows.begin(), rows.end(), [](const auto *a, const auto *b) { return a->value.ci.value > b->value.ci.value; });
    mChartScroll->fitRows(int(rows.size()));
    std::vector<IntervalBar> bars;
    for (const core::ProfileRow *r : rows)
        bars.push_back({r->areaName, r->value.ci.value, r->value.ci.lower, r->value.ci.upper, significanceColour(r->vsIcs),
                        r->area.index == mModel->areaIndex()});
    // Every bar also names itself on hover.
    const auto series = showIntervalBars(mChart,
                                         tr("%1<br><small>all areas at this level, coloured against the ICS, with 95% intervals; dashed "
                                            "line: ICS</small>")
                                             .arg(d.name.toHtmlEscaped()),
                                         bars, rows.empty() ? NAN : rows.front()->icsValue, true);
    for (size_t k = 0; k < rows.size(); ++k) {
        const core::ProfileRow &r = *rows[k];
        const QString tip = tr("%1: %2 (%3 to %4), %5 the ICS; click for the people behind it")
                                .arg(r.areaName)
                                .arg(r.value.ci.value, 0, 'f', 2)
                                .arg(r.value.ci.lower, 0, 'f', 2)
                                .arg(r.value.ci.upper, 0, 'f', 2)
                                .arg(core::significanceName(r.vsIcs));
        connect(series[k], &QLineSeries::clicked, this, [this, area = r.area.index] { drillDown(area); });
        connect(series[k], &QLineSeries::hovered, this, [tip](const QPointF &, bool state) {
            if (state)
                QToolTip::showText(QCursor::pos(), tip);
            else
                QToolTip::hideText();
        });
    }
}

}  // namespace phm::ui
