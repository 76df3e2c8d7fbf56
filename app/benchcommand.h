#pragma once
#include <QStringList>

// `phm bench`: times the pipeline at a given size and prints JSON (see docs/benchmarks.md).
int runBenchCommand(const QStringList &args);
