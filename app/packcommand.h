#pragma once
#include <QStringList>

// `phm export-packs --project P --level pcn|place|ics --out DIR [--area CODE] [--indicators IDS]
// [--title T] [--json]`: one A4 PDF pack per area, through disclosure control. JSON: `packs` as
// a list of {"area", "area_code", "file", "pages"}, and `policy`, `ms`.
int runExportPacksCommand(const QStringList &args);
