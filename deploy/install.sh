#!/usr/bin/env bash
# Installs everything on Debian 12: system packages (OCR, LibreOffice, fonts, and what the
# tests need), then the program and its Python dependencies into ./.venv. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

packages() { grep -hv '^\s*#' "$@" | grep -v '^\s*$'; }
wanted=$(packages deploy/apt-packages.txt deploy/apt-packages-test.txt)
missing=$(for p in $wanted; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"; done)
if [ -n "$missing" ]; then
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then "$PYTHON" -m venv .venv; fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
# The sample set `intake demo` runs through, made once by the test-data generator (tests/generator).
if [ ! -f demo-sample/truth.json ]; then
  rm -rf demo-sample && .venv/bin/python -m tests.generator demo-sample --units 6 --seed 2023 >/dev/null
fi
echo "installed: $(.venv/bin/intake --help >/dev/null && echo 'intake is ready in .venv/bin/intake')"
