#include "base/plaintext.h"

#include <algorithm>

namespace phm::core {

QString oneLine(const QString &text, int maxChars) {
    QString out;
    out.reserve(std::min<qsizetype>(text.size(), maxChars + 1));
    for (QChar c : text.left(qsizetype(maxChars) * 4)) {
        const auto category = c.category();
        if (category == QChar::Other_Control || category == QChar::Other_Format || c.isSpace()) {
            if (!out.isEmpty() && !out.endsWith(QLatin1Char(' '))) out += QLatin1Char(' ');
        } else {
            out += c;
        }
    }
    out = out.trimmed();
    if (out.size() > maxChars) out = out.left(maxChars - 1) + QChar(0x2026);
    return out;
}

}  // namespace phm::core
