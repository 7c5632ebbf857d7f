"""Every message a user can see has a French translation, and the compiled catalogs are current."""

import gettext
import re
import subprocess
from pathlib import Path

from babel.messages.pofile import read_po

from services.i18n import LOCALES, translator

ROOT = Path(__file__).resolve().parents[2]


def extracted_ids(tmp_path: Path) -> set[str]:
    pot = tmp_path / "carnet.pot"
    keywords = [
        arg
        for word in (
            "_",
            "N_",
            "CarnetError",
            "ValidationError",
            "LockedError",
            "IntegrityError",
            "NotFoundError",
            "_require_text:2",
            "check_not_in_future:3",
            "SyncError",
            "SyncTransientError",
            "SyncRejectedError",
            "StorageError",
        )
        for arg in ("-k", word)
    ]
    pybabel = ROOT / ".venv" / "bin" / "pybabel"
    subprocess.run(
        [
            str(pybabel) if pybabel.exists() else "pybabel",
            "-q",
            "extract",
            "-F",
            "locales/babel.cfg",
            *keywords,
            "-o",
            str(pot),
            "domain",
            "services",
            "views",
            "components",
            "storage",
            "cli",
            "main.py",
        ],
        cwd=ROOT,
        check=True,
    )
    with pot.open("rb") as f:
        return {m.id for m in read_po(f) if m.id}


def test_every_message_in_the_code_has_a_french_translation(tmp_path):
    with (LOCALES / "fr" / "LC_MESSAGES" / "carnet.po").open("rb") as f:
        french = {m.id: m.string for m in read_po(f) if m.id and not m.fuzzy}
    # A plural entry (ngettext) has a tuple of ids and a tuple of forms: every form must be translated.
    missing = sorted(str(i) for i in extracted_ids(tmp_path) if not all(_forms(french.get(i))))
    assert missing == []


def _forms(string):
    return string if isinstance(string, tuple) else (string,)


def test_the_compiled_french_catalog_matches_its_source():
    with (LOCALES / "fr" / "LC_MESSAGES" / "carnet.po").open("rb") as f:
        source = {(m.context, m.id): m.string for m in read_po(f) if m.id and m.string and not m.fuzzy}
    with (LOCALES / "fr" / "LC_MESSAGES" / "carnet.mo").open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    assert {key: _compiled(compiled, *key) for key in source} == source


def _compiled(compiled, context, message_id):
    """The compiled text of an entry (of its context: "né"/"née"); of a plural one, each form, for a
    count that selects it."""
    if context is not None:
        return compiled.pgettext(context, message_id)
    if isinstance(message_id, str):
        return compiled.gettext(message_id)
    singular, plural = message_id
    counts = {compiled.plural(n): n for n in range(99, -1, -1)}  # the smallest count of each form
    return tuple(compiled.ngettext(singular, plural, counts[form]) for form in sorted(counts))


def test_french_is_the_default_and_english_falls_back_to_the_message_id():
    assert translator("fr")("Home") == "Accueil"
    assert translator("xx")("Home") == "Accueil"
    assert translator("en")("Home") == "Home"


def _plural_rule(lang):
    """The Plural-Forms line of the header (the first entry, msgid ""), as written in the file."""
    path = ROOT / "locales/carnet.pot" if lang is None else LOCALES / lang / "LC_MESSAGES" / "carnet.po"
    header = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    found = (
        re.search(r'^"Plural-Forms: (.*)\\n"$', header, re.MULTILINE)
        if header.startswith('msgid ""')
        else None
    )
    return found and found.group(1)


def test_each_catalog_declares_its_plural_rule_french_singular_for_zero_and_one():
    assert _plural_rule("fr") == "nplurals=2; plural=(n > 1);"
    assert _plural_rule("en") == _plural_rule(None) == "nplurals=2; plural=(n != 1);"


def test_french_says_0_jour_1_jour_2_jours_and_english_0_days_1_day():
    from services.i18n import catalog

    def days(lang, n):
        return catalog(lang).ngettext("{n} day", "{n} days", n).format(n=n)

    assert [days("fr", n) for n in (0, 1, 2)] == ["0 jour", "1 jour", "2 jours"]
    assert [days("en", n) for n in (0, 1, 2)] == ["0 days", "1 day", "2 days"]


def test_the_synchronisation_counts_are_real_plurals_in_french():
    """« 1 modification en attente », « 2 modifications en attente »: no « (s) » (issue 13)."""
    from services.i18n import catalog

    french = catalog("fr")
    assert french.ngettext("{n} change waiting", "{n} changes waiting", 1) == "{n} modification en attente"
    assert french.ngettext("{n} change waiting", "{n} changes waiting", 2) == "{n} modifications en attente"
    assert french.ngettext("{n} change waiting", "{n} changes waiting", 0) == "{n} modification en attente"
