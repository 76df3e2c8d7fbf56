#include "inequalitypanel.h"
#include "chartactions.h"
#include "report/palette.h"
#include "tableactions.h"

#include "backgroundjob.h"
#include "barchart.h"
#include "cohorts/cohortanalysis.h"
#include "operations/profileops.h"
#include "projectcontroller.h"
#include "tablestyle.h"

#include <QChartView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace phm::ui {

InequalityPanel::InequalityPanel(ProjectController *controller, QWidget *parent)
    : QWidget(parent),
      mController(controller),
      mIndicator(new QComboBox(this)),
      mDimension(new QComboBox(this)),
      mTitle(new QLabel(this)),
      mSummary(new QLabel(this)),
      mChart(new QChartView(this)),
      mModel(new QStandardItemModel(this)) {
    mIndicator->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    mIndicator->setMinimumContentsLength(30);
    const std::pair<QString, core::InequalityDimension> dimensions[] = {
        {tr("IMD decile (1 = most deprived)"), core::InequalityDimension::ImdDecile},
        {tr("IMD quintile"), core::InequalityDimension::ImdQuintile},
        {tr("Ethnic group"), core::InequalityDimension::EthnicGroup},
        {tr("Sex"), core::InequalityDimension::Sex},
        {tr("Age band"), core::InequalityDimension::AgeBand},
        {tr("Rural or urban"), core::InequalityDimension::Rurality},
    };
    for (const auto &[label, d] : dimensions) mDimension->addItem(label, int(d));
    mChart->setRenderHint(QPainter::Antialiasing);
    mChart->chart()->legend()->hide();
    mChart->setMinimumWidth(380);
    mChart->setMinimumHeight(320);  // a readable row for each of the ten deciles; the dock scrolls
    mTitle->setWordWrap(true);
    mSummary->setWordWrap(true);
    mSummary->setTextFormat(Qt::RichText);
    auto *table = new QTableView(this);
    table->setModel(mModel);
    installTableActions(table, mController, tr("Inequalities"), {0});  // rates and intervals: published as counts (imprecise, never exact)
    installChartActions(mChart, mController, tr("Inequalities"));
    styleTable(table);
    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Indicator:"), this));
    controls->addWidget(mIndicator, 1);
    controls->addWidget(new QLabel(tr("By:"), this));
    controls->addWidget(mDimension);
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(mSummary);
    rightLayout->addWidget(table, 1);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(mChart);
    split->addWidget(right);
    split->setSizes({640, 520});
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(mTitle);
    layout->addWidget(split, 1);
    connect(mIndicator, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (mFilling || i < 0) return;
        mWanted = i;
        compute();
    });
    connect(mDimension, &QComboBox::currentIndexChanged, this, &InequalityPanel::compute);
    mTitle->setText(tr("Select an area to see inequalities within it."));
}

void InequalityPanel::setArea(const core::Area &area) {
    mArea = area;
    compute();
}

void InequalityPanel::setIndicator(int indicator) {
    if (indicator == mWanted) return;
    mWanted = indicator;
    if (indicator < mIndicator->count()) {
        mFilling = true;
        mIndicator->setCurrentIndex(indicator);
        mFilling = false;
    }
    compute();
}

void InequalityPanel::setDimension(core::InequalityDimension dimension) {
    mDimension->setCurrentIndex(mDimension->findData(int(dimension)));
}

void InequalityPanel::compute() {
    const auto project = mController->project();
    const auto areas = mController->areas();
    if (!project || !areas || !mArea) return;
    mTitle->setText(tr("Computing…"));
    const auto dimension = core::InequalityDimension(mDimension->currentData().toInt());
    auto work = [session = mController->session(), area = *mArea, dimension,
                 wanted = mWanted](core::Feedback &fb) -> core::Result<Computed> {
        auto indicators = session->indicators();
        if (!indicators) return indicators.error();
        const int indicator = std::clamp(wanted, 0, int(indicators.value().size()) - 1);
        // The area's own people (registered with it, or living in an LSOA); the ICS is everyone.
        std::optional<core::rules::Selection> scope;
        if (area.kind != core::Area::Ics) scope = core::areaMembers(session->areas(), area);
        core::ops::InequalityRequest request;
        request.indicator = indicators.value()[size_t(indicator)];
        request.dimension = dimension;
        request.scope = scope ? &*scope : nullptr;
        request.options.repetitions = 10000;  // the SII's simulated limits; stable to about 1% at this count
        auto r = core::ops::runInequality(*session, request, fb);
        if (!r) return r.error();
        return Computed{std::move(r.value()), indicators.value(), indicator};
    };
    mJob->start(std::move(work), [this](const core::Result<Computed> &result) {
        if (!result)
            mTitle->setText(result.error().message.toHtmlEscaped());
        else
            show(result.value());
        emit updated();
    });
}

