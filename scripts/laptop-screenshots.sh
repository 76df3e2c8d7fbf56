#!/usr/bin/env bash
# Renders every panel and the main dialogs of the workbench as on a laptop: a 1366×768 screen (the
# offscreen platform configured to that size), the window at 1366×728 (the screen less a task
# bar). Writes docs/images/laptop-*.png. Needs a build (scripts/build.sh); makes a small demo
# project in build/laptop-demo the first time (PHM_DEMO_PEOPLE people, 30,000 by default).
#   scripts/laptop-screenshots.sh [PROJECT.phm]
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --build build -j2 --target phm phm-screenshot >/dev/null
project=${1:-build/laptop-demo/demo.phm}
if [ ! -f "$project" ]; then
  dir=$(dirname "$project")
  [ -f "$dir/extract/manifest.json" ] || build/app/phm generate --people "${PHM_DEMO_PEOPLE:-30000}" --seed 2026 --out "$dir/extract" >/dev/null
  build/app/phm import --from "$dir/extract" --project "$project" >/dev/null
  # A few PCNs' maturity assessments (two for the first, for its timeline), so the maturity panel
  # has something to show.
  levels=(Emerging Developing Maturing Thriving)
  i=0
  for code in $(build/app/phm profile --project "$project" --level pcn --indicators diabetes --format csv 2>/dev/null | tail -n +2 | cut -d, -f3 | head -8); do
    for date in 2025-04-01 2025-10-01; do
      [ "$date" = 2025-04-01 ] && [ $i -gt 0 ] && continue
      build/app/phm maturity assess --project "$project" --framework "PHM maturity matrix" --level pcn --area "$code" \
        --date "$date" --assessor "PCN board" \
        --rating "Infrastructure=${levels[i % 3]}>Maturing" --rating "Intelligence=${levels[(i + 1) % 4]}>Thriving" \
        --rating "Interventions=${levels[(i + 2) % 4]}" --rating "Incentives=${levels[(i / 2) % 4]}" >/dev/null
      i=$((i + 1))
    done
  done
  # The importer is the project's first admin: a passphrase for the audit log's screenshot (a demo
  # secret, kept beside the demo project).
  printf 'laptop demo passphrase\n' >"$dir/admin-passphrase"
  build/app/phm users passphrase --project "$project" --new-passphrase-file "$dir/admin-passphrase" >/dev/null
fi
config=$(mktemp --suffix=.json)
trap 'rm -f "$config"' EXIT
echo '{"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}' >"$config"
export QT_QPA_PLATFORM="offscreen:configfile=$config"
shot() {  # NAME, then phm-screenshot's options
  local name=$1
  shift
  echo "docs/images/laptop-$name.png"
  timeout 120 build/tests/phm-screenshot --size 1366x728 --screenshot "docs/images/laptop-$name.png" "$@" "$project" || { echo "  failed: $name"; failed=1; }
}
failed=0
shot workbench
shot data-overview --dock dataOverview
shot cohort-builder --rule 'age >= 65 and has(gp, @diabetes)'
shot cohort-by-area --rule 'age >= 65' --tab 1
shot segmentation --dock segmentation
shot risk --dock risk
shot profile --dock profile
shot profile-trend --dock profile --tab 2
shot inequalities --dock inequalities
shot core20plus5 --dock core20
shot maturity --dock maturity
shot evaluation --dock evaluation
shot cohort-library --dock cohortLibrary
shot map --map diabetes
shot pack-designer --dialog packs
shot indicator-editor --edit-indicator diabetes
passphrase=$(dirname "$project")/admin-passphrase
if [ -f "$passphrase" ]; then shot audit-log --dialog audit --passphrase-file "$passphrase"; fi
exit $failed
