#include "evaluationpanel.h"

#include "backgroundjob.h"
#include "chartactions.h"
#include "errortext.h"
#include "evaluation/programmes.h"
#include "governance/publish.h"
#include "operations/evaluateop.h"
#include "operations/programmeops.h"
#include "projectcontroller.h"
#include "report/palette.h"
#include "stratify/segmentation.h"
#include "tableactions.h"
#include "tablestyle.h"
#include "taskrunner.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QLocale>
#include <QPushButton>
#include <QScatterSeries>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>

namespace phm::ui {

namespace {
// The outcome the result is about (the combo may have changed while it ran).
QString outcomeTitle(const QJsonObject &o) {
    const QString key = o.value(QStringLiteral("outcome")).toString();
    const auto outcome = core::evaluation::outcomeNamed(key);
    return outcome ? QCoreApplication::translate("phm::core::evaluation", core::evaluation::outcomeInfo(*outcome).title) : key;
}

QString number(const QJsonValue &v, int decimals) {
    return v.isDouble() ? QLocale().toString(v.toDouble(), 'f', decimals) : QStringLiteral("*");
}

// A cell of the published result: copied and exported as it is shown.
QStandardItem *publishedItem(const QString &text, bool isNumber = true) {
    auto *item = new QStandardItem(text);
    item->setData(text, ExportTextRole);
    if (isNumber) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}
}  // namespace

EvaluationPanel::EvaluationPanel(ProjectController *controller, QWidget *parent)
    : QWidget(parent),
      mController(controller),
      mLoad(new BackgroundJob(this)),
      mProgrammes(new QComboBox(this)),
      mOutcome(new QComboBox(this)),
      mMethod(new QComboBox(this)),
      mMatch(new QComboBox(this)),
      mPre(new QSpinBox(this)),
      mPost(new QSpinBox(this)),
      mRatio(new QSpinBox(this)),
      mCustomOutcome(new QLineEdit(this)),
      mArea(new QLineEdit(this)),
      mRun(new QPushButton(tr("Evaluate"), this)),
      mFreeze(new QPushButton(tr("Freeze a cohort…"), this)),
      mSave(new QPushButton(tr("Save evaluation…"), this)),
      mSaved(new QComboBox(this)),
      mSavedLoad(new BackgroundJob(this)),
      mWrite(new BackgroundJob(this)),
      mStatus(new QLabel(this)),
      mEffect(new QLabel(this)),
      mSummary(new QLabel(this)),
      mBalanceView(new QTableView(this)),
      mBalance(new QStandardItemModel(this)),
      mChart(new QChartView(this)) {
    mProgrammes->setObjectName(QStringLiteral("evaluationProgramme"));
    for (const auto &o : core::evaluation::outcomes())
        mOutcome->addItem(QCoreApplication::translate("phm::core::evaluation", o.title), QLatin1String(o.key));
    mOutcome->addItem(tr("Custom: events of a rule's query…"), QStringLiteral("custom"));
    mCustomOutcome->setObjectName(QStringLiteral("customOutcome"));
    mCustomOutcome->setPlaceholderText(QStringLiteral("count(apc, emergency, @acs_chronic)"));
    mCustomOutcome->setToolTip(tr("count(dataset, …) or cost(dataset, …) in the rule language, without a window: counted month by month"));
    mCustomOutcome->setMaxLength(core::evaluation::kMaxCustomOutcomeText);
    mCustomOutcome->setEnabled(false);
    mMethod->addItem(tr("Difference-in-differences, matched controls"), QStringLiteral("did"));
    mMethod->addItem(tr("Interrupted time series, whole area"), QStringLiteral("its"));
    mMatch->addItem(tr("Propensity score (caliper 0.2 SD)"), QStringLiteral("psm"));
    mMatch->addItem(tr("Coarsened exact"), QStringLiteral("cem"));
    for (QSpinBox *s : {mPre, mPost}) {
        s->setRange(3, 36);
        s->setSingleStep(3);
        s->setValue(12);
        s->setSuffix(tr(" months"));
    }
    mRatio->setRange(1, 10);
    mRatio->setPrefix(tr("1:"));
    mArea->setPlaceholderText(tr("PCN, practice or place code"));
    QFormLayout *form = buildForm();
    mStatus->setWordWrap(true);
    mEffect->setWordWrap(true);
    mEffect->setObjectName(QStringLiteral("evaluationEffect"));
    mSummary->setWordWrap(true);
    mSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont big = mEffect->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    mEffect->setFont(big);
    styleTable(mBalanceView);
    mBalanceView->setModel(mBalance);
    mBalanceView->verticalHeader()->hide();
    installTableActions(mBalanceView, controller, tr("Evaluation balance"), {0});
    mChart->setRenderHint(QPainter::Antialiasing);
    mChart->setMinimumHeight(240);
    installChartActions(mChart, controller, tr("Evaluation"));

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->addLayout(form);
    leftLayout->addWidget(mStatus);
    leftLayout->addStretch();
    auto *right = new QSplitter(Qt::Vertical, this);
    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->addWidget(mEffect);
    topLayout->addWidget(mSummary);
    topLayout->addWidget(mChart, 1);
    right->addWidget(top);
    right->addWidget(mBalanceView);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);

