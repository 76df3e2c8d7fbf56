#include "indicators/indicatorunit.h"

#include <QCoreApplication>
#include <QLocale>

namespace phm::core {

namespace {
QString tr(const char *text) { return QCoreApplication::translate("phm::core::IndicatorUnit", text); }
bool isCost(const IndicatorDefinition &d) { return d.events.trimmed().startsWith(QLatin1String("cost(")); }
}  // namespace

QString indicatorUnitShort(const IndicatorDefinition &d) {
    if (d.type == IndicatorType::Mean) return isCost(d) ? QStringLiteral("£") : tr("mean");
    if (d.type == IndicatorType::Proportion && d.multiplier == 100) return QStringLiteral("%");
    if (d.multiplier > 1) return tr("per %1").arg(QLocale().toString(d.multiplier, 'f', 0));
    return d.type == IndicatorType::Proportion ? tr("proportion") : tr("rate");
}

QString indicatorUnit(const IndicatorDefinition &d) {
    if (d.type == IndicatorType::Mean && isCost(d)) return tr("£ per head");
    if (d.type == IndicatorType::Dsr) return tr("%1 (age-standardised)").arg(indicatorUnitShort(d));
    return indicatorUnitShort(d);
}

}  // namespace phm::core
