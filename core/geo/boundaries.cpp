#include "geo/boundaries.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>
#include <stdexcept>

namespace phm::core {

namespace {
Error badFeature(const QString &source, qsizetype feature, const QString &what) {
    return {ErrorCode::BadGeojson, QStringLiteral("%1: feature %2: %3").arg(source).arg(feature + 1).arg(what), source};
}
}  // namespace

int Boundaries::indexOf(const QString &code) const {
    for (size_t i = 0; i < shapes.size(); ++i)
        if (shapes[i].code == code) return int(i);
    return -1;
}

QPointF Boundaries::project(double lon, double lat) const { return {lon * std::cos(centreLatitude * M_PI / 180.0), lat}; }

bool Boundaries::contains(int shape, QPointF p) const {
    if (shape < 0 || shape >= int(shapes.size()) || !shapes[size_t(shape)].bounds.contains(p)) return false;
    bool inside = false;  // even-odd crossing count over all rings
    for (const auto &ring : shapes[size_t(shape)].rings)
        for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
            const QPointF &a = ring[i], &b = ring[j];
            if ((a.y() > p.y()) != (b.y() > p.y()) && p.x() < (b.x() - a.x()) * (p.y() - a.y()) / (b.y() - a.y()) + a.x()) inside = !inside;
        }
    return inside;
}

Result<Boundaries> parseBoundaries(const QByteArray &geojson, const QString &codeProperty, const QString &nameProperty,
                                   const QString &source, double centreLatitude) {
    const QString where = source.isEmpty() ? QStringLiteral("boundaries") : source;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(geojson, &parseError);
    if (doc.isNull())
        return Error{ErrorCode::BadGeojson,
                     QStringLiteral("%1: not JSON at character %2: %3").arg(where).arg(parseError.offset).arg(parseError.errorString()),
                     where};
    const QJsonArray features = doc.object().value(QStringLiteral("features")).toArray();
    if (doc.object().value(QStringLiteral("type")).toString() != QLatin1String("FeatureCollection"))
        return Error{ErrorCode::BadGeojson, QStringLiteral("%1: not a GeoJSON FeatureCollection").arg(where), where};
    // Longitude/latitude first, projected once the centre is known.
    struct Raw {
        QString code, name;
        std::vector<std::vector<std::pair<double, double>>> rings;
    };
    std::vector<Raw> raw;
    double minLat = INFINITY, maxLat = -INFINITY;
    for (qsizetype f = 0; f < features.size(); ++f) {
        const QJsonObject feature = features.at(f).toObject();
        const QJsonObject props = feature.value(QStringLiteral("properties")).toObject();
        Raw r{props.value(codeProperty).toString(), props.value(nameProperty).toString(), {}};
        if (r.code.isEmpty()) return badFeature(where, f, QStringLiteral("no \"%1\" property").arg(codeProperty));
        const QJsonObject geometry = feature.value(QStringLiteral("geometry")).toObject();
        const QString type = geometry.value(QStringLiteral("type")).toString();
        QJsonArray polygons = geometry.value(QStringLiteral("coordinates")).toArray();
        if (type == QLatin1String("Polygon"))
            polygons = QJsonArray{polygons};
        else if (type != QLatin1String("MultiPolygon"))
            return badFeature(where, f, QStringLiteral("geometry type \"%1\" is not Polygon or MultiPolygon").arg(type));
        for (const QJsonValue &polygon : polygons)
            for (const QJsonValue &ringValue : polygon.toArray()) {
                std::vector<std::pair<double, double>> ring;
                for (const QJsonValue &pointValue : ringValue.toArray()) {
                    const QJsonArray point = pointValue.toArray();
                    const double lon = point.at(0).toDouble(NAN), lat = point.at(1).toDouble(NAN);
                    if (point.size() < 2 || !(std::abs(lon) <= 180) || !(std::abs(lat) <= 90))
                        return badFeature(where, f, QStringLiteral("a position is not [longitude, latitude] in degrees"));
                    ring.emplace_back(lon, lat);
                    minLat = std::min(minLat, lat);
                    maxLat = std::max(maxLat, lat);
                }
                if (ring.size() < 4) return badFeature(where, f, QStringLiteral("a ring has fewer than 4 positions"));
                r.rings.push_back(std::move(ring));
            }
        if (r.rings.empty()) return badFeature(where, f, QStringLiteral("no polygon"));
        raw.push_back(std::move(r));
    }
    Boundaries out;
    out.centreLatitude = !std::isnan(centreLatitude) ? centreLatitude : raw.empty() ? 0 : (minLat + maxLat) / 2;
    for (Raw &r : raw) {
        AreaShape s{r.code, r.name, {}, {}};
        double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
        for (const auto &ring : r.rings) {
            std::vector<QPointF> projected;
            projected.reserve(ring.size());
            for (const auto &[lon, lat] : ring) {
                const QPointF p = out.project(lon, lat);
                projected.push_back(p);
                x0 = std::min(x0, p.x());
                x1 = std::max(x1, p.x());
                y0 = std::min(y0, p.y());
                y1 = std::max(y1, p.y());
            }
            s.rings.push_back(std::move(projected));
        }
        s.bounds = QRectF(QPointF(x0, y0), QPointF(x1, y1));
        out.bounds = out.bounds.isNull() ? s.bounds : out.bounds.united(s.bounds);
        out.shapes.push_back(std::move(s));
    }
    return out;
}

namespace {
Boundaries bundled(const QString &name, const QString &codeProperty, const QString &nameProperty, double centreLatitude = NAN) {
    QFile file(QStringLiteral(":/phm/refdata/") + name);
    if (!file.open(QIODevice::ReadOnly)) throw std::runtime_error("missing boundaries resource " + name.toStdString());
    auto parsed = parseBoundaries(file.readAll(), codeProperty, nameProperty, file.fileName(), centreLatitude);
    if (!parsed) throw std::runtime_error(parsed.error().message.toStdString());  // a bundled file: a build bug
    return parsed.value();
}
}  // namespace

const Boundaries &lsoaBoundaries() {
    static const Boundaries boundaries =
        bundled(QStringLiteral("blmk-lsoa.geojson"), QStringLiteral("LSOA11CD"), QStringLiteral("LSOA11NM"));
    return boundaries;
}

const Boundaries &localAuthorityBoundaries() {
    static const Boundaries boundaries =
        bundled(QStringLiteral("blmk-lad.geojson"), QStringLiteral("AREACD"), QStringLiteral("AREANM"), lsoaBoundaries().centreLatitude);
    return boundaries;
}

QString boundaryAttribution() {
    return QStringLiteral(
        "Source: Office for National Statistics licensed under the Open Government Licence v3.0. Contains OS data © Crown "
        "copyright and database right [2014/2016]. GeoJSON conversion: Martin Chorley, UK-GeoJSON (CC BY 4.0).");
}

}  // namespace phm::core
