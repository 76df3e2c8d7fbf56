#include "dataoverviewwidget.h"
#include "tablestyle.h"

#include "importreportmodel.h"

#include <QDesktopServices>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QUrl>
#include <QVBoxLayout>

namespace phm::ui {

DataOverviewWidget::DataOverviewWidget(QWidget *parent)
    : QWidget(parent),
      mSummary(new QLabel(this)),
      mFiles(new QTableView(this)),
      mFields(new QTableView(this)),
      mReasons(new QTableView(this)),
      mReport(new ImportReportModel(this)),
      mCompleteness(new CompletenessModel(this)),
      mReasonModel(new RejectReasonModel(this)),
      mOpenRejects(new QPushButton(this)) {
    auto *layout = new QVBoxLayout(this);
    mSummary->setWordWrap(true);
    mSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *top = new QHBoxLayout;
    top->addWidget(mSummary, 1);
    mOpenRejects->setText(tr("Open rejects folder"));
    mOpenRejects->setToolTip(tr("Rejected rows, one CSV per dataset file, with line number, reason and the original record"));
    mOpenRejects->setEnabled(false);
    top->addWidget(mOpenRejects);
    layout->addLayout(top);
    connect(mOpenRejects, &QPushButton::clicked, this,
            [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(mReport->report().rejectsDir)); });
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(mFiles);
    auto *details = new QSplitter(Qt::Vertical, split);
    details->addWidget(mFields);
    details->addWidget(mReasons);
    split->addWidget(details);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 1);
    layout->addWidget(split);
    for (QTableView *t : {mFiles, mFields, mReasons}) {
        styleTable(t);
        t->setSelectionMode(QAbstractItemView::SingleSelection);
        t->setAlternatingRowColors(true);
    }
    mFiles->setModel(mReport);
    mFields->setModel(mCompleteness);
    mFiles->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    mFiles->horizontalHeader()->setSectionResizeMode(ImportReportModel::File, QHeaderView::Stretch);
    mFields->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    mReasons->setModel(mReasonModel);
    mReasons->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    connect(mFiles->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showFile(current.row()); });
    mSummary->setText(tr("No project open."));
}

void DataOverviewWidget::setReport(const core::ImportReport &report) {
    mReport->setReport(report);
    const QLocale l;
    mSummary->setText(tr("%1 persons and %2 practices imported; %3% of event rows linked to a person. Rejected rows, with line "
                         "numbers and reasons, are in %4")
                          .arg(l.toString(report.persons), l.toString(report.practices), l.toString(100.0 * report.linkageRate(), 'f', 2),
                               report.rejectsDir));
    mOpenRejects->setEnabled(QFileInfo(report.rejectsDir).isDir());
    if (!report.files.empty()) mFiles->selectRow(1 < int(report.files.size()) ? 1 : 0);
}

void DataOverviewWidget::showFile(int row) {
    if (row < 0 || row >= int(mReport->report().files.size())) return;
    mCompleteness->setFile(mReport->report().files[size_t(row)]);
    mReasonModel->setFile(mReport->report().files[size_t(row)]);
}

}  // namespace phm::ui
