"""The one error tree of Carnet.

Every error a user can cause or meet is a ``CarnetError``. Its ``msgid`` is a gettext message id
(English source text) with ``{name}`` placeholders; ``params`` fill them. The UI and the command line
translate ``msgid`` and then format it, so the domain never needs to know the user's language.

    CarnetError
    ├── ValidationError       input breaks a rule (WeakPassphraseError; services add their own)
    ├── LockedError           no key (WrongPassphraseError > WrongRecoveryKeyError, MissingPassphraseError,
    │                         TooManyAttemptsError)
    ├── NotFoundError
    ├── StorageError          what the vault holds, or is handed to hold, cannot be written or read as it is
    │   ├── IntegrityError    a sealed value fails its check (AttachmentExistsError)
    │   ├── Unsyncable        a record of this vault cannot be expressed as valid FHIR
    │   └── Quarantined       a resource from the server cannot be stored (set aside with its reason)
    └── SyncError             the exchange with the server (SyncTransientError, SyncRejectedError)
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any


def N_(message: str) -> str:
    """Marks a message id for extraction (babel) without translating it here."""
    return message


QUOTE = N_("“{text}”")  # a quoted value inside a message; French: « {text} »
QUOTED = re.compile(r"\{(\w+)!r\}")


class CarnetError(Exception):
    msgid = N_("Something went wrong.")

    def __init__(self, msgid: str | None = None, **params: Any) -> None:
        if msgid is not None:
            self.msgid = msgid
        self.params = params
        super().__init__(self.render())

    def render(self, translate: Any = None) -> str:
        """The message in the language of ``translate`` (a gettext function), English otherwise; a date
        parameter is written as that language writes dates (31/12/2025 in French), never ISO, and a
        decimal number with its decimal mark (12,5 in French)."""
        text = translate(self.msgid) if translate else self.msgid
        # "{value!r}" quotes what the user typed or a file held: with the language's quotes (« 25:00 »),
        # never the programmer's ('25:00', or '' for an empty field).
        quote = translate(QUOTE) if translate else QUOTE
        text = QUOTED.sub(lambda found: quote.replace("{text}", "{" + found.group(1) + "}"), text)
        params = {k: _written(v, translate) for k, v in self.params.items()}
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text


def _written(value: Any, translate: Any) -> Any:
    if isinstance(value, date):  # untranslated (a log line, str(exc)): the English order, still not ISO
        return value.strftime(translate("%m/%d/%Y") if translate else "%m/%d/%Y")
    if translate is None:
        return value
    if isinstance(value, float):
        return f"{value:g}".replace(".", translate("decimal-separator"))
    return value


class ValidationError(CarnetError):
    """Input breaks a rule of the domain (a value out of range, a missing field...)."""


class LockedError(CarnetError):
    """The vault is locked, or its key cannot be had."""

    msgid = N_("The vault is locked.")


class WrongPassphraseError(LockedError):
    msgid = N_("Wrong passphrase: the vault stays locked (check CARNET_PASSPHRASE).")


class WrongRecoveryKeyError(WrongPassphraseError):
    msgid = N_("This recovery key does not open this carnet; check each group of characters.")


class MissingPassphraseError(LockedError):
    msgid = N_("A passphrase is needed: set CARNET_PASSPHRASE or type it.")


class TooManyAttemptsError(LockedError):
    msgid = N_("Too many wrong passphrases: try again in {seconds} s.")


class WeakPassphraseError(ValidationError):
    msgid = N_(
        "This passphrase is too easy to guess: use at least {n} characters, for example three or four "
        "unrelated words, and not a common password, a name or a date."
    )


class StorageError(CarnetError):
    """The vault's files cannot be written or read as they are (a full disk, a damaged file), or a record
    cannot cross between the vault and the FHIR world."""

    msgid = N_("The vault could not be written; nothing was changed.")


class IntegrityError(StorageError):
    """Stored data failed its authentication check (tampered with or damaged)."""

    msgid = N_("Record {record} is damaged or was tampered with; it cannot be read.")


class AttachmentExistsError(IntegrityError):
    msgid = N_("The file {record} already exists with other bytes; it is not replaced.")


class Unsyncable(StorageError):
    """A record of this vault that cannot be expressed as valid FHIR (its reason goes to the user)."""


class Quarantined(StorageError):
    """A resource from the server that cannot be stored; it is set aside with its reason, never written."""


class NotFoundError(CarnetError):
    msgid = N_("Nothing found with id {record}.")


class SyncError(CarnetError):
    """Synchronisation with the server failed."""


class SyncTransientError(SyncError):
    msgid = N_("The server cannot be reached right now; changes stay on this device and will be sent later.")


class SyncRejectedError(SyncError):
    msgid = N_("The server refused a change: {reason}")
