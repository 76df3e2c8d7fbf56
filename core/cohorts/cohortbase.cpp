#include "cohorts/cohortbase.h"

#include "base/dates.h"

namespace phm::core {

namespace {
// The rule field that names an area of this kind (none for the ICS).
QString areaField(Area::Kind kind) {
    switch (kind) {
        case Area::Alliance:
            return QStringLiteral("care_alliance");
        case Area::Place:
            return QStringLiteral("place");
        case Area::Pcn:
            return QStringLiteral("pcn");
        case Area::Practice:
            return QStringLiteral("practice");
        case Area::Lsoa:
            return QStringLiteral("lsoa");
        case Area::Ics:
            break;
    }
    return {};
}

bool inIcs(const CohortBase &base) { return !base.area || base.area->kind == Area::Ics; }
}  // namespace

BasePopulation basePopulation(const AreaIndex &areas, const CohortBase &base) {
    const Project &project = areas.project();
    const int32_t day = base.resolvedIndexDate(project);
    const PersonTable &persons = project.persons;
    BasePopulation out{rules::Selection(size_t(persons.count)), 0};
    const bool wholeIcs = inIcs(base);
    for (int32_t p = 0; p < persons.count; ++p) {
        if (!base.everyone && !persons.isRegistered(p, day)) continue;
        if (!wholeIcs && !areas.contains(*base.area, p)) continue;
        out.people.set(size_t(p));
    }
    out.count = int64_t(out.people.count());
    return out;
}

QStringList baseClauses(const AreaIndex &areas, const CohortBase &base) {
    QStringList clauses;
    if (!base.everyone) clauses << QStringLiteral("registered");
    if (!inIcs(base)) {
        const QString value = areas.code(*base.area);
        const QChar quote = value.contains(QLatin1Char('\'')) ? QLatin1Char('"') : QLatin1Char('\'');
        clauses << QStringLiteral("%1 = %2%3%2").arg(areaField(base.area->kind), quote, value);
    }
    return clauses;
}

QString describeBase(const AreaIndex &areas, const CohortBase &base) {
    const QString day = displayDate(base.resolvedIndexDate(areas.project()));
    const QString who = base.everyone ? QStringLiteral("everyone in the extract, as at %1").arg(day)
                                      : QStringLiteral("registered and alive on %1").arg(day);
    return inIcs(base) ? who : QStringLiteral("%1, %2").arg(who, areas.name(*base.area));
}

QJsonObject baseJson(const AreaIndex &areas, const CohortBase &base, int64_t count) {
    const Area area = base.area.value_or(Area{Area::Ics, 0});
    return QJsonObject{{QStringLiteral("kind"), base.everyone ? QStringLiteral("everyone") : QStringLiteral("registered")},
                       {QStringLiteral("index_date"), QString::fromStdString(isoDate(base.resolvedIndexDate(areas.project())))},
                       {QStringLiteral("level"), levelKey(area.kind)},
                       {QStringLiteral("area"), areas.name(area)},
                       {QStringLiteral("area_code"), areas.code(area)},
                       {QStringLiteral("count"), qint64(count)}};
}

Result<Area> findArea(const AreaIndex &areas, Area::Kind level, const QString &wanted) {
    if (wanted.isEmpty() || level == Area::Ics) return Area{Area::Ics, 0};
    for (int i = 0; i < areas.areaCount(level); ++i)
        if (areas.code(Area{level, i}).compare(wanted, Qt::CaseInsensitive) == 0 ||
            areas.name(Area{level, i}).compare(wanted, Qt::CaseInsensitive) == 0)
            return Area{level, i};
    return Error{ErrorCode::UnknownArea, QStringLiteral("no %1 called `%2`").arg(levelKey(level), wanted), wanted};
}

}  // namespace phm::core
