#include "indicators/inequality.h"

#include "geo/areas.h"
#include "rules/rulevalues.h"

namespace phm::core {

QStringList inequalityDimensionNames() {
    return {QStringLiteral("imd_decile"), QStringLiteral("imd_quintile"), QStringLiteral("ethnicity"),
            QStringLiteral("sex"),        QStringLiteral("ageband"),      QStringLiteral("rurality")};
}

std::optional<InequalityDimension> inequalityDimension(const QString &name) {
    const auto k = inequalityDimensionNames().indexOf(name);
    if (k < 0) return std::nullopt;
    return InequalityDimension(k);
}

QString inequalityDimensionKey(InequalityDimension d) { return inequalityDimensionNames().value(int(d)); }

namespace {
QStringList groupLabels(InequalityDimension d) {
    QStringList out;
    switch (d) {
        case InequalityDimension::ImdDecile:
            for (int k = 1; k <= 10; ++k)
                out << (k == 1    ? QStringLiteral("1 (most deprived)")
                        : k == 10 ? QStringLiteral("10 (least deprived)")
                                  : QString::number(k));
            break;
        case InequalityDimension::ImdQuintile:
            for (int k = 1; k <= 5; ++k)
                out << (k == 1 ? QStringLiteral("1 (most deprived)") : k == 5 ? QStringLiteral("5 (least deprived)") : QString::number(k));
            break;
        case InequalityDimension::EthnicGroup:
            out = {QStringLiteral("white"), QStringLiteral("mixed"), QStringLiteral("asian"),
                   QStringLiteral("black"), QStringLiteral("other"), QStringLiteral("unknown")};
            break;
        case InequalityDimension::Sex:
            out = {QStringLiteral("male"), QStringLiteral("female"), QStringLiteral("indeterminate"), QStringLiteral("unknown")};
            break;
        case InequalityDimension::AgeBand:
            for (int b = 0; b < kPyramidBands; ++b) out << Pyramid::bandLabel(b);
            break;
        case InequalityDimension::Rurality:
            out = {QStringLiteral("urban"), QStringLiteral("rural")};
            break;
    }
    return out;
}

int groupOf(const Project &p, InequalityDimension d, int32_t i, int ageBand) {
    const Lsoa &lsoa = p.geography.lsoas[p.persons.lsoa[size_t(i)]];
    switch (d) {
        case InequalityDimension::ImdDecile:
            return lsoa.imdDecile >= 1 && lsoa.imdDecile <= 10 ? lsoa.imdDecile - 1 : -1;
        case InequalityDimension::ImdQuintile:
            return lsoa.imdDecile >= 1 && lsoa.imdDecile <= 10 ? (lsoa.imdDecile - 1) / 2 : -1;
        case InequalityDimension::EthnicGroup:
            return rules::textKey(p, QStringLiteral("ethnic_group"), i);
        case InequalityDimension::Sex:
            return p.persons.sex[size_t(i)];
        case InequalityDimension::AgeBand:
            return ageBand;
        case InequalityDimension::Rurality:
            return lsoa.ruc.startsWith(QLatin1Char('D')) || lsoa.ruc.startsWith(QLatin1Char('E')) ? 1 : 0;
    }
    return -1;
}
}  // namespace

Result<InequalityResult> computeInequality(const Project &p, const rules::CodeLists &lists, const IndicatorDefinition &indicator,
                                           InequalityDimension dimension, const rules::Selection *scope, const InequalityOptions &options,
                                           ProfileWorkspace *workspace) {
    ProfileWorkspace local;
    ProfileWorkspace &w = workspace ? *workspace : local;
    const QStringList labels = groupLabels(dimension);
    IndicatorTallier tallier(p, lists, options.indexDate, int(labels.size()), w);
    for (int32_t i = 0; i < p.persons.count; ++i)
        tallier.groupOf()[size_t(i)] = scope && !scope->test(size_t(i)) ? -1 : groupOf(p, dimension, i, w.bandOf[size_t(i)]);
    w.groupKey = -1;  // the groups are not an area level
    auto tallies = tallier.tally(indicator);
    if (!tallies) return tallies.error();
    InequalityResult out;
    Tally all;
    for (int g = 0; g < labels.size(); ++g) {
        const Tally &t = tallies.value()[size_t(g)];
        all.add(t);
        out.groups.push_back({labels[g], governedValue(indicator, t, options.confidence, options.governed)});
    }
    out.overall = governedValue(indicator, all, options.confidence, options.governed);
    if (dimension != InequalityDimension::ImdDecile && dimension != InequalityDimension::ImdQuintile) {
        out.siiNote = QStringLiteral("the SII needs ordered groups (IMD deciles or quintiles)");
        return out;
    }
    // SII over the deprivation groups: proportions on the 0-1 scale (logit simulation), rates on
    // the log scale, means as they are; populations are the denominators.
    stats::SiiOptions o;
    o.valueType = indicator.type == IndicatorType::Proportion ? stats::SiiValueType::Proportion
                  : indicator.type == IndicatorType::Mean     ? stats::SiiValueType::Normal
                                                              : stats::SiiValueType::Rate;
    const double scale = o.valueType == stats::SiiValueType::Proportion ? indicator.multiplier : 1.0;
    o.multiplier = scale;
    o.confidence = options.confidence;
    o.repetitions = options.repetitions;
    o.seed = options.seed;
    std::vector<stats::SiiQuantile> qs;
    for (int g = 0; g < labels.size(); ++g) {
        const IndicatorValue &v = out.groups[size_t(g)].value;
        // The package derives standard errors from 95% limits, whatever the reporting confidence.
        const stats::Interval ci95 = governedValue(indicator, tallies.value()[size_t(g)], 0.95, options.governed).ci;
        if (v.denominator <= 0 || std::isnan(ci95.lower) || std::isnan(ci95.upper) ||
            (o.valueType != stats::SiiValueType::Normal && !(ci95.lower > 0))) {
            out.siiNote = QStringLiteral("group %1 has too few people or events for an interval").arg(labels[g]);
            return out;
        }
        qs.push_back({double(g + 1), v.denominator, v.ci.value / scale, NAN, ci95.lower / scale, ci95.upper / scale});
    }
    auto s = stats::sii(qs, o);
    if (!s) {
        out.siiNote = s.error().message;
        return out;
    }
    out.sii = s.value();
    return out;
}

}  // namespace phm::core
