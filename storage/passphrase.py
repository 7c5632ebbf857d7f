"""Which passphrases may protect a vault: long enough, and hard to guess by zxcvbn's estimate.

zxcvbn (Dropbox's estimator, maintained on PyPI) scores a passphrase against dictionaries of common
passwords, words, names, dates, keyboard patterns and repetitions. Score 3 means about 10^8 guesses or
more, which with Argon2id at 0.1 s a guess is years of one computer's work. Its dictionaries are English,
so French words an attacker would try first are given as user inputs.
"""

from __future__ import annotations

from domain.errors import N_, WeakPassphraseError

MIN_LENGTH = 10
MIN_SCORE = 3
MAX_CHECKED = 100  # zxcvbn's cost grows with the length; a longer passphrase is checked on its start

# Words tied to this app or to French habits, that zxcvbn's English dictionaries do not hold.
FRENCH_INPUTS = [
    "carnet",
    "carnet de santé",
    "carnetdesante",
    "santé",
    "sante",
    "famille",
    "enfant",
    "bébé",
    "bebe",
    "maman",
    "papa",
    "motdepasse",
    "mot de passe",
    "phrase de passe",
    "azerty",
    "azertyuiop",
    "bonjour",
    "soleil",
    "doudou",
    "chouchou",
    "loulou",
    "jetaime",
    "je t'aime",
    "marseille",
    "paris",
    "france",
    "vitale",
    "carte vitale",
    "médecin",
    "docteur",
    "vaccin",
    "grossesse",
]

# The rule, for the screen where a passphrase is chosen: ``_(PASSPHRASE_RULE).format(n=MIN_LENGTH)``.
PASSPHRASE_RULE = N_(
    "At least {n} characters and hard to guess: three or four unrelated words are easy to remember "
    "and strong."
)


def check_strength(passphrase: str, user_inputs: tuple[str, ...] = ()) -> None:
    """Raises WeakPassphraseError for a passphrase that is blank, too short or easy to guess.

    ``user_inputs``: words that would be guessed first for this user (names of the family...)."""
    text = passphrase or ""
    if len(text.strip()) < MIN_LENGTH:
        raise WeakPassphraseError(n=MIN_LENGTH)
    from zxcvbn import zxcvbn  # 20 ms to import: only where a passphrase is chosen

    result = zxcvbn(text[:MAX_CHECKED], user_inputs=[*FRENCH_INPUTS, *user_inputs])
    if int(result["score"]) < MIN_SCORE:
        raise WeakPassphraseError(n=MIN_LENGTH)
