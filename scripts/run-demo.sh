#!/usr/bin/env bash
# Installs, builds, creates and imports the demo ICS (1M people) if absent, then opens the GUI.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
people=${PHM_DEMO_PEOPLE:-1000000}
data=${PHM_DEMO_DIR:-demo}
if [ ! -f "$data/demo.phm" ]; then
  [ -f "$data/extract/manifest.json" ] || build/app/phm generate --people "$people" --seed 2026 --out "$data/extract"
  build/app/phm import --from "$data/extract" --project "$data/demo.phm"
fi
exec build/app/phm-workbench "$data/demo.phm"
