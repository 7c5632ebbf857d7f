"""gettext catalogs compiled with babel: French by default, English second.

Message ids are English. ``translator(lang)`` returns the gettext function of a language;
``N_`` (domain/errors.py) marks a literal for extraction without translating it where it is written.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from functools import cache
from pathlib import Path

from domain.errors import N_

LOCALES = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "carnet"
LANGUAGES = {"fr": "Français", "en": "English"}
DEFAULT_LANGUAGE = "fr"


@cache
def catalog(lang: str) -> gettext.NullTranslations:
    if lang not in LANGUAGES:
        lang = DEFAULT_LANGUAGE
    return gettext.translation(DOMAIN, localedir=LOCALES, languages=[lang], fallback=True)


def translator(lang: str) -> Callable[[str], str]:
    return catalog(lang).gettext


def language_from_env(environ: dict[str, str]) -> str:
    """CARNET_LANG, then LANG (``en_GB.UTF-8`` -> ``en``), else French."""
    for name in ("CARNET_LANG", "LANG"):
        code = (environ.get(name) or "")[:2].lower()
        if code in LANGUAGES:
            return code
    return DEFAULT_LANGUAGE


BORN_ON = {"F": N_("Born on {day} (she)"), "M": N_("Born on {day} (he)")}  # French: « née » / « né »


def born_on(sex: str) -> str:
    """The msgid of "Born on {day}" that agrees with the person's sex in French (an unknown sex: neutral)."""
    return BORN_ON.get(sex, N_("Born on {day}"))
