// The section builders of report/packsections.h (the maturity section: packmaturitysection.cpp).
#include "report/packsections.h"

#include "base/dates.h"
#include "indicators/indicatorunit.h"

#include "report/packcharts.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <cmath>

namespace phm::report::pack {

QString Sections::title(core::PackSection s) {
    switch (s) {
        case core::PackSection::NextSteps:
            return tr("What the data says");
        case core::PackSection::Population:
            return tr("Population");
        case core::PackSection::SegmentsRisk:
            return tr("Segments, risk and frailty");
        case core::PackSection::Indicators:
            return tr("Key indicators against the place and the ICS");
        case core::PackSection::Funnels:
            return tr("Compared with peer areas: funnel plots");
        case core::PackSection::Inequalities:
            return tr("Inequalities");
        case core::PackSection::Neighbourhoods:
            return tr("Neighbourhoods");
        case core::PackSection::Maturity:
            return tr("PHM maturity and the PHM cycle");
        case core::PackSection::Evaluation:
            return tr("Evaluation: did it work?");
        case core::PackSection::Appendix:
            break;
    }
    return tr("Data quality and definitions");
}

bool Sections::sharesContentsPage(const core::PackData &pack, core::PackSection s) {
    constexpr qsizetype kShortList = 8;
    return s == core::PackSection::NextSteps && !pack.sections.empty() && pack.sections.front() == s &&
           pack.priorities.size() <= kShortList;
}

void Sections::cover(Writer &w, const core::PackData &pack) {
    const QLocale l;
    if (!pack.logo.isEmpty()) {  // top right, at most 60 x 25 mm, keeping its shape
        const QImage logo = QImage::fromData(pack.logo);
        if (!logo.isNull()) {
            const QSizeF fit = QSizeF(logo.size()).scaled(QSizeF(mm(60), mm(25)), Qt::KeepAspectRatio);
            w.painter().drawImage(QRectF(QPointF(w.area().right() - fit.width(), w.area().top()), fit), logo);
        }
    }
    w.gap(60);
    w.text(pack.title, 28, true, kNhsBlue);
    w.gap(6);
    w.text(pack.areaName, 22, true);
    w.text(pack.levelName + (pack.parentName.isEmpty() ? QString() : tr(" in %1").arg(pack.parentName)), 13, false, kMuted);
    w.gap(10);
    w.text(tr("Registered population: %1").arg(number(pack.registered)), 12);
    w.text(tr("Data period: %1 to %2").arg(core::displayDate(pack.periodStart), core::displayDate(pack.periodEnd)), 12);
    w.text(tr("Produced %1 with PHM Workbench").arg(core::displayDate(QDate::currentDate())), 12);
    w.gap(20);
    w.text(tr("Disclosure control"), 11, true);
    w.text(pack.policy + tr(". Suppressed values are shown as *."), 10);
    w.gap(4);
    w.text(tr("Official sensitive: for the use of the primary care network and the ICS. The demonstration data are synthetic."), 10, false,
           kMuted);
}

void Sections::contents(Writer &w, const core::PackData &pack, const std::vector<int> &starts) {
    w.newPage();
    w.heading(tr("Contents"));
    for (size_t i = 0; i < pack.sections.size(); ++i)
        w.text(tr("%1  ·  page %2").arg(title(pack.sections[i])).arg(i < starts.size() ? starts[i] : 0), 12);
}

void Sections::write(Writer &w, const core::PackData &pack, core::PackSection s) {
    if (sharesContentsPage(pack, s))
        w.gap(12);
    else
        w.newPage();
    w.heading(title(s));
    switch (s) {
        case core::PackSection::NextSteps:
            return nextSteps(w, pack);
        case core::PackSection::Population:
            return population(w, pack);
        case core::PackSection::SegmentsRisk:
            return segmentsRisk(w, pack);
        case core::PackSection::Indicators:
            return indicators(w, pack);
        case core::PackSection::Funnels:
            return funnels(w, pack);
        case core::PackSection::Inequalities:
            return inequalities(w, pack);
        case core::PackSection::Neighbourhoods:
            return neighbourhoods(w, pack);
        case core::PackSection::Maturity:
            return maturity(w, pack);
        case core::PackSection::Evaluation:
            return evaluation(w, pack);
        case core::PackSection::Appendix:
            return appendix(w, pack);
    }
}

// What the data says: the indicators significantly worse than the ICS, and the slope index.
void Sections::nextSteps(Writer &w, const core::PackData &pack) {
    if (pack.priorities.isEmpty())
        w.text(tr("No indicator is significantly worse than the ICS at 95%."), 11);
    else {
        w.text(tr("Significantly worse than the ICS (95%), largest gap first:"), 11, true);
        for (const QString &s : pack.priorities) w.text(QStringLiteral("•  ") + s, 11, false, kText, mm(4));
    }
    w.gap(6);
    if (!std::isnan(pack.sii)) w.text(siiSentence(pack), 11);
}

// The population pyramid, ethnic groups and deprivation deciles.
void Sections::population(Writer &w, const core::PackData &pack) {
    const double half = w.area().width() / 2 - mm(4);
    w.text(tr("Registered people by age and sex (%1 in all)").arg(number(pack.registered)), 11, true);
    w.gap(8);
    pyramid(w, pack, QRectF(w.area().left(), w.y(), w.area().width(), mm(85)));
    w.setY(w.y() + mm(90));
    const double top = w.y(), right = w.area().left() + half + mm(8);
    const double heading =
        std::max(w.textIn(QRectF(w.area().left(), top, half, mm(20)), tr("Ethnic group"), 11, true),
                 w.textIn(QRectF(right, top, half, mm(20)), tr("Deprivation (IMD decile, 1 = most deprived)"), 11, true));
    bars(w, QRectF(w.area().left(), top + heading + mm(2), half, mm(40)), pack.ethnicity, {}, true, kNhsBlue);
    bars(w, QRectF(right, top + heading + mm(2), half, mm(70)), pack.deprivation, {}, true, kPurple);
}

// The segments as a table, the risk tiers and frailty as bars.
void Sections::segmentsRisk(Writer &w, const core::PackData &pack) {
    const double half = w.area().width() / 2 - mm(4);
    w.text(tr("Population segments (%1)").arg(pack.segmentationTemplate), 11, true);
    std::vector<std::vector<Writer::Cell>> rows;
    for (const core::PackSegment &seg : pack.segments)
        rows.push_back({{seg.name, {}},
                        {number(seg.people), {}},
                        {std::isnan(seg.percent) ? QStringLiteral("*") : number(seg.percent, 1) + QStringLiteral("%"), {}},
                        {number(seg.emergencyAdmissions), {}},
                        {std::isnan(seg.costPerHead) ? QStringLiteral("*") : QStringLiteral("£") + number(seg.costPerHead), {}}});
    w.table({tr("Segment"), tr("People"), tr("Share"), tr("Emergency admissions, 12 months"), tr("Cost per head, 12 months")}, rows,
            {0.36, 0.14, 0.12, 0.2, 0.18}, {false, true, true, true, true});
    w.gap(3);
    const double top = w.y(), right = w.area().left() + half + mm(8);
    const double heading =
        std::max(w.textIn(QRectF(w.area().left(), top, half, mm(20)), tr("Emergency admission risk, next 12 months"), 11, true),
                 w.textIn(QRectF(right, top, half, mm(20)), tr("Frailty (eFI), people aged 65+"), 11, true));
    bars(w, QRectF(w.area().left(), top + heading + mm(2), half, mm(24)), pack.riskTiers, {}, true, kRed);
    bars(w, QRectF(right, top + heading + mm(2), half, mm(30)), pack.frailty, {}, true, kPlum);
    w.setY(top + heading + mm(34));
    w.text(tr("Expected admissions: %1 (model AUROC %2)").arg(number(pack.expectedAdmissions), QLocale().toString(pack.auroc, 'f', 3)), 9,
           false, kMuted);
}

// Every indicator against the parent and the ICS with its unit, a spine over the peers in the
// last column.
void Sections::indicators(Writer &w, const core::PackData &pack) {
    std::vector<std::vector<Writer::Cell>> rows;
    for (const core::PackIndicator &pi : pack.indicators) {
        const int d = pi.definition.multiplier >= 1000 ? 0 : 1;
        const bool compared = pi.vsIcs != core::Significance::NotCompared;
        rows.push_back(
            {{pi.definition.name, {}},
             {core::indicatorUnitShort(pi.definition), {}},
             {number(pi.numerator), {}},
             {number(pi.value.value, d), {}},
             {std::isnan(pi.value.value) ? QStringLiteral("*")
                                         : number(pi.value.lower, d) + QStringLiteral("–") + number(pi.value.upper, d),
              {}},
             {number(pi.parentValue, d), {}},
             {number(pi.icsValue, d), {}},
             {compared ? core::significanceName(pi.vsIcs) : tr("not compared"), compared ? significanceColour(pi.vsIcs) : QColor()},
             {QString(), {}}});
    }
    const std::vector<double> widths = {0.31, 0.07, 0.07, 0.07, 0.12, 0.07, 0.07, 0.08, 0.14};
    w.table(
        {tr("Indicator"), tr("Unit"), tr("Count"), tr("Value"), tr("95% CI"), tr("Parent"), tr("ICS"), tr("vs ICS"), tr("Range of areas")},
        rows, widths, {false, false, true, true, true, true, true, false, false}, 8, 5.0,
        [&](size_t i, const QRectF &row, const std::vector<double> &x) {
            const double left = x[x.size() - 2], right = x.back();
            spine(w.painter(), QRectF(left + mm(1.5), row.center().y() - mm(1.4), right - left - mm(3), mm(2.8)), pack.indicators[i]);
        });
}

// Up to four funnel plots against the peer areas, two by two.
void Sections::funnels(Writer &w, const core::PackData &pack) {
    w.text(tr("Each dot is a peer area; this area in orange. Lines: the average, 95% (dashed) and 99.8% (dotted) control limits. "
              "Values from a suppressed count are left out."),
           9, false, kMuted);
    const double gridTop = w.y() + mm(4), cellW = w.area().width() / 2, cellH = mm(95);
    for (size_t i = 0; i < pack.funnels.size() && i < 4; ++i)
        funnel(w, QRectF(w.area().left() + (i % 2) * cellW, gridTop + (i / 2) * cellH, cellW - mm(4), cellH - mm(6)), pack.funnels[i]);
}

// The inequality indicator by IMD quintile, with the slope index.
void Sections::inequalities(Writer &w, const core::PackData &pack) {
    if (!pack.inequality.empty()) {
        w.text(tr("%1 by national IMD quintile (1 = most deprived), with 95% intervals").arg(pack.inequalityIndicator), 11, true);
        bars(w, QRectF(w.area().left(), w.y() + mm(4), w.area().width(), mm(60)), pack.inequality, pack.inequalityLimits, false, kNhsBlue);
        w.setY(w.y() + mm(70));
        if (!std::isnan(pack.sii))
            w.text(siiSentence(pack) + tr(" Slope index %1 (95% CI %2 to %3) from 10,000 seeded simulations.")
                                           .arg(number(pack.sii, 0), number(pack.siiLower, 0), number(pack.siiUpper, 0)),
                   10);
        else
            w.text(tr("No slope index: a quintile's value is suppressed or missing."), 10);
    }
}

// The map of the LSOAs where a quarter or more of the residents are registered with the area.
void Sections::neighbourhoods(Writer &w, const core::PackData &pack) {
    if (pack.map.shapes.empty()) {
        w.text(tr("No neighbourhood has a quarter or more of its residents registered here."), 10);
    } else {
        w.text(tr("LSOAs where at least a quarter of residents are registered with %1 (%2 neighbourhoods).")
                   .arg(pack.areaName)
                   .arg(pack.map.shapes.size()),
               10);
        map(w, QRectF(w.area().left(), w.y() + mm(3), w.area().width(), mm(150)), pack.map);
    }
}

// Rows imported from the extract and the indicator definitions (continued on further pages).
void Sections::appendix(Writer &w, const core::PackData &pack) {
    const QLocale l;
    std::vector<std::vector<Writer::Cell>> rows;
    for (const QJsonValue &f : pack.importReport.value(QStringLiteral("files")).toArray()) {
        const QJsonObject o = f.toObject();
        rows.push_back({{o.value(QStringLiteral("file")).toString(), {}},
                        {l.toString(o.value(QStringLiteral("rows_read")).toDouble(), 'f', 0), {}},
                        {l.toString(o.value(QStringLiteral("rows_imported")).toDouble(), 'f', 0), {}},
                        {l.toString(o.value(QStringLiteral("rows_rejected")).toDouble(), 'f', 0), {}}});
    }
    w.text(tr("Rows imported from the extract (whole ICS)"), 10, true);
    w.table({tr("File"), tr("Read"), tr("Imported"), tr("Rejected")}, rows, {0.4, 0.2, 0.2, 0.2}, {false, true, true, true}, 8, 5.5);
    w.text(tr("Indicator definitions"), 10, true);
    for (size_t i = 0; i < pack.indicators.size(); ++i) {
        if (i > 0 && i % kDefinitionsPerPage == 0) {
            w.newPage();
            w.heading(tr("Indicator definitions (continued)"));
        }
        const core::IndicatorDefinition &d = pack.indicators[i].definition;
        w.text(d.name, 8.5, true);
        w.text(tr("%1 per %2. Numerator: %3. Denominator: %4. %5")
                   .arg(core::indicatorTypeName(d.type), l.toString(d.multiplier, 'f', 0), d.numerator.isEmpty() ? d.events : d.numerator,
                        d.denominator, d.description),
               8, false, kMuted, mm(3));
        w.gap(1);
    }
}

}  // namespace phm::report::pack
