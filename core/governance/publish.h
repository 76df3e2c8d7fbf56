#pragma once
// Disclosure control for result JSON: every output that leaves the workbench (the `phm` commands'
// JSON, CSV and text, GUI exports) passes through publish() before it is written; text and CSV are
// made from the published JSON.
//
// A result type declares what each of its numbers is (OutputFields). Counts of people or events
// are published through the project's policy: suppressed (null) in the small range, otherwise
// rounded by the project's keyed rounding (core/governance/disclosure). Derived values are never more precise
// than the counts they come from: they are recomputed here from the published counts (shares,
// ratios), or were computed upstream from the protected counts (an indicator's value and interval:
// core/governedvalue), and are dropped with any count they rest on. A number the declaration does
// not name is treated as a count: a result type that forgets to declare a field loses precision,
// never privacy. Objects in one array are the parts of a line (the areas of a breakdown, the
// segments of a population) and are protected together with their total (protectLine), and so are
// the areas of a series at each point in time (`linesAcross`).
#include "governance/disclosure.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>
#include <functional>
#include <utility>
#include <vector>

namespace phm::core::disclosure {

enum class Derivation {
    // Computed upstream from the published counts (an indicator's value and interval, via
    // governedValue): cut to four significant figures; null when a count it rests on is suppressed.
    FromPublished,
    // 100 x the object's count / the line's total of that count, recomputed from the published counts.
    Share,
    // scale x first count / second count of the same object, recomputed from the published counts.
    Ratio,
    // A sum that is not a count (a cost): three significant figures; null with a suppressed count.
    Magnitude,
    // A statistic over many people (AUROC, a slope): three significant figures.
    Statistic,
    // A model estimate over a group (a difference in rates, a regression coefficient): rounded,
    // by the keyed rounding of counts, to a multiple of scale x the rounding base / the published
    // count `from` names, the change one rounding step of the group's events makes, and to at most
    // three significant figures. Each entry of `from` is one such count, and a key may be declared
    // more than once (outputs of two shapes, with their own scales): the count used is the nearest
    // one named, looked for in the object, then in the objects holding it, innermost first. Null
    // when that count is suppressed or there is none: two groups that differ by one person give
    // estimates that differ no more finely than their counts do.
    Resolution,
};

struct DerivedField {
    DerivedField(QString k, QStringList f = {}, Derivation h = Derivation::FromPublished, double s = 1, QString by = {})
        : key(std::move(k)), from(std::move(f)), how(h), scale(s), scaleBy(std::move(by)) {}
    QString key;
    QStringList from;  // the counts it rests on; none named: every count of the object
    Derivation how = Derivation::FromPublished;
    double scale = 1;  // Ratio and Resolution only
    // Ratio and Resolution: a label (in the object, or the nearest object holding it) whose value
    // multiplies the scale, for counts kept in units larger than one (a sum of ages in twenties
    // of years, pounds in thousands, so that rounding them to the base hides one person's); 1
    // when there is none, NaN (withheld) when it is not a positive number.
    QString scaleBy;
};

struct OutputFields {
    QStringList counts;  // e.g. count, numerator, denominator, population, n
    std::vector<DerivedField> derived;
    // Keys whose arrays are not parts of a line (e.g. an attrition table, where each step is a
    // subset of the one before, protected by rounding); their objects are still published one by
    // one.
    QStringList notLines;
    // Values of other, larger groups shown for comparison (an ICS or parent value), computed from
    // their protected counts upstream: published to four significant figures.
    QStringList comparators;
    // When set, the objects of an array form one line per value of this key (e.g. "indicator":
    // the areas of a profile are parts of a line for each indicator, not across indicators).
    QString lineBy;
    // Numbers that are not data about people: timings, cut points of a score, dates, versions.
    QStringList labels;
    // Values of "everyone else" (the rest of the population beside a group): a group's count and
    // the total give the rest's, so the rest is dropped whenever anything of its object is.
    QStringList complements;
    // Arrays of areas (e.g. "areas") each holding an array (`acrossKey`, e.g. "values") of points
    // in time: the areas' points at one position are the parts of a line, whose total is the
    // matching point of `acrossTotal` (e.g. "ics") when the output has it.
    QString linesAcross, acrossKey, acrossTotal;
    // Counts of one object that add up: a total and its parts (rows read = imported + rejected),
    // protected as a line so a hidden part is not the total less the others.
    std::vector<std::pair<QString, QStringList>> sums;
    // Text that reads out the object's figures (a sentence for a director): whatever the object
    // holds under the key is replaced by what the function writes from the object once its
    // figures are published, so a sentence is never more precise than the numbers beside it and
    // a stored or edited one never leaves as it was written.
    std::vector<std::pair<QString, std::function<QString(const QJsonObject &published)>>> sentences;
    // Values computed again from the object's published values (a standardised difference from
    // published means), in order, before the sentences: whatever the object holds under the key is
    // replaced, so nothing derived is more precise than what it rests on.
    std::vector<std::pair<QString, std::function<QJsonValue(const QJsonObject &published)>>> recomputed;
};

struct Published {
    QJsonValue value;
    int suppressed = 0;  // counts suppressed (primary and complementary)
};

Published publish(const QJsonValue &value, const OutputFields &fields, const Policy &policy);

// `v` to `digits` significant figures as text, without an exponent and without decimals beyond
// them ("1230", "12.3", "0.0123"); never "-0".
QString significantText(double v, int digits);

// {"policy": "...", "suppressed": n}: the key every JSON object output carries as "disclosure".
QJsonObject describe(const Policy &policy, int suppressed);

}  // namespace phm::core::disclosure
