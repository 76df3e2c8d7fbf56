#include "operations/projectcodelists.h"

#include "cohorts/cohortstore.h"
#include "governance/users.h"
#include "rules/codelistfile.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>

namespace phm::core::ops {

Result<QJsonObject> addCodeList(Session &session, const QString &name, const QString &csvPath) {
    if (auto s = rules::checkCodeListName(name); !s) return s.error();
    if (rules::CodeLists::isBundled(name))
        return Error{ErrorCode::NameClash, QStringLiteral("@%1 is a bundled code list; give yours another name").arg(name), name};
    auto codes = rules::readCodeListFile(csvPath);
    if (!codes) return codes.error();
    const bool replaced = session.codeLists().projectListNames().contains(name);
    rules::ProjectCodeList list;
    list.name = name;
    list.codes = codes.value();
    list.source = QFileInfo(csvPath).fileName();
    if (auto s = session.saveCodeList(list); !s) return s.error();
    const QJsonObject out{{QStringLiteral("name"), name},
                          {QStringLiteral("codes"), qint64(list.codes.size())},
                          {QStringLiteral("replaced"), replaced},
                          {QStringLiteral("source"), list.source}};
    if (auto s = recordAsCurrentUser(session.path(), replaced ? QStringLiteral("replace-codelist") : QStringLiteral("add-codelist"), out);
        !s)
        return s.error();
    return out;
}

Result<QJsonObject> removeCodeList(Session &session, const QString &name) {
    if (rules::CodeLists::isBundled(name))
        return Error{ErrorCode::NameClash, QStringLiteral("@%1 is a bundled code list and cannot be removed").arg(name), name};
    if (auto s = session.removeCodeList(name); !s) return s.error();
    QJsonArray usedBy;
    if (auto cohorts = session.savedCohorts()) {
        const QRegularExpression mention(QStringLiteral("@%1(?![A-Za-z0-9_-])").arg(QRegularExpression::escape(name)));
        for (const SavedCohort &c : cohorts.value())
            if (!c.history.empty() && mention.match(c.current().rule).hasMatch()) usedBy.append(c.name);
    }
    const QJsonObject out{{QStringLiteral("removed"), name}, {QStringLiteral("used_by"), usedBy}};
    if (auto s = recordAsCurrentUser(session.path(), QStringLiteral("remove-codelist"), QJsonObject{{QStringLiteral("name"), name}}); !s)
        return s.error();
    return out;
}

Result<QJsonObject> codeListsJson(const Session &session) {
    QJsonArray lists, damaged;
    const rules::CodeLists &all = session.codeLists();
    const QStringList own = all.projectListNames();
    auto stored = session.read([](ProjectDb &db) { return rules::projectCodeLists(db); });
    if (!stored) return stored.error();
    for (const QString &name : all.names()) {
        QJsonObject o{{QStringLiteral("name"), name},
                      {QStringLiteral("kind"), own.contains(name) ? QStringLiteral("project") : QStringLiteral("bundled")}};
        if (auto codes = all.codes(name)) o.insert(QStringLiteral("codes"), qint64(codes.value().size()));
        for (const rules::ProjectCodeList &l : stored.value().lists)
            if (l.name == name) {
                o.insert(QStringLiteral("source"), l.source);
                o.insert(QStringLiteral("added_at"), l.addedAt.toString(Qt::ISODate));
                o.insert(QStringLiteral("added_by"), l.addedBy);
            }
        lists.append(o);
    }
    for (const rules::DamagedCodeList &d : stored.value().damaged)
        damaged.append(QJsonObject{{QStringLiteral("name"), d.name}, {QStringLiteral("reason"), d.reason}});
    return QJsonObject{{QStringLiteral("lists"), lists}, {QStringLiteral("damaged"), damaged}};
}

const disclosure::OutputFields &projectCodeListFields() {
    static const disclosure::OutputFields f = [] {
        disclosure::OutputFields o;
        o.labels = {QStringLiteral("codes")};  // codes in a list: not people
        o.notLines = {QStringLiteral("lists"), QStringLiteral("damaged")};
        return o;
    }();
    return f;
}

}  // namespace phm::core::ops
