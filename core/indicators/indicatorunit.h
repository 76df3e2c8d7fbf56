#pragma once
// The unit an indicator's value is in, as tables and legends name it: "%", "per 1,000",
// "per 100,000 (age-standardised)", "£ per head" or "mean".
#include "indicators/indicators.h"

namespace phm::core {

QString indicatorUnit(const IndicatorDefinition &definition);
// The same without a qualifier, for narrow columns and legends: "%", "per 1,000", "per 100,000", "£".
QString indicatorUnitShort(const IndicatorDefinition &definition);

}  // namespace phm::core
