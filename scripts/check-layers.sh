#!/usr/bin/env bash
# Fails if the core library reaches for widgets, the UI layer holds SQL, or code is not formatted.
set -euo pipefail
cd "$(dirname "$0")/.."
fail=0
if grep -rnE '#include *<(QtWidgets|QWidget|QMainWindow|QApplication|QtCharts|QChart)' core; then
  echo "core/ must not include widget or chart headers"; fail=1; fi
if grep -rnE 'QSqlQuery|SELECT |INSERT INTO|sqlite3_' ui; then
  echo "ui/ must not contain SQL"; fail=1; fi
if grep -nE '^[^#]*Qt6::(Widgets|Charts)' core/CMakeLists.txt; then
  echo "phmcore must not link Qt6::Widgets"; fail=1; fi
# core/'s folders are layers: each includes only its own and lower ones (core/README.md).
python3 scripts/check-includes.py || fail=1
if command -v clang-format >/dev/null; then
  if ! clang-format --dry-run --Werror $(git ls-files '*.h' '*.cpp') 2>/dev/null; then
    echo "code is not clang-formatted (see .clang-format)"; fail=1; fi
fi
exit $fail
