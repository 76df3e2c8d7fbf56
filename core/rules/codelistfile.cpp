#include "rules/codelistfile.h"

#include "base/csvreader.h"

#include <QRegularExpression>
#include <QSet>
#include <algorithm>

namespace phm::core::rules {

namespace {
Error bad(const QString &path, int64_t line, int64_t column, const QString &why) {
    return Error{ErrorCode::BadCodelist, QStringLiteral("%1: line %2, column %3: %4").arg(path).arg(line).arg(column).arg(why), path};
}

// Why a code cannot be one, or empty when it can.
QString problem(const QString &code) {
    if (code.trimmed().isEmpty()) return QStringLiteral("the code is empty");
    if (code.size() > kMaxCodeLength) return QStringLiteral("the code is longer than %1 characters").arg(kMaxCodeLength);
    for (QChar c : code)
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return QStringLiteral("the code holds a control character");
    return {};
}
}  // namespace

Result<QStringList> readCodeListFile(const QString &path) {
    CsvReader reader(path);
    if (auto s = reader.open(); !s) return Error{ErrorCode::UnknownCodelist, QStringLiteral("%1: cannot be read").arg(path), path};
    if (reader.next() != CsvReader::Step::Record) return bad(path, 1, 1, QStringLiteral("no header"));
    int column = -1;
    for (size_t i = 0; i < reader.fields().size(); ++i)
        if (reader.fields()[i] == "code") column = int(i);
    if (column < 0) return bad(path, 1, 1, QStringLiteral("no `code` column"));
    QStringList out;
    QSet<QString> seen;
    for (;;) {
        const CsvReader::Step step = reader.next();
        if (step == CsvReader::Step::End) break;
        if (step == CsvReader::Step::Error) return reader.error();
        if (reader.isMalformed()) return bad(path, reader.line(), 1, QString::fromStdString(reader.malformedReason()));
        if (std::all_of(reader.fields().begin(), reader.fields().end(), [](std::string_view v) { return v.empty(); }))
            continue;  // a blank line
        if (int(reader.fields().size()) <= column) return bad(path, reader.line(), column + 1, QStringLiteral("no code in this row"));
        const auto f = reader.fields()[size_t(column)];
        const QString code = QString::fromUtf8(f.data(), qsizetype(f.size())).trimmed();
        if (const QString why = problem(code); !why.isEmpty()) return bad(path, reader.line(), column + 1, why);
        if (seen.contains(code)) continue;
        if (out.size() >= kMaxCodes) return bad(path, reader.line(), column + 1, QStringLiteral("more than %1 codes").arg(kMaxCodes));
        seen.insert(code);
        out << code;
    }
    if (out.isEmpty()) return bad(path, 2, column + 1, QStringLiteral("the list has no codes"));
    return out;
}

Status checkCodes(const QStringList &codes, const QString &where) {
    if (codes.isEmpty() || codes.size() > kMaxCodes)
        return Error{ErrorCode::BadCodelist, QStringLiteral("%1: a code list holds 1 to %2 codes").arg(where).arg(kMaxCodes), where};
    for (qsizetype i = 0; i < codes.size(); ++i)
        if (const QString why = problem(codes[i]); !why.isEmpty())
            return Error{ErrorCode::BadCodelist, QStringLiteral("%1: code %2: %3").arg(where).arg(i + 1).arg(why), where};
    return Ok{};
}

Status checkCodeListName(const QString &name) {
    static const QRegularExpression valid(QStringLiteral("^[a-z][a-z0-9_-]{0,59}$"));
    if (!valid.match(name).hasMatch())
        return Error{ErrorCode::BadName,
                     QStringLiteral("a code list's name is 1 to %1 lower-case letters, digits, _ or -, starting with a letter: `%2`")
                         .arg(kMaxCodeListName)
                         .arg(name.left(kMaxCodeListName)),
                     name.left(kMaxCodeListName)};
    return Ok{};
}

}  // namespace phm::core::rules
