#include "maturity/phmcycle.h"

#include <QJsonArray>
#include <array>
#include <map>
#include <set>

namespace phm::core::cycle {

namespace {
constexpr std::array<const char *, kStages> kKeys = {"review", "choose", "design", "implement", "evaluate"};

Error bad(const QString &what) { return Error{ErrorCode::BadStage, what, {}}; }
}  // namespace

QString stageKey(Stage s) { return QString::fromLatin1(kKeys[size_t(s)]); }

QString stageName(Stage s) {
    switch (s) {
        case Stage::Review:
            return QStringLiteral("Review the data");
        case Stage::Choose:
            return QStringLiteral("Choose an opportunity");
        case Stage::Design:
            return QStringLiteral("Design an intervention");
        case Stage::Implement:
            return QStringLiteral("Implement");
        case Stage::Evaluate:
            break;
    }
    return QStringLiteral("Evaluate the impact");
}

std::optional<Stage> stageNamed(const QString &key) {
    for (size_t i = 0; i < kKeys.size(); ++i)
        if (key.compare(QLatin1String(kKeys[i]), Qt::CaseInsensitive) == 0) return Stage(i);
    return std::nullopt;
}

std::optional<Stage> Cycle::reached() const {
    if (stages.empty()) return std::nullopt;
    return stages.back().stage;
}

QDate Cycle::completedOn() const { return complete() ? stages.back().reachedOn : QDate(); }

QJsonObject Cycle::toJson() const {
    QJsonArray list;
    for (const StageRecord &s : stages) {
        QJsonObject o{{QStringLiteral("stage"), stageKey(s.stage)}, {QStringLiteral("reached_on"), s.reachedOn.toString(Qt::ISODate)}};
        if (!s.cohorts.isEmpty()) o.insert(QStringLiteral("cohorts"), QJsonArray::fromStringList(s.cohorts));
        if (!s.note.isEmpty()) o.insert(QStringLiteral("note"), s.note);
        if (!s.recordedAt.isEmpty()) o.insert(QStringLiteral("recorded_at"), s.recordedAt);
        if (!s.recordedBy.isEmpty()) o.insert(QStringLiteral("recorded_by"), s.recordedBy);
        if (s.evaluation > 0) o.insert(QStringLiteral("evaluation"), s.evaluation);
        list.append(o);
    }
    QJsonObject o{{QStringLiteral("pcn"), pcn}, {QStringLiteral("title"), title}, {QStringLiteral("stages"), list}};
    if (id > 0) o.insert(QStringLiteral("id"), id);
    return o;
}

Status checkNextStage(const Cycle &c, const StageRecord &next, const QStringList &savedCohorts) {
    const int expected = c.stages.empty() ? 0 : int(c.stages.back().stage) + 1;
    if (expected >= kStages) return bad(QStringLiteral("the cycle \"%1\" of %2 is already complete").arg(c.title, c.pcn));
    if (int(next.stage) != expected)
        return bad(QStringLiteral("the cycle \"%1\" of %2 is at \"%3\": the next stage is \"%4\", not \"%5\"")
                       .arg(c.title, c.pcn, c.stages.empty() ? QStringLiteral("not started") : stageKey(c.stages.back().stage),
                            stageKey(Stage(expected)), stageKey(next.stage)));
    if (!next.reachedOn.isValid()) return bad(QStringLiteral("give the date the stage was reached (YYYY-MM-DD)"));
    if (next.evaluation != 0 && next.stage != Stage::Evaluate)
        return bad(QStringLiteral("only the evaluate stage links a saved evaluation, not \"%1\"").arg(stageKey(next.stage)));
    if (!c.stages.empty() && next.reachedOn < c.stages.back().reachedOn)
        return bad(QStringLiteral("\"%1\" cannot be reached on %2, before \"%3\" (%4)")
                       .arg(stageKey(next.stage), next.reachedOn.toString(Qt::ISODate), stageKey(c.stages.back().stage),
                            c.stages.back().reachedOn.toString(Qt::ISODate)));
    for (const QString &cohort : next.cohorts)
        if (!savedCohorts.contains(cohort)) return bad(QStringLiteral("no saved cohort called \"%1\"").arg(cohort));
    return Ok{};
}

std::pair<QDate, QDate> financialYear(const QDate &day) {
    const int start = day.month() >= 4 ? day.year() : day.year() - 1;
    return {QDate(start, 4, 1), QDate(start + 1, 3, 31)};
}

Dashboard dashboard(const std::vector<Cycle> &cycles, const QStringList &pcns, const QDate &from, const QDate &to) {
    Dashboard d;
    d.from = from;
    d.to = to;
    d.pcns = int(pcns.size());
    std::set<QString> completed, started, evidenced;
    std::map<QString, int> furthest;
    for (const Cycle &c : cycles) {
        if (!pcns.contains(c.pcn) || c.stages.empty()) continue;
        started.insert(c.pcn);
        const QDate done = c.completedOn();
        if (done.isValid() && done >= from && done <= to) {
            completed.insert(c.pcn);
            if (c.stages.back().evaluation > 0) evidenced.insert(c.pcn);
        }
        // A cycle counts for the year if a stage was reached in it.
        bool active = false;
        for (const StageRecord &s : c.stages) active |= s.reachedOn >= from && s.reachedOn <= to;
        if (!active) continue;
        int &f = furthest.try_emplace(c.pcn, -1).first->second;
        f = std::max(f, int(c.stages.back().stage));
    }
    for (const auto &[pcn, stage] : furthest) ++d.furthest[size_t(stage)];
    d.completed = int(completed.size());
    d.evidenced = int(evidenced.size());
    d.share = d.pcns > 0 ? double(d.completed) / d.pcns : 0;
    for (const QString &p : pcns) d.notStarted += started.count(p) ? 0 : 1;
    return d;
}

}  // namespace phm::core::cycle
