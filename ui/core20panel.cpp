#include "core20panel.h"
#include "chartactions.h"
#include "report/palette.h"
#include "tableactions.h"

#include "backgroundjob.h"
#include "barchart.h"
#include "chartscroller.h"
#include "governance/disclosure.h"
#include "operations/core20op.h"
#include "profilemodel.h"
#include "projectcontroller.h"
#include "screenfit.h"
#include "tablestyle.h"

#include <QChart>
#include <QChartView>
#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace phm::ui {

namespace {

QString valueText(const core::IndicatorValue &v) {
    if (std::isnan(v.ci.value)) return QStringLiteral("–");
    const QLocale l;
    return QStringLiteral("%1 (%2–%3)").arg(l.toString(v.ci.value, 'f', 1), l.toString(v.ci.lower, 'f', 1), l.toString(v.ci.upper, 'f', 1));
}

// The value with its interval; copied as shown while its numerator and denominator are
// published, as "*" when either is suppressed.
QStandardItem *valueItem(const core::IndicatorValue &v, const core::disclosure::Policy &policy) {
    auto *item = new QStandardItem(valueText(v));
    const bool shown = !std::isnan(core::disclosure::derived(v.ci.value, v.numerator, v.denominator, policy));
    item->setData(shown || std::isnan(v.ci.value) ? item->text() : QStringLiteral("*"), ExportTextRole);
    item->setData(std::isnan(v.ci.value) ? -1.0 : v.ci.value, Qt::UserRole);  // sorts by value
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    item->setToolTip(QCoreApplication::translate("phm::ui::Core20Panel", "%1 of %2 people").arg(v.numerator).arg(v.denominator));
    return item;
}

// A group's value in its Fingertips colour against everyone else in the area.
QStandardItem *comparisonItem(const core::GroupComparison &g, const core::disclosure::Policy &policy) {
    QStandardItem *item = valueItem(g.value, policy);
    if (g.vsRest != core::Significance::NotCompared) {
        const QColor c = significanceColour(g.vsRest);
        item->setBackground(c);
        item->setForeground(c.lightness() < 140 ? Qt::white : Qt::black);
    }
    item->setToolTip(QCoreApplication::translate("phm::ui::Core20Panel", "%1 of %2 people; everyone else in the area: %3 (%4)")
                         .arg(g.value.numerator)
                         .arg(g.value.denominator)
                         .arg(QLocale().toString(g.rest, 'f', 1), core::significanceName(g.vsRest)));
    return item;
}

}  // namespace

Core20Panel::Core20Panel(ProjectController *controller, QWidget *parent)
    : QWidget(parent),
      mController(controller),
      mTitle(new QLabel(this)),
      mSharesView(new QTableView(this)),
      mClinicalView(new QTableView(this)),
      mShares(new QStandardItemModel(this)),
      mClinical(new QStandardItemModel(this)),
      mChart(new QChartView(this)),
      mComputing(new BackgroundJob(this)),
      mPlusStore(new BackgroundJob(this)) {
    mShares->setSortRole(Qt::UserRole);
    for (QTableView *v : {mSharesView, mClinicalView}) styleTable(v);
    mSharesView->setModel(mShares);
    mSharesView->setSortingEnabled(true);
    mClinicalView->setModel(mClinical);
    for (QTableView *v : {mSharesView, mClinicalView}) installTableActions(v, mController, tr("Core20PLUS5"), {0});
    installChartActions(mChart, mController, tr("Core20PLUS5"));
    mChart->setRenderHint(QPainter::Antialiasing);
    mChart->chart()->legend()->hide();
    mChart->setMinimumWidth(260);
    mTitle->setWordWrap(true);
    auto *edit = new QPushButton(tr("PLUS groups…"), this);
    edit->setToolTip(tr("Choose the ICS's PLUS groups: a name and a rule for each (stored in the project)"));
    connect(edit, &QPushButton::clicked, this, &Core20Panel::editPlusGroups);
    auto *top = new QHBoxLayout;
    top->addWidget(mTitle, 1);
    top->addWidget(edit);
    auto *tables = new QSplitter(Qt::Vertical, this);
    tables->addWidget(mSharesView);
    tables->addWidget(mClinicalView);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(tables);
    mChartScroll = new ChartScroller(mChart, this);
    split->addWidget(mChartScroll);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setSizes({900, 360});
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);
    connect(controller, &ProjectController::projectOpened, this, &Core20Panel::loadPlusGroups);
    mTitle->setText(tr("Select an area to see Core20 and PLUS groups."));
}

void Core20Panel::setArea(const core::Area &area) {
    mArea = area;
    compute();
}

