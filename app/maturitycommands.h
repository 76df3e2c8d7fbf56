#pragma once
#include <QStringList>

// `phm maturity frameworks|export|import|show|assess --project P ...`: PHM maturity frameworks and
// assessments (core/maturity/maturitystore).
//   frameworks [--json]                      JSON: frameworks (each name, summary, levels, capabilities)
//   export --out F.json                      the exchange file: frameworks, assessments, cycles
//   import --from F.json [--json]            all or nothing; JSON: frameworks_saved, assessments_added, ...
//   show [--framework N] [--level L] [--area A] [--history] [--json]   JSON: assessments
//   assess --framework N --level L --area A --date D --assessor WHO
//          --rating "Capability=Current[>Target][@YYYY-MM-DD]" ... [--evidence "Capability=text"] ... [--link "Capability=URL"] ...
int runMaturityCommand(const QStringList &args);

// `phm cycle start|record|list|dashboard --project P ...`: the PHM cycle of each PCN.
//   start --pcn CODE --title T               JSON: cycle
//   record --cycle ID --stage S --date D [--cohort NAME]... [--note T]
//   list [--pcn CODE] [--json]               JSON: cycles
//   dashboard [--date D] [--json]            JSON: from, to, pcns, completed, share, furthest{stage: n}, not_started
int runCycleCommand(const QStringList &args);
