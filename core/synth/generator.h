#pragma once
// `phm generate`: a deterministic synthetic BLMK ICS extract (same seed and size, same bytes,
// whatever the thread count). Writes the CSV files of docs/data-spec.md plus manifest.json,
// which records the injected data faults so import reporting can be checked against truth.
#include "base/feedback.h"
#include "base/result.h"
#include "synth/synthcontext.h"

#include <QJsonObject>

namespace phm::core {

struct GenerateSummary {
    QJsonObject manifest;
    qint64 rowsWritten = 0;
    qint64 bytesWritten = 0;
};

// Defaults: 2024-04-01 to 2026-03-31, two years of activity.
synth::GeneratorConfig defaultGeneratorConfig();
Result<GenerateSummary> generateExtract(const synth::GeneratorConfig &config, const QString &outDir, Feedback &feedback);

}  // namespace phm::core
