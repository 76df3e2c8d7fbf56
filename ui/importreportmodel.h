#pragma once
// Table models over an import report: one row per dataset file, and the field completeness of
// one file. Formatting is lazy in data(); nothing is copied out of the report.
#include "import/importer.h"

#include <QAbstractTableModel>

namespace phm::ui {

class ImportReportModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { File, RowsRead, Imported, Rejected, Linkage, DateFrom, DateTo, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;
    void setReport(core::ImportReport report);
    const core::ImportReport &report() const { return mReport; }
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    core::ImportReport mReport;
};

class CompletenessModel : public QAbstractTableModel {
    Q_OBJECT
public:
    using QAbstractTableModel::QAbstractTableModel;
    void setFile(const core::FileImportReport &file);
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    core::FileImportReport mFile;
};

// Rejected rows of one file by reason, with a plain-English explanation of each reason.
class RejectReasonModel : public QAbstractTableModel {
    Q_OBJECT
public:
    using QAbstractTableModel::QAbstractTableModel;
    void setFile(const core::FileImportReport &file);
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    static QString explain(const QString &reason);

private:
    std::vector<std::pair<QString, qint64>> mReasons;
};

}  // namespace phm::ui
