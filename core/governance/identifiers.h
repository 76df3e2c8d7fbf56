#pragma once
// The one identifier check for free text that the workbench keeps (audit entries above all: a
// reveal reason, a refusal, a note). It finds what could name a person: NHS numbers (any run of ten
// or more digits, with or without single spaces or hyphens; the modulus 11 digit is not required,
// so a mistyped number is found too), dates (dd/mm/yyyy, d-m-yy, d.m.yyyy, yyyy-mm-dd, yyyy/mm/dd,
// "3 April 1950", "April 3, 1950"), UK postcodes, and the names given (from an open key store).
// It is deliberately eager: a false alarm costs a "[redacted]" in a log, a miss puts a person in it.
#include <QString>
#include <QStringList>

namespace phm::core {

// Whether the text holds anything above. `knownNames` are matched as whole words, ignoring case.
bool containsIdentifier(const QString &text, const QStringList &knownNames = {});
// The text with each match replaced by "[redacted]".
QString redactIdentifiers(const QString &text, const QStringList &knownNames = {});

}  // namespace phm::core
