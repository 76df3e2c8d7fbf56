#pragma once
// The PHM cycle as each PCN runs it: review the data, choose an opportunity, design an
// intervention, implement it, evaluate the impact. A cycle is one opportunity a PCN works on
// (e.g. "Frailty: proactive MDT review"); each stage is recorded when it is reached, with the
// date and the saved cohorts it used. The ICS counts how many PCNs completed a full cycle
// (reached "evaluate") in the financial year.
#include "base/result.h"

#include <QDate>
#include <QJsonObject>
#include <QStringList>
#include <array>
#include <optional>
#include <vector>

namespace phm::core::cycle {

enum class Stage { Review, Choose, Design, Implement, Evaluate };
constexpr int kStages = 5;
QString stageKey(Stage s);   // review, choose, design, implement, evaluate
QString stageName(Stage s);  // "Review the data", "Choose an opportunity", ...
std::optional<Stage> stageNamed(const QString &key);

struct StageRecord {
    Stage stage = Stage::Review;
    QDate reachedOn;
    QStringList cohorts;  // saved cohorts used at this stage
    QString note;
    QString recordedAt, recordedBy;
    qint64 evaluation = 0;  // the evaluate stage's saved evaluation (core/evaluation/programmestore), 0: none
};

struct Cycle {
    qint64 id = 0;
    QString pcn;                      // PCN ODS code
    QString title;                    // the opportunity
    std::vector<StageRecord> stages;  // in the order reached
    std::optional<Stage> reached() const;
    bool complete() const { return reached() == Stage::Evaluate; }
    QDate completedOn() const;  // the date "evaluate" was reached; invalid if not complete
    QJsonObject toJson() const;
};

// Checks a stage before it is added to a cycle: stages are reached in order, one at a time, on
// or after the date of the one before; the cohorts named must be saved cohorts of the project;
// only the evaluate stage links a saved evaluation.
Status checkNextStage(const Cycle &cycle, const StageRecord &next, const QStringList &savedCohorts);

// The financial year (1 April to 31 March) that holds `day`.
std::pair<QDate, QDate> financialYear(const QDate &day);

struct Dashboard {
    QDate from, to;
    int pcns = 0;                         // PCNs of the project
    int completed = 0;                    // PCNs with a cycle completed between from and to
    int evidenced = 0;                    // of those, PCNs whose evaluate stage names a saved evaluation
    double share = 0;                     // completed / pcns
    std::array<int, kStages> furthest{};  // PCNs by the furthest stage of any cycle (active in the year)
    int notStarted = 0;                   // PCNs with no cycle at all
};
Dashboard dashboard(const std::vector<Cycle> &cycles, const QStringList &pcns, const QDate &from, const QDate &to);

}  // namespace phm::core::cycle