    mLoad->showErrorsIn(mStatus);
    connect(mRun, &QPushButton::clicked, this, [this] { run(); });
    connect(mMethod, &QComboBox::currentIndexChanged, this, [this] { methodChanged(); });
    connect(controller, &ProjectController::projectOpened, this, [this] {
        watchSession();
        loadProgrammes();
        loadSaved();
    });
    connect(mFreeze, &QPushButton::clicked, this, &EvaluationPanel::freezeAsked);
    connect(mSave, &QPushButton::clicked, this, &EvaluationPanel::saveAsked);
    connect(mSaved, &QComboBox::activated, this, &EvaluationPanel::openSaved);
    methodChanged();
    mSummary->setText(tr("Open a project with programme enrolments (programmes.csv), or freeze a saved cohort, to evaluate a programme."));
}

QFormLayout *EvaluationPanel::buildForm() {
    auto *form = new QFormLayout;
    form->addRow(tr("Programme"), mProgrammes);
    form->addRow(QString(), mFreeze);
    mFreeze->setToolTip(tr("Make a programme of a saved cohort's members on an index date"));
    form->addRow(tr("Outcome"), mOutcome);
    form->addRow(QString(), mCustomOutcome);
    form->setRowVisible(mCustomOutcome, false);  // shown when Custom is chosen
    connect(mOutcome, &QComboBox::currentIndexChanged, this, [this, form] {
        const bool custom = mOutcome->currentData().toString() == QLatin1String("custom");
        mCustomOutcome->setEnabled(custom);
        form->setRowVisible(mCustomOutcome, custom);
    });
    form->addRow(tr("Method"), mMethod);
    form->addRow(tr("Matching"), mMatch);
    mMatchRisk = new QCheckBox(tr("Also on the risk score"), this);
    mMatchRisk->setObjectName(QStringLiteral("matchRisk"));
    mMatchRisk->setToolTip(tr("The project's emergency admission risk score on the day matched on (trains the risk model: a few seconds)"));
    mMatchSegment = new QComboBox(this);
    mMatchSegment->setObjectName(QStringLiteral("matchSegment"));
    mMatchSegment->addItem(tr("No segmentation"), QString());
    for (const QString &id : core::segmentationTemplateIds()) {
        const auto t = core::loadSegmentationTemplate(id);
        mMatchSegment->addItem(t ? tr("Same segment: %1").arg(t.value().name) : id, id);
    }
    // Both on one row, so the choices fit a laptop's dock without scrolling.
    auto *also = new QWidget(this);
    auto *alsoLayout = new QHBoxLayout(also);
    alsoLayout->setContentsMargins(0, 0, 0, 0);
    alsoLayout->addWidget(mMatchRisk);
    alsoLayout->addWidget(mMatchSegment, 1);
    form->addRow(QString(), also);
    form->addRow(tr("Controls per person"), mRatio);
    form->addRow(tr("Before / after"), [&] {
        auto *row = new QWidget(this);
        auto *h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        h->addWidget(mPre);
        h->addWidget(mPost);
        return row;
    }());
    form->addRow(tr("Area (time series)"), mArea);
    mItsErrors = new QComboBox(this);
    mItsErrors->setObjectName(QStringLiteral("itsErrors"));
    mItsErrors->addItem(tr("Prais–Winsten (AR(1) errors)"), QStringLiteral("prais_winsten"));
    mItsErrors->addItem(tr("Newey–West (least squares)"), QStringLiteral("newey_west"));
    mItsErrors->setToolTip(
        tr("How the time series allows for month-to-month correlation; Prais–Winsten's intervals hold better in "
           "short series"));
    form->addRow(tr("Errors (time series)"), mItsErrors);
    form->addRow(mRun);
    mSave->setEnabled(false);
    mSaved->setObjectName(QStringLiteral("savedEvaluations"));
    mSaved->setPlaceholderText(tr("No saved evaluation"));
    form->addRow(mSave);
    form->addRow(tr("Saved"), mSaved);
    return form;
}

