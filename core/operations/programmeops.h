#pragma once
// Keeping evaluations in the project, as operations (`phm programmes freeze`, `phm evaluate
// --save`, `phm evaluations list`, the Evaluation view): a saved cohort frozen into a programme
// at an index date, and an evaluation saved with its settings and published result.
#include "base/feedback.h"
#include "base/result.h"
#include "evaluation/programmestore.h"
#include "geo/areas.h"
#include "governance/publish.h"
#include "operations/evaluateop.h"
#include "session/session.h"

#include <QJsonObject>
#include <optional>

namespace phm::core::ops {

struct FreezeRequest {
    QString name;    // the programme's
    QString cohort;  // a saved cohort; its current version is frozen
    int32_t indexDate = kNoDate;
    std::optional<Area> area;  // members registered in this area only (the ICS when empty)
};
struct FreezeRun {
    QString name, cohort;
    int cohortVersion = 0;
    int32_t indexDate = kNoDate;
    int64_t members = 0;
    QJsonObject base;  // baseJson: registered and alive at the index date, in the area
};
// Evaluates the cohort's current rule at the index date among the people registered and alive
// then (in the area), and stores the members by pseudonym with the date as their enrolment. The
// index date must lie inside the extract; the name must be new.
Result<FreezeRun> freezeCohort(Session &session, const FreezeRequest &request, Feedback &feedback);
// programme, cohort, cohort_version, index_date, members, base{...}
QJsonObject freezeJson(const FreezeRun &run);
const disclosure::OutputFields &freezeFields();

// The request as saved beside an evaluation (enough to run it again), and back: a saved
// request is read from the project file, so every value is checked.
QJsonObject evaluationSettingsJson(const EvaluateRequest &request);
Result<EvaluateRequest> evaluationRequestFrom(const QJsonObject &settings);
// Saves `published` (the evaluation's JSON as it left through disclosure control) with the
// request under `name`; the session's user is its author. Returns the new id.
Result<qint64> saveEvaluation(Session &session, const QString &name, const EvaluateRequest &request, const QJsonObject &published);
// evaluations[{id, name, programme, saved_at, saved_by, settings{...}, result{...}}], oldest first,
// and damaged[{id, reason}]: rows of the project file that could not be read, left out.
Result<QJsonObject> savedEvaluationsJson(const Session &session);
// The fields of an evaluation's result (evaluationFields), for the list of saved ones: a stored
// result passes disclosure control again when it leaves (no more precise than when it was saved,
// whatever the file holds).
const disclosure::OutputFields &savedEvaluationsFields();
// Every programme of the project with its enrolments (imported and frozen), for the packs'
// counts of people enrolled from each area.
Result<std::vector<evaluation::Programme>> allProgrammes(const Session &session);
// The saved evaluations with each result published again under `policy` (what a pack shows); the
// damaged rows are left out and pushed to `feedback` as warnings, so one bad row does not stop a pack.
Result<std::vector<evaluation::SavedEvaluation>> publishedEvaluations(const Session &session, const disclosure::Policy &policy,
                                                                      Feedback *feedback = nullptr);

}  // namespace phm::core::ops
