#include "mappanel.h"
#include "report/palette.h"

#include "backgroundjob.h"
#include "geo/boundaries.h"
#include "geo/catchment.h"
#include "governance/disclosure.h"
#include "mapview.h"
#include "profilecache.h"
#include "profilemodel.h"
#include "projectcontroller.h"
#include "report/mapimage.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>
#include <cmath>

namespace phm::ui {

namespace {

// Enough decimals to tell the class edges apart.
int decimalsFor(const std::vector<double> &edges) {
    double step = INFINITY;
    for (size_t i = 1; i < edges.size(); ++i) step = std::min(step, edges[i] - edges[i - 1]);
    if (!(step > 0) || std::isinf(step)) return 1;
    return std::clamp(int(std::ceil(-std::log10(step))) + 1, 0, 4);
}

}  // namespace

MapPanel::MapPanel(ProjectController *controller, ProfileCache *cache, QWidget *parent)
    : QWidget(parent),
      mController(controller),
      mCache(cache),
      mView(new MapView(this)),
      mTitle(new QLabel(this)),
      mIndicator(new QComboBox(this)),
      mMethod(new QComboBox(this)),
      mColouring(new QComboBox(this)) {
    mView->setBoundaries(core::lsoaBoundaries());
    mView->setOutlines(core::localAuthorityBoundaries());
    mView->setAttribution(core::boundaryAttribution());
    mIndicator->setObjectName(QStringLiteral("mapIndicator"));
    mIndicator->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    mIndicator->setMinimumContentsLength(24);
    // Each entry: method and number of classes.
    const std::pair<QString, std::pair<core::BreakMethod, int>> methods[] = {
        {tr("Quintiles"), {core::BreakMethod::Quantile, 5}},
        {tr("Deciles"), {core::BreakMethod::Quantile, 10}},
        {tr("Equal intervals"), {core::BreakMethod::EqualInterval, 5}},
        {tr("Natural breaks (Jenks)"), {core::BreakMethod::NaturalBreaks, 5}},
    };
    for (const auto &[label, m] : methods) mMethod->addItem(label, QVariantList{int(m.first), m.second});
    mColouring->addItem(tr("Value in classes"), ByValue);
    mColouring->addItem(tr("Compared with the ICS"), BySignificance);
    mTitle->setWordWrap(true);
    auto *fit = new QPushButton(tr("Whole ICS"), this);
    fit->setToolTip(tr("Zoom out to the whole ICS (or double-click the map)"));
    auto *save = new QPushButton(tr("Save image…"), this);
    // Two rows of controls, so the map fits beside the navigator on a laptop.
    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Indicator:"), this));
    controls->addWidget(mIndicator, 1);
    controls->addWidget(fit);
    controls->addWidget(save);
    auto *classes = new QHBoxLayout;
    classes->addWidget(new QLabel(tr("Classes:"), this));
    classes->addWidget(mMethod);
    classes->addWidget(new QLabel(tr("Colour:"), this));
    classes->addWidget(mColouring);
    classes->addStretch();
    auto *hint = new QLabel(tr("Click an LSOA to select it and see its profile; right-click for its people. Wheel to zoom, drag to pan, "
                               "double-click for the whole ICS. Dark lines: local authorities."),
                            this);
    hint->setStyleSheet(QStringLiteral("color: #425563"));
    hint->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addLayout(classes);
    layout->addWidget(mTitle);
    layout->addWidget(hint);
    layout->addWidget(mView, 1);
    connect(fit, &QPushButton::clicked, mView, [this] {
        mView->resetTransform();
        mView->fitAll();
    });
    connect(save, &QPushButton::clicked, this, &MapPanel::saveImage);
    for (QComboBox *box : {mIndicator, mMethod, mColouring})
        connect(box, &QComboBox::currentIndexChanged, this, [this] {
            if (!mFilling) refresh();
        });
    connect(mView, &MapView::shapeClicked, this, [this](int shape) {
        if (shape < int(mShapeToLsoa.size()) && mShapeToLsoa[size_t(shape)] >= 0)
            emit areaSelected(core::Area{core::Area::Lsoa, mShapeToLsoa[size_t(shape)]});
    });
    connect(mView, &MapView::shapeMenuRequested, this, &MapPanel::showMenu);
    connect(cache, &ProfileCache::cleared, this, [this] {
        matchShapes();
        refresh();
    });
    connect(cache, &ProfileCache::ready, this, [this](core::Area::Kind level) {
        if (level == core::Area::Lsoa) refresh();
    });
    mTitle->setText(tr("Open a project to map its indicators over the ICS's LSOAs."));
}

void MapPanel::matchShapes() {
    const auto areas = mController->areas();
    const core::Boundaries &b = core::lsoaBoundaries();
    mShapeToLsoa.assign(b.shapes.size(), -1);
    mLsoaToShape.clear();
    mUnmapped = 0;
    if (!areas) return;
    QHash<QString, int> byCode;
    for (int s = 0; s < int(b.shapes.size()); ++s) byCode.insert(b.shapes[size_t(s)].code, s);
    for (int i = 0; i < areas->areaCount(core::Area::Lsoa); ++i) {
        const int s = byCode.value(areas->code(core::Area{core::Area::Lsoa, i}), -1);
        mLsoaToShape.push_back(s);
        if (s >= 0)
            mShapeToLsoa[size_t(s)] = i;
        else
            ++mUnmapped;
    }
}

int MapPanel::shapeOfLsoa(int lsoaIndex) const {
    return lsoaIndex >= 0 && lsoaIndex < int(mLsoaToShape.size()) ? mLsoaToShape[size_t(lsoaIndex)] : -1;
}

void MapPanel::setArea(const core::Area &area) {
    mView->setSelectedShape(area.kind == core::Area::Lsoa ? shapeOfLsoa(area.index) : -1);
    const auto areas = mController->areas();
    if (!areas || area.kind == core::Area::Ics) {
        mView->showArea({}, {});
        return;
    }
    // A place by its LSOAs, a PCN or practice by its catchment; zoomed to and outlined.
    std::vector<int> shapes;
    for (int lsoa : core::lsoasOf(*areas, area))
        if (const int s = shapeOfLsoa(lsoa); s >= 0) shapes.push_back(s);
    mView->showArea(shapes, area.kind == core::Area::Lsoa ? std::vector<QLineF>{} : core::outlineOf(core::lsoaBoundaries(), shapes));
}

void MapPanel::setIndicator(int indicator) {
    if (indicator >= 0 && indicator < mIndicator->count()) mIndicator->setCurrentIndex(indicator);
}

void MapPanel::setClasses(core::BreakMethod method, int classes) {
    for (int i = 0; i < mMethod->count(); ++i) {
        const QVariantList m = mMethod->itemData(i).toList();
        if (m.value(0).toInt() == int(method) && m.value(1).toInt() == classes) mMethod->setCurrentIndex(i);
    }
}

void MapPanel::setColouring(Colouring colouring) { mColouring->setCurrentIndex(mColouring->findData(colouring)); }

void MapPanel::refresh() {
    if (!mController->project()) return;
    const ProfileData *cached = mCache->profile(core::Area::Lsoa);
    if (!cached || !cached->profile) {
        mTitle->setText(tr("Computing every indicator for every LSOA…"));
        return;
    }
    followIndicators(*cached);
    const int indicator = mIndicator->currentIndex();
    if (indicator < 0) return;
    const core::IndicatorDefinition &d = cached->indicators[size_t(indicator)];
    const Shading shading = shade(*cached, indicator);
    const std::vector<LegendEntry> legend = paint(shading, d);
    const QString unit = unitOf(d);
    mView->setLegend(mColouring->currentData().toInt() == BySignificance
                         ? tr("Compared with the ICS (95%)")
                         : (d.name.left(40) + (unit.isEmpty() ? QString() : tr(" (%1)").arg(unit))),
                     legend);
    const QLocale l;
    QString note = tr("<b>%1</b> by LSOA of residence: %2 LSOAs with a value; ICS %3 %4; %5.")
                       .arg(d.name.toHtmlEscaped())
                       .arg(int(shading.rowOfShape.size()) - mNoValue)
                       .arg(l.toString(cached->profile->ics[size_t(indicator)].ci.value, 'f', 2), unit.toHtmlEscaped())
                       .arg(mColouring->currentData().toInt() == BySignificance ? tr("colours: Fingertips significance against the ICS")
                                                                                : tr("classes: %1").arg(mMethod->currentText().toLower()));
    if (mUnmapped > 0) note += tr(" %1 LSOAs of the project have no boundary in the ICS map and are not shown.").arg(mUnmapped);
    mTitle->setText(note);
    emit updated();
}

void MapPanel::followIndicators(const ProfileData &cached) {
    // The indicator list follows the definitions (a user's file may add some).
    if (mIndicator->count() == int(cached.indicators.size())) return;
    mFilling = true;
    const int keep = std::max(0, mIndicator->currentIndex());
    mIndicator->clear();
    for (const core::IndicatorDefinition &d : cached.indicators) mIndicator->addItem(d.name, d.id);
    mIndicator->setCurrentIndex(std::min(keep, mIndicator->count() - 1));
    mFilling = false;
}

MapPanel::Shading MapPanel::shade(const ProfileData &cached, int indicator) {
    Shading out;
    out.rowOfShape.assign(size_t(mView->shapeCount()), nullptr);
    std::vector<double> values;
    // For an exported image, a value that rests on a small count is not drawn (nor used for the
    // class breaks).
    const core::disclosure::Policy &policy = mController->policy();
    auto suppressed = [&](const core::ProfileRow &r) {
        return mPublishing &&
               (core::disclosure::isSmall(r.value.numerator, policy) || core::disclosure::isSmall(r.value.denominator, policy));
    };
    mSuppressed = 0;
    for (const core::ProfileRow &r : cached.profile->rows) {
        const int s = r.indicator == indicator ? shapeOfLsoa(r.area.index) : -1;
        if (s < 0) continue;
        if (suppressed(r)) {
            ++mSuppressed;
            continue;
        }
        out.rowOfShape[size_t(s)] = &r;
        values.push_back(mPublishing ? r.published.ci.value : r.value.ci.value);
    }
    const QVariantList method = mMethod->currentData().toList();
    mBreaks = core::classBreaks(values, core::BreakMethod(method.value(0).toInt()), method.value(1).toInt());
    return out;
}

std::vector<LegendEntry> MapPanel::paint(const Shading &shading, const core::IndicatorDefinition &d) {
    const int shapes = int(shading.rowOfShape.size());
    const int classes = std::max(1, int(mBreaks.size()) - 1);
    const bool bySignificance = mColouring->currentData().toInt() == BySignificance;
    const QLocale l;
    std::vector<QColor> fills(static_cast<size_t>(shapes));
    std::vector<QString> tips(static_cast<size_t>(shapes));
    std::vector<int> perClass(size_t(classes), 0);
    QHash<int, int> perSignificance;
    mNoValue = 0;
    // An exported image shows the published values (from the protected counts) and their
    // significance; the view itself the exact ones.
    auto shownValue = [this](const core::ProfileRow &r) { return mPublishing ? r.published.ci.value : r.value.ci.value; };
    auto shownSignificance = [this](const core::ProfileRow &r) { return mPublishing ? r.publishedVsIcs : r.vsIcs; };
    for (int s = 0; s < shapes; ++s) {
        const core::ProfileRow *r = shading.rowOfShape[size_t(s)];
        const core::AreaShape &shape = core::lsoaBoundaries().shapes[size_t(s)];
        if (!r || std::isnan(shownValue(*r))) {
            ++mNoValue;
            tips[size_t(s)] = tr("<b>%1</b> (%2)<br>%3: no value").arg(shape.name.toHtmlEscaped(), shape.code, d.name.toHtmlEscaped());
            continue;
        }
        const int k = core::classOf(shownValue(*r), mBreaks);
        if (bySignificance) {
            fills[size_t(s)] = significanceColour(shownSignificance(*r));
            ++perSignificance[int(shownSignificance(*r))];
        } else if (k >= 0) {
            fills[size_t(s)] = sequentialColour(k, classes);
            ++perClass[size_t(k)];
        }
        tips[size_t(s)] =
            tr("<b>%1</b> (%2)<br>%3: <b>%4</b> (95% CI %5 to %6)<br>%7 of %8; %9 the ICS (%10)")
                .arg(shape.name.toHtmlEscaped(), shape.code, d.name.toHtmlEscaped())
                .arg(l.toString(r->value.ci.value, 'f', 2), l.toString(r->value.ci.lower, 'f', 2), l.toString(r->value.ci.upper, 'f', 2),
                     l.toString(r->value.numerator, 'f', 0), l.toString(r->value.denominator, 'f', 0), core::significanceName(r->vsIcs),
                     l.toString(r->icsValue, 'f', 2));
    }
    mView->setFills(fills, tips);
    return legendFor(perClass, perSignificance);
}

std::vector<LegendEntry> MapPanel::legendFor(const std::vector<int> &perClass, const QHash<int, int> &perSignificance) const {
    const int classes = int(perClass.size());
    const int decimals = decimalsFor(mBreaks);
    const QLocale l;
    std::vector<LegendEntry> legend;
    if (mColouring->currentData().toInt() == BySignificance) {
        for (core::Significance s : {core::Significance::Better, core::Significance::Similar, core::Significance::Worse,
                                     core::Significance::Higher, core::Significance::Lower, core::Significance::NotCompared})
            if (perSignificance.value(int(s)) > 0)
                legend.push_back({significanceColour(s), tr("%1 (%2)").arg(core::significanceName(s)).arg(perSignificance.value(int(s)))});
    } else {
        for (int k = 0; k < classes && mBreaks.size() >= 2; ++k)
            legend.push_back({sequentialColour(k, classes), tr("%1 to %2 (%3)")
                                                                .arg(l.toString(mBreaks[size_t(k)], 'f', decimals))
                                                                .arg(l.toString(mBreaks[size_t(k) + 1], 'f', decimals))
                                                                .arg(perClass[size_t(k)])});
    }
    if (mNoValue > 0)
        legend.push_back(
            {report::kNoValue, mPublishing ? tr("suppressed or no value (%1)").arg(mNoValue) : tr("no value (%1)").arg(mNoValue)});
    if (mPublishing) legend.push_back({QColor(), mController->policy().describe()});  // named on the image
    return legend;
}

QString MapPanel::unitOf(const core::IndicatorDefinition &d) const {
    const QLocale l;
    return d.type == core::IndicatorType::Proportion && d.multiplier == 100 ? tr("%")
           : d.multiplier > 1                                               ? tr("per %1").arg(l.toString(d.multiplier, 'f', 0))
                                                                            : QString();
}

void MapPanel::showMenu(int shape, const QPoint &globalPos) {
    const ProfileData *cached = mCache->profile(core::Area::Lsoa);
    const auto areas = mController->areas();
    const int lsoa = shape < int(mShapeToLsoa.size()) ? mShapeToLsoa[size_t(shape)] : -1;
    if (!cached || !areas || lsoa < 0) return;
    const core::Area area{core::Area::Lsoa, lsoa};
    const int indicator = mIndicator->currentIndex();
    QMenu menu(this);
    menu.addAction(tr("Profile of %1").arg(areas->name(area)), this, [this, area] { emit areaSelected(area); });
    if (indicator >= 0 && indicator < int(cached->indicators.size())) {
        const QString rule = core::drillDownRule(*areas, cached->indicators[size_t(indicator)], area);
        menu.addAction(tr("Open the people behind this value in the cohort builder"), this, [this, rule] { emit cohortRequested(rule); });
    }
    menu.exec(globalPos);
}

void MapPanel::saveImage() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save map"), QStringLiteral("map.png"), tr("PNG images (*.png)"));
    if (!path.isEmpty()) exportImage(path);
}

void MapPanel::exportImage(const QString &path) {
    const auto project = mController->project();
    if (!project || mIndicator->currentIndex() < 0) return;
    mPublishing = true;
    refresh();
    const report::MapImage map{mView->grab().toImage(), mIndicator->currentData().toString(), mSuppressed};
    mPublishing = false;
    refresh();
    runInBackground(
        this,
        [projectPath = project->path, map, path, policy = mController->policy()]() -> core::Status {
            return report::writeMapImage(map, path, projectPath, policy);  // audited before it is written
        },
        [this, path, suppressed = map.suppressed](const core::Status &s) {
            emit imageSaved(bool(s),
                            s ? tr("Map saved to %1 (%n LSOAs suppressed).", nullptr, suppressed).arg(QDir::toNativeSeparators(path))
                              : s.error().message);
            if (!s) QMessageBox::warning(this, tr("Save map"), s.error().message);
        });
}

}  // namespace phm::ui
