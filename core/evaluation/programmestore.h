#pragma once
// What an analyst keeps of an evaluation in the project (schema 7): programmes frozen from a
// saved cohort at an index date (the `programme` and `programme_member` tables, members by
// pseudonym so the programme survives a re-import and a change of the cohort's rule) and saved
// evaluations (the `evaluation` table: the settings, to run it again, and the published result,
// to show and link it without running it). Writes take an open connection for writing and the
// project's write lock; reads check every value they take from the file.
#include "base/result.h"
#include "store/project.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <string>
#include <vector>

namespace phm::core {
class ProjectDb;
}

namespace phm::core::evaluation {

constexpr int kMaxProgrammeName = 120;

struct FrozenProgramme {
    QString name;
    QString cohort;
    int cohortVersion = 0;
    int32_t indexDate = kNoDate;
    std::vector<std::string> members;  // pseudonymised person ids
};
// Stores the programme; refused when the name is empty, too long, or already a programme
// (imported from programmes.csv or frozen before), or when it has no members.
Status saveFrozenProgramme(ProjectDb &db, const FrozenProgramme &programme, const QString &author);

struct SavedEvaluation {
    qint64 id = 0;
    QString name, programme;
    QJsonObject settings;  // the request, as evaluationSettingsJson writes it
    QJsonObject result;    // the published result (phm evaluate --json)
    QDateTime savedAt;
    QString savedBy;
};
constexpr qsizetype kMaxEvaluationJson = 1 << 20;     // bytes of settings or result a saved evaluation may hold (a result is ~20 KB)
constexpr qsizetype kMaxEvaluationsBytes = 64 << 20;  // bytes of all saved evaluations read back
constexpr int kMaxSavedEvaluations = 5000;            // rows read back; a project with more is damaged
// Appends the evaluation and returns its id; refused without a name or programme, or when the
// project already holds kMaxSavedEvaluations.
Result<qint64> saveEvaluation(ProjectDb &db, const SavedEvaluation &evaluation, const QString &author);

struct DamagedEvaluation {
    qint64 id = 0;
    QString reason;  // "saved evaluation 7: its result is not a JSON object"
};
struct SavedEvaluations {
    std::vector<SavedEvaluation> evaluations;  // oldest first
    std::vector<DamagedEvaluation> damaged;    // rows left out, each with what is wrong
};
// Every saved evaluation, oldest first (none in a project older than schema 7), at most
// kMaxSavedEvaluations and kMaxEvaluationsBytes in all. A row whose JSON is not an object, or too
// large (its bytes measured in SQL before it is read), is damage: left out and named, never a
// half-read record, so one bad row does not stop a pack. A table with computed (generated or
// hidden) columns, which a small file could use to make huge values, is an error, as is a project
// that cannot be read.
Result<SavedEvaluations> savedEvaluations(ProjectDb &db);

}  // namespace phm::core::evaluation
