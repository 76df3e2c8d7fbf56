#pragma once
// Disclosure control for what the `phm` commands print or write: their JSON passes through
// publish() before it is written, and their text and CSV are made from the published JSON, so
// the command line obeys the same policy as the packs (core/disclosure).
//
// An output names which keys hold counts of people or events and which hold values computed from
// the counts of the same object (rates, percentages, intervals). In every object, counts are
// published (rounded, or null when suppressed); a value derived from a suppressed count becomes
// null too, and an object with anything suppressed is marked "suppressed": true. Derived values are
// published to four significant figures, so they cannot give their unrounded counts back. Objects in one
// array are the parts of a line (the areas of a breakdown, the segments of a population, the steps
// of an attrition table): for each count key they are protected together with their total
// (protectLine), so one suppressed part cannot be recovered by subtracting the others from it.
#include "disclosure.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>
#include <utility>
#include <vector>

namespace phm::core::disclosure {

struct OutputFields {
    QStringList counts;  // e.g. count, numerator, denominator, population, n
    // Values computed from counts of the same object (e.g. value, lowercl, uppercl, percent) with
    // the counts each is computed from; no counts named: every count of the object.
    std::vector<std::pair<QString, QStringList>> derived;
    // Keys whose arrays are not parts of a line (e.g. an attrition table, where each step is a
    // subset of the one before, protected by rounding); their objects are still published one by
    // one.
    QStringList notLines;
    // Values from other, larger groups shown for comparison (an ICS or parent value): never
    // suppressed here, but published to four significant figures like derived values.
    QStringList comparators;
    // When set, the objects of an array form one line per value of this key (e.g. "indicator":
    // the areas of a profile are parts of a line for each indicator, not across indicators).
    QString lineBy;
};

struct Published {
    QJsonValue value;
    int suppressed = 0;  // counts suppressed (primary and complementary)
};

Published publish(const QJsonValue &value, const OutputFields &fields, const Policy &policy);

// {"policy": "...", "suppressed": n}: the key every JSON object output carries as "disclosure".
QJsonObject describe(const Policy &policy, int suppressed);

}  // namespace phm::core::disclosure
