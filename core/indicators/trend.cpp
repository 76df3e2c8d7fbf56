#include "indicators/trend.h"

#include "indicators/profile.h"
#include "rules/rulecatalogue.h"
#include "rules/ruleengine.h"
#include "rules/ruleparser.h"

#include <QElapsedTimer>
#include <algorithm>

namespace phm::core {

namespace {

// Every event query of a rule (or measure) with its dataset.
void collectQueries(const rules::Expr &e, std::vector<const rules::EventQuery *> &out) {
    if (e.event) out.push_back(e.event.get());
    for (const auto &c : e.children) collectQueries(*c, out);
}

// The index date shifted back by whole months, clamped to the month's last day.
int32_t monthsBefore(int32_t date, int months) { return rules::windowStart(rules::Window{rules::Window::Months, months}, date); }

}  // namespace

int32_t earliestCoveredDate(const Project &project, const IndicatorDefinition &indicator) {
    std::vector<rules::ParseResult> parsed;
    for (const QString &rule : {indicator.numerator, indicator.denominator})
        if (!rule.isEmpty()) parsed.push_back(rules::parseRule(rule));
    if (!indicator.events.isEmpty()) parsed.push_back(rules::parseRule(indicator.events + QStringLiteral(" >= 0")));
    std::vector<const rules::EventQuery *> queries;
    for (const rules::ParseResult &p : parsed) {
        if (!p.ok()) return kNoDate;
        collectQueries(*p.expr, queries);
    }
    // For each query: the date whose window starts where the dataset's data begin. Windows are
    // months, years or days, so step forward a month at a time from the data's start.
    // No event windows (e.g. eFI or age only): any date; kNoDate is reserved for "unknown".
    int32_t earliest = kNoDate + 1;
    for (const rules::EventQuery *q : queries) {
        std::vector<int> datasets;
        if (q->dataset == QLatin1String("all")) {
            for (int d = kFirstEventDataset; d < kEventDatasetEnd; ++d)
                if (Dataset(d) != Dataset::Gp) datasets.push_back(d);
        } else {
            datasets.push_back(int(rules::datasetNames().indexOf(q->dataset)) + kFirstEventDataset);
        }
        for (int d : datasets) {
            const EventTable &t = project.eventTable(Dataset(d));
            if (t.minDate == kNoDate) continue;  // no data at all: every date reads the same nothing
            int32_t date = t.minDate;
            if (q->window.unit != rules::Window::Ever)
                while (date < project.extractEnd && rules::windowStart(q->window, date) < t.minDate - 1) date += 1;
            earliest = std::max(earliest, date);
        }
    }
    return earliest;
}

std::vector<int32_t> trendDates(const Project &project, const IndicatorDefinition &indicator, int points, int monthsApart) {
    const int32_t earliest = earliestCoveredDate(project, indicator);
    std::vector<int32_t> dates;
    if (earliest == kNoDate || project.extractEnd == kNoDate || project.persons.count == 0) return dates;
    for (int k = 0; k < points; ++k) {
        const int32_t date = k == 0 ? project.extractEnd : monthsBefore(project.extractEnd, k * monthsApart);
        if (date < earliest) break;
        dates.push_back(date);
    }
    std::reverse(dates.begin(), dates.end());
    return dates;
}

Result<Trend> computeTrend(const AreaIndex &areas, const rules::CodeLists &lists, const IndicatorDefinition &indicator, Area::Kind level,
                           const std::vector<int32_t> &dates, Feedback *feedback, ProfileWorkspace *workspace,
                           const disclosure::Policy *governed) {
    QElapsedTimer timer;
    timer.start();
    Trend out;
    out.level = level;
    for (size_t i = 0; i < dates.size(); ++i) {
        if (feedback && feedback->isCanceled()) return Error{ErrorCode::Canceled, QStringLiteral("cancelled"), {}};
        ProfileOptions options;
        options.indexDate = dates[i];
        options.governed = governed;
        auto profile = computeProfile(areas, lists, {indicator}, level, options, workspace);
        if (!profile) return profile.error();
        TrendPoint point{dates[i], {}, profile.value().ics.front()};
        for (const ProfileRow &r : profile.value().rows) point.byArea.push_back(r.value);
        out.points.push_back(std::move(point));
        if (feedback) feedback->setProgress(100.0 * double(i + 1) / double(dates.size()));
    }
    out.ms = double(timer.nsecsElapsed()) / 1e6;
    return out;
}

}  // namespace phm::core
