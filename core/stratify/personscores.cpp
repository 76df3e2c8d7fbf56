#include "stratify/personscores.h"

#include "rules/rulecatalogue.h"
#include "stratify/riskmodel.h"
#include "stratify/segmentation.h"

#include <QStringList>

namespace phm::core {

namespace {
Result<std::shared_ptr<const PersonValues>> riskValues(const Project &project, const rules::CodeLists &lists, int32_t indexDate) {
    auto model = trainRiskModel(project, lists);
    if (!model) return model.error();
    if (auto s = scoreRiskModel(model.value(), project, lists, {}, indexDate); !s) return s.error();
    auto out = std::make_shared<PersonValues>();
    out->labels = {QStringLiteral("low"), QStringLiteral("rising"), QStringLiteral("high")};
    out->value = std::move(model.value().score);
    out->label.resize(model.value().tier.size());
    for (size_t i = 0; i < out->label.size(); ++i) {
        const RiskTier t = model.value().tier[i];
        out->label[i] = t == RiskTier::NotScored ? PersonValues::kNoLabel : uint8_t(int(t) - int(RiskTier::Low));
    }
    return std::shared_ptr<const PersonValues>(std::move(out));
}

// A bundled template by id or name (never a path: a rule does not open files).
Result<SegmentationTemplate> bundledTemplate(const QString &argument) {
    QStringList names;
    for (const QString &id : segmentationTemplateIds()) {
        auto t = loadSegmentationTemplate(id);
        if (!t) return t.error();
        if (id.compare(argument, Qt::CaseInsensitive) == 0 || t.value().name.compare(argument, Qt::CaseInsensitive) == 0) return t;
        names << id;
    }
    const QString guess = rules::closest(argument, names);
    return Error{ErrorCode::UnknownTemplate,
                 guess.isEmpty()
                     ? QStringLiteral("no segmentation template '%1' (there are %2)").arg(argument, names.join(QStringLiteral(", ")))
                     : QStringLiteral("no segmentation template '%1': did you mean '%2'?").arg(argument, guess),
                 argument};
}

Result<std::shared_ptr<const PersonValues>> segmentValues(const Project &project, const rules::CodeLists &lists, const QString &argument,
                                                          int32_t indexDate) {
    auto t = bundledTemplate(argument);
    if (!t) return t.error();
    // A template whose rules read its own segments would never finish.
    thread_local QStringList computing;
    if (computing.contains(t.value().id))
        return Error{ErrorCode::RuleError, QStringLiteral("segment('%1') is used inside its own template").arg(argument), argument};
    computing << t.value().id;
    auto segmented = segmentPopulation(project, lists, t.value(), indexDate);
    computing.removeAll(t.value().id);
    if (!segmented) return segmented.error();
    auto out = std::make_shared<PersonValues>();
    for (const SegmentSummary &s : segmented.value().segments) out->labels << s.name;
    out->label = std::move(segmented.value().segmentOf);
    return std::shared_ptr<const PersonValues>(std::move(out));
}
}  // namespace

Result<std::shared_ptr<const PersonValues>> stratifiedValues(const Project &project, const rules::CodeLists &lists, const QString &kind,
                                                             const QString &argument, int32_t indexDate) {
    if (kind == QLatin1String("risk")) return riskValues(project, lists, indexDate);
    if (kind == QLatin1String("segment")) return segmentValues(project, lists, argument, indexDate);
    return Error{ErrorCode::RuleError, QStringLiteral("no values of kind %1").arg(kind), kind};
}

}  // namespace phm::core
