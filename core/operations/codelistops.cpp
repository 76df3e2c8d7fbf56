#include "operations/codelistops.h"

#include "base/csvreader.h"
#include "base/dataspec.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSet>

namespace phm::core::ops {

namespace {

// The bundled list's descriptions (the `term` column), by code; a user's list may have none.
QHash<QString, QString> termsOf(const QString &list) {
    QHash<QString, QString> terms;
    CsvReader reader(QStringLiteral(":/phm/codelists/%1.csv").arg(list));
    if (!reader.open() || reader.next() != CsvReader::Step::Record) return terms;
    int code = -1, term = -1;
    for (size_t i = 0; i < reader.fields().size(); ++i) {
        if (reader.fields()[i] == "code") code = int(i);
        if (reader.fields()[i] == "term") term = int(i);
    }
    if (code < 0 || term < 0) return terms;
    const size_t need = size_t(std::max(code, term)) + 1;
    while (reader.next() == CsvReader::Step::Record)
        if (reader.fields().size() >= need) {
            const auto c = reader.fields()[size_t(code)], t = reader.fields()[size_t(term)];
            terms.insert(QString::fromUtf8(c.data(), qsizetype(c.size())), QString::fromUtf8(t.data(), qsizetype(t.size())));
        }
    return terms;
}

int datasetIndex(const QString &key) {
    for (int d = kFirstEventDataset; d < kEventDatasetEnd; ++d)
        if (key == QLatin1String(fileSpec(Dataset(d)).key)) return d - kFirstEventDataset;
    return -1;
}

}  // namespace

Result<CodeListRun> runCodeList(const Session &session, const CodeListRequest &request, Feedback &feedback) {
    const int e = datasetIndex(request.dataset);
    if (e < 0) return Error{ErrorCode::BadArgument, QStringLiteral("no dataset %1").arg(request.dataset), {}};
    auto codes = session.codeLists().codes(request.list);
    if (!codes) return codes.error();
    const EventTable &t = session.project().events[size_t(e)];
    const bool prefix = request.dataset == QLatin1String("apc");  // as the rule engines match
    const QHash<QString, QString> terms = termsOf(request.list);
    CodeListRun run{request.list, request.dataset, {}, 0};
    std::vector<uint8_t> anyone(size_t(session.project().persons.count), 0);
    for (const QString &code : codes.value()) {
        if (feedback.isCanceled()) return Error{ErrorCode::Canceled, QStringLiteral("cancelled"), {}};
        CodeListEntry entry{code, terms.value(code), 0, 0};
        QSet<int32_t> people;
        for (size_t c = 0; c < t.codes.size(); ++c) {
            if (prefix ? !t.codes[c].startsWith(code) : t.codes[c] != code) continue;
            for (uint32_t k = t.codeOffsets[c]; k < t.codeOffsets[c + 1]; ++k) {
                const int32_t person = t.rowPerson[t.codeRows[k]];
                people.insert(person);
                anyone[size_t(person)] = 1;
            }
            entry.events += int64_t(t.codeOffsets[c + 1] - t.codeOffsets[c]);
        }
        entry.people = people.size();
        run.codes.push_back(entry);
    }
    for (uint8_t a : anyone) run.people += a;
    return run;
}

QJsonObject codeListJson(const CodeListRun &run) {
    QJsonArray codes;
    for (const CodeListEntry &c : run.codes)
        codes.append(QJsonObject{{QStringLiteral("code"), c.code},
                                 {QStringLiteral("term"), c.term},
                                 {QStringLiteral("people"), qint64(c.people)},
                                 {QStringLiteral("events"), qint64(c.events)}});
    return QJsonObject{{QStringLiteral("list"), run.list},
                       {QStringLiteral("dataset"), run.dataset},
                       {QStringLiteral("people"), qint64(run.people)},
                       {QStringLiteral("codes"), codes}};
}

const disclosure::OutputFields &codeListFields() {
    // Codes overlap (one person has several), so the codes are not parts of a line: each count is
    // protected on its own.
    static const disclosure::OutputFields fields = [] {
        disclosure::OutputFields f;
        f.counts = {QStringLiteral("people"), QStringLiteral("events")};
        f.notLines = {QStringLiteral("codes")};
        return f;
    }();
    return fields;
}

}  // namespace phm::core::ops
