#include "geo/refdata.h"

#include "base/csvreader.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <charconv>
#include <functional>
#include <stdexcept>

namespace phm::core {

namespace {
// Reads a bundled CSV resource, calling row(fields) with a header-name lookup. A missing or
// malformed bundled file is a build bug, not user input, so it throws.
using Row = std::vector<std::string_view>;
void readResource(const QString &name, const std::function<void(const Row &, const std::function<std::string_view(const char *)> &)> &row) {
    CsvReader r(QStringLiteral(":/phm/refdata/") + name);
    if (!r.open()) throw std::runtime_error(r.error().message.toStdString());
    if (r.next() != CsvReader::Step::Record) throw std::runtime_error("bad resource " + name.toStdString());
    std::vector<std::string> header(r.fields().begin(), r.fields().end());
    while (r.next() == CsvReader::Step::Record) {
        const Row &f = r.fields();
        row(f, [&](const char *col) -> std::string_view {
            for (size_t i = 0; i < header.size(); ++i)
                if (header[i] == col) return i < f.size() ? f[i] : std::string_view{};
            throw std::runtime_error(std::string("resource column missing: ") + col);
        });
    }
}
QString qs(std::string_view v) { return QString::fromUtf8(v.data(), qsizetype(v.size())); }
int toInt(std::string_view v) {
    int out = 0;
    std::from_chars(v.data(), v.data() + v.size(), out);
    return out;
}
double toDouble(std::string_view v) {
    double out = 0;
    std::from_chars(v.data(), v.data() + v.size(), out);
    return out;
}
}  // namespace

const ReferenceData &ReferenceData::instance() {
    static const ReferenceData data;
    return data;
}

ReferenceData::ReferenceData() {
    loadLsoas();
    loadPractices();
    loadEfi();
}

QStringList ReferenceData::places() {
    return {QStringLiteral("Bedford"), QStringLiteral("Central Bedfordshire"), QStringLiteral("Luton"), QStringLiteral("Milton Keynes")};
}

QString ReferenceData::placeOfLad(const QString &lad) {
    if (lad == QLatin1String("E06000055")) return QStringLiteral("Bedford");
    if (lad == QLatin1String("E06000056")) return QStringLiteral("Central Bedfordshire");
    if (lad == QLatin1String("E06000032")) return QStringLiteral("Luton");
    if (lad == QLatin1String("E06000042")) return QStringLiteral("Milton Keynes");
    return QString();
}

QString ReferenceData::allianceOfPlace(const QString &place) {
    return place == QLatin1String("Milton Keynes") ? QStringLiteral("Milton Keynes") : QStringLiteral("Bedfordshire and Luton");
}

QString ReferenceData::attribution() {
    return QStringLiteral(
        "Contains public sector information licensed under the Open Government Licence v3.0. Source: Ministry of "
        "Housing, Communities and Local Government (English Indices of Deprivation 2019); Office for National "
        "Statistics (LSOA boundaries, Rural-Urban Classification 2011, population estimates, Census 2021); "
        "NHS England / NHS Digital (ODS, Patients Registered at a GP Practice). Contains OS data © Crown copyright "
        "and database right. Electronic Frailty Index code lists: Clegg et al. 2016, Age and Ageing 45:353, as "
        "published by the GM Secure Data Environment. SNOMED CT © SNOMED International, used under the NHS England "
        "affiliate licence. European Standard Population 2013: Eurostat.");
}

void ReferenceData::loadLsoas() {
    readResource(QStringLiteral("imd2019-england-lsoa-min.csv"), [&](const Row &, const auto &col) {
        NationalLsoa n{qs(col("lad19cd")),       toDouble(col("imd_score")), toInt(col("imd_rank")),
                       toInt(col("imd_decile")), qs(col("ruc11cd")),         {}};
        static const char *columns[7] = {"income_rank", "employment_rank", "education_rank", "health_rank",
                                         "crime_rank",  "barriers_rank",   "living_env_rank"};
        for (size_t k = 0; k < n.domainRank.size(); ++k) n.domainRank[k] = toInt(col(columns[k]));
        mEngland.insert(qs(col("lsoa11cd")), n);
    });
    QHash<QString, int> index;
    readResource(QStringLiteral("imd2019-blmk-lsoa.csv"), [&](const Row &, const auto &col) {
        LsoaRef l;
        l.code = qs(col("lsoa11cd"));
        l.name = qs(col("lsoa11nm"));
        l.ladCode = qs(col("lad19cd"));
        l.place = placeOfLad(l.ladCode);
        l.imdScore = toDouble(col("imd_score"));
        l.imdRank = toInt(col("imd_rank"));
        l.imdDecile = toInt(col("imd_decile"));
        l.ruc = mEngland.value(l.code).ruc;
        index.insert(l.code, int(mLsoas.size()));
        mLsoas.push_back(l);
    });
    readResource(QStringLiteral("population-blmk-lsoa11-totals.csv"), [&](const Row &, const auto &col) {
        auto it = index.constFind(qs(col("lsoa11cd")));
        if (it != index.constEnd()) mLsoas[size_t(*it)].population = toInt(col("pop_mid2019"));
    });
    static const char *bands[6] = {"age_0_15", "age_16_24", "age_25_34", "age_35_49", "age_50_64", "age_65_plus"};
    readResource(QStringLiteral("census2021-blmk-lsoa21-age6.csv"), [&](const Row &, const auto &col) {
        auto it = index.constFind(qs(col("lsoa21cd")));
        if (it == index.constEnd()) return;
        LsoaRef &l = mLsoas[size_t(*it)];
        for (int b = 0; b < 6; ++b) l.age6[size_t(b)] = toInt(col(bands[b]));
        l.hasAge6 = true;
    });
    QFile geo(QStringLiteral(":/phm/refdata/blmk-lsoa.geojson"));
    if (!geo.open(QIODevice::ReadOnly)) throw std::runtime_error("missing LSOA boundaries resource");
    const QJsonArray features = QJsonDocument::fromJson(geo.readAll()).object().value(QStringLiteral("features")).toArray();
    for (const QJsonValue &f : features) {
        const QJsonObject o = f.toObject();
        auto it = index.constFind(o.value(QStringLiteral("properties")).toObject().value(QStringLiteral("LSOA11CD")).toString());
        if (it == index.constEnd()) continue;
        const QJsonObject g = o.value(QStringLiteral("geometry")).toObject();
        QJsonArray ring = g.value(QStringLiteral("coordinates")).toArray();
        if (g.value(QStringLiteral("type")).toString() == QLatin1String("MultiPolygon")) ring = ring.at(0).toArray();
        ring = ring.at(0).toArray();
        double sx = 0, sy = 0;
        for (const QJsonValue &p : ring) {
            sx += p.toArray().at(0).toDouble();
            sy += p.toArray().at(1).toDouble();
        }
        if (!ring.isEmpty()) {
            mLsoas[size_t(*it)].lon = sx / ring.size();
            mLsoas[size_t(*it)].lat = sy / ring.size();
        }
    }
}

void ReferenceData::loadPractices() {
    QHash<QString, std::pair<QString, QString>> pcnPlace;
    readResource(QStringLiteral("pcn-places.csv"), [&](const Row &, const auto &col) {
        pcnPlace.insert(qs(col("pcn_code")), {qs(col("place")), qs(col("care_alliance"))});
    });
    readResource(QStringLiteral("blmk-practices.csv"), [&](const Row &, const auto &col) {
        const QString pcn = qs(col("pcn_code"));
        if (col("ods_status_dec2023") != "A" || col("ods_prescribing_setting") != "4" || !pcnPlace.contains(pcn)) return;
        PracticeRef p;
        p.code = qs(col("practice_code"));
        p.name = qs(col("practice_name"));
        p.postcode = qs(col("postcode"));
        p.pcnCode = pcn;
        p.pcnName = qs(col("pcn_name"));
        p.place = pcnPlace.value(pcn).first;
        p.alliance = pcnPlace.value(pcn).second;
        p.listSize = toInt(col("list_size_jan2021"));
        mPractices.push_back(p);
    });
}

void ReferenceData::loadEfi() {
    QHash<QString, int> byName;
    readResource(QStringLiteral("efi-deficits.csv"), [&](const Row &, const auto &col) {
        EfiDeficitRef d;
        d.number = toInt(col("deficit_no"));
        d.name = qs(col("deficit_name"));
        d.codeset = qs(col("gm_sde_codeset"));
        byName.insert(d.name, int(mEfi.size()));
        mEfi.push_back(d);
    });
    readResource(QStringLiteral("efi-codes.csv"), [&](const Row &, const auto &col) {
        if (col("code_system") != "snomed") return;
        auto it = byName.constFind(qs(col("deficit_name")));
        if (it != byName.constEnd()) mEfi[size_t(*it)].snomed.push_back(qs(col("code")));
    });
}

}  // namespace phm::core
