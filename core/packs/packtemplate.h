#pragma once
// Pack templates: what a PCN pack holds (which sections, which indicators, its title and logo),
// named and stored in the project so every analyst of the ICS exports the same pack. A template is
// JSON (the logo as base64 PNG or JPEG); the built-in "Standard" template holds every section and
// every indicator and is used when a project has saved none of that name.
#include "base/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>
#include <optional>
#include <vector>

namespace phm::core {

class ProjectDb;

struct IndicatorDefinition;

// The optional sections of a pack, in page order. The cover and contents are always there.
enum class PackSection {
    NextSteps,
    Population,
    SegmentsRisk,
    Indicators,
    Funnels,
    Inequalities,
    Neighbourhoods,
    Maturity,
    Evaluation,
    Appendix
};
QString sectionKey(
    PackSection s);  // next-steps, population, segments-risk, indicators, funnels, inequalities, map, maturity, evaluation, appendix
std::optional<PackSection> sectionNamed(const QString &key);
const std::vector<PackSection> &allPackSections();

struct PackTemplate {
    QString name = QStringLiteral("Standard");
    QString title = QStringLiteral("Population health pack");
    std::vector<PackSection> sections = allPackSections();
    QStringList indicators;  // ids; empty: every indicator
    // Funnel plots against peers (at most four), the indicator of the map, the segmentation.
    QStringList funnelIndicators = {QStringLiteral("diabetes"), QStringLiteral("hypertension-case-finding"),
                                    QStringLiteral("emergency-admissions"), QStringLiteral("ae-attendances")};
    QString mapIndicator = QStringLiteral("emergency-admissions");
    QString segmentationTemplate = QStringLiteral("bridges-to-health");
    QByteArray logo;  // PNG or JPEG bytes, at most kMaxLogoBytes; empty: none
    QString updatedAt, updatedBy;

    bool has(PackSection s) const;
    QJsonObject toJson() const;
    // Every key is checked: unknown sections, a missing name or title, a logo that is not PNG or
    // JPEG are refused naming the key; `source` (a file name) starts the message.
    static Result<PackTemplate> fromJson(const QJsonObject &json, const QString &source);
};

constexpr qsizetype kMaxLogoBytes = 512 * 1024;
constexpr int kMaxFunnels = 4;

// Checks a template against the project's indicators: unknown indicator ids are named.
Status validatePackTemplate(const PackTemplate &t, const std::vector<IndicatorDefinition> &definitions);

// The templates saved in the project, by name, with the built-in Standard first unless the project
// saved its own Standard.
// Read through an open connection (a session's, Session::read).
Result<std::vector<PackTemplate>> listPackTemplates(ProjectDb &db);
// A saved template, or the built-in Standard; any other unknown name is an error.
Result<PackTemplate> findPackTemplate(ProjectDb &db, const QString &name);
// Through a connection opened for writing (the session's writes), under the project's write lock:
// adds or replaces the template of that name in one transaction; `author` is recorded.
Status savePackTemplate(ProjectDb &db, PackTemplate t, const QString &author);
Status removePackTemplate(ProjectDb &db, const QString &name);

}  // namespace phm::core
