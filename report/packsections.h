#pragma once
// The pages of a pack, one builder per section of core::PackSection: the cover, the contents, and
// each section on its own page(s) under its heading. The builders draw with the Writer of
// report/packpage and the charts of report/packcharts; report/packwriter calls them in the
// template's order.
#include "report/packpage.h"

#include <QCoreApplication>

namespace phm::report::pack {

class Sections {
    Q_DECLARE_TR_FUNCTIONS(phm::report::pack::Sections)

public:
    static QString title(core::PackSection s);
    // Pages of one section (the appendix grows with the indicators), and of the whole pack.
    // A short "what the data says" (the first section, a few priorities) shares the contents'
    // page instead of leaving a page almost empty.
    static bool sharesContentsPage(const core::PackData &pack, core::PackSection s);

    static void cover(Writer &w, const core::PackData &pack);
    // The sections and the page each starts on (as measured by a first layout; 0 while measuring).
    static void contents(Writer &w, const core::PackData &pack, const std::vector<int> &starts);
    // A new page under the section's heading, then the section.
    static void write(Writer &w, const core::PackData &pack, core::PackSection s);

private:
    static void nextSteps(Writer &w, const core::PackData &pack);
    static void population(Writer &w, const core::PackData &pack);
    static void segmentsRisk(Writer &w, const core::PackData &pack);
    static void indicators(Writer &w, const core::PackData &pack);
    static void funnels(Writer &w, const core::PackData &pack);
    static void inequalities(Writer &w, const core::PackData &pack);
    static void neighbourhoods(Writer &w, const core::PackData &pack);
    static void maturity(Writer &w, const core::PackData &pack);    // report/packmaturitysection.cpp
    static void evaluation(Writer &w, const core::PackData &pack);  // report/packevaluationsection.cpp
    static void programmes(Writer &w, const core::PackData &pack);  // the people enrolled, in the evaluation section
    static void appendix(Writer &w, const core::PackData &pack);
};

}  // namespace phm::report::pack
