#pragma once
// Areas of the ICS and who belongs to them. ICS, care alliance, place, PCN and practice follow
// GP registration (the population a PCN is responsible for); an LSOA follows residence.
// Populations are people registered and alive at the extract end.
#include "store/project.h"

#include <QString>
#include <array>
#include <vector>

namespace phm::core {

struct Area {
    enum Kind { Ics, Alliance, Place, Pcn, Practice, Lsoa };
    Kind kind = Ics;
    int index = 0;
    bool operator==(const Area &o) const { return kind == o.kind && index == o.index; }
};

// The level's key in the CLI and in files: ics, alliance, place, pcn, practice, lsoa.
QString levelKey(Area::Kind kind);

// Five-year bands 0-4 ... 85-89, 90+ (19 bands, as ESP2013).
constexpr int kPyramidBands = 19;
struct Pyramid {
    std::array<int64_t, kPyramidBands> male{}, female{};
    int64_t total() const;
    static QString bandLabel(int band);
};

class AreaIndex {
public:
    explicit AreaIndex(const Project &project);
    QString name(const Area &area) const;
    QString code(const Area &area) const;  // ODS code (practice, PCN), LSOA code, or the name
    int areaCount(Area::Kind kind) const;  // areas of a kind in the geography
    // The area of a kind a person belongs to: by registered practice, or LSOA of residence.
    int areaOf(Area::Kind kind, int32_t person) const;
    // The comparator one level up: practice -> PCN -> place -> care alliance -> ICS; LSOA ->
    // its place (by residence). The ICS is its own parent.
    Area parentOf(const Area &area) const;
    bool contains(const Area &area, int32_t person) const;
    int64_t population(const Area &area) const;  // registered at extract end
    Pyramid pyramid(const Area &area) const;
    int ageAtEnd(int32_t person) const { return mAge[size_t(person)]; }
    bool isRegistered(int32_t person) const { return mRegistered[size_t(person)]; }
    const Project &project() const { return mProject; }

private:
    const Project &mProject;
    std::vector<uint8_t> mAge;         // completed years at the extract end, capped at 120
    std::vector<uint8_t> mRegistered;  // registered and alive at the extract end
    std::vector<int64_t> mPracticePop, mLsoaPop;
};

}  // namespace phm::core
