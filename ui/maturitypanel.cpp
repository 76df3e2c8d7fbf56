#include "maturitypanel.h"
#include "base/dates.h"
#include "chartactions.h"
#include "tableactions.h"

#include "assessmentdialog.h"
#include "backgroundjob.h"
#include "cycledialog.h"
#include "frameworkdialog.h"
#include "maturitycharts.h"
#include "projectcontroller.h"
#include "tablestyle.h"

#include <QComboBox>
#include <QDateEdit>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace phm::ui {

MaturityPanel::MaturityPanel(ProjectController *controller, QWidget *parent)
    : QWidget(parent),
      mController(controller),
      mFramework(new QComboBox(this)),
      mLevel(new QComboBox(this)),
      mAsOf(new QDateEdit(QDate::currentDate(), this)),
      mHeatmap(new ChartCanvas(this)),
      mRadar(new ChartCanvas(this)),
      mTimeline(new ChartCanvas(this)),
      mComparison(new ChartCanvas(this)),
      mTitle(new QLabel(this)),
      mCycleSummary(new QLabel(this)),
      mCycles(new QTableWidget(this)),
      mAssess(new QPushButton(tr("New assessment…"), this)),
      mCycle(new QPushButton(tr("PHM cycle…"), this)),
      mEditFramework(new QPushButton(tr("Edit framework…"), this)) {
    auto *layout = new QVBoxLayout(this);
    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Framework:"), this));
    bar->addWidget(mFramework, 1);
    bar->addWidget(mEditFramework);
    mLevel->addItem(tr("PCNs"), QStringLiteral("pcn"));
    mLevel->addItem(tr("Places"), QStringLiteral("place"));
    mLevel->addItem(tr("The system (ICS)"), QStringLiteral("ics"));
    bar->addWidget(mLevel);
    bar->addWidget(new QLabel(tr("as at"), this));
    mAsOf->setCalendarPopup(true);
    mAsOf->setToolTip(tr("Show each area's newest assessment on or before this day, to compare how they stood then"));
    bar->addWidget(mAsOf);
    bar->addWidget(mAssess);
    bar->addWidget(mCycle);
    mCycle->setToolTip(tr("Start a PHM cycle for the selected PCN or record the stage it has reached"));
    layout->addLayout(bar);
    mTitle->setWordWrap(true);
    layout->addWidget(mTitle);
    auto *grid = new QGridLayout;
    for (ChartCanvas *c : {mHeatmap, mRadar, mTimeline, mComparison}) c->setMinimumSize(220, 170);
    // The two charts with a row per area side by side, as tall as there are areas; the selected
    // area's radar and timeline stacked beside them. The dock scrolls on a short screen.
    grid->addWidget(mHeatmap, 0, 0, 2, 1);
    grid->addWidget(mComparison, 0, 1, 2, 1);
    grid->addWidget(mRadar, 0, 2);
    grid->addWidget(mTimeline, 1, 2);
    grid->setColumnStretch(0, 3);
    grid->setColumnStretch(1, 2);
    grid->setColumnStretch(2, 2);
    layout->addLayout(grid, 3);
    mCycleSummary->setWordWrap(true);
    layout->addWidget(mCycleSummary);
    mCycles->setColumnCount(6);
    mCycles->setHorizontalHeaderLabels({tr("PCN"), tr("Opportunity"), tr("Stage reached"), tr("On"), tr("Cohorts used"), tr("Evaluation")});
    installTableActions(mCycles, mController, tr("PHM cycles"), {0, 1, 2, 3, 4, 5});  // no data about people
    for (ChartCanvas *c : {mHeatmap, mRadar, mTimeline, mComparison})
        installChartActions(c, mController, tr("PHM maturity"), ChartActions::Content::NotPeople);
    mCycles->setToolTip(tr("Double-click a cycle to open the cohorts it used in the cohort builder"));
    styleTable(mCycles);
    layout->addWidget(mCycles, 1);
    connect(mFramework, &QComboBox::currentIndexChanged, this, &MaturityPanel::show);
    connect(mAsOf, &QDateEdit::dateChanged, this, &MaturityPanel::show);
    connect(mLevel, &QComboBox::currentIndexChanged, this, [this] {
        mSelected = 0;
        show();
    });
    connect(mHeatmap, &ChartCanvas::clicked, this, [this](const QPointF &pos) {
        const core::maturity::Framework *f = framework();
        if (!f) return;
        const auto [row, capability] = heatmapCellAt(QRectF(mHeatmap->rect()).adjusted(6, 6, -6, -6), *f, int(mRows.size()), pos);
        if (row >= 0) selectRow(row);
    });
    connect(mAssess, &QPushButton::clicked, this, [this] { newAssessment(); });
    connect(mCycle, &QPushButton::clicked, this, [this] { recordCycle(); });
    connect(mEditFramework, &QPushButton::clicked, this, [this] { editFramework(); });
    connect(mController, &ProjectController::projectOpened, this, [this] {
        reload();
        // An assessment, framework or cycle stage recorded anywhere shows at once.
        connect(mController->session().get(), &core::Session::maturityChanged, this, &MaturityPanel::reload, Qt::UniqueConnection);
    });
    connect(mCycles, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
        if (row < 0 || size_t(row) >= mCycleList.size()) return;
        QStringList cohorts, clauses;
        for (const core::cycle::StageRecord &s : mCycleList[size_t(row)].stages) cohorts << s.cohorts;
        cohorts.removeDuplicates();
        for (const QString &c : cohorts) clauses << QStringLiteral("in_cohort(\"%1\")").arg(c);
        if (!clauses.isEmpty()) emit cohortRequested(clauses.join(QStringLiteral(" or ")));
    });
}

