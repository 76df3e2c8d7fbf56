#pragma once
// Indicator definitions are data (resources/indicators/indicators.json, or a user's file of the
// same layout): a numerator rule (people counted) or an events measure (count/cost per person),
// a denominator rule, the statistic and its multiplier, polarity, description and source.
// docs/indicators.md lists the bundled ones.
#include "result.h"

#include <QString>
#include <QStringList>
#include <vector>

namespace phm::core {

namespace rules {
class CodeLists;
}

enum class IndicatorType { Proportion, Rate, Dsr, Mean };
enum class Polarity { NoJudgement, HigherIsBetter, LowerIsBetter };

struct IndicatorDefinition {
    QString id, name, topic, description, source;
    IndicatorType type = IndicatorType::Proportion;
    QString numerator;  // rule: people counted (proportion; rate and DSR count people when no events)
    QString events;     // measure such as count(apc, emergency, last 12 months) or cost(all, ...)
    QString denominator = QStringLiteral("registered");
    int denominatorMonthsBefore = 0;  // the denominator is evaluated this many months before the index date
    double multiplier = 100;
    Polarity polarity = Polarity::NoJudgement;
};

QString indicatorTypeName(IndicatorType t);  // "proportion", "rate", "dsr", "mean"
QString polarityName(Polarity p);            // "no_judgement", "higher_is_better", "lower_is_better"

// The bundled indicators, then those of `userFile` when given (same id: the user's wins). Each
// rule and measure is parsed (against the code lists when given), so a typo is reported here
// with the indicator's id, not later in a profile.
Result<std::vector<IndicatorDefinition>> loadIndicators(const QString &userFile = {}, const rules::CodeLists *lists = nullptr);
Result<std::vector<IndicatorDefinition>> parseIndicators(const QByteArray &json, const QString &origin,
                                                         const rules::CodeLists *lists = nullptr);

}  // namespace phm::core
