#include "segmentmovementdialog.h"

#include "base/dates.h"
#include "chartactions.h"
#include "cohorts/cohortanalysis.h"
#include "errortext.h"
#include "governance/publish.h"
#include "operations/segmentop.h"
#include "projectcontroller.h"
#include "screenfit.h"
#include "segmentflowview.h"
#include "tableactions.h"
#include "tablestyle.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace phm::ui {

namespace {
const QDate kEpoch(1970, 1, 1);  // the project's day numbers count from here

struct Movement {
    QJsonObject published;    // segmentationJson through the policy
    QStringList left, right;  // the segments of each side, in their templates' order
    QString leftTitle, rightTitle, policy;
};
}  // namespace

SegmentMovementDialog::SegmentMovementDialog(ProjectController *controller, const QString &templateId, const core::Area &area,
                                             QWidget *parent)
    : QDialog(parent),
      mController(controller),
      mTemplate(templateId),
      mArea(area),
      mCompare(new QComboBox(this)),
      mDate(new QDateEdit(this)),
      mFlows(new SegmentFlowView(this)),
      mTable(new QTableWidget(this)),
      mStatus(new QLabel(this)) {
    const core::SessionPtr session = controller->session();
    setWindowTitle(tr("Movement between segments: %1").arg(session ? session->areas().name(area) : QString()));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    mCompare->setObjectName(QStringLiteral("compareWith"));
    mCompare->addItem(tr("The same template on an earlier day"), QString());
    for (const QString &id : core::segmentationTemplateIds()) {
        if (id == templateId) continue;
        const auto t = core::loadSegmentationTemplate(id);
        mCompare->addItem(tr("Another template today: %1").arg(t ? t.value().name : id), id);
    }
    form->addRow(tr("Compare with:"), mCompare);
    mDate->setCalendarPopup(true);
    mDate->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    if (session) {
        mDate->setDateRange(kEpoch.addDays(session->project().extractStart), kEpoch.addDays(session->project().extractEnd));
        mDate->setDate(kEpoch.addDays(session->project().extractEnd).addYears(-1));
    }
    form->addRow(tr("Earlier day:"), mDate);
    layout->addLayout(form);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(mFlows);
    mTable->setColumnCount(3);
    mTable->setHorizontalHeaderLabels({tr("From"), tr("To"), tr("People")});
    mTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    mTable->verticalHeader()->hide();
    styleTable(mTable);
    mTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    installTextTableActions(mTable, session, tr("Segment movement"));
    split->addWidget(mTable);
    split->setStretchFactor(0, 3);
    layout->addWidget(split, 1);
    installChartActions(mFlows, controller, tr("Segment movement"), ChartActions::Content::Published);
    mStatus->setWordWrap(true);
    layout->addWidget(mStatus);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *run = buttons->addButton(tr("&Compare"), QDialogButtonBox::ActionRole);
    layout->addWidget(buttons);
    connect(run, &QPushButton::clicked, this, &SegmentMovementDialog::compare);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(mCompare, &QComboBox::currentIndexChanged, this, [this] { mDate->setEnabled(mCompare->currentData().toString().isEmpty()); });
    fitToScreen(this, QSize(900, 720));
}

bool SegmentMovementDialog::compare() {
    const core::SessionPtr session = mController->session();
    if (!session || !session->hasData() || mJob->isRunning()) return false;
    core::ops::SegmentRequest request;
    request.templateId = mTemplate;
    request.compareTemplate = mCompare->currentData().toString();
    const bool byDate = request.compareTemplate.isEmpty();
    if (byDate) request.compareDate = int32_t(kEpoch.daysTo(mDate->date()));
    mStatus->setText(tr("Segmenting…"));
    mJob->start(
        [session, request, area = mArea, byDate](core::Feedback &fb) -> core::Result<Movement> {
            const core::rules::Selection scope = core::areaMembers(session->areas(), area);
            core::ops::SegmentRequest r = request;
            r.scope = &scope;
            auto run = core::ops::runSegmentation(*session, r, fb);
            if (!run) return run.error();
            Movement m;
            m.policy = session->policy().describe();
            // Movements are counts of people: they leave as published, a small flow suppressed.
            m.published =
                core::disclosure::publish(core::ops::segmentationJson(run.value()), core::ops::segmentationFields(), session->policy())
                    .value.toObject();
            // What people were in (the earlier day, or the other template) on the left.
            const core::SegmentationResult &now = run.value().result, &other = *run.value().compared;
            for (const core::SegmentSummary &s : now.segments) m.right << s.name;
            for (const core::SegmentSummary &s : other.segments) m.left << s.name;
            m.rightTitle = QStringLiteral("%1, %2").arg(now.templateName, QString::fromStdString(core::isoDate(run.value().indexDate)));
            m.leftTitle = byDate ? QStringLiteral("%1, %2").arg(other.templateName, QString::fromStdString(core::isoDate(*r.compareDate)))
                                 : other.templateName;
            return m;
        },
        [this](const core::Result<Movement> &result) {
            if (!result) {
                mStatus->setText(errorText(result.error()));
                emit compared(false);
                return;
            }
            const Movement &m = result.value();
            std::vector<SegmentFlow> flows;
            for (const QJsonValue &t : m.published.value(QStringLiteral("transitions")).toArray()) {
                const QJsonValue n = t[QStringLiteral("count")];
                // The core counts from the first to the second: the earlier (or other) one is "to".
                flows.push_back(
                    {t[QStringLiteral("to")].toString(), t[QStringLiteral("from")].toString(), n.isDouble() ? n.toDouble() : NAN});
            }
            mFlows->setFlows(m.leftTitle, m.rightTitle, m.left, m.right, flows);
            std::sort(flows.begin(), flows.end(), [](const SegmentFlow &a, const SegmentFlow &b) {
                return (std::isnan(a.count) ? -1 : a.count) > (std::isnan(b.count) ? -1 : b.count);
            });
            mTable->setRowCount(0);
            double moved = 0;
            for (const SegmentFlow &f : flows) {
                if (f.from == f.to) continue;
                if (!std::isnan(f.count)) moved += f.count;
                const int row = mTable->rowCount();
                mTable->insertRow(row);
                mTable->setItem(row, 0, new QTableWidgetItem(f.from));
                mTable->setItem(row, 1, new QTableWidgetItem(f.to));
                auto *n =
                    new QTableWidgetItem(std::isnan(f.count) ? QStringLiteral("*") : QLocale().toString(qlonglong(std::llround(f.count))));
                n->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                mTable->setItem(row, 2, n);
            }
            mStatus->setText(tr("%1 people shown; %2 changed segment. %n small movements are not shown (disclosure control: %3).", nullptr,
                                mFlows->suppressed())
                                 .arg(QLocale().toString(qlonglong(std::llround(mFlows->shown()))),
                                      QLocale().toString(qlonglong(std::llround(moved))), m.policy));
            emit compared(true);
        });
    return true;
}

}  // namespace phm::ui
