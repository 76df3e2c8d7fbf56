#include "importreportmodel.h"

#include <QBrush>
#include <QColor>
#include <QLocale>
#include <QStringList>

namespace phm::ui {

void ImportReportModel::setReport(core::ImportReport report) {
    beginResetModel();
    mReport = std::move(report);
    endResetModel();
}

int ImportReportModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(mReport.files.size()); }
int ImportReportModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ImportReportModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid()) return {};
    const core::FileImportReport &f = mReport.files[size_t(index.row())];
    const QLocale locale;
    auto date = [&](int32_t d) {
        return d == core::kNoDate ? QString() : locale.toString(QDate(1970, 1, 1).addDays(d), QLocale::ShortFormat);
    };
    if (role == Qt::DisplayRole) {
        if (!f.present && index.column() != File) return index.column() == RowsRead ? tr("not supplied") : QVariant();
        switch (index.column()) {
            case File:
                return f.file;
            case RowsRead:
                return locale.toString(f.rowsRead);
            case Imported:
                return locale.toString(f.rowsImported);
            case Rejected:
                return locale.toString(f.rowsRejected);
            case Linkage:
                return f.linked + f.unlinked ? QVariant(tr("%1%").arg(locale.toString(100.0 * f.linkageRate(), 'f', 2))) : QVariant();
            case DateFrom:
                return date(f.dateMin);
            case DateTo:
                return date(f.dateMax);
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() != File) return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == Rejected && !f.rejectsByReason.empty()) {
        QStringList lines;
        for (const auto &[reason, n] : f.rejectsByReason) lines << tr("%1: %2").arg(reason, locale.toString(n));
        return lines.join(QLatin1Char('\n'));
    }
    if (role == Qt::ForegroundRole && index.column() == Linkage && f.linked + f.unlinked && f.linkageRate() < 0.98)
        return QBrush(QColor(0xD5, 0x28, 0x1B));  // flag poor linkage
    return {};
}

QVariant ImportReportModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case File:
            return tr("Dataset file");
        case RowsRead:
            return tr("Rows read");
        case Imported:
            return tr("Imported");
        case Rejected:
            return tr("Rejected");
        case Linkage:
            return tr("Linkage");
        case DateFrom:
            return tr("From");
        case DateTo:
            return tr("To");
    }
    return {};
}

void CompletenessModel::setFile(const core::FileImportReport &file) {
    beginResetModel();
    mFile = file;
    endResetModel();
}

int CompletenessModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(mFile.completeness.size()); }
int CompletenessModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : 2; }

QVariant CompletenessModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid()) return {};
    const auto &[column, share] = mFile.completeness[size_t(index.row())];
    if (role == Qt::DisplayRole)
        return index.column() == 0 ? QVariant(column) : QVariant(tr("%1%").arg(QLocale().toString(100.0 * share, 'f', 1)));
    if (role == Qt::TextAlignmentRole && index.column() == 1) return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant CompletenessModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    return section == 0 ? tr("Field") : tr("Completeness");
}

}  // namespace phm::ui
