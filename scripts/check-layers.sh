#!/usr/bin/env bash
# Fails if the core library reaches for widgets, the report library for widgets, charts or SQL, the
# UI layer holds SQL, the command line links widgets, or code is not formatted.
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
# report/ paints with Qt Gui alone, so the command line can print packs without widgets.
if grep -rnE '#include *<(QtWidgets|QtCharts|QtSql|QWidget|QMainWindow|QApplication|QChart|QSql|sqlite3)' report; then
  echo "report/ must not include widget, chart or SQL headers"; fail=1; fi
if grep -rnE 'QSqlQuery|QSqlDatabase|SELECT |INSERT INTO|sqlite3_' report; then
  echo "report/ must not contain SQL"; fail=1; fi
if grep -nE '^[^#]*(Qt6::(Widgets|Charts)|phmui)' report/CMakeLists.txt; then
  echo "phmreport must not link Qt6::Widgets, Qt6::Charts or phmui"; fail=1; fi
# phm, the command line, never links widgets: the built binary when there is one (this script
# runs after the build in scripts/test.sh), else its link line.
if [ -x build/app/phm ] && command -v ldd >/dev/null; then
  if ldd build/app/phm | grep -E 'libQt6(Widgets|Charts)'; then
    echo "build/app/phm must not link Qt6 Widgets or Charts"; fail=1; fi
elif grep -nE '^[^#]*target_link_libraries\(phm [^)]*(Qt6::(Widgets|Charts)|phmui)' app/CMakeLists.txt; then
  echo "phm must not link Qt6::Widgets, Qt6::Charts or phmui"; fail=1; fi
# POSIX and Win32 calls live behind one portable helper each: core/base/filesystem, app/cliplatform.
os='#include *<(unistd|fcntl|termios|windows|io)\.h>|#include *<sys/'
if grep -rnE "$os" core report ui app | grep -vE '^(core/base/filesystem|app/cliplatform)\.cpp:'; then
  echo "operating-system headers belong in core/base/filesystem.cpp or app/cliplatform.cpp"; fail=1; fi
if command -v clang-format >/dev/null; then
  if ! clang-format --dry-run --Werror $(git ls-files '*.h' '*.cpp') 2>/dev/null; then
    echo "code is not clang-formatted (see .clang-format)"; fail=1; fi
fi
exit $fail
