#include "rules/codeliststore.h"

#include "base/plaintext.h"
#include "rules/codelistfile.h"
#include "rules/rulecatalogue.h"
#include "store/projectlock.h"
#include "store/tablecheck.h"

namespace phm::core::rules {

Result<ProjectCodeLists> projectCodeLists(ProjectDb &db) {
    ProjectCodeLists out;
    if (!hasTable(db, "codelist")) return out;
    if (auto s = refuseComputedColumns(db, "codelist"); !s) return s.error();
    // The lengths first, so an oversized list is never read into the workbench.
    Statement st(db,
                 QStringLiteral("SELECT CASE WHEN length(CAST(name AS BLOB)) <= 256 THEN name END, "
                                "coalesce(length(CAST(codes AS BLOB)), 0), CASE WHEN length(CAST(codes AS BLOB)) <= ?1 THEN codes END, "
                                "CASE WHEN length(CAST(source AS BLOB)) <= 1024 THEN source END, added_at, "
                                "CASE WHEN length(CAST(added_by AS BLOB)) <= 256 THEN added_by END FROM codelist ORDER BY name LIMIT ?2"));
    st.bind(1, kMaxListBytes);
    st.bind(2, int64_t(kMaxProjectLists) + 1);
    int64_t bytes = 0;
    while (st.step()) {
        const QString name = oneLine(st.columnText(0), kMaxCodeListName + 1);
        auto damaged = [&](const QString &why) {
            out.damaged.push_back({name, QStringLiteral("%1: code list %2: %3").arg(db.path(), name, why)});
        };
        if (out.lists.size() + out.damaged.size() == size_t(kMaxProjectLists)) {
            damaged(QStringLiteral("more than %1 code lists; the rest are not read").arg(kMaxProjectLists));
            break;
        }
        const int64_t size = st.columnInt(1);
        if ((bytes += size) > kMaxListsBytes) {
            damaged(QStringLiteral("the code lists hold more than %1 MB; the rest are not read").arg(kMaxListsBytes >> 20));
            break;
        }
        if (auto s = checkCodeListName(name); !s || CodeLists::isBundled(name)) {
            damaged(s ? QStringLiteral("the name of a bundled list") : s.error().message);
            continue;
        }
        if (size > kMaxListBytes) {
            damaged(QStringLiteral("larger than %1 MB").arg(kMaxListBytes >> 20));
            continue;
        }
        ProjectCodeList l;
        l.name = name;
        l.codes = st.columnText(2).split(QLatin1Char('\n'));
        if (auto s = checkCodes(l.codes, QStringLiteral("code list %1").arg(name)); !s) {
            damaged(s.error().message);
            continue;
        }
        l.source = oneLine(st.columnText(3), 200);
        l.addedAt = QDateTime::fromString(st.columnText(4), Qt::ISODate);
        l.addedBy = oneLine(st.columnText(5), 120);
        out.lists.push_back(std::move(l));
    }
    if (!st.ok()) return db.failure(QStringLiteral("cannot read the code lists"));
    return out;
}

Status saveProjectCodeList(ProjectDb &db, const ProjectCodeList &list) {
    if (auto s = checkCodeListName(list.name); !s) return s;
    if (CodeLists::isBundled(list.name))
        return Error{ErrorCode::NameClash, QStringLiteral("@%1 is a bundled code list; give yours another name").arg(list.name), list.name};
    if (auto s = checkCodes(list.codes, QStringLiteral("code list %1").arg(list.name)); !s) return s;
    const QByteArray codes = list.codes.join(QLatin1Char('\n')).toUtf8();
    if (codes.size() > kMaxListBytes)
        return Error{ErrorCode::BadCodelist, QStringLiteral("code list %1 is larger than %2 MB").arg(list.name).arg(kMaxListBytes >> 20),
                     list.name};
    auto lock = lockForWriting(db, QStringLiteral("code lists"));
    if (!lock) return lock.error();
    if (auto s = db.migrate(); !s) return s;
    Statement count(db, QStringLiteral("SELECT count(*) FROM codelist WHERE name != ?1"));
    count.bindText(1, list.name);
    if (!count.step() || count.columnInt(0) >= kMaxProjectLists)
        return Error{ErrorCode::BadValue, QStringLiteral("the project already holds %1 code lists").arg(kMaxProjectLists), list.name};
    Statement insert(db, QStringLiteral("INSERT OR REPLACE INTO codelist(name, codes, source, added_at, added_by) VALUES (?,?,?,?,?)"));
    insert.bindText(1, list.name);
    insert.bindText(2, std::string_view(codes.constData(), size_t(codes.size())));
    insert.bindText(3, oneLine(list.source, 200));
    insert.bindText(4, QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    insert.bindText(5, list.addedBy);
    if (!insert.stepDone()) return db.failure(QStringLiteral("cannot save code list %1").arg(list.name));
    return Ok{};
}

Status removeProjectCodeList(ProjectDb &db, const QString &name) {
    auto lock = lockForWriting(db, QStringLiteral("code lists"));
    if (!lock) return lock.error();
    if (auto s = db.migrate(); !s) return s;
    Statement del(db, QStringLiteral("DELETE FROM codelist WHERE name = ?"));
    del.bindText(1, name);
    if (!del.stepDone()) return db.failure(QStringLiteral("cannot remove code list %1").arg(name));
    Statement changed(db, QStringLiteral("SELECT changes()"));
    if (!changed.step() || changed.columnInt(0) == 0)
        return Error{ErrorCode::UnknownCodelist, QStringLiteral("the project has no code list @%1").arg(name), name};
    return Ok{};
}

}  // namespace phm::core::rules
