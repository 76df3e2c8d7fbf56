#pragma once
// Where an area is on a map. Places and care alliances are made of LSOAs (by residence); PCNs and
// practices are registration lists with no boundary, so they are drawn as their catchment: the
// LSOAs where they hold the largest share of the registered residents. And the outline of a set
// of shapes: the edges that are not shared by two of them.
#include "geo/areas.h"
#include "geo/boundaries.h"

#include <QLineF>
#include <vector>

namespace phm::core {

// The LSOA indices (AreaIndex, Area::Lsoa) an area covers; every LSOA for the ICS.
std::vector<int> lsoasOf(const AreaIndex &areas, const Area &area);

// The boundary of the union of `shapes` (indices into boundaries.shapes) as line segments: every
// ring edge that appears once (edges shared by two of the shapes cancel, as the boundaries share
// their vertices).
std::vector<QLineF> outlineOf(const Boundaries &boundaries, const std::vector<int> &shapes);

}  // namespace phm::core