void EvaluationPanel::methodChanged() {
    const bool its = mMethod->currentData().toString() == QLatin1String("its");
    mMatch->setEnabled(!its);
    mMatchRisk->setEnabled(!its);
    mMatchSegment->setEnabled(!its);
    mRatio->setEnabled(!its);
    mPre->setEnabled(!its);
    mPost->setEnabled(!its);
    mArea->setEnabled(its);
    mItsErrors->setEnabled(its);
}

void EvaluationPanel::loadProgrammes() {
    const core::SessionPtr session = mController->session();
    if (!session || !session->hasData()) return;
    mLoad->start(
        [session](core::Feedback &) {
            return session->read([&](core::ProjectDb &db) { return core::evaluation::listProgrammes(db, session->project()); });
        },
        [this](const std::vector<core::evaluation::ProgrammeSummary> &list) {
            mProgrammes->clear();
            for (const auto &p : list)
                mProgrammes->addItem(
                    tr("%1 (%2 enrolled)").arg(p.name).arg(p.enrolled >= 10 ? QString::number(p.enrolled) : tr("fewer than 10")), p.name);
            mRun->setEnabled(!list.empty());
            mStatus->setText(list.empty()
                                 ? tr("This project has no programmes: import an extract with programmes.csv, or freeze a saved cohort.")
                                 : QString());
            emit programmesLoaded();
        });
}

bool EvaluationPanel::run() {
    const core::SessionPtr session = mController->session();
    if (!session || !session->hasData() || mProgrammes->currentIndex() < 0) return false;
    core::ops::EvaluateRequest request;
    request.programme = mProgrammes->currentData().toString();
    const QString outcome = mOutcome->currentData().toString();
    if (auto s = core::ops::outcomeFrom(outcome == QLatin1String("custom") ? mCustomOutcome->text() : outcome, request); !s) {
        mStatus->setText(tr("Write the custom outcome's query, e.g. count(apc, emergency, @acs_chronic)."));
        return false;
    }
    const bool its = mMethod->currentData().toString() == QLatin1String("its");
    request.method = its ? core::ops::EvaluationMethod::Its : core::ops::EvaluationMethod::Did;
    request.match.method =
        mMatch->currentData().toString() == QLatin1String("cem") ? core::evaluation::MatchMethod::Cem : core::evaluation::MatchMethod::Psm;
    request.itsErrors = *core::ops::itsErrorsNamed(mItsErrors->currentData().toString());
    request.match.riskScore = mMatchRisk->isChecked();
    request.match.segmentation = mMatchSegment->currentData().toString();
    request.match.ratio = mRatio->value();
    request.preMonths = mPre->value() / 3 * 3;
    request.postMonths = mPost->value() / 3 * 3;
    request.area = mArea->text().trimmed();
    const core::disclosure::Policy policy = session->policy();
    mStatus->setText(tr("Evaluating…"));
    return mController->runner()->start(
        tr("Evaluating %1").arg(request.programme),
        [session, request, policy](core::Feedback &feedback) -> core::Result<QJsonObject> {
            auto run = core::ops::runEvaluation(*session, request, feedback);
            if (!run) return run.error();
            // What the view shows is what would be published.
            return core::disclosure::publish(core::ops::evaluationJson(run.value()), core::ops::evaluationFields(), policy)
                .value.toObject();
        },
        [this, settings = core::ops::evaluationSettingsJson(request)](const QJsonObject &published) {
            mStatus->clear();
            mSettings = settings;
            mSave->setEnabled(true);
            show(published);
        },
        [this](const core::Error &e) { mStatus->setText(e.code == core::ErrorCode::Canceled ? tr("Cancelled.") : errorText(e)); });
}

