#pragma once
// Abstract syntax of the cohort rule language (docs/rules.md). Produced by RuleParser, checked
// against the field catalogue, then evaluated by the in-memory engine or compiled to SQL.
#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

namespace phm::core::rules {

struct Location {
    int offset = 0;  // 0-based character offset in the rule text
    int line = 1, column = 1;
};

// A time window relative to the index date: (index - amount unit, index]; `ever` = all up to index.
struct Window {
    enum Unit { Ever, Days, Months, Years } unit = Ever;
    int amount = 0;
};

// count(...), cost(...), latest(...).value, has(...): an event criterion over one dataset (or
// all datasets with costs, for cost(all, ...)).
struct EventQuery {
    enum Kind { Has, Count, Cost, LatestValue } kind = Has;
    QString dataset;        // "gp", "ae", ..., or "all" for cost
    QStringList codeLists;  // @names (any code of any list matches)
    QStringList filters;    // keywords such as emergency, elective, conveyed, attended
    Window window;
};

enum class CompareOp { Eq, Ne, Lt, Le, Gt, Ge };

struct Literal {
    bool isNumber = false;
    double number = 0;
    QString text;
};

struct Expr {
    enum Kind { And, Or, Not, Compare, Between, InList, Flag, Event, InCohort } kind = Flag;
    Location where;
    std::vector<std::unique_ptr<Expr>> children;  // And / Or (2+), Not (1)
    // Compare / Between / InList: left side is a field or an event query
    QString field;  // empty when the left side is an event query
    std::unique_ptr<EventQuery> event;
    CompareOp op = CompareOp::Eq;
    std::vector<Literal> values;  // Compare: 1, Between: 2, InList: n
    bool negated = false;         // `not in`
    QString cohort;               // InCohort
    QString argument;             // a field's argument: segment('template')
    QString text;                 // source text of this node (for attrition labels)
};

using ExprPtr = std::unique_ptr<Expr>;

}  // namespace phm::core::rules
