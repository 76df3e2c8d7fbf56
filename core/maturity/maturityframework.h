#pragma once
// PHM maturity frameworks as data: capabilities (rows) by levels (columns), with a short
// descriptor in each cell. The workbench ships four, written in our own words and labelled as
// summaries (resources/maturity); an ICS edits them or brings its own as JSON:
//   {"name": "...", "summary": "...", "levels": ["Emerging", ...],
//    "capabilities": [{"name": "...", "description": "...", "optional": false,
//                      "descriptors": ["one per level", ...]}]}
// Reading checks every key and names where a problem is ("frameworks[1].capabilities[2]:
// duplicate capability \"Intelligence\"").
#include "base/result.h"

#include <QJsonObject>
#include <QStringList>
#include <vector>

namespace phm::core::maturity {

struct Capability {
    QString name, description;
    QStringList descriptors;  // one per level
    bool optional = false;    // e.g. Incentives: a framework may be used without it
};

struct Framework {
    QString name, summary;
    QStringList levels;  // lowest first
    std::vector<Capability> capabilities;
    int capabilityIndex(const QString &name) const;  // -1 if none
    int levelIndex(const QString &level) const;      // -1 if none (case-insensitive)
    QJsonObject toJson() const;
};

// `where` prefixes every message (e.g. "F.json: frameworks[0]").
Result<Framework> frameworkFromJson(const QJsonValue &json, const QString &where);

// The four shipped frameworks: PHM maturity matrix (Infrastructure, Intelligence, Interventions,
// optional Incentives), PHM strategy: six components, Four building blocks, PCN PHM maturity matrix.
const std::vector<Framework> &builtInFrameworks();

// "line L, column C" of a byte offset in a text (for JSON parse errors).
QString lineAndColumn(const QByteArray &text, qsizetype offset);

}  // namespace phm::core::maturity
