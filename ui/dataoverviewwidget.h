#pragma once
// Data overview: rows, rejects, linkage and date coverage per dataset, and field completeness
// of the selected dataset.
#include "import/importer.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace phm::ui {

class ImportReportModel;
class CompletenessModel;
class RejectReasonModel;

class DataOverviewWidget : public QWidget {
    Q_OBJECT
public:
    explicit DataOverviewWidget(QWidget *parent = nullptr);
    void setReport(const core::ImportReport &report);
    ImportReportModel *reportModel() const { return mReport; }
    RejectReasonModel *rejectReasonModel() const { return mReasonModel; }

private:
    void showFile(int row);
    QLabel *mSummary;
    QTableView *mFiles;
    QTableView *mFields;
    QTableView *mReasons;
    ImportReportModel *mReport;
    CompletenessModel *mCompleteness;
    RejectReasonModel *mReasonModel;
    QPushButton *mOpenRejects;
};

}  // namespace phm::ui
