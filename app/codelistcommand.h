#pragma once
#include <QStringList>

// `phm codelists list|add|remove --project P [--name NAME] [--from FILE.csv] [--json]`: the
// project's own code lists, usable as @NAME in rules at once (core/operations/codelistops.h).
int runCodeListsCommand(const QStringList &args);
