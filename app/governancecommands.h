#pragma once
// Information governance commands (docs/governance.md), one file each (userscommand.cpp,
// auditcommand.cpp, keyscommand.cpp, revealcommand.cpp, disclosurecommand.cpp):
#include <QStringList>

// `phm users list|set|remove --project P [--name LOGIN --role analyst|clinician|admin --practice CODE] [--json]`
// `phm audit verify|list --project P [--json]`: verify exits 1 and names the first bad entry.
// `phm keys create --project P (--synthetic | --from identities.csv) [--keys F] [--passphrase-file F]`
// `phm reveal --project P --cohort NAME --reason TEXT [--keys F] [--passphrase-file F] [--json]`
// The acting user is the login (PHM_USER overrides it); the passphrase comes from
// --passphrase-file or PHM_KEYS_PASSPHRASE, never from the command line.
int runUsersCommand(const QStringList &args);
int runAuditCommand(const QStringList &args);
int runKeysCommand(const QStringList &args);
int runRevealCommand(const QStringList &args);

// `phm disclosure show|set --project P [--smallest N] [--largest N] [--round N] [--json]`: the
// project's disclosure policy (set: admins; audited). JSON: smallest, largest, round_to, policy.
int runDisclosureCommand(const QStringList &args);
