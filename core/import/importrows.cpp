// Row acceptance for persons and events: lookups, duplicates, SQL insert and the in-memory tables.
#include "import/importjob.h"

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
    if (mPersonIndex.find(id) != mPersonIndex.end()) return {"duplicate_id", cId, "person_id seen before: " + id};
    const int lsoa = lsoaIndex(v[size_t(cLsoa)].text);
    if (lsoa < 0) return {"unknown_lsoa", cLsoa, "not an England LSOA 2011 code: " + str(v[size_t(cLsoa)].text)};
    auto prac = mPracticeIndex.find(v[size_t(cPrac)].text);
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
    for (size_t f = 0; f < kPersonFlags.size(); ++f) t.flags[f].push_back(v[size_t(mFlagColumns[f])].integer == 1);

    SqlBatchWriter &w = *mWriter;
    w.setInt(1, pid);
    w.setText(2, id);
    w.setText(3, v[size_t(cSex)].text);
    w.setInt(4, v[size_t(cBirth)].integer);
    if (v[size_t(cEth)].present)
        w.setText(5, v[size_t(cEth)].text);
    else
        w.setNull(5);
    w.setInt(6, lsoa);
    w.setInt(7, prac->second);
    int i = 8;
    for (int c : {cStart, cEnd, cDeath}) {
        if (v[size_t(c)].present)
            w.setInt(i, v[size_t(c)].integer);
        else
            w.setNull(i);
        ++i;
    }
    for (int c : mFlagColumns) w.setInt(i++, v[size_t(c)].integer);
    w.endRow();
    return {};
}

int32_t ImportJob::linkPerson(std::string_view personId, FileImportReport &rep) {
    if (personId != mLastPersonId) {
        auto person = mPersonIndex.find(personId);
        if (person == mPersonIndex.end()) {
            ++rep.unlinked;
            return -1;
        }
        mLastPersonId.assign(personId);
        mLastPid = person->second;
    }
    ++rep.linked;
    return mLastPid;
}

void ImportJob::writeSqlRow(const FileSpec &spec, const std::vector<FieldValue> &v, int32_t pid) {
    SqlBatchWriter &w = *mWriter;
    for (size_t c = 0; c < spec.columns.size(); ++c) {
        const FieldValue &f = v[c];
        const int i = int(c) + 1;
        const ColumnType type = spec.columns[c].type;
        if (type == ColumnType::Person)
            w.setInt(i, pid);
        else if (!f.present)
            w.setNull(i);
        else if (type == ColumnType::Date || type == ColumnType::Integer || type == ColumnType::Flag)
            w.setInt(i, f.integer);
        else if (type == ColumnType::Decimal)
            w.setReal(i, f.number);
        else
            w.setText(i, f.text);
    }
    w.endRow();
}

RowProblem ImportJob::acceptEvent(Dataset d, const std::vector<FieldValue> &v, std::string_view raw, FileImportReport &rep) {
    const FileSpec &spec = fileSpec(d);
    const std::string_view personId = v[size_t(mPersonCol)].text;
    const int32_t pid = linkPerson(personId, rep);
    if (pid < 0) return {"unknown_person", mPersonCol, "person_id not in persons: " + str(personId)};
    if (!mSeenRows->insert(std::hash<std::string_view>{}(raw)).second) {
        --rep.linked;  // a duplicate is not a linked event
        return {"duplicate_row", -1, "exact copy of an earlier row"};
    }
    writeSqlRow(spec, v, pid);

    const EventFields &m = mEventFields;
    auto field = [&](int c) -> const FieldValue * { return c >= 0 && v[size_t(c)].present ? &v[size_t(c)] : nullptr; };
    auto day = [&](int c) {
        const FieldValue *f = field(c);
        return f ? int32_t(f->integer) : kNoDate;
    };
    auto attr = [&](int c) {
        const FieldValue *f = field(c);
        return f ? uint8_t(f->integer + 1) : uint8_t(0);
    };
    auto number = [&](int c) {
        const FieldValue *f = field(c);
        return f ? float(f->number) : NAN;
    };
    const FieldValue *code = field(m.code);
    mEvents[size_t(int(d) - kFirstEventDataset)].add(pid, day(m.date), day(m.end), code ? code->text : std::string_view{}, attr(m.attr1),
                                                     attr(m.attr2), number(m.value), number(m.cost));
    return {};
}

RowProblem ImportJob::acceptProgramme(const std::vector<FieldValue> &v, FileImportReport &rep) {
    const FileSpec &spec = fileSpec(Dataset::Programmes);
    static const int cProgramme = spec.columnIndex("programme"), cEnrolled = spec.columnIndex("enrolled_date");
    const std::string_view personId = v[size_t(mPersonCol)].text;
    const int32_t pid = linkPerson(personId, rep);
    if (pid < 0) return {"unknown_person", mPersonCol, "person_id not in persons: " + str(personId)};
    const auto enrolled = int32_t(v[size_t(cEnrolled)].integer);
    if (mWindowEnd != kNoDate && (enrolled < mWindowStart || enrolled > mWindowEnd)) {
        --rep.linked;
        return {"outside_extract", cEnrolled,
                "enrolled " + isoDate(enrolled) + ", outside the extract window " + isoDate(mWindowStart) + " to " + isoDate(mWindowEnd)};
    }
    // One enrolment per person, programme and date: a second is the same enrolment twice.
    std::string key = std::to_string(pid) + '\x1f' + std::to_string(enrolled) + '\x1f';
    key.append(v[size_t(cProgramme)].text);
    if (!mSeenRows->insert(std::hash<std::string>{}(key)).second) {
        --rep.linked;
        return {"duplicate_enrolment", cEnrolled, "enrolled in " + str(v[size_t(cProgramme)].text) + " on this date already"};
    }
    writeSqlRow(spec, v, pid);
    return {};
}

}  // namespace phm::core