void EvaluationPanel::show(const QJsonObject &o) {
    mResult = o;
    const QJsonObject e = o.value(QStringLiteral("effect")).toObject();
    const QString unit = o.value(QStringLiteral("unit")).toString();
    if (o.value(QStringLiteral("method")).toString() == QLatin1String("did"))
        showDid(o);
    else
        showIts(o);
    mEffect->setText(tr("Change: %1% (95% interval %2% to %3%) in %4")
                         .arg(number(QJsonValue(100 * e.value(QStringLiteral("relative")).toDouble()), 0),
                              number(QJsonValue(100 * e.value(QStringLiteral("relative_lower")).toDouble()), 0),
                              number(QJsonValue(100 * e.value(QStringLiteral("relative_upper")).toDouble()), 0), unit));
    const bool excludesZero = e.value(QStringLiteral("lower")).toDouble() > 0 || e.value(QStringLiteral("upper")).toDouble() < 0;
    mSummary->setText(excludesZero
                          ? tr("The interval excludes no change: chance alone is an unlikely explanation.")
                          : tr("The interval includes no change: the data are consistent with the programme making no difference."));
    emit evaluated();
}

namespace {
// A line chart of one or two monthly series, with the index date marked.
QChart *seriesChart(const QString &title, const QString &yTitle, const std::vector<std::pair<QString, QList<QPointF>>> &lines) {
    auto *chart = new QChart;
    chart->setTitle(title);
    auto *x = new QValueAxis, *y = new QValueAxis;
    x->setTitleText(QCoreApplication::translate("phm::ui::EvaluationPanel", "Months from the index date"));
    x->setLabelFormat(QStringLiteral("%.0f"));
    y->setLabelFormat(QStringLiteral("%.0f"));
    y->setTitleText(yTitle);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    double lo = 0, hi = 0, left = 0, right = 0;
    const QColor colours[] = {report::kNhsBlue, report::kDarkGrey};
    size_t k = 0;
    for (const auto &[name, points] : lines) {
        auto *s = new QLineSeries(chart);
        s->setName(name);
        s->append(points);
        QPen pen(colours[k++ % 2], 2);
        if (k == 2) pen.setStyle(Qt::DashLine);
        s->setPen(pen);
        chart->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(y);
        for (const QPointF &p : points) hi = std::max(hi, p.y()), left = std::min(left, p.x()), right = std::max(right, p.x());
    }
    y->setRange(lo, hi > 0 ? hi * 1.1 : 1);
    y->applyNiceNumbers();  // round ticks
    // Month k is [k, k + 1): the axis runs to the end of the last month, a tick a quarter.
    x->setRange(left, right + 1);
    x->setTickCount(std::clamp(int(right + 1 - left) / 3 + 1, 2, 13));
    auto *start = new QLineSeries(chart);
    start->setName(QCoreApplication::translate("phm::ui::EvaluationPanel", "Index date"));
    start->append(0, lo);
    start->append(0, hi > 0 ? hi * 1.1 : 1);
    start->setPen(QPen(report::kMuted, 1, Qt::DotLine));
    chart->addSeries(start);
    start->attachAxis(x);
    start->attachAxis(y);
    chart->legend()->setAlignment(Qt::AlignBottom);
    return chart;
}
}  // namespace