void InequalityPanel::show(const Computed &c) {
    const auto areas = mController->areas();
    if (!areas || !mArea) return;
    if (mIndicator->count() != int(c.indicators.size())) {
        mFilling = true;
        mIndicator->clear();
        for (const core::IndicatorDefinition &d : c.indicators) mIndicator->addItem(d.name, d.id);
        mFilling = false;
    }
    mFilling = true;
    mIndicator->setCurrentIndex(c.indicator);
    mFilling = false;
    mResult = c.result;
    const core::IndicatorDefinition &d = c.indicators[size_t(c.indicator)];
    const core::InequalityResult &r = c.result;
    const QLocale l;
    const int decimals = d.multiplier >= 1000 ? 0 : 2;
    auto text = [&](double v) { return std::isnan(v) ? QStringLiteral("–") : l.toString(v, 'f', decimals); };
    // Bars in the order of the groups (deciles from the most deprived), the overall value dashed.
    std::vector<IntervalBar> bars;
    for (size_t g = 0; g < r.groups.size(); ++g) {
        const core::InequalityGroup &group = r.groups[g];
        // Deprivation in a sequential scale (darkest the most deprived); other groups in one colour.
        const bool gradient = mDimension->currentData().toInt() <= int(core::InequalityDimension::ImdQuintile);
        const double t = r.groups.size() > 1 ? double(g) / double(r.groups.size() - 1) : 0;
        const QColor colour = gradient ? QColor::fromRgbF(0.2 + 0.6 * t, 0.25 + 0.55 * t, 0.55 + 0.35 * t) : report::kNhsBlue;
        bars.push_back({group.label, group.value.ci.value, group.value.ci.lower, group.value.ci.upper, colour, false});
    }
    showIntervalBars(
        mChart,
        tr("%1<br><small>by %2 in %3, 95% intervals; dashed line: all of %3</small>")
            .arg(d.name.toHtmlEscaped(), mDimension->currentText().toLower().toHtmlEscaped(), areas->name(*mArea).toHtmlEscaped()),
        bars, r.overall.ci.value, true);
    mModel->clear();
    mModel->setHorizontalHeaderLabels({tr("Group"), tr("Count"), tr("Value"), tr("95% CI")});
    auto right = [](const QString &s) {
        auto *item = new QStandardItem(s);
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        return item;
    };
    for (const core::InequalityGroup &g : r.groups)
        mModel->appendRow({new QStandardItem(g.label),
                           right(tr("%1 / %2").arg(l.toString(g.value.numerator, 'f', 0), l.toString(g.value.denominator, 'f', 0))),
                           right(text(g.value.ci.value)), right(tr("%1 – %2").arg(text(g.value.ci.lower), text(g.value.ci.upper)))});
    mModel->appendRow({new QStandardItem(tr("All")),
                       right(tr("%1 / %2").arg(l.toString(r.overall.numerator, 'f', 0), l.toString(r.overall.denominator, 'f', 0))),
                       right(text(r.overall.ci.value)), right(tr("%1 – %2").arg(text(r.overall.ci.lower), text(r.overall.ci.upper)))});
    if (r.sii)
        mSummary->setText(
            tr("<b>Slope index of inequality</b> %1 (95% CI %2 to %3): the modelled gap from the most to the least "
               "deprived.<br><b>Relative index</b> %4 (%5 to %6). Limits from 10,000 simulations (seeded).")
                .arg(text(r.sii->sii), text(r.sii->siiLower), text(r.sii->siiUpper))
                .arg(l.toString(r.sii->rii, 'f', 3), l.toString(r.sii->riiLower, 'f', 3), l.toString(r.sii->riiUpper, 'f', 3)));
    else
        mSummary->setText(r.siiNote.isEmpty() ? tr("SII and RII are for the deprivation groupings.") : r.siiNote.toHtmlEscaped());
    mTitle->setText(
        tr("<b>%1</b> in <b>%2</b> by %3")
            .arg(d.name.toHtmlEscaped(), areas->name(*mArea).toHtmlEscaped(), mDimension->currentText().toLower().toHtmlEscaped()));
}

}  // namespace phm::ui
