#!/usr/bin/env bash
# Installs dependencies, builds with warnings as errors, and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh -DCMAKE_COMPILE_WARNING_AS_ERROR=ON
QT_QPA_PLATFORM=offscreen ctest --test-dir build --output-on-failure -j2
scripts/check-layers.sh
# No file over 500 lines, no function over 100, in core/, report/, ui/ and app/.
python3 scripts/check-size.py
scripts/fuzz.sh
