// The maturity section of a pack (report/packsections.h): the area's newest assessment as a radar,
// its history as a timeline and its ratings as a table; the PHM cycle of its PCNs; and for a place
// or the ICS, its PCNs side by side. The charts are the maturity dock's (report/maturitypainter).
#include "base/dates.h"
#include "report/maturitypainter.h"
#include "report/packsections.h"

#include <QLocale>

namespace phm::report::pack {

// Maturity (radar, timeline, ratings) and the PHM cycle, with the charts of the maturity dock.
void Sections::maturity(Writer &w, const core::PackData &pack) {
    const core::PackData::Maturity &m = pack.maturity;
    const core::maturity::Framework &f = m.framework;
    const QLocale l;
    auto level = [&](int k) { return k >= 0 && k < f.levels.size() ? f.levels[k] : QStringLiteral("–"); };
    if (m.history.empty()) {
        w.text(tr("%1 has not been assessed against the %2 yet.").arg(pack.areaName, f.name), 10);
    } else {
        const core::maturity::Assessment &newest = m.history.back();
        w.text(tr("%1: assessed on %2 by %3 (assessments kept: %4).")
                   .arg(f.name, core::displayDate(newest.assessedOn), newest.assessor)
                   .arg(m.history.size()),
               10);
        const double top = w.y() + mm(2), half = w.area().width() / 2;
        if (!w.measuring()) {  // fixed boxes: nothing to measure
            drawRadar(w.painter(), QRectF(w.area().left(), top, half - mm(4), mm(70)), f, newest);
            drawTimeline(w.painter(), QRectF(w.area().left() + half + mm(4), top + mm(4), half - mm(4), mm(62)), f, m.history);
        }
        w.setY(top + mm(74));
        std::vector<std::vector<Writer::Cell>> rows;
        for (const core::maturity::Rating &r : newest.ratings)
            rows.push_back({{r.capability, levelColour(-1, 0)},
                            {level(r.current), levelColour(r.current, int(f.levels.size()))},
                            {level(r.target), {}},
                            {r.targetDate.isValid() ? core::displayDate(r.targetDate) : QString(), {}},
                            {r.evidence, {}}});
        w.table({tr("Capability"), tr("Now"), tr("Target"), tr("By"), tr("Evidence")}, rows, {0.2, 0.13, 0.13, 0.1, 0.44},
                {false, false, false, false, false}, 8, 5.5);
    }
    w.gap(2);
    w.text(tr("The PHM cycle"), 11, true);
    w.text(tr("%1 of %2 PCNs here completed a full cycle (review the data, choose an opportunity, design, implement, evaluate) "
              "between %3 and %4.")
               .arg(m.completed)
               .arg(m.pcnCount)
               .arg(core::displayDate(m.yearFrom), core::displayDate(m.yearTo)),
           9);
    if (!m.cycles.empty()) {
        std::vector<std::vector<Writer::Cell>> rows;
        for (const core::cycle::Cycle &c : m.cycles) {
            const auto reached = c.reached();
            QStringList cohorts;
            for (const core::cycle::StageRecord &s : c.stages) cohorts << s.cohorts;
            cohorts.removeDuplicates();
            rows.push_back({{c.pcn, {}},
                            {c.title, {}},
                            {reached ? core::cycle::stageName(*reached) : tr("not started"), {}},
                            {reached ? core::displayDate(c.stages.back().reachedOn) : QString(), {}},
                            {cohorts.join(QStringLiteral(", ")), {}}});
            if (rows.size() >= 8) break;
        }
        w.table({tr("PCN"), tr("Opportunity"), tr("Stage reached"), tr("On"), tr("Cohorts used")}, rows, {0.12, 0.3, 0.2, 0.12, 0.26},
                {false, false, false, false, false}, 8, 5.5);
    }
    if (!m.pcns.empty()) {  // a place or the ICS: its PCNs side by side
        std::vector<ComparisonRow> comparison;
        for (const auto &[name, a] : m.pcns) {
            double current = 0, target = 0;
            int n = 0;
            for (const core::maturity::Rating &r : a.ratings)
                if (r.current >= 0) {
                    current += r.current;
                    target += r.target >= 0 ? r.target : r.current;
                    ++n;
                }
            comparison.push_back({name, n ? current / n : -1, n ? target / n : -1});
        }
        const double height = std::min(w.area().bottom() - w.y() - mm(4), mm(5) * double(comparison.size()) + mm(14));
        if (height > mm(20) && !w.measuring())
            drawComparison(w.painter(), QRectF(w.area().left(), w.y() + mm(2), w.area().width(), height), f, comparison);
    }
}

}  // namespace phm::report::pack
