#!/usr/bin/env bash
# Configures and builds PHM Workbench into build/ (RelWithDebInfo, Ninja, ccache if present).
set -euo pipefail
cd "$(dirname "$0")/.."
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
# Paths relative to the checkout, so a fresh clone in another folder reuses the cache.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" "$@" | grep -vE "^-- (Configuring done|Generating done|Build files)" || true
cmake --build build -j2
