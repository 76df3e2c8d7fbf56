#include "rules/rulecatalogue.h"
#include "rules/rulecompletion.h"

#include "base/csvreader.h"
#include "base/dataspec.h"

#include <QDir>
#include <QFileInfo>
#include <algorithm>
#include <atomic>
#include <mutex>

namespace phm::core::rules {

const std::vector<FieldInfo> &personFields() {
    static const std::vector<FieldInfo> fields = {
        {"age", FieldType::Number, "age in completed years at the index date"},
        {"sex", FieldType::Text, "'M', 'F', 'I' or 'U'"},
        {"ethnicity", FieldType::Text, "NHS ethnic category code, e.g. 'A', 'J', 'N'; 'Z' not stated, '99' not known"},
        {"ethnic_group", FieldType::Text, "'white', 'mixed', 'asian', 'black', 'other' or 'unknown'"},
        {"imd_decile", FieldType::Number, "national IMD 2019 decile of the LSOA of residence (1 = most deprived)"},
        {"imd_quintile", FieldType::Number, "national IMD 2019 quintile (1 = most deprived)"},
        {"imd_rank", FieldType::Number, "national IMD 2019 rank of the LSOA of residence (1 = most deprived of 32,844)"},
        {"imd_income_decile", FieldType::Number, "national decile of the IMD 2019 Income domain (1 = most deprived)"},
        {"imd_income_rank", FieldType::Number, "national rank of the IMD 2019 Income domain (1 = most deprived of 32,844)"},
        {"imd_employment_decile", FieldType::Number, "national decile of the IMD 2019 Employment domain (1 = most deprived)"},
        {"imd_employment_rank", FieldType::Number, "national rank of the IMD 2019 Employment domain (1 = most deprived of 32,844)"},
        {"imd_education_decile", FieldType::Number,
         "national decile of the IMD 2019 Education, Skills and Training domain (1 = most deprived)"},
        {"imd_education_rank", FieldType::Number,
         "national rank of the IMD 2019 Education, Skills and Training domain (1 = most deprived of 32,844)"},
        {"imd_health_decile", FieldType::Number,
         "national decile of the IMD 2019 Health Deprivation and Disability domain (1 = most deprived)"},
        {"imd_health_rank", FieldType::Number,
         "national rank of the IMD 2019 Health Deprivation and Disability domain (1 = most deprived of 32,844)"},
        {"imd_crime_decile", FieldType::Number, "national decile of the IMD 2019 Crime domain (1 = most deprived)"},
        {"imd_crime_rank", FieldType::Number, "national rank of the IMD 2019 Crime domain (1 = most deprived of 32,844)"},
        {"imd_barriers_decile", FieldType::Number,
         "national decile of the IMD 2019 Barriers to Housing and Services domain (1 = most deprived)"},
        {"imd_barriers_rank", FieldType::Number,
         "national rank of the IMD 2019 Barriers to Housing and Services domain (1 = most deprived of 32,844)"},
        {"imd_living_environment_decile", FieldType::Number,
         "national decile of the IMD 2019 Living Environment domain (1 = most deprived)"},
        {"imd_living_environment_rank", FieldType::Number,
         "national rank of the IMD 2019 Living Environment domain (1 = most deprived of 32,844)"},
        {"lsoa", FieldType::Text, "LSOA 2011 code of residence"},
        {"practice", FieldType::Text, "ODS code of the registered practice"},
        {"pcn", FieldType::Text, "PCN code of the registered practice"},
        {"place", FieldType::Text, "place of the registered practice, e.g. 'Luton'"},
        {"care_alliance", FieldType::Text, "care alliance of the registered practice"},
        {"rural", FieldType::Flag, "lives in a rural LSOA (RUC 2011 D or E)"},
        {"ltc_count", FieldType::Number, "number of long-term conditions recorded up to the index date (16 conditions)"},
        {"efi", FieldType::Number, "electronic frailty index at the index date (deficits / 36)"},
        {"efi_category", FieldType::Text, "'fit' (<= 0.12), 'mild' (<= 0.24), 'moderate' (<= 0.36) or 'severe'"},
        {"risk_score", FieldType::Number, "the emergency admission risk model's predicted risk for the next 12 months (0 to 1)"},
        {"risk_tier", FieldType::Text, "'high' (top 5% of risk), 'rising' (the next 15%) or 'low'; none when not registered"},
        {"segment", FieldType::Text, "segment('template') = 'name': the person's segment in a segmentation template"},
        {"registered", FieldType::Flag, "registered and alive at the index date"},
        {"alive", FieldType::Flag, "alive at the index date"},
        {"carer", FieldType::Flag, "recorded as a carer"},
        {"housebound", FieldType::Flag, "recorded as housebound"},
        {"care_home", FieldType::Flag, "lives in a care home"},
        {"homeless", FieldType::Flag, "recorded as homeless"},
        {"substance_misuse", FieldType::Flag, "recorded substance misuse"},
        {"learning_disability", FieldType::Flag, "on the learning disability register"},
        {"lives_alone", FieldType::Flag, "lives alone"},
        {"offender", FieldType::Flag, "recorded offending"},
    };
    return fields;
}

const FieldInfo *findField(const QString &name) {
    for (const FieldInfo &f : personFields())
        if (name == QLatin1String(f.name)) return &f;
    return nullptr;
}

QStringList datasetNames() {
    QStringList out;
    for (int d = kFirstEventDataset; d < kEventDatasetEnd; ++d) out << QLatin1String(fileSpec(Dataset(d)).key);
    return out;
}

QStringList filterKeywords(const QString &dataset) {
    if (dataset == QLatin1String("apc")) return {QStringLiteral("emergency"), QStringLiteral("elective"), QStringLiteral("maternity")};
    if (dataset == QLatin1String("ae")) return {QStringLiteral("admitted"), QStringLiteral("ambulance")};
    if (dataset == QLatin1String("op")) return {QStringLiteral("attended"), QStringLiteral("dna"), QStringLiteral("first")};
    if (dataset == QLatin1String("mh")) return {QStringLiteral("attended")};
    if (dataset == QLatin1String("ambulance")) return {QStringLiteral("conveyed")};
    return {};
}

QStringList completionWords(const CodeLists &lists) {
    QStringList words;
    for (const FieldInfo &f : personFields()) words << QLatin1String(f.name);
    for (const QString &d : datasetNames()) {
        words << QStringLiteral("has(%1, )").arg(d) << QStringLiteral("count(%1, last 12 months)").arg(d);
        words << filterKeywords(d);
    }
    words << QStringLiteral("cost(all, last 12 months)") << QStringLiteral("latest(gp, @hba1c).value") << QStringLiteral("in_cohort(\"\")")
          << QStringLiteral("last 12 months") << QStringLiteral("between");
    for (const QString &list : lists.names()) words << QLatin1Char('@') + list;
    words.removeDuplicates();
    return words;
}

QString closest(const QString &word, const QStringList &candidates) {
    // Levenshtein distance, two rows.
    auto distance = [](const QString &a, const QString &b) {
        std::vector<int> prev(size_t(b.size()) + 1), cur(size_t(b.size()) + 1);
        for (int j = 0; j <= b.size(); ++j) prev[size_t(j)] = j;
        for (int i = 1; i <= a.size(); ++i) {
            cur[0] = i;
            for (int j = 1; j <= b.size(); ++j)
                cur[size_t(j)] = std::min({prev[size_t(j)] + 1, cur[size_t(j) - 1] + 1,
                                           prev[size_t(j) - 1] + (a[i - 1].toLower() == b[j - 1].toLower() ? 0 : 1)});
            std::swap(prev, cur);
        }
        return prev[size_t(b.size())];
    };
    QString best;
    int bestDistance = 3;
    for (const QString &c : candidates) {
        const int d = (c.startsWith(word, Qt::CaseInsensitive) && word.size() >= 3) ? 1 : distance(word, c);
        if (d < bestDistance) {
            bestDistance = d;
            best = c;
        }
    }
    return best;
}

namespace {
std::atomic<uint64_t> nextSerial{1};
}

CodeLists::CodeLists(QString userFolder)
    : mUserFolder(std::move(userFolder)), mSerial(std::make_shared<std::atomic<uint64_t>>(nextSerial++)) {}

bool CodeLists::isBundled(const QString &name) { return QFileInfo::exists(QStringLiteral(":/phm/codelists/%1.csv").arg(name)); }

void CodeLists::setProjectList(const QString &name, const QStringList &codes) {
    std::lock_guard lock(*mMutex);
    mProjectLists.insert(name, codes);
    mCache.remove(name);
    mSerial->store(nextSerial++);
}

void CodeLists::removeProjectList(const QString &name) {
    std::lock_guard lock(*mMutex);
    mProjectLists.remove(name);
    mCache.remove(name);
    mSerial->store(nextSerial++);
}

QStringList CodeLists::projectListNames() const {
    std::lock_guard lock(*mMutex);
    QStringList out = mProjectLists.keys();
    out.sort();
    return out;
}

QStringList CodeLists::names() const {
    QStringList out;
    for (const QString &f : QDir(QStringLiteral(":/phm/codelists")).entryList({QStringLiteral("*.csv")}))
        out << QFileInfo(f).completeBaseName();
    if (!mUserFolder.isEmpty())
        for (const QString &f : QDir(mUserFolder).entryList({QStringLiteral("*.csv")})) out << QFileInfo(f).completeBaseName();
    out << projectListNames();
    out.removeDuplicates();
    out.sort();
    return out;
}

bool CodeLists::contains(const QString &name) const { return names().contains(name); }

Result<QStringList> CodeLists::codes(const QString &name) const {
    std::lock_guard lock(*mMutex);
    if (const auto own = mProjectLists.constFind(name); own != mProjectLists.constEnd() && !isBundled(name)) return *own;
    auto cached = mCache.constFind(name);
    if (cached != mCache.constEnd()) return *cached;
    QString path = mUserFolder.isEmpty() ? QString() : QDir(mUserFolder).filePath(name + QStringLiteral(".csv"));
    if (path.isEmpty() || !QFileInfo::exists(path)) path = QStringLiteral(":/phm/codelists/%1.csv").arg(name);
    CsvReader reader(path);
    if (auto s = reader.open(); !s) return Error{ErrorCode::UnknownCodelist, QStringLiteral("no code list @%1").arg(name), path};
    if (reader.next() != CsvReader::Step::Record)
        return Error{ErrorCode::BadCodelist, QStringLiteral("code list @%1 has no header").arg(name), path};
    int column = -1;
    for (size_t i = 0; i < reader.fields().size(); ++i)
        if (reader.fields()[i] == "code") column = int(i);
    if (column < 0) return Error{ErrorCode::BadCodelist, QStringLiteral("%1: line 1: no `code` column").arg(path), path};
    QStringList out;
    while (reader.next() == CsvReader::Step::Record)
        if (int(reader.fields().size()) > column) {
            const auto f = reader.fields()[size_t(column)];
            if (!f.empty()) out << QString::fromUtf8(f.data(), qsizetype(f.size()));
        }
    mCache.insert(name, out);
    return out;
}

}  // namespace phm::core::rules
