#pragma once
// Indicator definitions are data (resources/indicators/indicators.json, or a user's file of the
// same layout): a numerator rule (people counted) or an events measure (count/cost per person),
// a denominator rule, the statistic and its multiplier, polarity, description and source.
// docs/indicators.md lists the bundled ones.
#include "base/result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <vector>

namespace phm::core {

class ProjectDb;
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
    // DSRs: false when one person can have several events (admissions, attendances), so the
    // interval uses the non-independent-events variance (statistics.h dsrNonIndependent).
    bool independentEvents = true;
};

QString indicatorTypeName(IndicatorType t);  // "proportion", "rate", "dsr", "mean"
QString polarityName(Polarity p);            // "no_judgement", "higher_is_better", "lower_is_better"

// The bundled indicators, then those stored in the project (when a connection is given: a
// session's, Session::indicators), then those of `userFile` (same id: the later wins). Each rule
// and measure is parsed (against the code lists when given), so a typo is reported here with the
// indicator's id, not later in a profile.
Result<std::vector<IndicatorDefinition>> loadIndicators(const QString &userFile = {}, const rules::CodeLists *lists = nullptr,
                                                        ProjectDb *project = nullptr);

// The definition with this id, or null.
const IndicatorDefinition *findIndicator(const std::vector<IndicatorDefinition> &list, const QString &id);

// One definition as JSON, in the layout of resources/indicators (parseIndicators reads it back).
QJsonObject indicatorJson(const IndicatorDefinition &d);
// Checks a definition as a definitions file would be checked; the error names what is wrong.
Status checkIndicator(const IndicatorDefinition &d, const rules::CodeLists *lists);

// Indicators an analyst made in the workbench, kept in the project file (meta table) so the
// project carries them. Saving replaces a stored one with the same id; a definition that fails
// checkIndicator is not written. Each write is one SQLite statement: all or nothing. Read through
// an open connection (a session's); written through one opened for writing (the session's writes),
// under the project's write lock.
Result<std::vector<IndicatorDefinition>> projectIndicators(ProjectDb &db, const rules::CodeLists *lists);
Status saveProjectIndicator(ProjectDb &db, const IndicatorDefinition &d, const rules::CodeLists *lists);
Status removeProjectIndicator(ProjectDb &db, const QString &id);
Result<std::vector<IndicatorDefinition>> parseIndicators(const QByteArray &json, const QString &origin,
                                                         const rules::CodeLists *lists = nullptr);

}  // namespace phm::core
