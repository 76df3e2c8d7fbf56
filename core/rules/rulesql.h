#pragma once
// SQL rule engine: compiles a parsed rule to one SQL query over the project's relational tables
// (person, lsoa, practice and the event tables). It is the reference implementation the
// in-memory engine is tested against, and the route to a warehouse: everything
// database-specific goes through SqlDialect.
#include "base/result.h"
#include "rules/personvalues.h"
#include "rules/ruleast.h"
#include "rules/ruleengine.h"
#include "store/project.h"

namespace phm::core::rules {

class CodeLists;

struct SqlDialect {
    enum Kind { Sqlite } kind = Sqlite;
    QString quote(const QString &text) const;  // string literal
    QString prefixMatch(const QString &column, const QString &prefix) const;
};

class SqlCompiler {
public:
    SqlCompiler(const Project &project, const CodeLists &lists, SqlDialect dialect = {});
    // A boolean SQL expression over `person p` for the rule (or one clause).
    Result<QString> condition(const Expr &e, int32_t indexDate) const;
    // SELECT p.pid FROM person p WHERE ...
    Result<QString> selectPeople(const Expr &rule, int32_t indexDate = kNoDate) const;
    // Statements to run first on the connection: the eFI deficit code lists as a TEMP table.
    Result<QStringList> preamble() const;
    // Risk and segment fields read TEMP table `table` (idx, value, label) holding `values`:
    // evaluateWithSql makes one for each the rule uses (personValuesKey names them).
    void usePersonValues(const QString &key, const QString &table, std::shared_ptr<const PersonValues> values);

private:
    Result<QString> field(const Expr &e, int32_t indexDate) const;
    Result<QString> event(const Expr &e, int32_t indexDate) const;
    Result<QString> eventAggregate(const EventQuery &q, const QString &dataset, int32_t indexDate) const;
    QString comparison(const QString &value, const Expr &e) const;
    QString efiDeficits(int32_t indexDate) const;
    const Project &mProject;
    const CodeLists &mLists;
    SqlDialect mDialect;
    QHash<QString, std::pair<QString, std::shared_ptr<const PersonValues>>> mValueTables;
};

// Runs the compiled rule on the project file; attrition counts each prefix of top-level clauses.
Result<EvaluationResult> evaluateWithSql(const Project &project, const CodeLists &lists, const Expr &rule, int32_t indexDate = kNoDate);

}  // namespace phm::core::rules
