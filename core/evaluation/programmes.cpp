#include "evaluation/programmes.h"

#include "store/projectdb.h"

#include <map>
#include <unordered_map>

namespace phm::core::evaluation {

namespace {
// Dates a project can hold (the importer's range, 1880 to 2100): anything else is damage.
constexpr int64_t kEarliest = -32873, kLatest = 47846;

struct Row {
    int32_t person, enrolled, ended;
};

// Adds a row unless the person already has an earlier enrolment in the programme.
void keepFirst(std::map<int32_t, Row> &byPerson, const Row &r) {
    auto [it, added] = byPerson.emplace(r.person, r);
    if (!added && r.enrolled < it->second.enrolled) it->second = r;
}

Programme fromRows(const QString &name, const QString &source, const std::map<int32_t, Row> &byPerson) {
    Programme p{name, source, {}, {}, {}};
    for (const auto &[person, r] : byPerson) {
        p.people.push_back(person);
        p.enrolled.push_back(r.enrolled);
        p.ended.push_back(r.ended);
    }
    return p;
}

Error damaged(ProjectDb &db, const QString &what) {
    return Error{ErrorCode::CorruptProject, QStringLiteral("%1: programme enrolments: %2").arg(db.path(), what), db.path()};
}

// Imported enrolments of every programme (or of `only`), validated against the project.
Result<std::map<QString, std::map<int32_t, Row>>> importedRows(ProjectDb &db, const Project &project, const QString &only) {
    std::map<QString, std::map<int32_t, Row>> out;
    if (!hasTable(db, "programmes")) return out;  // a project imported before programmes.csv existed
    Statement st(db, QStringLiteral("SELECT rowid, pid, programme, enrolled_date, ended_date FROM programmes %1")
                         .arg(only.isEmpty() ? QString() : QStringLiteral("WHERE programme = ?")));
    if (!only.isEmpty()) st.bindText(1, only);
    while (st.step()) {
        const int64_t row = st.columnInt(0), pid = st.columnInt(1);
        const int64_t enrolled = st.columnInt(3);
        const QString ended = st.columnText(4);
        if (pid < 0 || pid >= project.persons.count)
            return damaged(db, QStringLiteral("row %1 names person %2 of %3").arg(row).arg(pid).arg(project.persons.count));
        if (enrolled < kEarliest || enrolled > kLatest) return damaged(db, QStringLiteral("row %1 has no valid enrolment date").arg(row));
        const int32_t end = ended.isEmpty() ? kNoDate : int32_t(std::clamp<int64_t>(ended.toLongLong(), kEarliest, kLatest));
        keepFirst(out[st.columnText(2)], Row{int32_t(pid), int32_t(enrolled), end});
    }
    if (!st.ok()) return db.failure(QStringLiteral("cannot read programme enrolments"));
    return out;
}

// Programmes frozen from cohorts: members by pseudonym, enrolled on the programme's index date.
Result<std::map<QString, std::pair<QString, std::map<int32_t, Row>>>> frozenRows(ProjectDb &db, const Project &project,
                                                                                 const QString &only) {
    std::map<QString, std::pair<QString, std::map<int32_t, Row>>> out;
    if (db.schemaVersion() < 7 || !hasTable(db, "programme")) return out;
    std::unordered_map<std::string_view, int32_t> byId;
    byId.reserve(size_t(project.persons.count));
    for (int32_t p = 0; p < project.persons.count; ++p) byId.emplace(project.persons.id(p), p);
    Statement st(db, QStringLiteral("SELECT p.name, p.cohort, p.cohort_version, p.index_date, m.person_id FROM programme p "
                                    "JOIN programme_member m ON m.programme = p.name %1")
                         .arg(only.isEmpty() ? QString() : QStringLiteral("WHERE p.name = ?")));
    if (!only.isEmpty()) st.bindText(1, only);
    while (st.step()) {
        const int64_t index = st.columnInt(3);
        if (index < kEarliest || index > kLatest)
            return damaged(db, QStringLiteral("programme %1 has no valid index date").arg(st.columnText(0)));
        auto &entry = out[st.columnText(0)];
        entry.first = QStringLiteral("cohort %1 version %2").arg(st.columnText(1)).arg(st.columnInt(2));
        const std::string id = st.columnText(4).toStdString();
        if (auto it = byId.find(id); it != byId.end()) keepFirst(entry.second, Row{it->second, int32_t(index), kNoDate});
    }
    if (!st.ok()) return db.failure(QStringLiteral("cannot read frozen programmes"));
    return out;
}
}  // namespace

Result<std::vector<ProgrammeSummary>> listProgrammes(ProjectDb &db, const Project &project) {
    auto imported = importedRows(db, project, {});
    if (!imported) return imported.error();
    auto frozen = frozenRows(db, project, {});
    if (!frozen) return frozen.error();
    std::vector<ProgrammeSummary> out;
    auto summarise = [&](const QString &name, const QString &source, const std::map<int32_t, Row> &rows) {
        ProgrammeSummary s{name, source, int64_t(rows.size()), kNoDate, kNoDate};
        for (const auto &[person, r] : rows) {
            if (s.first == kNoDate || r.enrolled < s.first) s.first = r.enrolled;
            if (s.last == kNoDate || r.enrolled > s.last) s.last = r.enrolled;
        }
        out.push_back(s);
    };
    for (const auto &[name, rows] : imported.value()) summarise(name, QStringLiteral("programmes.csv"), rows);
    for (const auto &[name, entry] : frozen.value())
        if (!imported.value().count(name)) summarise(name, entry.first, entry.second);
    std::sort(out.begin(), out.end(), [](const ProgrammeSummary &a, const ProgrammeSummary &b) { return a.name < b.name; });
    return out;
}

Result<Programme> loadProgramme(ProjectDb &db, const Project &project, const QString &name) {
    auto imported = importedRows(db, project, name);
    if (!imported) return imported.error();
    if (auto it = imported.value().find(name); it != imported.value().end())
        return fromRows(name, QStringLiteral("programmes.csv"), it->second);
    auto frozen = frozenRows(db, project, name);
    if (!frozen) return frozen.error();
    if (auto it = frozen.value().find(name); it != frozen.value().end()) return fromRows(name, it->second.first, it->second.second);
    auto all = listProgrammes(db, project);
    QStringList names;
    if (all)
        for (const ProgrammeSummary &s : all.value()) names << s.name;
    return Error{ErrorCode::UnknownProgramme,
                 names.isEmpty()
                     ? QStringLiteral("no programme called \"%1\": the project has no programme enrolments (import programmes.csv "
                                      "or freeze a cohort)")
                           .arg(name)
                     : QStringLiteral("no programme called \"%1\"; the project has: %2").arg(name, names.join(QStringLiteral(", "))),
                 name};
}

}  // namespace phm::core::evaluation