const core::maturity::Framework *MaturityPanel::framework() const {
    const int i = mFramework->currentIndex();
    return i >= 0 && size_t(i) < mFrameworks.size() ? &mFrameworks[size_t(i)] : nullptr;
}

QString MaturityPanel::selectedArea() const {
    return mSelected >= 0 && size_t(mSelected) < mRows.size() ? mRows[size_t(mSelected)].code : QString();
}

void MaturityPanel::setArea(const core::Area &area) {
    const auto areas = mController->areas();
    if (!areas) return;
    core::Area shown = area;
    while (shown.kind == core::Area::Practice || shown.kind == core::Area::Lsoa || shown.kind == core::Area::Alliance)
        shown = areas->parentOf(shown);
    // The whole ICS keeps the level the user chose (the PCNs side by side, by default) and the row
    // last shown; a PCN or a place is shown at its own level and selected.
    mWanted = shown.kind == core::Area::Ics ? QString() : areas->code(shown);
    const int index = shown.kind == core::Area::Pcn     ? mLevel->findData(QStringLiteral("pcn"))
                      : shown.kind == core::Area::Place ? mLevel->findData(QStringLiteral("place"))
                                                        : mLevel->currentIndex();
    if (index != mLevel->currentIndex()) {
        const QSignalBlocker quiet(mLevel);
        mLevel->setCurrentIndex(index);
    }
    show();
}

void MaturityPanel::selectRow(int row) {
    mSelected = row;
    show();
}

void MaturityPanel::reload() {
    const auto project = mController->project();
    if (!project) return;
    mJob->start([session = mController->session()](core::Feedback &) { return session->maturityRecords(); },
                [this](const core::MaturityRecords &l) {
                    mFrameworks = l.frameworks;
                    mAssessments = l.assessments;
                    mAreas = l.areas;
                    mCycleList = l.cycles;
                    const QString keep = mFramework->currentText();
                    mFramework->blockSignals(true);
                    mFramework->clear();
                    for (const core::maturity::Framework &f : mFrameworks) mFramework->addItem(f.name);
                    mFramework->setCurrentIndex(std::max(0, mFramework->findText(keep)));
                    mFramework->blockSignals(false);
                    show();
                },
                [this](const core::Error &e) {
                    mTitle->setText(e.message);
                    emit updated();
                });
}

// The areas of `level`, and the selected one: the navigator's wish if it is among them.
void MaturityPanel::pickRows(const QString &level) {
    mRows.clear();
    for (const core::maturity::AssessableArea &a : mAreas)
        if (a.level == level) mRows.push_back(a);
    for (size_t i = 0; !mWanted.isEmpty() && i < mRows.size(); ++i)
        if (mRows[i].code.compare(mWanted, Qt::CaseInsensitive) == 0 || mRows[i].name.compare(mWanted, Qt::CaseInsensitive) == 0) {
            mSelected = int(i);
            mWanted.clear();
        }
    mSelected = std::clamp(mSelected, 0, std::max(0, int(mRows.size()) - 1));
}

