#pragma once
// One criterion of the cohort builder's panel as the fields of a form, when it has a shape a
// form can show: a person field compared with a value (`age >= 65`, `sex = 'F'`), a flag
// (`care_home`, `not care_home`), or an event test (`has(gp, @diabetes)`, `count(ae, last 12
// months) >= 2`). Anything else stays rule text. criterionText() writes the form back as rule
// text that parses to the same criterion.
#include <QString>
#include <QStringList>
#include <optional>

namespace phm::core::rules {

class CodeLists;

struct CriterionForm {
    enum Kind { FieldCompare, Flag, Event } kind = FieldCompare;
    QString field;                      // FieldCompare, Flag
    bool negated = false;               // Flag: `not care_home`
    QString op = QStringLiteral(">=");  // FieldCompare; Event when counting: = != < <= > >=
    QString value;                      // FieldCompare: as written in rule text (65, 'F'); Event: the count
    bool counting = false;              // Event: count(...) op value, else has(...)
    QString dataset = QStringLiteral("gp");
    QStringList codeLists;  // Event: without @
    QStringList filters;    // Event: emergency, attended, ...
    int months = 0;         // Event: within the last n months; 0 = ever
    bool operator==(const CriterionForm &o) const = default;
};

// The form of `text`, or nothing when it is not one of the shapes above (or does not parse).
std::optional<CriterionForm> criterionForm(const QString &text, const CodeLists *lists = nullptr);
QString criterionText(const CriterionForm &form);
// The comparison operators as rule text, in the order a form offers them.
QStringList compareOperators();

}  // namespace phm::core::rules
