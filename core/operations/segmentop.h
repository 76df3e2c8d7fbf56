#pragma once
// Segmentation as an operation (`phm segment`, the workbench's segmentation panel): a template
// applied at an index date, optionally within a scope rule, optionally compared with another
// template or date (movements between segments).
#include "base/feedback.h"
#include "base/result.h"
#include "governance/publish.h"
#include "session/session.h"
#include "stratify/segmentation.h"

#include <QJsonObject>
#include <optional>

namespace phm::core::ops {

struct SegmentRequest {
    QString templateId = QStringLiteral("cheshire-merseyside");  // a bundled template's id or a JSON file
    QString where;                                               // scope rule; empty: everyone
    const rules::Selection *scope = nullptr;                     // or a scope already evaluated; not owned
    std::optional<int32_t> indexDate;                            // default: the extract end
    QString compareTemplate;                                     // compare with this template ...
    std::optional<int32_t> compareDate;                          // ... or at this date (either set: compare)
};

struct SegmentRun {
    SegmentationResult result;
    std::optional<SegmentationResult> compared;
    std::vector<SegmentTransition> moves;  // when compared
    int32_t indexDate = 0;
    double ms = 0;  // the first segmentation's time
};
// The template is loaded first, so a bad template is reported before anything is computed.
Result<SegmentRun> runSegmentation(const Session &session, const SegmentRequest &request, Feedback &feedback);
// template, persons, segments [{name, count, percent, emergency_admissions_12m, ae_attendances_12m,
// cost_12m}], ms, index_date, and transitions [{from, to, count}] when compared.
QJsonObject segmentationJson(const SegmentRun &run);
// A segment's share is recomputed from the published counts of the segments; costs are sums of
// money, published to three significant figures.
const disclosure::OutputFields &segmentationFields();

}  // namespace phm::core::ops
