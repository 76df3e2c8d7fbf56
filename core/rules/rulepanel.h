#pragma once
// The cohort builder's panel view of a rule, in the style of the i2b2 query tool: groups of
// criteria, OR within a group, AND between groups; an exclusion group removes anyone who
// matches any of its criteria. Every rule has a panel view (a criterion may itself be any
// sub-rule), and the panel's rule text selects the same people as the text it came from, so
// the text editor and the panel can be kept in sync both ways.
#include "base/result.h"

#include <QString>
#include <QStringList>
#include <vector>

namespace phm::core::rules {

struct PanelGroup {
    bool exclude = false;
    QStringList criteria;  // rule text of each criterion
    bool operator==(const PanelGroup &o) const { return exclude == o.exclude && criteria == o.criteria; }
};

struct RulePanel {
    std::vector<PanelGroup> groups;
    bool operator==(const RulePanel &o) const { return groups == o.groups; }
};

// Rule text for a panel: `g1 and g2 and not (g3)`, each group `(c1 or c2)`; blank criteria and
// empty groups are left out. A panel with no criteria gives empty text.
QString panelToRule(const RulePanel &panel);

// The panel of a rule: its top-level `and` clauses become groups (`not ...` an exclusion
// group), and an `or` clause's alternatives become the group's criteria. Fails only when the
// text does not parse (the error is the parser's, with its location).
Result<RulePanel> ruleToPanel(const QString &text);

}  // namespace phm::core::rules
