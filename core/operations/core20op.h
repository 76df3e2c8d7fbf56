#pragma once
// Core20PLUS5 as an operation (`phm core20`, the Core20PLUS5 panel): the shares of Core20 and
// PLUS groups for every area of a level, and the five clinical areas for one focus area (the ICS
// by default), each group against everyone else.
#include "base/feedback.h"
#include "base/result.h"
#include "indicators/core20plus5.h"
#include "session/session.h"

#include <QJsonObject>
#include <optional>

namespace phm::core::ops {

struct Core20Request {
    Area::Kind level = Area::Pcn;
    QString focus;                               // an area of `level` by code or name; empty: the ICS
    std::optional<Area> focusArea;               // or the area itself (a view's selection)
    std::optional<std::vector<PlusGroup>> plus;  // default: the project's own PLUS groups
    QString indicatorFile;                       // the user's own indicator definitions
    const disclosure::Policy *governed = nullptr;
};
struct Core20Run {
    Core20Plus5 result;
    std::vector<IndicatorDefinition> indicators;
};
Result<Core20Run> runCore20(const Session &session, const Core20Request &request, Feedback &feedback);
// level, focus, focus_code, plus_groups, shares [{area, area_code, registered, core20, plus}],
// clinical [{clinical_area, indicator, indicator_name, polarity, everyone, core20, plus}],
// missing, ms.
QJsonObject core20Json(const Session &session, const Core20Request &request, const Core20Run &run);
// Indicator values (numerator, denominator; value and interval from them; `rest` with the group).
const disclosure::OutputFields &core20Fields();

}  // namespace phm::core::ops
