#include "segmentationpanel.h"

#include "chartactions.h"
#include "report/palette.h"
#include "segmentmovementdialog.h"
#include "tableactions.h"
#include "tablestyle.h"

#include "backgroundjob.h"
#include "barchart.h"
#include "cohorts/cohortanalysis.h"
#include "operations/segmentop.h"
#include "projectcontroller.h"

#include <QChartView>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>
#include <cmath>

namespace phm::ui {

void SegmentTableModel::setResult(core::SegmentationResult result) {
    beginResetModel();
    mResult = std::move(result);
    endResetModel();
}

int SegmentTableModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(mResult.segments.size()); }
int SegmentTableModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant SegmentTableModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid()) return {};
    const core::SegmentSummary &s = mResult.segments[size_t(index.row())];
    const QLocale l;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
            case Segment:
                return s.name;
            case People:
                return l.toString(qlonglong(s.count));
            case Share:
                return tr("%1%").arg(l.toString(100.0 * double(s.count) / double(std::max<int64_t>(1, mResult.persons)), 'f', 1));
            case EmergencyAdmissions:
                return l.toString(qlonglong(s.emergencyAdmissions));
            case AeAttendances:
                return l.toString(qlonglong(s.aeAttendances));
            case Cost:
                return tr("£%1").arg(l.toString(qlonglong(std::llround(s.cost))));
        }
    }
    if (role == Qt::ToolTipRole) return s.description;
    if (role == Qt::TextAlignmentRole && index.column() != Segment) return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant SegmentTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section >= EmergencyAdmissions)
        return tr("In the 12 months to the index date, for the people in the segment");
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section >= EmergencyAdmissions)
        return tr("In the 12 months to the index date, for the people in the segment");
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case Segment:
            return tr("Segment");
        case People:
            return tr("People");
        case Share:
            return tr("Share");
        case EmergencyAdmissions:
            return tr("Emerg. adm.");
        case AeAttendances:
            return tr("A&E");
        case Cost:
            return tr("Cost");
    }
    return {};
}

SegmentationPanel::SegmentationPanel(ProjectController *controller, QWidget *parent)
    : QWidget(parent),
      mController(controller),
      mTemplate(new QComboBox(this)),
      mStatus(new QLabel(this)),
      mTable(new QTableView(this)),
      mChart(new QChartView(this)),
      mModel(new SegmentTableModel(this)) {
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Template:"), this));
    for (const QString &id : core::segmentationTemplateIds()) {
        auto t = core::loadSegmentationTemplate(id);
        mTemplate->addItem(t ? t.value().name : id, id);
    }
    mTemplate->setCurrentIndex(std::max(0, mTemplate->findData(QStringLiteral("cheshire-merseyside"))));
    top->addWidget(mTemplate);
    auto *open = new QPushButton(tr("Open template…"), this);
    open->setToolTip(
        tr("Use your own template: a JSON file of segments and rules, laid out like the bundled ones "
           "(resources/segmentation/*.json)"));
    top->addWidget(open);
    connect(open, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Segmentation template"), QString(), tr("Templates (*.json)"));
        if (!path.isEmpty()) addTemplateFile(path);
    });
    auto *movement = new QPushButton(tr("Movement…"), this);
    movement->setObjectName(QStringLiteral("segmentMovement"));
    movement->setToolTip(tr("How people moved between segments: against an earlier day, or another template"));
    top->addWidget(movement);
    connect(movement, &QPushButton::clicked, this, [this] {
        if (auto *dialog = openMovement()) dialog->show();
    });
    top->addWidget(mStatus, 1);
    layout->addLayout(top);
    auto *body = new QHBoxLayout;
    mTable->setModel(mModel);
    installTableActions(mTable, mController, tr("Segmentation"), {SegmentTableModel::Segment})
        ->share(SegmentTableModel::Share, SegmentTableModel::People);
    installChartActions(mChart, mController, tr("Segmentation"));
    styleTable(mTable);
    mTable->setAlternatingRowColors(true);
    mTable->horizontalHeader()->setSectionResizeMode(SegmentTableModel::Segment, QHeaderView::Stretch);
    mChart->setRenderHint(QPainter::Antialiasing);
    mChart->chart()->legend()->hide();
    mChart->setMinimumWidth(360);
    body->addWidget(mTable, 3);
    body->addWidget(mChart, 2);
    layout->addLayout(body, 1);
    connect(mTemplate, &QComboBox::currentIndexChanged, this, &SegmentationPanel::recompute);
    connect(controller, &ProjectController::projectOpened, this, [this] {
        mArea.reset();
        recompute();
    });
}

void SegmentationPanel::addTemplateFile(const QString &path) {
    auto t = core::loadSegmentationTemplate(path);
    if (!t) {
        QMessageBox::warning(this, tr("Segmentation template"), t.error().message);
        return;
    }
    int index = mTemplate->findData(path);
    if (index < 0) {
        mTemplate->addItem(tr("%1 (%2)").arg(t.value().name, QFileInfo(path).fileName()), path);
        index = mTemplate->count() - 1;
    }
    mTemplate->setCurrentIndex(index);
}

SegmentMovementDialog *SegmentationPanel::openMovement() {
    if (!mController->session() || !mController->session()->hasData()) return nullptr;
    auto *dialog =
        new SegmentMovementDialog(mController, mTemplate->currentData().toString(), mArea.value_or(core::Area{core::Area::Ics, 0}), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    return dialog;
}

void SegmentationPanel::setArea(const core::Area &area) {
    mArea = area;
    recompute();
}

void SegmentationPanel::recompute() {
    const auto project = mController->project();
    const auto areas = mController->areas();
    if (!project || !areas) return;
    const QString id = mTemplate->currentData().toString();
    const core::Area area = mArea.value_or(core::Area{core::Area::Ics, 0});
    mStatus->setText(tr("Segmenting %1…").arg(areas->name(area)));
    mJob->start(
        [session = mController->session(), id, area](core::Feedback &fb) -> core::Result<core::SegmentationResult> {
            const core::rules::Selection scope = core::areaMembers(session->areas(), area);
            core::ops::SegmentRequest request;
            request.templateId = id;
            request.scope = &scope;
            auto run = core::ops::runSegmentation(*session, request, fb);
            if (!run) return run.error();
            return std::move(run.value().result);
        },
        [this](const core::Result<core::SegmentationResult> &result) { showResult(result); });
}

void SegmentationPanel::showResult(const core::Result<core::SegmentationResult> &result) {
    if (!result) {
        clearChart(mChart->chart());
        mStatus->setText(result.error().message);
        emit updated();
        return;
    }
    mModel->setResult(result.value());
    const auto areas = mController->areas();
    mStatus->setText(tr("%1: %2 people")
                         .arg(areas ? areas->name(mArea.value_or(core::Area{core::Area::Ics, 0})) : QString(),
                              QLocale().toString(qlonglong(result.value().persons))));
    QStringList names;
    std::vector<double> counts;
    for (const core::SegmentSummary &s : result.value().segments) {
        names << s.name;
        counts.push_back(double(s.count));
    }
    showHorizontalBars(mChart->chart(), result.value().templateName, names, counts, {report::kAquaGreen, 0.8});
    emit updated();
}

}  // namespace phm::ui
