#include "import/importer.h"

#include <QJsonArray>

namespace phm::core {

QJsonObject FileImportReport::toJson() const {
    QJsonObject reasons, complete;
    for (const auto &[k, v] : rejectsByReason) reasons.insert(k, v);
    for (const auto &[k, v] : completeness) complete.insert(k, v);
    QJsonObject o{{QStringLiteral("file"), file},
                  {QStringLiteral("dataset"), dataset},
                  {QStringLiteral("present"), present},
                  {QStringLiteral("rows_read"), rowsRead},
                  {QStringLiteral("rows_imported"), rowsImported},
                  {QStringLiteral("rows_rejected"), rowsRejected},
                  {QStringLiteral("rejects_by_reason"), reasons},
                  {QStringLiteral("unknown_columns"), QJsonArray::fromStringList(unknownColumns)},
                  {QStringLiteral("completeness"), complete}};
    if (linked + unlinked > 0) o.insert(QStringLiteral("linkage_rate"), linkageRate());
    if (dateMin != kNoDate) {
        o.insert(QStringLiteral("date_min"), QString::fromStdString(isoDate(dateMin)));
        o.insert(QStringLiteral("date_max"), QString::fromStdString(isoDate(dateMax)));
    }
    return o;
}

double ImportReport::linkageRate() const {
    qint64 linked = 0, unlinked = 0;
    for (const auto &f : files) {
        linked += f.linked;
        unlinked += f.unlinked;
    }
    return linked + unlinked ? double(linked) / double(linked + unlinked) : 1.0;
}

QJsonObject ImportReport::toJson() const {
    QJsonArray list;
    for (const auto &f : files) list.append(f.toJson());
    QJsonObject phases;
    for (const auto &[k, v] : timings) phases.insert(k, v);
    return QJsonObject{
        {QStringLiteral("files"), list},          {QStringLiteral("timings_s"), phases},           {QStringLiteral("persons"), persons},
        {QStringLiteral("practices"), practices}, {QStringLiteral("linkage_rate"), linkageRate()}, {QStringLiteral("seconds"), seconds},
        {QStringLiteral("project"), project},     {QStringLiteral("rejects_dir"), rejectsDir}};
}

ImportReport ImportReport::fromJson(const QJsonObject &o) {
    ImportReport r;
    r.persons = o.value(QStringLiteral("persons")).toInteger();
    r.practices = o.value(QStringLiteral("practices")).toInteger();
    r.seconds = o.value(QStringLiteral("seconds")).toDouble();
    r.project = o.value(QStringLiteral("project")).toString();
    r.rejectsDir = o.value(QStringLiteral("rejects_dir")).toString();
    for (const QJsonValue &v : o.value(QStringLiteral("files")).toArray()) {
        const QJsonObject f = v.toObject();
        FileImportReport x;
        x.file = f.value(QStringLiteral("file")).toString();
        x.dataset = f.value(QStringLiteral("dataset")).toString();
        x.present = f.value(QStringLiteral("present")).toBool();
        x.rowsRead = f.value(QStringLiteral("rows_read")).toInteger();
        x.rowsImported = f.value(QStringLiteral("rows_imported")).toInteger();
        x.rowsRejected = f.value(QStringLiteral("rows_rejected")).toInteger();
        const QJsonObject reasons = f.value(QStringLiteral("rejects_by_reason")).toObject();
        for (auto it = reasons.begin(); it != reasons.end(); ++it) x.rejectsByReason[it.key()] = it.value().toInteger();
        x.unknownColumns = f.value(QStringLiteral("unknown_columns")).toVariant().toStringList();
        const QJsonObject complete = f.value(QStringLiteral("completeness")).toObject();
        for (auto it = complete.begin(); it != complete.end(); ++it) x.completeness.push_back({it.key(), it.value().toDouble()});
        if (f.contains(QStringLiteral("linkage_rate"))) {
            // The JSON keeps the rate, not the counts: linked rows are the imported ones and
            // unlinked ones the unknown_person rejects, which gives the same rate back.
            x.linked = x.rowsImported;
            x.unlinked =
                x.rejectsByReason.count(QStringLiteral("unknown_person")) ? x.rejectsByReason[QStringLiteral("unknown_person")] : 0;
        }
        if (f.contains(QStringLiteral("date_min"))) {
            x.dateMin = parseIsoDate(f.value(QStringLiteral("date_min")).toString().toStdString()).value_or(kNoDate);
            x.dateMax = parseIsoDate(f.value(QStringLiteral("date_max")).toString().toStdString()).value_or(kNoDate);
        }
        r.files.push_back(x);
    }
    return r;
}

}  // namespace phm::core
