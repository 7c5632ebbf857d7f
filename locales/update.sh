#!/usr/bin/env bash
# Extract every user-visible message, merge into the fr/en catalogs, compile them (.mo).
# Message ids are English; the domain's error classes are extraction keywords too.
set -euo pipefail
cd "$(dirname "$0")/.."
PYBABEL="${PYBABEL:-.venv/bin/pybabel}"
KEYWORDS=(-k _ -k N_ -k CarnetError -k ValidationError -k LockedError -k IntegrityError -k NotFoundError
          -k _require_text:2 -k check_not_in_future:3 -k SyncError -k SyncTransientError -k SyncRejectedError
          -k StorageError)
"$PYBABEL" -q extract -F locales/babel.cfg "${KEYWORDS[@]}" --no-location --sort-output --omit-header \
    -o locales/carnet.pot domain services views components storage main.py >/dev/null
for lang in fr en; do
    if [ -f "locales/$lang/LC_MESSAGES/carnet.po" ]; then
        "$PYBABEL" -q update -i locales/carnet.pot -d locales -D carnet -l "$lang" --no-fuzzy-matching --omit-header >/dev/null
    else
        "$PYBABEL" -q init -i locales/carnet.pot -d locales -D carnet -l "$lang" >/dev/null
    fi
done
"$PYBABEL" -q compile -d locales -D carnet --use-fuzzy >/dev/null
