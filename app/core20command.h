#pragma once
#include <QStringList>

// `phm core20 --project P [--level pcn] [--area CODE] [--plus-groups F [--save-plus-groups]] [--json]`:
// Core20 and PLUS group shares per area, and the five clinical areas for Core20 and each PLUS
// group against everyone else (core/indicators/core20plus5.h).
int runCore20Command(const QStringList &args);
