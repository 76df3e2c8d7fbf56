#pragma once
// Area boundaries for maps: GeoJSON polygons (WGS84 longitude/latitude, RFC 7946) read into
// planar shapes. The projection is equirectangular about the map's centre (x = longitude x
// cos(centre latitude), y = latitude), which keeps shapes true to within a fraction of a per
// cent over an ICS (~60 km); y grows northwards, so a screen must flip it.
#include "base/result.h"

#include <QByteArray>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <cmath>
#include <vector>

namespace phm::core {

struct AreaShape {
    QString code, name;
    std::vector<std::vector<QPointF>> rings;  // outer rings and holes of every polygon, projected
    QRectF bounds;
};

struct Boundaries {
    std::vector<AreaShape> shapes;
    QRectF bounds;                           // of every shape
    int indexOf(const QString &code) const;  // -1 when there is no shape for the code
    // True when the point (projected) lies inside the shape (even-odd over its rings, so holes
    // are outside).
    bool contains(int shape, QPointF point) const;
    QPointF project(double lon, double lat) const;
    double centreLatitude = 0;
};

// Reads a FeatureCollection of Polygon/MultiPolygon features, taking each feature's code and
// name from the named properties. Errors name the feature (1-based) and what is wrong. The
// projection is centred on the features unless a centre latitude is given (to overlay maps).
Result<Boundaries> parseBoundaries(const QByteArray &geojson, const QString &codeProperty, const QString &nameProperty,
                                   const QString &source = QString(), double centreLatitude = NAN);

// The 533 BLMK LSOAs (2011) bundled in resources/refdata, parsed once.
const Boundaries &lsoaBoundaries();
// The ICS's four local authorities (ONS LAD December 2024), projected as the LSOAs, for outlines.
const Boundaries &localAuthorityBoundaries();
// The attribution the boundary licence asks every map to show (resources/refdata/SOURCE-boundaries.md).
QString boundaryAttribution();

}  // namespace phm::core
