#include "geo/catchment.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

namespace phm::core {

namespace {

// Residence parents: LSOA -> place -> care alliance.
bool lsoaIn(const AreaIndex &areas, int lsoa, const Area &area) {
    Area up = areas.parentOf(Area{Area::Lsoa, lsoa});
    while (!(up == area) && up.kind != Area::Ics && up.kind != area.kind) up = areas.parentOf(up);
    return up == area;
}

// For each LSOA, the area of `kind` (practice or PCN) with the most registered residents there.
std::vector<int> mainRegistration(const AreaIndex &areas, Area::Kind kind) {
    const int lsoas = areas.areaCount(Area::Lsoa), lists = areas.areaCount(kind);
    std::vector<int32_t> counts(size_t(lsoas) * size_t(lists), 0);
    const int32_t people = int32_t(areas.project().persons.count);
    for (int32_t p = 0; p < people; ++p) {
        if (!areas.isRegistered(p)) continue;
        const int l = areas.areaOf(Area::Lsoa, p), a = areas.areaOf(kind, p);
        if (l >= 0 && l < lsoas && a >= 0 && a < lists) ++counts[size_t(l) * size_t(lists) + size_t(a)];
    }
    std::vector<int> main(size_t(lsoas), -1);
    for (int l = 0; l < lsoas; ++l) {
        const auto row = counts.begin() + std::ptrdiff_t(l) * lists;
        const auto best = std::max_element(row, row + lists);
        if (lists > 0 && *best > 0) main[size_t(l)] = int(best - row);
    }
    return main;
}

}  // namespace

std::vector<int> lsoasOf(const AreaIndex &areas, const Area &area) {
    std::vector<int> out;
    const int lsoas = areas.areaCount(Area::Lsoa);
    switch (area.kind) {
        case Area::Ics:
            for (int l = 0; l < lsoas; ++l) out.push_back(l);
            break;
        case Area::Lsoa:
            if (area.index >= 0 && area.index < lsoas) out.push_back(area.index);
            break;
        case Area::Place:
        case Area::Alliance:
            for (int l = 0; l < lsoas; ++l)
                if (lsoaIn(areas, l, area)) out.push_back(l);
            break;
        case Area::Pcn:
        case Area::Practice: {
            const std::vector<int> main = mainRegistration(areas, area.kind);
            for (int l = 0; l < lsoas; ++l)
                if (main[size_t(l)] == area.index) out.push_back(l);
            break;
        }
    }
    return out;
}

std::vector<QLineF> outlineOf(const Boundaries &boundaries, const std::vector<int> &shapes) {
    // An edge's key: its two ends, in a fixed order, rounded to a millimetre of the projection.
    auto key = [](QPointF a, QPointF b) {
        auto round = [](QPointF p) { return std::pair{qint64(std::llround(p.x() * 1e9)), qint64(std::llround(p.y() * 1e9))}; };
        auto ka = round(a), kb = round(b);
        if (kb < ka) std::swap(ka, kb);
        return std::array<qint64, 4>{ka.first, ka.second, kb.first, kb.second};
    };
    std::map<std::array<qint64, 4>, std::pair<int, QLineF>> edges;
    for (int s : shapes) {
        if (s < 0 || s >= int(boundaries.shapes.size())) continue;
        for (const std::vector<QPointF> &ring : boundaries.shapes[size_t(s)].rings)
            for (size_t i = 0; i < ring.size(); ++i) {
                const QPointF a = ring[i], b = ring[(i + 1) % ring.size()];  // the last edge closes an open ring
                if (a == b) continue;
                auto &e = edges[key(a, b)];
                ++e.first;
                e.second = QLineF(a, b);
            }
    }
    std::vector<QLineF> out;
    for (const auto &[k, e] : edges)
        if (e.first == 1) out.push_back(e.second);
    return out;
}

}  // namespace phm::core