namespace {
// One row per cycle: the PCN, the opportunity, the stage reached and when, the cohorts it used and
// the saved evaluation its evaluate stage names.
void fillCycleTable(QTableWidget *table, const std::vector<core::cycle::Cycle> &cycles,
                    const std::vector<core::maturity::AssessableArea> &areas) {
    table->setRowCount(int(cycles.size()));
    for (int r = 0; r < int(cycles.size()); ++r) {
        const core::cycle::Cycle &c = cycles[size_t(r)];
        QString pcnName = c.pcn;
        for (const auto &a : areas)
            if (a.level == QLatin1String("pcn") && a.code == c.pcn) pcnName = a.name;
        const auto reached = c.reached();
        QStringList cohorts;
        for (const core::cycle::StageRecord &s : c.stages) cohorts << s.cohorts;
        cohorts.removeDuplicates();
        const qint64 evaluation = c.stages.empty() ? 0 : c.stages.back().evaluation;
        const QStringList cells = {pcnName,
                                   c.title,
                                   reached ? stageTitle(*reached) : MaturityPanel::tr("not started"),
                                   reached ? core::displayDate(c.stages.back().reachedOn) : QString(),
                                   cohorts.join(QStringLiteral(", ")),
                                   evaluation > 0 ? MaturityPanel::tr("saved evaluation %1").arg(evaluation) : QString()};
        for (int col = 0; col < cells.size(); ++col) table->setItem(r, col, new QTableWidgetItem(cells[col]));
    }
}
}  // namespace

void MaturityPanel::show() {
    const core::maturity::Framework *f = framework();
    if (!f) return;
    const QString level = mLevel->currentData().toString();
    pickRows(level);
    const auto latest = core::maturity::latestByArea(mAssessments, f->name, mAsOf->date());
    auto latestOf = [&](const QString &code) -> const core::maturity::Assessment * {
        for (const auto &a : latest)
            if (a.level == level && a.area == code) return &a;
        return nullptr;
    };
    std::vector<HeatmapRow> heat;
    std::vector<ComparisonRow> comparison;
    int assessed = 0;
    for (const core::maturity::AssessableArea &area : mRows) {
        HeatmapRow row{area.name, {}};
        const core::maturity::Assessment *a = latestOf(area.code);
        assessed += a ? 1 : 0;
        double current = 0, target = 0;
        int rated = 0, targeted = 0;
        for (const core::maturity::Capability &c : f->capabilities) {
            const core::maturity::Rating *r = a ? a->rating(c.name) : nullptr;
            row.levels.push_back(r ? r->current : -1);
            if (r && r->current >= 0) {
                current += r->current;
                ++rated;
                target += r->target >= 0 ? r->target : r->current;
                ++targeted;
            }
        }
        heat.push_back(row);
        comparison.push_back({area.name, rated ? current / rated : -1, targeted ? target / targeted : -1});
    }
    const core::maturity::Framework framework = *f;
    // Rows high enough for the heatmap's 8 pt names; the dock scrolls when there are many.
    mHeatmap->setMinimumHeight(std::max(170, 20 * int(mRows.size()) + 12));
    mComparison->setMinimumHeight(mHeatmap->minimumHeight());
    mHeatmap->setPainter([framework, heat](QPainter &p, const QRectF &box) { drawHeatmap(p, box, framework, heat); });
    mComparison->setPainter([framework, comparison](QPainter &p, const QRectF &box) { drawComparison(p, box, framework, comparison); });
    // The selected area's radar and history.
    core::maturity::Assessment newest;
    std::vector<core::maturity::Assessment> history;
    QString name;
    if (!mRows.empty()) {
        const core::maturity::AssessableArea &area = mRows[size_t(mSelected)];
        name = area.name;
        if (const auto *a = latestOf(area.code)) newest = *a;
        for (const auto &a : mAssessments)
            if (a.framework == f->name && a.level == level && a.area == area.code && a.assessedOn <= mAsOf->date()) history.push_back(a);
        std::sort(history.begin(), history.end(), [](const auto &x, const auto &y) { return x.assessedOn < y.assessedOn; });
    }
    mRadar->setPainter([framework, newest](QPainter &p, const QRectF &box) { drawRadar(p, box, framework, newest); });
    mTimeline->setPainter([framework, history](QPainter &p, const QRectF &box) { drawTimeline(p, box, framework, history); });
    const QLocale l;
    mTitle->setText(tr("<b>%1</b>: %2 of %3 assessed. Selected: <b>%4</b> (%n assessments; click a row of the heatmap to choose "
                       "another).",
                       nullptr, int(history.size()))
                        .arg(f->name.toHtmlEscaped())
                        .arg(assessed)
                        .arg(mRows.size())
                        .arg(name.toHtmlEscaped()));
    mAssess->setEnabled(!mRows.empty());
    mCycle->setEnabled(!mRows.empty() && level == QLatin1String("pcn"));
    // The PHM cycle dashboard for this financial year.
    QStringList pcns;
    for (const auto &a : mAreas)
        if (a.level == QLatin1String("pcn")) pcns << a.code;
    const auto [from, to] = core::cycle::financialYear(QDate::currentDate());
    const core::cycle::Dashboard d = core::cycle::dashboard(mCycleList, pcns, from, to);
    QStringList furthest;
    for (int s = 0; s < core::cycle::kStages; ++s)
        if (d.furthest[size_t(s)] > 0) furthest << tr("%1: %2").arg(stageTitle(core::cycle::Stage(s))).arg(d.furthest[size_t(s)]);
    mCycleSummary->setText(tr("<b>PHM cycle, %1 to %2:</b> %3 of %4 PCNs (%5%) completed a full cycle, %8 of them with a saved "
                              "evaluation. Furthest stage this year: %6. No cycle yet: %7.")
                               .arg(core::displayDate(from), core::displayDate(to))
                               .arg(d.completed)
                               .arg(d.pcns)
                               .arg(l.toString(100 * d.share, 'f', 0))
                               .arg(furthest.isEmpty() ? tr("none") : furthest.join(QStringLiteral("; ")))
                               .arg(d.notStarted)
                               .arg(d.evidenced));
    fillCycleTable(mCycles, mCycleList, mAreas);
    emit updated();
}

