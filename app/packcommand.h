#pragma once
#include <QStringList>

// `phm export-packs --project P --level pcn|place|ics --out DIR [--area CODE] [--indicators IDS]
// [--template NAME] [--title T] [--json]`: one A4 PDF pack per area, through disclosure control. JSON: `packs` as
// a list of {"area", "area_code", "file", "pages"}, and `policy`, `ms`.
int runExportPacksCommand(const QStringList &args);

// `phm pack-templates list|export|import|remove --project P [--name N] [--from F.json] [--out F.json]
// [--json]`: the pack templates stored in the project (JSON: `templates`, each as its template
// JSON without the logo, plus `has_logo`).
int runPackTemplatesCommand(const QStringList &args);
