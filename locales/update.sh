#!/usr/bin/env bash
# Extract every user-visible message, merge into the fr/en catalogs, compile them (.mo).
# Message ids are English; the domain's error classes are extraction keywords too.
set -euo pipefail
cd "$(dirname "$0")/.."
PYBABEL="${PYBABEL:-.venv/bin/pybabel}"
KEYWORDS=(-k _ -k N_ -k CarnetError -k ValidationError -k LockedError -k IntegrityError -k NotFoundError
          -k _require_text:2 -k check_not_in_future:3 -k SyncError -k SyncTransientError -k SyncRejectedError
          -k StorageError)
# Plural rule of each catalog: French says "0 jour", "1 jour", "2 jours"; English "0 days", "1 day".
declare -A PLURAL=([fr]="nplurals=2; plural=(n > 1);" [en]="nplurals=2; plural=(n != 1);")

# Babel's own header changes at every run (dates, placeholders), so it is left out and this short,
# stable one is written instead; its Plural-Forms line is what gettext's ngettext follows.
with_header() {  # FILE LANGUAGE ("" for the template) PLURAL-RULE
    local body
    body="$(cat "$1"; echo .)"  # the dot keeps the file's last newlines, which $(...) would drop
    {
        printf 'msgid ""\nmsgstr ""\n'
        [ -z "$2" ] || printf '"Language: %s\\n"\n' "$2"
        printf '"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        printf '"Content-Transfer-Encoding: 8bit\\n"\n"Plural-Forms: %s\\n"\n\n%s' "$3" "${body%.}"
    } >"$1"
}

"$PYBABEL" -q extract -F locales/babel.cfg "${KEYWORDS[@]}" --no-location --sort-output --omit-header \
    -o locales/carnet.pot domain services views components storage cli main.py >/dev/null
with_header locales/carnet.pot "" "${PLURAL[en]}"
for lang in fr en; do
    if [ -f "locales/$lang/LC_MESSAGES/carnet.po" ]; then
        "$PYBABEL" -q update -i locales/carnet.pot -d locales -D carnet -l "$lang" --no-fuzzy-matching --omit-header >/dev/null
    else
        "$PYBABEL" -q init -i locales/carnet.pot -d locales -D carnet -l "$lang" --omit-header >/dev/null
    fi
    with_header "locales/$lang/LC_MESSAGES/carnet.po" "$lang" "${PLURAL[$lang]}"
done
"$PYBABEL" -q compile -d locales -D carnet --use-fuzzy >/dev/null
