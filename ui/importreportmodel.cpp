#include "importreportmodel.h"
#include "base/dates.h"
#include "report/palette.h"

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
    auto date = [&](int32_t d) { return d == core::kNoDate ? QString() : core::displayDate(d); };
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
        return QBrush(report::kRed);  // flag poor linkage
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

void RejectReasonModel::setFile(const core::FileImportReport &file) {
    beginResetModel();
    mReasons.assign(file.rejectsByReason.begin(), file.rejectsByReason.end());
    endResetModel();
}

int RejectReasonModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(mReasons.size()); }
int RejectReasonModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : 2; }

QString RejectReasonModel::explain(const QString &reason) {
    if (reason == QLatin1String("malformed_row")) return tr("Wrong number of fields or broken quoting");
    if (reason == QLatin1String("invalid_utf8")) return tr("Text that is not UTF-8");
    if (reason == QLatin1String("missing_value")) return tr("A required value is empty");
    if (reason == QLatin1String("invalid_value")) return tr("A value that is not allowed or not a number");
    if (reason == QLatin1String("invalid_date")) return tr("Not a real date");
    if (reason == QLatin1String("date_order")) return tr("An end date before its start");
    if (reason == QLatin1String("unknown_lsoa")) return tr("Not an England LSOA 2011 code");
    if (reason == QLatin1String("unknown_practice")) return tr("Practice not in practices.csv");
    if (reason == QLatin1String("unknown_person")) return tr("Person not in persons.csv (not linked)");
    if (reason == QLatin1String("duplicate_id")) return tr("Identifier seen before in the file");
    if (reason == QLatin1String("duplicate_row")) return tr("Exact copy of an earlier row");
    return reason;
}

QVariant RejectReasonModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid()) return {};
    const auto &[reason, n] = mReasons[size_t(index.row())];
    if (role == Qt::DisplayRole) return index.column() == 0 ? QVariant(explain(reason)) : QVariant(QLocale().toString(n));
    if (role == Qt::ToolTipRole) return tr("Reason code in the rejects file: %1").arg(reason);
    if (role == Qt::TextAlignmentRole && index.column() == 1) return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant RejectReasonModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    return section == 0 ? tr("Rejected because") : tr("Rows");
}

}  // namespace phm::ui
