#pragma once
// The content of a PCN (or place, or ICS) pack, built in the core and already through disclosure
// control: a renderer (report/packwriter) only lays it out, so no count reaches a PDF without the
// small-number policy. Counts are published values (rounded; NaN when suppressed); values derived
// from a suppressed count are NaN too.
#include "base/feedback.h"
#include "evaluation/programmes.h"
#include "evaluation/programmestore.h"
#include "geo/areas.h"
#include "governance/disclosure.h"
#include "indicators/indicators.h"
#include "indicators/profile.h"
#include "maturity/maturitystore.h"
#include "packs/packtemplate.h"

#include <QJsonObject>
#include <vector>

namespace phm::core {

struct PackRow {  // a labelled count with its share of the total
    QString label;
    double count = NAN, percent = NAN;
};

struct PackIndicator {
    IndicatorDefinition definition;
    double numerator = NAN, denominator = NAN;  // published
    stats::Interval value;                      // NaN parts when suppressed
    double parentValue = NAN, icsValue = NAN;
    Significance vsIcs = Significance::NotCompared, vsParent = Significance::NotCompared;
    PeerRange peers;
};

// The area's neighbourhoods on the map: LSOAs (indices into lsoaBoundaries()) where at least a
// quarter of residents are registered with the area (every LSOA of a place or the ICS), coloured
// by an indicator in ICS-wide quintiles.
struct PackMap {
    QString indicator;
    std::vector<int> shapes;
    std::vector<double> values;  // NaN: suppressed or no value
    std::vector<double> breaks;  // quintile edges over every LSOA of the ICS
};

struct PackSegment {
    QString name;
    double people = NAN, percent = NAN, emergencyAdmissions = NAN, costPerHead = NAN;  // published
};

struct PackData {
    Area area;
    QString title, areaName, areaCode, levelName, parentName;
    int32_t periodStart = kNoDate, periodEnd = kNoDate;
    QString policy;  // the disclosure policy, named on every page
    double registered = NAN;
    std::array<double, kPyramidBands> male{}, female{};  // published
    std::vector<PackRow> ethnicity, deprivation;         // IMD deciles 1..10
    std::vector<PackIndicator> indicators;
    // Inequality in emergency admissions (or the first DSR) by IMD quintile, with the SII.
    QString inequalityIndicator;
    std::vector<PackRow> inequality;  // label and value (count = value, percent unused)
    std::vector<std::pair<double, double>> inequalityLimits;
    double sii = NAN, siiLower = NAN, siiUpper = NAN;
    // The largest significant gaps against the ICS (worse first), for "what the data says".
    QStringList priorities;
    std::vector<FunnelPlot> funnels;
    PackMap map;
    // Segmentation of the registered population, risk tiers for an emergency admission in the
    // next 12 months, and eFI categories of people aged 65 and over.
    QString segmentationTemplate;
    std::vector<PackSegment> segments;
    std::vector<PackRow> riskTiers;  // high, rising, low
    double expectedAdmissions = NAN, auroc = NAN;
    std::vector<PackRow> frailty;  // fit, mild, moderate, severe (65+)
    QJsonObject importReport;
    // PHM maturity of the area (the framework it was assessed against most, its assessments by
    // date) and the PHM cycle: the PCN's own cycles, or for a place or the ICS how many of its
    // PCNs completed one this financial year, with each PCN's newest assessment.
    struct Maturity {
        maturity::Framework framework;
        std::vector<maturity::Assessment> history;
        std::vector<std::pair<QString, maturity::Assessment>> pcns;  // PCN name and newest assessment (place, ICS)
        std::vector<cycle::Cycle> cycles;
        int pcnCount = 0, completed = 0;
        QDate yearFrom, yearTo;
    } maturity;
    // Saved evaluations (as published when saved, and again under the pack's policy): those this
    // area's PHM cycles name at their evaluate stage first (`linked`), then the ICS's others.
    struct Evaluation {
        qint64 id = 0;
        QString name, programme, source, outcome, unit, method, summary, savedBy, savedAt;
        double treated = NAN, controls = NAN;  // published counts (NaN: suppressed)
        double relative = NAN, lower = NAN, upper = NAN, per1000 = NAN, per1000Lower = NAN, per1000Upper = NAN;
        bool linked = false;
    };
    std::vector<Evaluation> evaluations;
    // The project's programmes: people enrolled who are in this area and in the ICS (published
    // counts, NaN when suppressed), and the first and last enrolment.
    struct ProgrammeCount {
        QString name, source, first, last;
        double here = NAN, ics = NAN;
    };
    std::vector<ProgrammeCount> programmes;
    // From the template: the sections to lay out (in page order) and the logo for the cover. A
    // section with nothing to show (no saved evaluation) is left out.
    std::vector<PackSection> sections;
    QByteArray logo;
};

struct PackOptions {
    PackTemplate layout;  // title, sections, indicators, funnels, map, segmentation, logo
    int onlyArea = -1;    // index of one area of the level: only its pack (peers still feed its funnels)
    disclosure::Policy policy;
    // The project's saved evaluations, their results already through disclosure control (read by
    // the caller: ops::publishedEvaluations), for the Evaluation section.
    std::vector<evaluation::SavedEvaluation> evaluations;
    // The project's programmes (read by the caller: ops::allProgrammes), for the people enrolled
    // from each area.
    std::vector<evaluation::Programme> programmes;
};

// One pack per area of `level` (the ICS: one). `profile` is the level's profile (computeProfile)
// with `definitions`; `maturity` the project's PHM maturity records, read by the caller
// (Session::maturityRecords), so no pack reads the project file. Progress per area; canceling
// returns the error "canceled".
Result<std::vector<PackData>> buildPacks(const AreaIndex &areas, const rules::CodeLists &lists,
                                         const std::vector<IndicatorDefinition> &definitions, const maturity::Records &maturity,
                                         Area::Kind level, const PackOptions &options, Feedback *feedback = nullptr);

}  // namespace phm::core
