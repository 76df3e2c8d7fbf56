#pragma once
// Indicator analyses as operations: a profile (every area of a level against indicators, `phm
// profile`, the profile panel), an inequality breakdown with SII/RII (`phm inequality`, the
// inequality panel) and a trend over index dates (`phm trend`, the trend view). Each has a
// request, a run on a session and its JSON; values come from the protected counts when the
// request names the policy the output will be published under.
#include "base/feedback.h"
#include "base/result.h"
#include "indicators/inequality.h"
#include "indicators/profile.h"
#include "indicators/trend.h"
#include "session/session.h"

#include <QJsonArray>
#include <QJsonObject>
#include <optional>

namespace phm::core::ops {

// The indicators a request names, among the session's (bundled, the project's, and userFile's):
// all of them when ids is empty. An unknown id is an error naming it.
Result<std::vector<IndicatorDefinition>> chooseIndicators(const Session &session, const QStringList &ids, const QString &userFile = {});

struct ProfileRequest {
    std::vector<IndicatorDefinition> indicators;  // chooseIndicators
    Area::Kind level = Area::Pcn;
    std::optional<int32_t> indexDate;                   // default: the extract end
    const disclosure::Policy *governed = nullptr;       // values from the counts as this policy publishes them
    const disclosure::Policy *alsoPublished = nullptr;  // exact values, each row with its published one beside (a view)
    int repeat = 1;                                     // later runs reuse the workspace (times only)
    ProfileWorkspace *workspace = nullptr;              // a view's own, kept between runs; default: one per run
};
struct ProfileRun {
    Profile profile;
    std::vector<double> times;  // ms of each run, the first cold
};
Result<ProfileRun> runProfile(const Session &session, const ProfileRequest &request, Feedback &feedback);
// One row per area and indicator: level, area, area_code, indicator, indicator_name, type,
// multiplier, polarity, numerator, denominator, value, lowercl, uppercl, comparator,
// significance, parent, parent_value, parent_significance.
QJsonArray profileJson(const Session &session, const ProfileRequest &request, const ProfileRun &run);
// The areas of the level are parts of a line for each indicator.
disclosure::OutputFields profileFields();

struct InequalityRequest {
    IndicatorDefinition indicator;
    InequalityDimension dimension = InequalityDimension::ImdDecile;
    QString where;                            // scope rule; empty: everyone
    const rules::Selection *scope = nullptr;  // or a scope already evaluated (a view's selection); not owned
    InequalityOptions options;
};
Result<InequalityResult> runInequality(const Session &session, const InequalityRequest &request, Feedback &feedback);
// indicator, indicator_name, by, confidence, groups [{group, numerator, ...}], overall, sii,
// sii_lower, sii_upper, rii, rii_lower, rii_upper, and sii_note when there is no SII.
QJsonObject inequalityJson(const InequalityRequest &request, const InequalityResult &result);
// Published through the session, and then no slope where a group's value is suppressed (a line
// through it would carry it).
Result<QJsonObject> publishInequality(const Session &session, const InequalityRequest &request, const InequalityResult &result,
                                      const disclosure::Policy &policy);

struct TrendRequest {
    IndicatorDefinition indicator;
    Area::Kind level = Area::Place;
    int points = 8, months = 3;
    const disclosure::Policy *governed = nullptr;
    ProfileWorkspace *workspace = nullptr;  // a view's own, kept between runs
};
struct TrendRun {
    Trend trend;
    int32_t earliestCovered = kNoDate;
};
Result<TrendRun> runTrend(const Session &session, const TrendRequest &request, Feedback &feedback);
// indicator, indicator_name, level, dates, earliest_covered, areas [{area, area_code, values}],
// ics, ms.
QJsonObject trendJson(const Session &session, const TrendRequest &request, const TrendRun &run);
// Each area's values over time are a series, not parts of a line; at each date the areas'
// points are the parts of a line whose total is the ICS's point.
disclosure::OutputFields trendFields();

}  // namespace phm::core::ops
