#pragma once
// The indicators of one area as a table: value, interval, counts, the parent's and the ICS's
// values, significance against the ICS (Fingertips colours) and a spine column drawn by
// SpineDelegate from the spread over the area's peers.
#include "geo/areas.h"
#include "indicators/profile.h"
#include "report/palette.h"

#include <QAbstractTableModel>
#include <functional>
#include <memory>

namespace phm::ui {

struct ProfileData {
    std::shared_ptr<const core::Profile> profile;
    std::vector<core::IndicatorDefinition> indicators;
    core::Area::Kind level = core::Area::Ics;
};

// The palette's significance and map colours (report/palette), as the views of ui/ name them.
using report::sequentialColour;
using report::significanceColour;

class ProfileTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Indicator, Count, Value, Interval, Parent, Ics, Compared, Spine, ColumnCount };
    enum Role { SpineRole = Qt::UserRole + 1 };  // QVariant of SpineValues for the Spine column
    using QAbstractTableModel::QAbstractTableModel;
    void setProfile(ProfileData data, int areaIndex, QString parentName);
    const ProfileData &profileData() const { return mData; }
    int areaIndex() const { return mArea; }
    // The ICS itself: there is nothing to compare it with (the project holds no England values),
    // so the comparison columns stay empty instead of comparing the ICS with itself.
    bool compared() const { return mData.level != core::Area::Ics; }
    const core::ProfileRow *row(int indicator) const;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    // The text a copy or export takes (ExportTextRole): the published values beside the exact ones.
    QVariant exportText(int column, const core::ProfileRow &r, const std::function<QString(double)> &number) const;
    ProfileData mData;
    int mArea = -1;
    QString mParentName;
    std::vector<const core::ProfileRow *> mRows;  // per indicator, for the area
    std::vector<core::PeerRange> mRanges;         // per indicator, over the area's peers
};

// What the spine delegate draws for one indicator.
struct SpineValues {
    double value = 0, comparator = 0, min = 0, q25 = 0, q75 = 0, max = 0;
    core::Significance significance = core::Significance::NotCompared;
    bool valid = false;
};

}  // namespace phm::ui

Q_DECLARE_METATYPE(phm::ui::SpineValues)
