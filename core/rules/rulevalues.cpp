#include "rules/rulevalues.h"

#include "rules/rulecatalogue.h"

namespace phm::core::rules {

namespace {
const QStringList kGroups = {QStringLiteral("white"), QStringLiteral("mixed"), QStringLiteral("asian"),
                             QStringLiteral("black"), QStringLiteral("other"), QStringLiteral("unknown")};
}

Error locatedError(const Expr &e, const QString &message) {
    return Error{ErrorCode::RuleError, QStringLiteral("line %1, column %2: %3").arg(e.where.line).arg(e.where.column).arg(message), e.text};
}

QString ethnicGroupOf(int key) {
    // keys: 0 unknown, then A B C | D E F G | H J K L | M N P | R | S | Z 99
    if (key >= 1 && key <= 3) return kGroups[0];
    if (key >= 4 && key <= 7) return kGroups[1];
    if ((key >= 8 && key <= 11) || key == 15) return kGroups[2];  // ONS 2011 puts Chinese (R) with Asian
    if (key >= 12 && key <= 14) return kGroups[3];
    if (key == 16) return kGroups[4];
    return kGroups[5];
}

bool isTextField(const QString &field) {
    const FieldInfo *f = findField(field);
    return f && f->type == FieldType::Text;
}

TextDictionary textDictionary(const Project &p, const QString &field) {
    TextDictionary d;
    const Geography &g = p.geography;
    if (field == QLatin1String("sex")) {
        for (auto v : enumValues(fileSpec(Dataset::Persons).columns[size_t(fileSpec(Dataset::Persons).columnIndex("sex"))]))
            d.values << QString::fromLatin1(v.data(), qsizetype(v.size()));
    } else if (field == QLatin1String("ethnicity")) {
        d.values << QString();
        for (auto v : enumValues(fileSpec(Dataset::Persons).columns[size_t(fileSpec(Dataset::Persons).columnIndex("ethnicity"))]))
            d.values << QString::fromLatin1(v.data(), qsizetype(v.size()));
    } else if (field == QLatin1String("ethnic_group")) {
        d.values = kGroups;
    } else if (field == QLatin1String("lsoa")) {
        for (const Lsoa &l : g.lsoas) d.values << l.code;
    } else if (field == QLatin1String("practice")) {
        for (const Practice &x : g.practices) d.values << x.code;
    } else if (field == QLatin1String("pcn")) {
        d.values = QStringList(g.pcnCodes.begin(), g.pcnCodes.end());
        d.alternatives = QStringList(g.pcnNames.begin(), g.pcnNames.end());
    } else if (field == QLatin1String("place")) {
        d.values = QStringList(g.places.begin(), g.places.end());
    } else if (field == QLatin1String("efi_category")) {
        d.values = {QStringLiteral("fit"), QStringLiteral("mild"), QStringLiteral("moderate"), QStringLiteral("severe")};
    } else if (field == QLatin1String("care_alliance")) {
        d.values = QStringList(g.alliances.begin(), g.alliances.end());
    }
    return d;
}

int textKey(const Project &p, const QString &field, int32_t i) {
    const PersonTable &t = p.persons;
    const Practice &pr = p.geography.practices[t.practice[size_t(i)]];
    if (field == QLatin1String("sex")) return t.sex[size_t(i)];
    if (field == QLatin1String("ethnicity")) return t.ethnicity[size_t(i)];
    if (field == QLatin1String("ethnic_group")) return int(kGroups.indexOf(ethnicGroupOf(t.ethnicity[size_t(i)])));
    if (field == QLatin1String("lsoa")) return t.lsoa[size_t(i)];
    if (field == QLatin1String("practice")) return t.practice[size_t(i)];
    if (field == QLatin1String("pcn")) return pr.pcn;
    if (field == QLatin1String("place")) return pr.placeIndex;
    if (field == QLatin1String("care_alliance")) return pr.allianceIndex;
    return -1;
}

Result<QStringList> resolveText(const TextDictionary &dict, const QString &field, const QStringList &literals) {
    QStringList out;
    for (const QString &lit : literals) {
        int found = -1;
        for (int k = 0; k < dict.values.size() && found < 0; ++k)
            if (dict.values[k].compare(lit, Qt::CaseInsensitive) == 0 ||
                (k < dict.alternatives.size() && dict.alternatives[k].compare(lit, Qt::CaseInsensitive) == 0))
                found = k;
        if (found < 0) {
            QStringList all = dict.values + dict.alternatives;
            const QString guess = closest(lit, all);
            return Error{ErrorCode::UnknownValue,
                         guess.isEmpty() ? QStringLiteral("no %1 '%2' in this project").arg(field, lit)
                                         : QStringLiteral("no %1 '%2' in this project: did you mean '%3'?").arg(field, lit, guess),
                         lit};
        }
        out << dict.values[found];
    }
    return out;
}

}  // namespace phm::core::rules
