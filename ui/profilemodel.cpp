#include "profilemodel.h"

#include "tableactions.h"

#include <QColor>
#include <QLocale>

namespace phm::ui {

void ProfileTableModel::setProfile(ProfileData data, int areaIndex, QString parentName) {
    beginResetModel();
    mData = std::move(data);
    mArea = areaIndex;
    mParentName = std::move(parentName);
    mRows.assign(mData.indicators.size(), nullptr);
    mRanges.clear();
    if (mData.profile) {
        for (const core::ProfileRow &r : mData.profile->rows)
            if (r.area.index == mArea) mRows[size_t(r.indicator)] = &r;
        for (int k = 0; k < int(mData.indicators.size()); ++k) mRanges.push_back(core::peerRange(*mData.profile, k));
    }
    endResetModel();
}

const core::ProfileRow *ProfileTableModel::row(int indicator) const {
    return indicator >= 0 && size_t(indicator) < mRows.size() ? mRows[size_t(indicator)] : nullptr;
}

int ProfileTableModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(mRows.size()); }
int ProfileTableModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ProfileTableModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid()) return {};
    const core::IndicatorDefinition &d = mData.indicators[size_t(index.row())];
    const core::ProfileRow *r = mRows[size_t(index.row())];
    const QLocale l;
    const int decimals = d.multiplier >= 1000 ? 0 : d.type == core::IndicatorType::Mean ? 0 : 1;
    auto number = [&](double v) { return std::isnan(v) ? QStringLiteral("–") : l.toString(v, 'f', decimals); };
    if (role == Qt::ToolTipRole) return QStringLiteral("%1\n\n%2\n\nSource: %3").arg(d.name, d.description, d.source);
    if (role == Qt::TextAlignmentRole && index.column() != Indicator) return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (!r) return {};
    if (!compared() && (index.column() == Parent || index.column() == Ics || index.column() == Compared))
        return role == Qt::DisplayRole ? QVariant(QStringLiteral("–")) : QVariant();
    if (role == Qt::BackgroundRole && index.column() == Compared) return significanceColour(r->vsIcs);
    if (role == Qt::ForegroundRole && index.column() == Compared &&
        (r->vsIcs == core::Significance::Worse || r->vsIcs == core::Significance::Higher))
        return QColor(Qt::white);
    if (role == SpineRole && index.column() == Spine) {
        const core::PeerRange &range = mRanges[size_t(index.row())];
        SpineValues v;
        v.valid = range.areas > 1 && !std::isnan(r->value.ci.value) && !std::isnan(r->icsValue);
        v.value = r->value.ci.value;
        v.comparator = r->icsValue;
        v.min = range.min;
        v.q25 = range.q25;
        v.q75 = range.q75;
        v.max = range.max;
        v.significance = r->vsIcs;
        return QVariant::fromValue(v);
    }
    if (role == ExportTextRole) return exportText(index.column(), *r, number);
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
        case Indicator:
            return d.name;
        case Count:
            return d.type == core::IndicatorType::Mean
                       ? l.toString(qlonglong(r->value.denominator))
                       : QStringLiteral("%1 / %2").arg(l.toString(qlonglong(std::llround(r->value.numerator))),
                                                       l.toString(qlonglong(r->value.denominator)));
        case Value:
            return number(r->value.ci.value);
        case Interval:
            return QStringLiteral("%1 – %2").arg(number(r->value.ci.lower), number(r->value.ci.upper));
        case Parent:
            return number(r->parentValue);
        case Ics:
            return number(r->icsValue);
        case Compared:
            return core::significanceName(r->vsIcs);
    }
    return {};
}

QVariant ProfileTableModel::exportText(int column, const core::ProfileRow &r, const std::function<QString(double)> &number) const {
    // What leaves is the published value (from the protected counts), "*" where it is suppressed;
    // the counts column is published as counts by the copy itself.
    auto published = [&](double shown, double exact) {
        return std::isnan(shown) && !std::isnan(exact) ? QStringLiteral("*") : number(shown);
    };
    switch (column) {
        case Value:
            return published(r.published.ci.value, r.value.ci.value);
        case Interval:
            return QStringLiteral("%1 – %2").arg(published(r.published.ci.lower, r.value.ci.lower),
                                                 published(r.published.ci.upper, r.value.ci.upper));
        case Ics:
            return published(r.publishedIcsValue, r.icsValue);
        case Compared:
            return core::significanceName(r.publishedVsIcs);
        case Parent:  // the parent's published value is not kept beside the exact one: it does not leave
            return std::isnan(r.parentValue) ? QStringLiteral("–") : QStringLiteral("*");
    }
    return {};
}

QVariant ProfileTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    if (role == Qt::ToolTipRole) {
        if (section == Parent) return mParentName.isEmpty() ? tr("The area one level up") : mParentName;
        if (section == Interval) return tr("95% confidence interval (Wilson, Byars or exact, Dobson, Student's t by indicator type)");
        if (section == Compared && !compared()) return tr("The ICS is not compared with itself; the project holds no England values");
        if (section == Compared) return tr("Compared with the ICS: outside the area's 95% interval is significant (Fingertips method)");
        if (section == Spine)
            return tr(
                "Spread over all areas at this level: whole bar lowest to highest, dark band 25th to 75th percentile, line the "
                "ICS, circle this area");
    }
    if (role != Qt::DisplayRole) return {};
    switch (section) {
        case Indicator:
            return tr("Indicator");
        case Count:
            return tr("Count");
        case Value:
            return tr("Value");
        case Interval:
            return tr("95% CI");
        case Parent:
            return tr("Parent");
        case Ics:
            return tr("ICS");
        case Compared:
            return tr("vs ICS");
        case Spine:
            return tr("Range of areas");
    }
    return {};
}

}  // namespace phm::ui
