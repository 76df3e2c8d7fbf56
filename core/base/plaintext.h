#pragma once
// Text read from a project file or a stored result, made safe to print in a table, a PDF or a
// terminal: one line (line breaks and runs of white space become one space), no control or
// format characters, at most `maxChars` characters (an ellipsis when cut).
#include <QString>

namespace phm::core {

QString oneLine(const QString &text, int maxChars);

}  // namespace phm::core
