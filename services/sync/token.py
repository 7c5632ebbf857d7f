"""Where the sync's access token is kept: the OS keyring where one answers, otherwise sealed in the vault
with the identity key (storage/sync_ledger.py). Never in clear, never on the command line."""

from __future__ import annotations

from storage.keys import keyring_usable
from storage.uow import UnitOfWork

TOKEN_SERVICE = "carnet-sync"
TOKEN = "token"  # its sync state entry


def save_token(uow: UnitOfWork, server: str, token: str) -> None:
    if keyring_usable():
        import keyring

        keyring.set_password(TOKEN_SERVICE, server, token)
        uow.sync_state.set(TOKEN, "")
        return
    uow.sync_state.set_secret(TOKEN, token)


def load_token(uow: UnitOfWork, server: str) -> str | None:
    sealed = uow.sync_state.secret(TOKEN)
    if sealed:
        return sealed
    if keyring_usable():
        import keyring

        return keyring.get_password(TOKEN_SERVICE, server)
    return None
