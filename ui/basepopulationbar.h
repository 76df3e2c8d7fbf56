#pragma once
// The cohort builder's base population as a chip above the rule: who is counted (registered and
// alive, or everyone in the extract), at which index date, in which area (the navigator's
// selection), and how many people that is once a count has run. Percentages are "of" this.
#include "cohorts/cohortbase.h"

#include <QWidget>

class QCheckBox;
class QDateEdit;
class QLabel;

namespace phm::ui {

class BasePopulationBar : public QWidget {
    Q_OBJECT
public:
    explicit BasePopulationBar(QWidget *parent = nullptr);
    // A newly opened project: its areas, and the index date reset to the extract end.
    void setAreas(std::shared_ptr<const core::AreaIndex> areas);
    void setArea(const core::Area &area);
    const core::CohortBase &base() const { return mBase; }
    // The base's size from the latest count (the chip shows it).
    void setCount(int64_t people);
    QString chipText() const;

signals:
    void changed();  // the base is different: count again

private:
    void refresh();

    std::shared_ptr<const core::AreaIndex> mAreas;
    core::CohortBase mBase;
    int64_t mCount = -1;
    QLabel *mChip;
    QCheckBox *mEveryone;
    QDateEdit *mDate;
};

}  // namespace phm::ui