void Core20Panel::compute() {
    const auto project = mController->project();
    const auto areas = mController->areas();
    if (!project || !areas || !mArea) return;
    mTitle->setText(tr("Counting Core20 and PLUS groups…"));
    // The ICS is shown against its places; any other area against its peers.
    core::ops::Core20Request request;
    request.level = mArea->kind == core::Area::Ics ? core::Area::Place : mArea->kind;
    request.focusArea = *mArea;
    request.plus = mPlus;
    auto work = [session = mController->session(), request](core::Feedback &fb) -> core::Result<Computed> {
        auto r = core::ops::runCore20(*session, request, fb);
        if (!r) return r.error();
        return Computed{std::move(r.value().result), std::move(r.value().indicators), *request.focusArea, request.level};
    };
    mComputing->start(std::move(work), [this](const core::Result<Computed> &result) {
        if (!result)
            mTitle->setText(result.error().message.toHtmlEscaped());
        else
            show(result.value());
        emit updated();
    });
}

void Core20Panel::loadPlusGroups() {
    // The counts may start with the groups before; the stored ones follow when they differ.
    mPlusStore->start([session = mController->session()](core::Feedback &) { return session->plusGroups(); },
                      [this](const std::vector<core::PlusGroup> &stored) { usePlusGroups(stored); },
                      [this](const core::Error &error) {
                          usePlusGroups(core::defaultPlusGroups());
                          QMessageBox::warning(this, tr("PLUS groups"), error.message);
                      });
}

void Core20Panel::usePlusGroups(const std::vector<core::PlusGroup> &groups) {
    if (groups == mPlus) return;
    mPlus = groups;
    compute();
}

void Core20Panel::show(const Computed &c) {
    const auto areas = mController->areas();
    if (!areas) return;
    const core::Core20Plus5 &r = c.result;
    const core::disclosure::Policy policy = mController->session() ? mController->session()->policy() : core::disclosure::Policy{};
    const QLocale l;
    // Shares per area.
    mShares->clear();
    QStringList header{tr("Area"), tr("Registered"), tr("Core20 %")};
    for (const core::PlusGroup &g : r.plus) header << tr("%1 %").arg(g.name);
    mShares->setHorizontalHeaderLabels(header);
    int focusRow = -1;
    for (const core::GroupShares &s : r.shares) {
        auto *name = new QStandardItem(s.name);
        name->setData(s.name, Qt::UserRole);
        auto *registered = new QStandardItem(l.toString(s.registered, 'f', 0));
        registered->setData(s.registered, Qt::UserRole);
        registered->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        QList<QStandardItem *> row{name, registered, valueItem(s.core20, policy)};
        for (const core::IndicatorValue &v : s.plus) row << valueItem(v, policy);
        if (s.area == c.focus || (s.area.kind == core::Area::Ics && c.focus.kind == core::Area::Ics)) {
            for (QStandardItem *item : row) {
                QFont f = item->font();
                f.setBold(true);
                item->setFont(f);
            }
            focusRow = mShares->rowCount();
        }
        mShares->appendRow(row);
    }
    if (focusRow >= 0) mSharesView->selectRow(focusRow);
    // Core20 share by area, highest first, every area named (many areas scroll).
    std::vector<const core::GroupShares *> ranked;
    for (const core::GroupShares &s : r.shares)
        if (s.area.kind == c.level && s.registered > 0) ranked.push_back(&s);
    std::sort(ranked.begin(), ranked.end(), [](const auto *a, const auto *b) { return a->core20.ci.value > b->core20.ci.value; });
    mChartScroll->fitRows(int(ranked.size()));
    QStringList labels;
    std::vector<double> values;
    for (const auto *s : ranked) {
        labels << (s->area == c.focus ? QStringLiteral("▶ ") : QString()) + s->name;
        values.push_back(s->core20.ci.value);
    }
    showHorizontalBars(mChart->chart(), tr("Core20 share, % (ICS %1%)").arg(l.toString(r.shares.back().core20.ci.value, 'f', 1)), labels,
                       values, BarChartStyle{report::kPurple, 0.85});
    // The five clinical areas for the focus area.
    mClinical->clear();
    QStringList clinicalHeader{tr("Clinical area"), tr("Indicator"), tr("Everyone"), tr("Core20")};
    for (const core::PlusGroup &g : r.plus) clinicalHeader << g.name;
    mClinical->setHorizontalHeaderLabels(clinicalHeader);
    for (const core::ClinicalRow &row : r.clinical) {
        const core::IndicatorDefinition &d = c.indicators[size_t(row.indicator)];
        auto *indicator = new QStandardItem(d.name);
        indicator->setToolTip(d.description);
        QList<QStandardItem *> items{new QStandardItem(core::clinicalAreas()[size_t(row.area)].name), indicator,
                                     valueItem(row.everyone, policy), comparisonItem(row.core20, policy)};
        for (const core::GroupComparison &g : row.plus) items << comparisonItem(g, policy);
        mClinical->appendRow(items);
    }
    QString title = tr("<b>Core20PLUS5 — %1</b>: shares at this level (%2 areas); below, the five clinical areas in %1 for Core20 and each "
                       "PLUS group, coloured against everyone else in the area (95%); %3 ms")
                        .arg(areas->name(c.focus).toHtmlEscaped())
                        .arg(areas->areaCount(c.level))
                        .arg(l.toString(r.ms, 'f', 0));
    if (!r.missing.isEmpty())
        title += tr("<br>Not measurable with these indicators: %1").arg(r.missing.join(QStringLiteral(", ")).toHtmlEscaped());
    mTitle->setText(title);
}

