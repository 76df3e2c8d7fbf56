#!/usr/bin/env bash
# Installs the Debian 12 packages PHM Workbench needs to build, test and run.
set -euo pipefail
pkgs=(build-essential cmake ninja-build ccache pkg-config
      qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-tools-dev qt6-tools-dev-tools
      qt6-l10n-tools libgl-dev libeigen3-dev libboost-dev libsqlite3-dev sqlite3 libsodium-dev
      xvfb xauth poppler-utils clang-format fonts-dejavu-core python3)
missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi
