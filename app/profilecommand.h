#pragma once
#include <QStringList>

// `phm profile --project P --level ics|alliance|place|pcn|practice|lsoa [--indicators IDS]
// [--indicator-file F] [--date YYYY-MM-DD] [--format csv|json]`: one row per area x indicator.
int runProfileCommand(const QStringList &args);
