#pragma once
// Public reference data compiled into the binary (resources/refdata, see its SOURCE.md):
// BLMK LSOAs with IMD 2019, rurality, populations and centroids; the national IMD table for
// validating and enriching any England LSOA; BLMK practices with PCN and place; eFI deficits.
#include <QHash>
#include <QString>
#include <array>
#include <vector>

namespace phm::core {

struct LsoaRef {
    QString code, name, ladCode, place;
    double imdScore = 0;
    int imdRank = 0, imdDecile = 0;
    QString ruc;                // RUC 2011 code, e.g. C1
    int population = 0;         // ONS mid-2019
    std::array<int, 6> age6{};  // Census 2021: 0-15, 16-24, 25-34, 35-49, 50-64, 65+ (0s if no match)
    bool hasAge6 = false;
    double lon = 0, lat = 0;  // centroid of the boundary's vertices
};

struct NationalLsoa {
    QString ladCode;
    double imdScore = 0;
    int imdRank = 0;
    int imdDecile = 0;
    QString ruc;
    std::array<int, 7> domainRank{};  // in the order of kImdDomains (store/project.h)
};

struct PracticeRef {
    QString code, name, postcode, pcnCode, pcnName, place, alliance;
    int listSize = 0;
};

struct EfiDeficitRef {
    int number = 0;
    QString name, codeset;
    std::vector<QString> snomed;  // SNOMED CT codes in the deficit's code list (empty for polypharmacy)
};

class ReferenceData {
public:
    static const ReferenceData &instance();  // loaded once, thread-safe (magic static)
    const std::vector<LsoaRef> &blmkLsoas() const { return mLsoas; }
    // Active BLMK GP practices with a PCN (the 90 practices of the 23 PCNs).
    const std::vector<PracticeRef> &practices() const { return mPractices; }
    const QHash<QString, NationalLsoa> &englandLsoas() const { return mEngland; }
    const std::vector<EfiDeficitRef> &efiDeficits() const { return mEfi; }
    static QStringList places();  // Bedford, Central Bedfordshire, Luton, Milton Keynes
    static QString placeOfLad(const QString &ladCode);
    static QString allianceOfPlace(const QString &place);
    static QString attribution();

private:
    ReferenceData();
    void loadLsoas();
    void loadPractices();
    void loadEfi();
    std::vector<LsoaRef> mLsoas;
    std::vector<PracticeRef> mPractices;
    QHash<QString, NationalLsoa> mEngland;
    std::vector<EfiDeficitRef> mEfi;
};

}  // namespace phm::core
