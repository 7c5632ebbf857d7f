#!/usr/bin/env bash
# Creates .venv (if missing) and installs Carnet with its pinned dependencies: `ensure-venv.sh SPEC`, with
# SPEC "." for the app or ".[test]" for the tests. Debian's python3 has no ensurepip until python3-venv is
# installed: it is installed with apt (root or sudo) when `python3 -m venv` fails.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    if ! "$PYTHON" -m venv .venv >/dev/null 2>&1; then
        rm -rf .venv
        SUDO=""
        [ "$(id -u)" = 0 ] || SUDO="sudo"
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-venv >/dev/null
        "$PYTHON" -m venv .venv
    fi
fi
.venv/bin/pip install -q --disable-pip-version-check -e "${1:-.}"
