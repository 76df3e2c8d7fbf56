#pragma once
// PHM maturity and the PHM cycle in the workbench: for a framework and a level (system, places or
// PCNs), a heatmap of every area's newest assessment, the selected area's radar (current against
// target) and timeline, a comparison of the PCNs, and the cycle dashboard (PCNs that completed a
// full cycle this financial year, and how far each has got). "New assessment…" opens the editor
// for the selected area. Everything is read off the GUI thread.
#include "backgroundjob.h"
#include "geo/areas.h"
#include "maturity/maturitystore.h"

#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QPushButton;
class QTableWidget;

namespace phm::ui {

class ChartCanvas;
class ProjectController;

class MaturityPanel : public QWidget {
    Q_OBJECT
public:
    explicit MaturityPanel(ProjectController *controller, QWidget *parent = nullptr);
    QComboBox *frameworkBox() const { return mFramework; }
    QComboBox *levelBox() const { return mLevel; }
    QDateEdit *asOfEdit() const { return mAsOf; }
    QLabel *cycleSummary() const { return mCycleSummary; }
    QTableWidget *cycleTable() const { return mCycles; }
    int heatmapRows() const { return int(mRows.size()); }
    QString selectedArea() const;
    void selectRow(int row);
    // The navigator's selection: a PCN or place is shown at its level and selected; a practice
    // shows its PCN, an LSOA its place, a care alliance the ICS.
    void setArea(const core::Area &area);
    // Opens the editor for the selected area (the dialog is returned for tests; it deletes itself).
    class AssessmentDialog *newAssessment();
    // Opens the PHM cycle dialog for the selected PCN (PCN level only).
    class CycleDialog *recordCycle();
    // Opens the editor on the chosen framework.
    class FrameworkDialog *editFramework();

public slots:
    void reload();

signals:
    void updated();
    // A double-click on a cycle opens the cohorts it used in the cohort builder.
    void cohortRequested(const QString &rule);

private:
    void show();
    void pickRows(const QString &level);
    const core::maturity::Framework *framework() const;

    ProjectController *mController;
    QComboBox *mFramework, *mLevel;
    QDateEdit *mAsOf;
    ChartCanvas *mHeatmap, *mRadar, *mTimeline, *mComparison;
    QLabel *mTitle, *mCycleSummary;
    QTableWidget *mCycles;
    QPushButton *mAssess, *mCycle, *mEditFramework;
    std::vector<core::maturity::Framework> mFrameworks;
    std::vector<core::maturity::Assessment> mAssessments;
    std::vector<core::maturity::AssessableArea> mAreas, mRows;
    std::vector<core::cycle::Cycle> mCycleList;
    int mSelected = 0;
    QString mWanted;                                // the code of the area to select once its level's rows are shown
    BackgroundJob *mJob = new BackgroundJob(this);  // reads the maturity records
};

}  // namespace phm::ui
