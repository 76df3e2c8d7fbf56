#pragma once
// The JSON of an indicator's value and the disclosure fields every indicator output shares: the
// numerator and denominator are counts; the value and its interval are derived from them; the
// comparators (ICS, parent) are published to four significant figures; `rest` (everyone else's
// value) is dropped whenever the group's counts are.
#include "governance/publish.h"
#include "indicators/indicatortally.h"

#include <QJsonObject>
#include <QJsonValue>
#include <cmath>

namespace phm::core::ops {

// A number for JSON: NaN (no value) as null.
inline QJsonValue jsonNumber(double v) { return std::isnan(v) ? QJsonValue() : QJsonValue(v); }

// numerator, denominator, value, lowercl, uppercl.
QJsonObject indicatorValueJson(const IndicatorValue &v);

const disclosure::OutputFields &indicatorFields();

}  // namespace phm::core::ops
