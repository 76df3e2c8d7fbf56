#pragma once
// League table of one indicator: every area of a level ranked by value, with counts, the 95%
// interval and significance against the ICS and the area's parent in Fingertips colours. For a
// PCN (or a place, care alliance or the ICS) it can list the areas one level down instead, e.g.
// the PCN's practices. Double-click a row to select that area.
#include "profilemodel.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QStandardItemModel;
class QTableView;

namespace phm::ui {

class LeagueTable : public QWidget {
    Q_OBJECT
public:
    explicit LeagueTable(QWidget *parent = nullptr);
    // `peers`: the selected area's level; `children`: the level below, or null (none, or not yet
    // computed). Rows of `children` are kept only when they belong to `area`.
    void show(const ProfileData &peers, const ProfileData *children, const core::AreaIndex &areas, const core::Area &area, int indicator);
    QStandardItemModel *model() const { return mModel; }
    QCheckBox *childrenBox() const { return mChildren; }
    bool showsChildren() const;
    static std::optional<core::Area::Kind> childLevel(core::Area::Kind kind);

signals:
    void areaActivated(const core::Area &area);
    void childrenToggled(bool on);

private:
    QLabel *mTitle;
    QCheckBox *mChildren;
    QTableView *mView;
    QStandardItemModel *mModel;
};

}  // namespace phm::ui