bool Core20Panel::setPlusGroups(const std::vector<core::PlusGroup> &groups) {
    const auto project = mController->project();
    if (!project) return false;
    const auto lists = mController->codeLists();
    // Checked here, so the dialog stays open on a wrong rule; written off the GUI thread.
    if (auto checked = core::parsePlusGroups(core::plusGroupsJson(groups), lists.get()); !checked) {
        QMessageBox::warning(this, tr("PLUS groups"), checked.error().message);
        return false;
    }
    mPlusStore->start([session = mController->session(), groups](core::Feedback &) { return session->savePlusGroups(groups); },
                      [this, groups](core::Ok) {
                          mPlus = groups;
                          compute();
                          emit plusGroupsSaved(true);
                      },
                      [this](const core::Error &error) {
                          QMessageBox::warning(this, tr("PLUS groups"), error.message);
                          emit plusGroupsSaved(false);
                      });
    return true;
}

void Core20Panel::editPlusGroups() {
    QDialog dialog(this);
    dialog.setWindowTitle(tr("PLUS groups"));
    auto *table = new QTableWidget(int(mPlus.size()), 2, &dialog);
    table->setHorizontalHeaderLabels({tr("Name"), tr("Rule (as in the cohort builder)")});
    table->horizontalHeader()->setStretchLastSection(true);
    installTextTableActions(table, mController->session(), tr("PLUS groups"));
    table->setColumnWidth(0, 200);
    for (int i = 0; i < int(mPlus.size()); ++i) {
        table->setItem(i, 0, new QTableWidgetItem(mPlus[size_t(i)].name));
        table->setItem(i, 1, new QTableWidgetItem(mPlus[size_t(i)].rule));
    }
    auto *add = new QPushButton(tr("Add"), &dialog), *remove = new QPushButton(tr("Remove"), &dialog),
         *defaults = new QPushButton(tr("Defaults"), &dialog);
    connect(add, &QPushButton::clicked, table, [table] {
        if (table->rowCount() < core::kMaxPlusGroups) table->insertRow(table->rowCount());
    });
    connect(remove, &QPushButton::clicked, table, [table] { table->removeRow(table->currentRow()); });
    connect(defaults, &QPushButton::clicked, table, [table] {
        const auto d = core::defaultPlusGroups();
        table->setRowCount(int(d.size()));
        for (int i = 0; i < int(d.size()); ++i) {
            table->setItem(i, 0, new QTableWidgetItem(d[size_t(i)].name));
            table->setItem(i, 1, new QTableWidgetItem(d[size_t(i)].rule));
        }
    });
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, [&] {
        std::vector<core::PlusGroup> groups;
        for (int i = 0; i < table->rowCount(); ++i) {
            const QString name = table->item(i, 0) ? table->item(i, 0)->text().trimmed() : QString();
            const QString rule = table->item(i, 1) ? table->item(i, 1)->text().trimmed() : QString();
            if (!name.isEmpty() || !rule.isEmpty()) groups.push_back({name, rule});
        }
        if (setPlusGroups(groups)) dialog.accept();  // on an error the dialog stays open with the message shown
    });
    auto *row = new QHBoxLayout;
    row->addWidget(add);
    row->addWidget(remove);
    row->addWidget(defaults);
    row->addStretch(1);
    row->addWidget(buttons);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(new QLabel(tr("Up to %1 groups, each a rule over the extract, e.g. <code>ethnicity = 'G'</code> or "
                                    "<code>homeless or offender</code>.")
                                     .arg(core::kMaxPlusGroups),
                                 &dialog));
    layout->addWidget(table);
    layout->addLayout(row);
    fitToScreen(&dialog, QSize(720, 360));
    dialog.exec();
}

}  // namespace phm::ui