void EvaluationPanel::showDid(const QJsonObject &o) {
    mBalance->clear();
    mBalance->setHorizontalHeaderLabels(
        {tr("Covariate"), tr("Enrolled"), tr("All candidates"), tr("Matched controls"), tr("SMD before"), tr("SMD after"), tr("Balanced")});
    for (const QJsonValue &b : o.value(QStringLiteral("balance")).toArray()) {
        QList<QStandardItem *> row{new QStandardItem(b[QStringLiteral("covariate")].toString())};
        for (const char *k : {"treated_mean", "control_mean_before", "control_mean_after", "smd_before", "smd_after"})
            row << publishedItem(number(b[QLatin1String(k)], k[0] == 's' ? 3 : 2));
        row << publishedItem(b[QStringLiteral("balanced")].toBool() ? tr("yes") : tr("no (|SMD| ≥ 0.1)"), false);
        mBalance->appendRow(row);
    }
    mBalanceView->resizeColumnsToContents();
    QList<QPointF> enrolled, controls;
    for (const QJsonValue &m : o.value(QStringLiteral("monthly")).toArray()) {
        // A month whose count is suppressed is left out of its line, not drawn as zero.
        const double month = m[QStringLiteral("month")].toDouble();
        if (m[QStringLiteral("treated_rate")].isDouble()) enrolled << QPointF(month, 12000 * m[QStringLiteral("treated_rate")].toDouble());
        if (m[QStringLiteral("control_rate")].isDouble()) controls << QPointF(month, 12000 * m[QStringLiteral("control_rate")].toDouble());
    }
    QChart *old = mChart->chart();
    mChart->setChart(seriesChart(tr("%1 per 1,000 people a year: enrolled in %2 (%3) and matched controls (%4)")
                                     .arg(outcomeTitle(o), o.value(QStringLiteral("programme")).toString(),
                                          number(o[QStringLiteral("treated")], 0), number(o[QStringLiteral("controls")], 0)),
                                 QString(), {{tr("Enrolled"), enrolled}, {tr("Matched controls"), controls}}));
    delete old;
    mStatus->setText(tr("Per 1,000 enrolled a year: %1 (%2 to %3). £ a month across those evaluated: %4. Unmatched: %5.")
                         .arg(number(o[QStringLiteral("per_1000_per_year")], 1), number(o[QStringLiteral("per_1000_per_year_lower")], 1),
                              number(o[QStringLiteral("per_1000_per_year_upper")], 1), number(o[QStringLiteral("cost_per_month")], 0),
                              number(o[QStringLiteral("unmatched")], 0)));
}

void EvaluationPanel::showIts(const QJsonObject &o) {
    mBalance->clear();
    const bool neweyWest = o.value(QStringLiteral("errors")).toString() == QLatin1String("newey_west");
    mBalance->setHorizontalHeaderLabels({tr("Term"), tr("Estimate"),
                                         neweyWest ? tr("Standard error (Newey–West)") : tr("Standard error (Prais–Winsten, AR(1))"),
                                         tr("Newey–West, for comparison")});
    for (const auto &[name, key] : {std::pair{tr("Level change"), "level_change"}, std::pair{tr("Slope change a month"), "slope_change"}})
        mBalance->appendRow({new QStandardItem(name), publishedItem(number(o[QLatin1String(key)], 3)),
                             publishedItem(number(o[QLatin1String(key) + QStringLiteral("_se")], 3)),
                             publishedItem(number(o[QLatin1String(key) + QStringLiteral("_se_newey_west")], 3))});
    QList<QPointF> area, comparison;
    for (const QJsonValue &m : o.value(QStringLiteral("series")).toArray()) {
        if (m[QStringLiteral("rate")].isDouble())
            area << QPointF(m[QStringLiteral("month")].toDouble(), m[QStringLiteral("rate")].toDouble());
        if (m[QStringLiteral("comparison_rate")].isDouble())
            comparison << QPointF(m[QStringLiteral("month")].toDouble(), m[QStringLiteral("comparison_rate")].toDouble());
    }
    std::vector<std::pair<QString, QList<QPointF>>> lines{{o.value(QStringLiteral("area")).toString(), area}};
    if (!o.value(QStringLiteral("comparison")).toString().isEmpty())
        lines.push_back({o.value(QStringLiteral("comparison")).toString(), comparison});
    QChart *old = mChart->chart();
    mChart->setChart(
        seriesChart(tr("%1 from %2").arg(o.value(QStringLiteral("area")).toString(), o.value(QStringLiteral("start")).toString()),
                    tr("per 1,000 person-months"), lines));
    delete old;
}

}  // namespace phm::ui
