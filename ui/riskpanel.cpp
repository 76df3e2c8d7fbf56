#include "riskpanel.h"
#include "chartactions.h"
#include "report/palette.h"
#include "tableactions.h"

#include "backgroundjob.h"
#include "barchart.h"
#include "cohorts/cohortanalysis.h"
#include "operations/riskops.h"
#include "projectcontroller.h"

#include <QChartView>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QPushButton>
#include <QScatterSeries>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>

namespace phm::ui {

namespace {
QTableWidgetItem *number(const QString &text) {
    auto *item = new QTableWidgetItem(text);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}
}  // namespace

RiskPanel::RiskPanel(ProjectController *controller, QWidget *parent)
    : QWidget(parent),
      mController(controller),
      mTrain(new QPushButton(tr("Retrain"), this)),
      mHigh(new QDoubleSpinBox(this)),
      mRising(new QDoubleSpinBox(this)),
      mQuality(new QLabel(this)),
      mAreaSummary(new QLabel(this)),
      mTiers(new QTableWidget(3, 4, this)),
      mCoefficients(new QTableWidget(this)),
      mChart(new QChartView(this)) {
    mHigh->setRange(0.5, 50);
    mHigh->setValue(5);
    mHigh->setSuffix(QStringLiteral(" %"));
    mRising->setRange(0, 60);
    mRising->setValue(15);
    mRising->setSuffix(QStringLiteral(" %"));
    mHigh->setToolTip(tr("Share of people with the highest scores in the high-risk tier"));
    mRising->setToolTip(tr("Share of people in the rising-risk tier, below the high-risk tier"));
    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("High risk: top"), this));
    top->addWidget(mHigh);
    top->addWidget(new QLabel(tr("Rising risk: next"), this));
    top->addWidget(mRising);
    top->addWidget(mTrain);
    top->addStretch();
    mQuality->setWordWrap(true);
    mAreaSummary->setWordWrap(true);
    mTiers->setHorizontalHeaderLabels({tr("Tier"), tr("People"), tr("Share"), tr("Lowest risk")});
    mTiers->verticalHeader()->hide();
    mTiers->setEditTriggers(QAbstractItemView::NoEditTriggers);
    mTiers->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    mCoefficients->setColumnCount(2);
    mCoefficients->setHorizontalHeaderLabels({tr("Predictor"), tr("Weight (per SD)")});
    installTableActions(mTiers, mController, tr("Risk tiers"), {0, 3})->share(2, 1);  // the tiers' share of the people scored
    installTableActions(mCoefficients, mController, tr("Risk model"), {0, 1});        // weights: statistics, not counts
    installChartActions(mChart, mController, tr("Risk calibration"));
    mCoefficients->verticalHeader()->hide();
    mCoefficients->setEditTriggers(QAbstractItemView::NoEditTriggers);
    mCoefficients->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    mCoefficients->setToolTip(tr("Regression coefficients on standardised predictors: the change in log-odds for one standard deviation"));
    mChart->setRenderHint(QPainter::Antialiasing);
    mChart->setMinimumWidth(340);
    auto *left = new QVBoxLayout;
    left->addLayout(top);
    left->addWidget(mQuality);
    left->addWidget(mAreaSummary);
    left->addWidget(mTiers);
    auto *layout = new QHBoxLayout(this);
    layout->addLayout(left, 3);
    layout->addWidget(mCoefficients, 2);
    layout->addWidget(mChart, 3);
    const int rowHeight = mTiers->fontMetrics().height() + 6;
    mTiers->verticalHeader()->setDefaultSectionSize(rowHeight);
    mCoefficients->verticalHeader()->setDefaultSectionSize(rowHeight);
    mTiers->setFixedHeight(mTiers->horizontalHeader()->sizeHint().height() + 3 * rowHeight + 2 * mTiers->frameWidth());
    mTiers->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    left->addStretch();
    mChart->chart()->legend()->setAlignment(Qt::AlignBottom);
    connect(mTrain, &QPushButton::clicked, this, &RiskPanel::train);
    connect(controller, &ProjectController::projectOpened, this, [this] {
        mModel.reset();
        train();
    });
    mQuality->setText(tr("Open a project to train the emergency admission model."));
}

void RiskPanel::setArea(const core::Area &area) {
    mArea = area;
    showArea();
}

