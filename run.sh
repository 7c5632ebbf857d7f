#!/usr/bin/env bash
# Installs Carnet in .venv and runs it on its embedded default: a local encrypted vault with the demo
# family, no server. A desktop window where a display exists; otherwise the web UI on
# http://127.0.0.1:8550. Arguments go to main.py (e.g. --web, --port 8600, --data-dir DIR).
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/ensure-venv.sh .
exec .venv/bin/python main.py "$@"
