#include "geo/areas.h"

#include <algorithm>

namespace phm::core {

QString levelKey(Area::Kind kind) {
    static const char *keys[] = {"ics", "alliance", "place", "pcn", "practice", "lsoa"};
    return QString::fromLatin1(keys[int(kind)]);
}

int64_t Pyramid::total() const {
    int64_t t = 0;
    for (int b = 0; b < kPyramidBands; ++b) t += male[size_t(b)] + female[size_t(b)];
    return t;
}

QString Pyramid::bandLabel(int band) {
    return band == kPyramidBands - 1 ? QStringLiteral("90+") : QStringLiteral("%1-%2").arg(band * 5).arg(band * 5 + 4);
}

AreaIndex::AreaIndex(const Project &project) : mProject(project) {
    const PersonTable &p = project.persons;
    mAge.resize(size_t(p.count));
    mRegistered.resize(size_t(p.count));
    mPracticePop.assign(project.geography.practices.size(), 0);
    mLsoaPop.assign(project.geography.lsoas.size(), 0);
    int y;
    unsigned m, d;
    civilFromDays(project.extractEnd, y, m, d);
    const int endYm = y * 12 + int(m) - 1;
    for (int32_t i = 0; i < p.count; ++i) {
        mAge[size_t(i)] = uint8_t(std::clamp((endYm - p.birthYm[size_t(i)]) / 12, 0, 120));
        const bool reg = p.isRegistered(i, project.extractEnd);
        mRegistered[size_t(i)] = reg;
        if (reg) {
            ++mPracticePop[p.practice[size_t(i)]];
            ++mLsoaPop[p.lsoa[size_t(i)]];
        }
    }
}

QString AreaIndex::name(const Area &a) const {
    const Geography &g = mProject.geography;
    switch (a.kind) {
        case Area::Ics:
            return QStringLiteral("Integrated Care System");
        case Area::Alliance:
            return g.alliances[size_t(a.index)];
        case Area::Place:
            return g.places[size_t(a.index)];
        case Area::Pcn:
            return g.pcnNames[size_t(a.index)];
        case Area::Practice:
            return g.practices[size_t(a.index)].name;
        case Area::Lsoa:
            return g.lsoas[size_t(a.index)].name;
    }
    return {};
}

QString AreaIndex::code(const Area &a) const {
    const Geography &g = mProject.geography;
    switch (a.kind) {
        case Area::Pcn:
            return g.pcnCodes[size_t(a.index)];
        case Area::Practice:
            return g.practices[size_t(a.index)].code;
        case Area::Lsoa:
            return g.lsoas[size_t(a.index)].code;
        default:
            return name(a);
    }
}

int AreaIndex::areaCount(Area::Kind kind) const {
    const Geography &g = mProject.geography;
    switch (kind) {
        case Area::Ics:
            return 1;
        case Area::Alliance:
            return int(g.alliances.size());
        case Area::Place:
            return int(g.places.size());
        case Area::Pcn:
            return int(g.pcnCodes.size());
        case Area::Practice:
            return int(g.practices.size());
        case Area::Lsoa:
            return int(g.lsoas.size());
    }
    return 0;
}

int AreaIndex::areaOf(Area::Kind kind, int32_t person) const {
    const uint16_t practice = mProject.persons.practice[size_t(person)];
    const Practice &pr = mProject.geography.practices[practice];
    switch (kind) {
        case Area::Ics:
            return 0;
        case Area::Alliance:
            return pr.allianceIndex;
        case Area::Place:
            return pr.placeIndex;
        case Area::Pcn:
            return pr.pcn;
        case Area::Practice:
            return practice;
        case Area::Lsoa:
            return mProject.persons.lsoa[size_t(person)];
    }
    return 0;
}

Area AreaIndex::parentOf(const Area &a) const {
    const Geography &g = mProject.geography;
    switch (a.kind) {
        case Area::Ics:
        case Area::Alliance:
            return {Area::Ics, 0};
        case Area::Place: {
            // A place's care alliance: the alliance of any of its practices.
            for (const Practice &pr : g.practices)
                if (pr.placeIndex == a.index) return {Area::Alliance, pr.allianceIndex};
            return {Area::Ics, 0};
        }
        case Area::Pcn:
            for (const Practice &pr : g.practices)
                if (pr.pcn == a.index) return {Area::Place, pr.placeIndex};
            return {Area::Ics, 0};
        case Area::Practice:
            return {Area::Pcn, g.practices[size_t(a.index)].pcn};
        case Area::Lsoa: {
            const auto it = std::find(g.places.begin(), g.places.end(), g.lsoas[size_t(a.index)].place);
            return it == g.places.end() ? Area{Area::Ics, 0} : Area{Area::Place, int(it - g.places.begin())};
        }
    }
    return {Area::Ics, 0};
}

bool AreaIndex::contains(const Area &a, int32_t person) const {
    const Practice &pr = mProject.geography.practices[mProject.persons.practice[size_t(person)]];
    switch (a.kind) {
        case Area::Ics:
            return true;
        case Area::Alliance:
            return pr.allianceIndex == a.index;
        case Area::Place:
            return pr.placeIndex == a.index;
        case Area::Pcn:
            return pr.pcn == a.index;
        case Area::Practice:
            return mProject.persons.practice[size_t(person)] == a.index;
        case Area::Lsoa:
            return mProject.persons.lsoa[size_t(person)] == a.index;
    }
    return false;
}

int64_t AreaIndex::population(const Area &a) const {
    if (a.kind == Area::Lsoa) return mLsoaPop[size_t(a.index)];
    if (a.kind == Area::Practice) return mPracticePop[size_t(a.index)];
    int64_t n = 0;
    for (size_t k = 0; k < mPracticePop.size(); ++k) {
        const Practice &pr = mProject.geography.practices[k];
        const bool in = a.kind == Area::Ics || (a.kind == Area::Alliance && pr.allianceIndex == a.index) ||
                        (a.kind == Area::Place && pr.placeIndex == a.index) || (a.kind == Area::Pcn && pr.pcn == a.index);
        if (in) n += mPracticePop[k];
    }
    return n;
}

Pyramid AreaIndex::pyramid(const Area &a) const {
    Pyramid out;
    const PersonTable &p = mProject.persons;
    for (int32_t i = 0; i < p.count; ++i) {
        if (!mRegistered[size_t(i)] || !contains(a, i)) continue;
        const int band = std::min(kPyramidBands - 1, mAge[size_t(i)] / 5);
        if (p.sex[size_t(i)] == 0)
            ++out.male[size_t(band)];
        else if (p.sex[size_t(i)] == 1)
            ++out.female[size_t(band)];
    }
    return out;
}

}  // namespace phm::core
