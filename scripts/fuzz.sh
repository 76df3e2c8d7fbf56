#!/usr/bin/env bash
# Builds the fuzz tests with AddressSanitizer and UBSan and runs them; any memory error or
# undefined behaviour fails. tst_ruleparser feeds 20,000 random and mutated rules;
# tst_projectfuzz damages a small project in seeded random ways (byte flips, overwritten ranges,
# truncations, patched column blocks and tables) and opens, queries and profiles each copy
# (PHM_FUZZ_ITERATIONS cases, default 1200, under two minutes in this build).
set -euo pipefail
cd "$(dirname "$0")/.."
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
# Paths relative to the checkout, so a fresh clone in another folder reuses the cache.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug "${launcher[@]}" \
  -DCMAKE_CXX_FLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" >/dev/null
cmake --build build-asan -j2 --target tst_ruleparser tst_projectfuzz
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 QT_QPA_PLATFORM=offscreen
build-asan/tests/tst_ruleparser
build-asan/tests/tst_projectfuzz
