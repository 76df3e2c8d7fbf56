#!/usr/bin/env bash
# Runs the same `phm` commands with two builds on copies of one small synthetic project and fails
# if any output differs: the check that a refactoring kept the command line byte-identical.
# Usage: scripts/compare-cli.sh OLD_PHM NEW_PHM [WORKDIR]
# Times taken ("ms"), clock times (saved_at) and the data spec's own source path (moved with core/ by
# domain) are not compared.
set -euo pipefail
old=$(realpath "$1"); new=$(realpath "$2")
work=${3:-$(mktemp -d)}
mkdir -p "$work"
fixtures=$(realpath "$(dirname "$0")/../tests/data/pheindicatormethods")
export PHM_USER=analyst

if [ ! -f "$work/master.phm" ]; then
  "$old" generate --people 6000 --seed 11 --out "$work/extract" >/dev/null
  "$old" import --from "$work/extract" --project "$work/master.phm" >/dev/null
  # The project's rounding key is made at the first governed output: make it before copying.
  "$old" info --project "$work/master.phm" --json >/dev/null
fi

# One command per line; PROJECT, OUT and FIX are filled in for each build.
commands=$(cat <<'EOF'
info --project PROJECT --json
info --project PROJECT
data-spec
cohort --project PROJECT --rule "age >= 40 and has(gp, @hypertension)" --json
cohort --project PROJECT --rule "age >= 40 and has(gp, @hypertension)" --engine sql --json
cohort --project PROJECT --rule "age >= 65" --by pcn --json
cohort --project PROJECT --rule "age >= 65"
cohort --project PROJECT --rule "age >= 65" --save older --author a --json
cohorts list --project PROJECT
cohort --project PROJECT --rule "age < 18" --save young --author a
cohorts --project PROJECT --overlap older,young --json
cohort --project PROJECT --rule "in_cohort('older') and age < 70" --by place
segment --project PROJECT --compare-date 2025-06-30 --json
segment --project PROJECT --where "age >= 50" --compare-template cheshire-merseyside
inequality --project PROJECT --indicator hypertension --where "age >= 40" --by sex --json
multimorbidity --project PROJECT --where "age >= 65"
profile --project PROJECT --level place --date 2025-06-30 --format json
core20 --project PROJECT --level place --json --disclosure standard
segment --project PROJECT --json
segment --project PROJECT
risk --project PROJECT --json
risk --project PROJECT
stratify --project PROJECT --json
multimorbidity --project PROJECT --json
profile --project PROJECT --level pcn --format csv
profile --project PROJECT --level practice --indicators hypertension,emergency-admissions --format json
profile --project PROJECT --list
inequality --project PROJECT --indicator hypertension --json
inequality --project PROJECT --indicator emergency-admissions
core20 --project PROJECT --level place --json
core20 --project PROJECT --level pcn
trend --project PROJECT --indicator hypertension --points 4 --months 6
trend --project PROJECT --indicator emergency-admissions
stats proportion --input FIX/test_Prop.csv --map x=Numerator,n=Denominator --json
stats dsr --input FIX/test_DSR_nonind.csv --by area --map x=persons,n=pop,eventfreq=freq,stdpop=esp2013 --json
stats funnel --input FIX/test_funnel_rate_funnels_input.csv --map x=ev --statistic rate --rate-type dsr --years 3 --limits --json
stats dsr --input FIX/test_multiarea_esp.csv --map x=count,n=pop,stdpop=esp2013 --by area --multiplier 10000
maturity frameworks --project PROJECT
maturity show --project PROJECT
cycle dashboard --project PROJECT
disclosure show --project PROJECT --json
cycle list --project PROJECT --json
pack-templates list --project PROJECT
users list --project PROJECT
disclosure show --project PROJECT
export-packs --project PROJECT --level place --out OUT --json
profile --project PROJECT --indicators nope
cohort --project PROJECT --rule "age >>= 3"
core20 --project PROJECT --level place --area Atlantis
inequality --project PROJECT --indicator nope
segment --project PROJECT --template no-such-template
info --project /nonexistent/p.phm
cohort --project /nonexistent/p.phm --rule "age > 3"
EOF
)

run_all() {  # phm label
  local phm=$1 dir="$work/$2"
  rm -rf "$dir"; mkdir -p "$dir"
  cp "$work/master.phm" "$dir/p.phm"
  local i=0
  while IFS= read -r line; do
    i=$((i + 1))
    line=${line//PROJECT/$dir/p.phm}; line=${line//OUT/$dir/packs$i}; line=${line//FIX/$fixtures}
    eval "set -- $line"
    local rc=0
    (cd "$dir" && "$phm" "$@" >"$dir/$i.out" 2>"$dir/$i.err") || rc=$?
    echo "$rc" >"$dir/$i.rc"
    # Paths of this copy and timings differ by construction.
    sed -i -E -e "s#$dir#DIR#g" -e 's/ms: [0-9. ]*$/ms: T/' -e 's/"([a-z_]*_)?ms": [0-9.e+-]*/"\1ms": T/g' \
      -e 's/[0-9.]+ ms([,;)])/T ms\1/g' -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z/TIME/g' \
      -e 's#core/(base/)?dataspec.cpp#core/dataspec.cpp#' "$dir/$i.out" "$dir/$i.err"
    if [ -d "$dir/packs$i" ]; then
      for pdf in "$dir/packs$i"/*.pdf; do pdftotext -layout "$pdf" "$pdf.txt"; rm "$pdf"; done
    fi
  done <<<"$commands"
}

run_all "$old" old
run_all "$new" new
if diff -r "$work/old" "$work/new" -x p.phm -x 'p.phm.*' >"$work/diff.txt"; then
  echo "phm output identical on $(grep -c . <<<"$commands") commands ($work)"
else
  head -60 "$work/diff.txt"
  echo "phm output differs: see $work/diff.txt"
  exit 1
fi
