#pragma once
#include <QStringList>

// `phm risk --project P [--high 5] [--rising 15] --json`
int runRiskCommand(const QStringList &args);
// `phm multimorbidity --project P [--where RULE] [--top N] --json`
int runMultimorbidityCommand(const QStringList &args);
// `phm stratify --project P [--template ID] --json`: eFI, segmentation and risk scores for
// everyone, timed together (the model is trained first, outside the timing).
int runStratifyCommand(const QStringList &args);
