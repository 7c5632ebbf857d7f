"""Short values sealed into a text column (hex), padded so that their length says nothing either.

For the sync's bookkeeping: the server's address and last error (sync_state), the FHIR type of a record
the server holds (sync_remote, sync_issues). A FHIR type alone tells a lot ("Immunization",
"AllergyIntolerance"), and its length would too, hence the padding to a fixed size.
"""

from __future__ import annotations

from typing import Any

from domain.errors import CarnetError
from storage import crypto

SHORT = 64  # every value up to this many bytes seals to the same size


def seal_text(vault: Any, key_id: str, value: str, table: str, row_id: str) -> str:
    padded = crypto.pad(value.encode("utf-8"), minimum=SHORT)
    return vault.sealer(key_id).seal(padded, table, row_id, ("text",)).hex()


def open_text(vault: Any, key_id: str, sealed: str, table: str, row_id: str) -> str | None:
    """The value, or None when it does not open (damaged, or its key destroyed with its profile)."""
    try:
        return crypto.unpad(
            vault.sealer(key_id).open(bytes.fromhex(sealed), table, row_id, ("text",))
        ).decode()
    except (CarnetError, ValueError):
        return None


def pad_json(data: bytes) -> bytes:
    """JSON padded with spaces, which every JSON reader skips: for values whose readers cannot change
    (the access log is append-only: its old entries stay as they are and must keep reading)."""
    return data.ljust(crypto.padded_size(len(data)), b" ")
