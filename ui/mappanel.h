#pragma once
// The LSOA map: any indicator of the LSOA-level profile as a choropleth over the 533 LSOAs of
// the ICS, coloured by class (quantiles, deciles, equal intervals or natural breaks) or by
// significance against the ICS. Click an LSOA to select it (its profile opens); right-click for
// its profile or the people behind its value.
#include "geo/areas.h"
#include "indicators/profile.h"
#include "mapview.h"
#include "stats/classbreaks.h"

#include <QHash>
#include <QWidget>
#include <vector>

class QComboBox;
class QLabel;

namespace phm::ui {

class ProfileCache;
class ProjectController;
struct ProfileData;

class MapPanel : public QWidget {
    Q_OBJECT
public:
    enum Colouring { ByValue, BySignificance };
    MapPanel(ProjectController *controller, ProfileCache *cache, QWidget *parent = nullptr);
    MapView *view() const { return mView; }
    QComboBox *indicatorBox() const { return mIndicator; }
    void setArea(const core::Area &area);  // an LSOA is outlined
    void setIndicator(int indicator);
    void setClasses(core::BreakMethod method, int classes);
    void setColouring(Colouring colouring);
    // Saves the map as a PNG for use outside the workbench: LSOAs whose value rests on a small
    // count (core/governance/disclosure) are shown as suppressed, the policy is named on the image, and the
    // export is written to the audit log before the file (off the GUI thread); imageSaved reports.
    void exportImage(const QString &path);
    int shapeOfLsoa(int lsoaIndex) const;  // -1 when the LSOA has no boundary
    const std::vector<double> &breaks() const { return mBreaks; }

signals:
    void updated();  // the map shows the current profile
    void imageSaved(bool ok, const QString &message);
    void areaSelected(const core::Area &area);
    void cohortRequested(const QString &rule);

private:
    // The LSOA rows of the shown indicator, by map shape (null: no row or suppressed).
    struct Shading {
        std::vector<const core::ProfileRow *> rowOfShape;
    };
    void refresh();
    void followIndicators(const ProfileData &cached);
    Shading shade(const ProfileData &cached, int indicator);  // also sets mBreaks and mSuppressed
    std::vector<LegendEntry> paint(const Shading &shading, const core::IndicatorDefinition &d);
    std::vector<LegendEntry> legendFor(const std::vector<int> &perClass, const QHash<int, int> &perSignificance) const;
    QString unitOf(const core::IndicatorDefinition &d) const;
    void matchShapes();
    void showMenu(int shape, const QPoint &globalPos);
    void saveImage();

    ProjectController *mController;
    ProfileCache *mCache;
    MapView *mView;
    QLabel *mTitle;
    QComboBox *mIndicator, *mMethod, *mColouring;
    std::vector<int> mShapeToLsoa, mLsoaToShape;
    std::vector<double> mBreaks;
    int mUnmapped = 0;  // LSOAs of the project without a boundary (outside the bundled ICS)
    bool mFilling = false;
    bool mPublishing = false;  // while an exported image is drawn: small counts suppressed
    int mSuppressed = 0;
    int mNoValue = 0;  // shapes without a value in the last refresh
};

}  // namespace phm::ui