void RiskPanel::train() {
    const auto project = mController->project();
    if (!project) return;  // a new project supersedes the model being trained
    if (mHigh->value() + mRising->value() >= 100) {
        mQuality->setText(tr("The high and rising tiers must leave room for a low-risk tier."));
        return;
    }
    core::RiskOptions options;
    options.highPercent = mHigh->value();
    options.risingPercent = mRising->value();
    mTrain->setEnabled(false);
    mQuality->setText(tr("Training the emergency admission model on the first year, testing on held-out people…"));
    mJob->start(
        [session = mController->session(), options](core::Feedback &fb) -> core::Result<core::RiskModelResult> {
            auto run = core::ops::runRiskModel(*session, options, fb);
            if (!run) return run.error();
            return std::move(run.value().model);
        },
        [this](const core::Result<core::RiskModelResult> &result) {
            mTrain->setEnabled(true);
            if (!result) {
                mQuality->setText(result.error().message);
                emit updated();
                return;
            }
            mModel = std::make_shared<const core::RiskModelResult>(result.value());
            showModel();
        });
}

void RiskPanel::showModel() {
    const core::RiskModelResult &m = *mModel;
    const QLocale l;
    mQuality->setText(tr("<b>Emergency admission in the next 12 months.</b> On %1 held-out people: AUROC <b>%2</b>; "
                         "the high-risk tier finds %3% of next year's admitted people (sensitivity) and %4% of the people "
                         "it flags are admitted (PPV), against %5% of everyone.")
                          .arg(l.toString(qlonglong(m.testPeople)), l.toString(m.auroc, 'f', 3),
                               l.toString(100 * m.sensitivityAtHigh, 'f', 1), l.toString(100 * m.ppvAtHigh, 'f', 1),
                               l.toString(100 * m.outcomeRate, 'f', 1)));
    mCoefficients->setRowCount(m.features.size());
    for (int j = 0; j < m.features.size(); ++j) {
        mCoefficients->setItem(j, 0, new QTableWidgetItem(m.features[j]));
        mCoefficients->setItem(j, 1, number(l.toString(m.coefficients[size_t(j)], 'f', 3)));
    }
    // Calibration: observed against predicted, by decile of predicted risk, with the diagonal.
    QChart *chart = mChart->chart();
    clearChart(chart);
    auto *points = new QScatterSeries;
    points->setName(tr("Deciles of predicted risk"));
    points->setMarkerSize(9);
    points->setColor(report::kNhsBlue);
    auto *line = new QLineSeries;
    line->setColor(report::kNhsBlue);
    double top = 0;
    for (const core::CalibrationBin &b : m.calibration) {
        points->append(100 * b.predicted, 100 * b.observed);
        line->append(100 * b.predicted, 100 * b.observed);
        top = std::max({top, 100 * b.predicted, 100 * b.observed});
    }
    auto *diagonal = new QLineSeries;
    diagonal->setName(tr("Perfect calibration"));
    diagonal->setPen(QPen(report::kMuted, 1, Qt::DashLine));
    diagonal->append(0, 0);
    diagonal->append(top * 1.05, top * 1.05);
    chart->addSeries(diagonal);
    chart->addSeries(line);
    chart->addSeries(points);
    auto *x = new QValueAxis, *y = new QValueAxis;
    x->setTitleText(tr("Predicted risk (%)"));
    y->setTitleText(tr("Observed (%)"));
    for (QValueAxis *a : {x, y}) {
        a->setRange(0, top * 1.05);
        a->setLabelFormat(QStringLiteral("%.0f"));
        a->applyNiceNumbers();
    }
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries *s : chart->series()) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
    chart->legend()->markers(line).first()->setVisible(false);
    chart->setTitle(tr("Calibration on held-out people"));
    showArea();
}

void RiskPanel::showArea() {
    const auto areas = mController->areas();
    if (!mModel || !areas) {
        emit updated();
        return;
    }
    const core::Area area = mArea.value_or(core::Area{core::Area::Ics, 0});
    const core::RiskSummary s = core::summariseRisk(*mModel, core::areaMembers(*areas, area));
    const QLocale l;
    const int64_t scored = s.high + s.rising + s.low;
    mAreaSummary->setText(
        tr("<b>%1</b>: %2 people registered now; the model expects %3 of them to have an emergency admission "
           "in the next 12 months.")
            .arg(areas->name(area).toHtmlEscaped(), l.toString(qlonglong(scored)), l.toString(s.expectedAdmissions, 'f', 0)));
    const struct {
        QString name;
        int64_t count;
        double cut;
    } rows[] = {{tr("High"), s.high, mModel->highCut}, {tr("Rising"), s.rising, mModel->risingCut}, {tr("Low"), s.low, 0.0}};
    for (int r = 0; r < 3; ++r) {
        mTiers->setItem(r, 0, new QTableWidgetItem(rows[r].name));
        mTiers->setItem(r, 1, number(l.toString(qlonglong(rows[r].count))));
        mTiers->setItem(r, 2,
                        number(scored ? tr("%1%").arg(l.toString(100.0 * double(rows[r].count) / double(scored), 'f', 1)) : QString()));
        mTiers->setItem(r, 3, number(r < 2 ? tr("%1%").arg(l.toString(100 * rows[r].cut, 'f', 1)) : QString()));
    }
    emit updated();
}

}  // namespace phm::ui
