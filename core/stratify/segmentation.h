#pragma once
// Population segmentation: every person gets exactly one segment; segments are rules in the
// rule language, taken in priority order, and the first that matches wins. Templates are JSON
// files (resources/segmentation/*.json, or a user's file): Bridges to Health, the NHS England
// core segments and Cheshire & Merseyside's System P order ship with the program. People not
// registered at the index date (moved away or died) form their own first segment, so the
// segments always add up to everyone in the project.
#include "base/result.h"
#include "rules/ruleengine.h"
#include "store/project.h"

#include <QStringList>
#include <vector>

namespace phm::core {

struct SegmentDefinition {
    QString name, rule, description;  // an empty rule takes everyone left
};

struct SegmentationTemplate {
    QString id, name, source;
    std::vector<SegmentDefinition> segments;
};

QStringList segmentationTemplateIds();  // bundled: bridges-to-health, cheshire-merseyside, nhse-core
// A bundled template id, or the path of a JSON file with the same layout.
Result<SegmentationTemplate> loadSegmentationTemplate(const QString &idOrPath);

struct SegmentSummary {
    QString name, description;
    int64_t count = 0;
    // Activity in the 12 months to the index date, summed over the segment's people.
    int64_t emergencyAdmissions = 0, aeAttendances = 0;
    double cost = 0;  // GBP, all datasets with costs (social care prorated to the window)
};

struct SegmentationResult {
    QString templateName;
    int64_t persons = 0;
    std::vector<SegmentSummary> segments;  // [0] is "Not registered at the index date"
    std::vector<uint8_t> segmentOf;        // per person, index into segments (meaningful in scope)
    rules::Selection inScope;              // the people segmented
};

// scope: when given, only these people are segmented and summed (e.g. one PCN's population).
Result<SegmentationResult> segmentPopulation(const Project &project, const rules::CodeLists &lists, const SegmentationTemplate &t,
                                             int32_t indexDate = kNoDate, const rules::Selection *scope = nullptr);

struct SegmentTransition {
    int from = 0, to = 0;  // segment indexes in the first and the second result
    int64_t count = 0;
};
// How people move between two segmentations of the same project (two templates, or one
// template at two dates): every non-empty from -> to cell, counted over people in both scopes.
std::vector<SegmentTransition> transitions(const SegmentationResult &a, const SegmentationResult &b);

}  // namespace phm::core
