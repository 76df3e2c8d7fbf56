#pragma once
// Maturity assessments: for the system, a place or a PCN, the current and target level of each
// capability of a framework, with the target date, the evidence (text and links), who assessed
// and when. Assessments are never changed: a new assessment is a new record, so the history of
// every area is kept and areas and dates can be compared (core/maturity/maturitystore).
//
// JSON (levels by name, so a file reads well and survives reordering):
//   {"framework": "PHM maturity matrix", "level": "pcn", "area": "U83511",
//    "assessed_on": "2026-10-01", "assessor": "PCN board", "note": "...",
//    "ratings": [{"capability": "Intelligence", "current": "Developing", "target": "Maturing",
//                 "target_date": "2027-03-31", "evidence": "...", "links": ["https://..."]}]}
#include "maturity/maturityframework.h"

#include <QDate>

namespace phm::core::maturity {

// An area that can be assessed: the ICS, a place or a PCN.
struct AssessableArea {
    QString level;  // ics, place, pcn
    QString code;   // the ICS's and places' names; PCN ODS codes
    QString name;
};

struct Rating {
    QString capability;
    int current = -1, target = -1;  // level indexes; -1: not given
    QDate targetDate;
    QString evidence;
    QStringList links;
};

struct Assessment {
    qint64 id = 0;  // given by the store
    QString framework, level, area;
    QDate assessedOn;
    QString assessor, note;
    std::vector<Rating> ratings;
    QString recordedAt, recordedBy;  // when and by whom it was stored
    const Rating *rating(const QString &capability) const;
    QJsonObject toJson(const Framework &framework) const;
    // The same content (not the id or when it was stored): a re-imported copy is not added twice.
    bool sameContent(const Assessment &other) const;
};

// Reads and checks an assessment: a known framework, an assessable area, a date, each capability
// once and of the framework, levels of the framework, a target not below the current level, links
// that are http(s) or file URLs. `where` prefixes every message. With no `areas`, the area is not
// checked (stored assessments stay readable after a re-import that changed the geography).
Result<Assessment> assessmentFromJson(const QJsonValue &json, const std::vector<Framework> &frameworks,
                                      const std::vector<AssessableArea> &areas, const QString &where);
Status checkAssessment(const Assessment &a, const std::vector<Framework> &frameworks, const std::vector<AssessableArea> &areas,
                       const QString &where);

const Framework *findFramework(const std::vector<Framework> &frameworks, const QString &name);

// The newest assessment (by date assessed, then by when stored) of each area for a framework; with
// `asOf`, the newest assessed on or before that day (to compare the areas as they stood then).
std::vector<Assessment> latestByArea(const std::vector<Assessment> &all, const QString &framework, const QDate &asOf = QDate());

}  // namespace phm::core::maturity
