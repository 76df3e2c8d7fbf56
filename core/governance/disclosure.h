#pragma once
// Statistical disclosure control: the one boundary every table, chart, CSV and PDF passes before
// it leaves the workbench. The default policy follows NHS England's small-number rules for
// published health statistics: counts of 1 to 7 are suppressed and every other count is rounded
// to the nearest 5 (0 stays 0). Primary suppression alone is not enough when totals are shown:
// a suppressed cell could be recovered by subtracting the others from a row or column total,
// or from a parent area's total, so secondary (complementary) suppression hides further cells
// until no line of a table has exactly one hidden member. Values derived from a suppressed
// count (rates, percentages, intervals) are suppressed with it.
#include <QByteArray>
#include <QString>
#include <vector>

namespace phm::core::disclosure {

struct Policy {
    bool enabled = true;
    int smallest = 1, largest = 7;  // counts in [smallest, largest] are suppressed
    int roundTo = 5;                // other counts to a multiple of this (1: no rounding)
    // The project's secret rounding key (32 bytes, kept in the project file, never output). With a
    // key, a count is rounded up or down to a multiple of roundTo by a keyed pseudo-random draw
    // that depends only on the count ("fixed random rounding", as Statistics NZ rounds its census
    // tables): the same count always publishes the same way in every output, query and session, so
    // repeating or rewording a query gives nothing new to average, and which way a count went
    // cannot be told from the counts next to it. Unbiased: up with probability (count mod base) /
    // base. Without a key (tests of the tables alone) counts go to the nearest multiple.
    QByteArray key;
    // "Counts of 1 to 7 suppressed, other counts rounded to the nearest 5" (or "No disclosure control").
    QString describe() const;
};

enum class Cell { Shown, Primary, Secondary };

// A count as published: rounded, or NaN when suppressed (the caller says why with the status).
// A count above the suppressed range never publishes as a number inside it (8 -> 10, not 5).
double publish(double count, const Policy &policy);
bool isSmall(double count, const Policy &policy);
double roundCount(double count, const Policy &policy);
// A magnitude that is not a count of people or events (a cost, a sum of squares) but could give
// one back when shown exactly: three significant figures.
double roundMagnitude(double value, const Policy &policy);
// A value to a multiple of `step` (step > 0), by keyed rounding like counts': up or down, unbiased,
// by a draw that depends only on the step and the multiple below the value (values close together
// draw alike). Not finite or no step: NaN.
double roundToStep(double value, double step, const Policy &policy);
// A new random rounding key for a project (kRoundingKeyBytes long).
constexpr int kRoundingKeyBytes = 32;
QByteArray newRoundingKey();

// A table of counts with the totals that will be shown beside it. Each row, each column and the
// row of column totals form lines "members add up to a total"; a `hidden` row or column stands
// for people counted in the totals but not shown (e.g. the practices of a PCN not in the table,
// or the rest of a parent area), and takes part in the protection without being published.
struct Table {
    std::vector<std::vector<double>> cells;  // rows x columns
    bool rowTotals = true, columnTotals = true;
};

struct Protected {
    std::vector<std::vector<double>> cells;  // published values (NaN: suppressed)
    std::vector<std::vector<Cell>> status;
    std::vector<double> rowTotals, columnTotals;  // empty when the table has none
    std::vector<Cell> rowTotalStatus, columnTotalStatus;
    double grandTotal = 0;
    Cell grandTotalStatus = Cell::Shown;
    int primary = 0, secondary = 0;
};

// Primary then secondary suppression, then rounding of what is shown. Totals are computed from
// the true cells (so they include any hidden row or column) and protected like cells.
Protected protect(const Table &table, const Policy &policy);

// Audit: the cells of a protected table whose true value follows exactly from what is shown
// (solving the table's linear constraints, with shown values taken as exact). protect() leaves
// no primary cell recoverable; the list is for tests and for checking tables made elsewhere.
std::vector<std::pair<int, int>> recoverableCells(const Table &table, const Protected &published);

// One line: parts of a total (e.g. the practices of a PCN). A remainder total - sum(parts) that
// is itself small (a group that is not shown but can be derived) counts as suppressed.
struct ProtectedLine {
    std::vector<double> parts;  // published (NaN: suppressed)
    std::vector<Cell> status;
    double total = 0;
    Cell totalStatus = Cell::Shown;
};
ProtectedLine protectLine(const std::vector<double> &parts, double total, const Policy &policy);

// A value computed from a numerator and denominator (a rate, a percentage, a mean, an interval
// limit): NaN when either count is suppressed, otherwise the value itself.
double derived(double value, double numerator, double denominator, const Policy &policy);

}  // namespace phm::core::disclosure
