// The Evaluation section of a pack (report/packsections.h): the saved evaluations, those this
// area's PHM cycle rests on first, each with its change and interval, events avoided per 1,000
// enrolled a year, the people compared and the sentence that says what the interval means.
#include "report/packsections.h"

#include "evaluation/outcomes.h"
#include "governance/publish.h"

#include <cmath>

namespace phm::report::pack {

namespace {
// A change in whole per cent ("-0%" is shown as 0%).
QString percent(double v) {
    if (std::isnan(v)) return QStringLiteral("*");
    const double rounded = std::round(100 * v);
    return QLocale().toString(rounded == 0 ? 0.0 : rounded, 'f', 0) + QStringLiteral("%");
}

// An estimate as published: three significant figures.
QString figures(double v) { return core::disclosure::significantText(v, 3); }

// The outcome as people read it ("Emergency admissions"), from its key.
QString outcomeTitle(const QString &key) {
    const auto outcome = core::evaluation::outcomeNamed(key);
    return outcome ? QCoreApplication::translate("phm::core::evaluation", core::evaluation::outcomeInfo(*outcome).title) : key;
}
}  // namespace

void Sections::programmes(Writer &w, const core::PackData &pack) {
    w.text(tr("Programmes in the project and the people enrolled in them: those registered in %1, and in the ICS.").arg(pack.areaName), 10,
           false, kMuted);
    w.gap(2);
    std::vector<std::vector<Writer::Cell>> rows;
    for (const core::PackData::ProgrammeCount &p : pack.programmes)
        rows.push_back({{p.name, {}},
                        {p.source, {}},
                        {number(p.here), {}},
                        {number(p.ics), {}},
                        {p.first == p.last ? p.first : tr("%1 to %2").arg(p.first, p.last), {}}});
    w.table({tr("Programme"), tr("Source"), tr("Enrolled from %1").arg(pack.areaName), tr("Enrolled in the ICS"), tr("Enrolment")}, rows,
            {0.24, 0.24, 0.16, 0.14, 0.22}, {false, false, true, true, false}, 8, 5.5);
    w.gap(3);
}

void Sections::evaluation(Writer &w, const core::PackData &pack) {
    if (!pack.programmes.empty()) programmes(w, pack);
    if (pack.evaluations.empty()) {
        w.text(tr("No evaluation of these programmes is saved in the project yet."), 10, false, kMuted);
        return;
    }
    w.text(tr("Programmes evaluated in the ICS and saved in the project: the change in the outcome among the people enrolled against "
              "matched people who were not (or, for a whole area, against its trend before), with its 95% interval. Evaluations that %1's "
              "PHM cycle rests on are marked and come first.")
               .arg(pack.areaName),
           10, false, kMuted);
    w.gap(3);
    std::vector<std::vector<Writer::Cell>> rows;
    for (const core::PackData::Evaluation &e : pack.evaluations)
        rows.push_back({{e.name, {}},
                        {e.programme, {}},
                        {outcomeTitle(e.outcome), {}},
                        {tr("%1 (%2 to %3)").arg(percent(e.relative), percent(e.lower), percent(e.upper)), {}},
                        {e.method == QLatin1String("did")
                             ? tr("%1 (%2 to %3)").arg(figures(e.per1000), figures(e.per1000Lower), figures(e.per1000Upper))
                             : QStringLiteral("–"),
                         {}},
                        {tr("%1 / %2").arg(number(e.treated), number(e.controls)), {}},
                        {e.linked ? tr("this area's cycle") : QString(), e.linked ? kSpineQuartiles : QColor()}});
    w.table({tr("Evaluation"), tr("Programme"), tr("Outcome"), tr("Change (95% CI)"), tr("Per 1,000 enrolled a year"),
             tr("Evaluated / controls"), tr("PHM cycle")},
            rows, {0.2, 0.14, 0.14, 0.15, 0.15, 0.11, 0.11}, {false, false, false, true, true, true, false}, 8, 5.5);
    w.gap(2);
    for (const core::PackData::Evaluation &e : pack.evaluations) {
        if (w.y() > w.area().bottom() - mm(25)) {
            w.newPage();
            w.heading(tr("Evaluation (continued)"));
        }
        w.text(tr("%1 (%2; saved by %3 on %4)").arg(e.name, e.source, e.savedBy, e.savedAt), 9, true);
        w.text(e.summary, 9, false, kText, mm(3));
        w.gap(1.5);
    }
}

}  // namespace phm::report::pack
