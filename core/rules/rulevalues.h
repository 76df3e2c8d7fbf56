#pragma once
// Shared by both rule engines: how a text field's values are spelled in this project, and how
// a person maps onto them. Literals are matched case-insensitively to the canonical spelling
// (a PCN by code or name), and an unknown value is an error with a suggestion, not an empty
// cohort.
#include "base/result.h"
#include "rules/ruleast.h"
#include "store/project.h"

#include <QStringList>

namespace phm::core::rules {

struct TextDictionary {
    QStringList values;        // canonical spellings; a person's key indexes this list
    QStringList alternatives;  // same length: second accepted spelling (PCN names), may be empty
};

bool isTextField(const QString &field);
TextDictionary textDictionary(const Project &project, const QString &field);
// Key of person i in textDictionary(field).
int textKey(const Project &project, const QString &field, int32_t person);
// Canonical values for the literals, or an error naming the unknown one.
Result<QStringList> resolveText(const TextDictionary &dict, const QString &field, const QStringList &literals);
// An error that points at the rule node: "line L, column C: message".
Error locatedError(const Expr &e, const QString &message);
// ONS 2011 ethnic group of an ethnicity key (index + 1, 0 = not known).
QString ethnicGroupOf(int ethnicityKey);

}  // namespace phm::core::rules
