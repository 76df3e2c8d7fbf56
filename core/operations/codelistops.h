#pragma once
// A code list as an analyst browses it (the cohort builder's code-list browser): every code with
// its description, and how many people and events have it in a dataset, so a list can be judged
// before it is used in a rule. Counts are people and events up to the extract end; they are
// exact here and leave through codeListFields() like every other result.
#include "base/feedback.h"
#include "base/result.h"
#include "governance/publish.h"
#include "session/session.h"

#include <QJsonObject>

namespace phm::core::ops {

struct CodeListRequest {
    QString list;                            // without the @
    QString dataset = QStringLiteral("gp");  // gp, apc (ICD-10: an entry matches its subcodes), ...
};

struct CodeListEntry {
    QString code, term;
    int64_t people = 0, events = 0;
};

struct CodeListRun {
    QString list, dataset;
    std::vector<CodeListEntry> codes;  // in the list's order
    int64_t people = 0;                // with any code of the list
};

Result<CodeListRun> runCodeList(const Session &session, const CodeListRequest &request, Feedback &feedback);
// {list, dataset, people, codes[{code, term, people, events}]}
QJsonObject codeListJson(const CodeListRun &run);
const disclosure::OutputFields &codeListFields();

}  // namespace phm::core::ops
