#pragma once
// Data overview: rows, rejects, linkage and date coverage per dataset, and field completeness
// of the selected dataset.
#include "importer.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace phm::ui {

class ImportReportModel;
class CompletenessModel;

class DataOverviewWidget : public QWidget {
    Q_OBJECT
public:
    explicit DataOverviewWidget(QWidget *parent = nullptr);
    void setReport(const core::ImportReport &report);
    ImportReportModel *reportModel() const { return mReport; }

private:
    void showFile(int row);
    QLabel *mSummary;
    QTableView *mFiles;
    QTableView *mFields;
    ImportReportModel *mReport;
    CompletenessModel *mCompleteness;
    QPushButton *mOpenRejects;
};

}  // namespace phm::ui