AssessmentDialog *MaturityPanel::newAssessment() {
    const core::maturity::Framework *f = framework();
    const auto project = mController->project();
    if (!f || !project || mRows.empty()) return nullptr;
    const core::maturity::AssessableArea area = mRows[size_t(mSelected)];
    const auto latest = core::maturity::latestByArea(mAssessments, f->name);
    const core::maturity::Assessment *previous = nullptr;
    for (const auto &a : latest)
        if (a.level == area.level && a.area == area.code) previous = &a;
    auto *dialog = new AssessmentDialog(mController->session(), *f, area, previous, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);  // the session announces the new assessment
    dialog->show();
    return dialog;
}

}  // namespace phm::ui

namespace phm::ui {

CycleDialog *MaturityPanel::recordCycle() {
    const auto project = mController->project();
    if (!project || mRows.empty() || mLevel->currentData().toString() != QLatin1String("pcn")) return nullptr;
    const core::maturity::AssessableArea pcn = mRows[size_t(mSelected)];
    std::vector<core::cycle::Cycle> mine;
    for (const core::cycle::Cycle &c : mCycleList)
        if (c.pcn == pcn.code) mine.push_back(c);
    auto *dialog = new CycleDialog(mController->session(), pcn.code, pcn.name, mine, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);  // the session announces the stage
    dialog->show();
    return dialog;
}

}  // namespace phm::ui

namespace phm::ui {

FrameworkDialog *MaturityPanel::editFramework() {
    const auto project = mController->project();
    const core::maturity::Framework *f = framework();
    if (!project || !f) return nullptr;
    auto *dialog = new FrameworkDialog(mController->session(), *f, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &FrameworkDialog::saved, this, [this](bool ok, const QString &name) {
        if (!ok) return;  // the session announces the change: show the saved framework once it is reloaded
        connect(
            this, &MaturityPanel::updated, this, [this, name] { mFramework->setCurrentIndex(std::max(0, mFramework->findText(name))); },
            Qt::SingleShotConnection);
    });
    dialog->show();
    return dialog;
}

}  // namespace phm::ui
