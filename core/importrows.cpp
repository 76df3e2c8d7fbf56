// Row acceptance for persons and events: lookups, duplicates, SQL insert and the in-memory tables.
#include "importjob.h"

#include <cmath>
#include <functional>

namespace phm::core {

namespace {
std::string str(std::string_view v) { return std::string(v); }
}  // namespace

RowProblem ImportJob::acceptPerson(const std::vector<FieldValue> &v) {
    const FileSpec &spec = fileSpec(Dataset::Persons);
    static const int cId = spec.columnIndex("person_id"), cSex = spec.columnIndex("sex"), cBirth = spec.columnIndex("birth_year_month"),
                     cEth = spec.columnIndex("ethnicity"), cLsoa = spec.columnIndex("lsoa11"), cPrac = spec.columnIndex("practice_code"),
                     cStart = spec.columnIndex("registration_start"), cEnd = spec.columnIndex("registration_end"),
                     cDeath = spec.columnIndex("date_of_death");
    const std::string id = str(v[size_t(cId)].text);
    if (mPersonIndex.count(id)) return {"duplicate_id", cId, "person_id seen before: " + id};
    const int lsoa = lsoaIndex(v[size_t(cLsoa)].text);
    if (lsoa < 0) return {"unknown_lsoa", cLsoa, "not an England LSOA 2011 code: " + str(v[size_t(cLsoa)].text)};
    auto prac = mPracticeIndex.find(str(v[size_t(cPrac)].text));
    if (prac == mPracticeIndex.end()) return {"unknown_practice", cPrac, "not in practices.csv: " + str(v[size_t(cPrac)].text)};

    const int32_t pid = mPersons.count++;
    mPersonIndex.emplace(id, pid);
    PersonTable &t = mPersons;
    if (t.idOffsets.empty()) t.idOffsets.push_back(0);
    t.idBytes.insert(t.idBytes.end(), id.begin(), id.end());
    t.idOffsets.push_back(uint32_t(t.idBytes.size()));
    t.sex.push_back(uint8_t(v[size_t(cSex)].integer));
    t.birthYm.push_back(int32_t(v[size_t(cBirth)].integer));
    t.ethnicity.push_back(v[size_t(cEth)].present ? uint8_t(v[size_t(cEth)].integer + 1) : 0);
    t.lsoa.push_back(uint16_t(lsoa));
    t.practice.push_back(uint16_t(prac->second));
    auto date = [&](int c) { return v[size_t(c)].present ? int32_t(v[size_t(c)].integer) : kNoDate; };
    t.regStart.push_back(date(cStart));
    t.regEnd.push_back(date(cEnd));
    t.death.push_back(date(cDeath));
    for (size_t f = 0; f < kPersonFlags.size(); ++f) t.flags[f].push_back(v[size_t(spec.columnIndex(kPersonFlags[f]))].integer == 1);

    if (!mInsert) {
        QStringList cols = {QStringLiteral("pid"), QStringLiteral("person_id"), QStringLiteral("sex"), QStringLiteral("birth_ym"),
                            QStringLiteral("ethnicity"), QStringLiteral("lsoa_idx"), QStringLiteral("practice_idx"),
                            QStringLiteral("registration_start"), QStringLiteral("registration_end"), QStringLiteral("date_of_death")};
        for (const char *f : kPersonFlags) cols << QLatin1String(f);
        QStringList marks;
        for (int i = 0; i < cols.size(); ++i) marks << QStringLiteral("?");
        mInsert = std::make_unique<Statement>(*mDb, QStringLiteral("INSERT INTO person(%1) VALUES (%2)")
                                                        .arg(cols.join(QLatin1Char(',')), marks.join(QLatin1Char(','))));
    }
    Statement &st = *mInsert;
    st.bind(1, int64_t(pid));
    st.bindText(2, id);
    st.bindText(3, v[size_t(cSex)].text);
    st.bind(4, v[size_t(cBirth)].integer);
    if (v[size_t(cEth)].present) st.bindText(5, v[size_t(cEth)].text); else st.bindNull(5);
    st.bind(6, int64_t(lsoa));
    st.bind(7, int64_t(prac->second));
    int i = 8;
    for (int c : {cStart, cEnd, cDeath}) {
        if (v[size_t(c)].present) st.bind(i, v[size_t(c)].integer); else st.bindNull(i);
        ++i;
    }
    for (const char *f : kPersonFlags) st.bind(i++, v[size_t(spec.columnIndex(f))].integer);
    if (!st.stepDone()) return {"database_error", -1, mDb->lastError().toStdString()};
    return {};
}

RowProblem ImportJob::acceptEvent(Dataset d, const std::vector<FieldValue> &v, std::string_view raw, FileImportReport &rep) {
    const FileSpec &spec = fileSpec(d);
    auto person = mPersonIndex.find(str(v[size_t(mPersonCol)].text));
    if (person == mPersonIndex.end()) {
        ++rep.unlinked;
        return {"unknown_person", mPersonCol, "person_id not in persons: " + str(v[size_t(mPersonCol)].text)};
    }
    ++rep.linked;
    if (!mSeenRows.insert(std::hash<std::string_view>{}(raw)).second) {
        --rep.linked;  // a duplicate is not a linked event
        return {"duplicate_row", -1, "exact copy of an earlier row"};
    }
    const int32_t pid = person->second;
    Statement &st = *mInsert;
    for (size_t c = 0; c < spec.columns.size(); ++c) {
        const FieldValue &f = v[c];
        const int i = int(c) + 1;
        const ColumnType type = spec.columns[c].type;
        if (type == ColumnType::Person) st.bind(i, int64_t(pid));
        else if (!f.present) st.bindNull(i);
        else if (type == ColumnType::Date || type == ColumnType::Integer || type == ColumnType::Flag) st.bind(i, f.integer);
        else if (type == ColumnType::Decimal) st.bind(i, f.number);
        else st.bindText(i, f.text);
    }
    if (!st.stepDone()) return {"database_error", -1, mDb->lastError().toStdString()};

    const EventColumns &m = eventColumns(d);
    auto col = [&](const char *name) -> const FieldValue * {
        return name ? &v[size_t(spec.columnIndex(name))] : nullptr;
    };
    auto day = [&](const char *name) { const FieldValue *f = col(name); return f && f->present ? int32_t(f->integer) : kNoDate; };
    auto attr = [&](const char *name) {
        const FieldValue *f = col(name);
        return f && f->present ? uint8_t(f->integer + 1) : uint8_t(0);
    };
    auto number = [&](const char *name) {
        const FieldValue *f = col(name);
        return f && f->present ? float(f->number) : NAN;
    };
    const FieldValue *code = col(m.code);
    mEvents[size_t(int(d) - kFirstEventDataset)].add(pid, day(m.date), day(m.end), code ? code->text : std::string_view{}, attr(m.attr1),
                                                     attr(m.attr2), number(m.value), number(m.cost));
    return {};
}

}  // namespace phm::core
