#include "store/tablecheck.h"

namespace phm::core {

bool hasTable(ProjectDb &db, const char *name) {
    Statement st(db, QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"));
    st.bindText(1, std::string_view(name));
    return st.step();
}

Status refuseComputedColumns(ProjectDb &db, const char *table) {
    Statement columns(db, QStringLiteral("SELECT count(*) FROM pragma_table_xinfo(?) WHERE hidden != 0"));
    columns.bindText(1, std::string_view(table));
    if (!columns.step() || columns.columnInt(0) != 0)
        return Error{ErrorCode::CorruptProject,
                     QStringLiteral("%1: the %2 table has computed columns; it was not written by PHM Workbench")
                         .arg(db.path(), QLatin1String(table)),
                     db.path()};
    return Ok{};
}

}  // namespace phm::core
