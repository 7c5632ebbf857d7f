"""Carnet's entry point: the app (desktop window, or web server when headless / --web) and headless commands.

    python main.py [--web] [--host 127.0.0.1] [--port N] [--data-dir DIR]
    python main.py demo --data-dir DIR
    python main.py export --data-dir DIR --format fhir [--profile ID]
    python main.py import --data-dir DIR FILE
    python main.py ical --data-dir DIR [--profile ID]
    python main.py add-document --data-dir DIR --profile ID --type LOINC --title T [--date D] FILE
    python main.py search --data-dir DIR --profile ID QUERY
    python main.py messages --data-dir DIR --profile ID
    python main.py send-message --data-dir DIR --profile ID --to REFERENCE --text TEXT [--attach DOCUMENT_ID]
    python main.py sync --data-dir DIR --server URL [--token -]   (an empty DIR: a new device)
    python main.py backup --data-dir DIR --out FILE
    python main.py restore --data-dir NEWDIR [--recovery-key] FILE
    python main.py summary --data-dir DIR --profile ID --format fhir|pdf [--out FILE]
    python main.py blood-pressure --data-dir DIR --profile ID [--date D] 128/82
    python main.py risk --data-dir DIR --profile ID
    python main.py glucose-import --data-dir DIR --profile ID FILE   (CSV export, or FHIR JSON)
    python main.py prevention --data-dir DIR --profile NAME_OR_ID [--json] [--bilan-pdf FILE]

The passphrase comes from CARNET_PASSPHRASE (or the OS keyring) for headless commands only: the app
always asks for it on its lock screen. The web mode listens on loopback only. The sync token comes from
CARNET_SYNC_TOKEN, or from standard input with ``--token -``: never from the command line itself, which
every user of the machine can read (ps, /proc). Errors print one line in the user's language (control
characters of a file name escaped) and exit 2, nothing changed; an export that had to leave out
unreadable records names them on one line and exits 3. Nothing is wired at import time.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Sequence

from cli import health, records, sync
from cli.common import warn
from cli.parser import build_parser
from domain.errors import CarnetError, ValidationError
from services.i18n import language_from_env, translator
from services.session import default_data_dir


def command_run(args: argparse.Namespace, env: dict[str, str], out: Callable[[str], None]) -> None:
    from services.addresses import is_loopback

    if not is_loopback(args.host):  # plain HTTP: the passphrase and the data would cross the network
        raise ValidationError(
            "The web mode listens on this computer only (127.0.0.1, ::1 or localhost); {host} is refused.",
            host=args.host,
        )
    from views.app import run_app  # Flet is loaded only when the app is really started

    run_app(data_dir=args.data_dir, web=args.web, host=args.host, port=args.port)


COMMANDS: dict[str, Callable[[argparse.Namespace, dict[str, str], Callable[[str], None]], int | None]] = {
    "run": command_run,
    "demo": records.command_demo,
    "export": records.command_export,
    "import": records.command_import,
    "ical": records.command_ical,
    "sync": sync.command_sync,
    "add-document": records.command_add_document,
    "search": records.command_search,
    "backup": sync.command_backup,
    "restore": sync.command_restore,
    "summary": records.command_summary,
    "messages": health.command_messages,
    "send-message": health.command_send_message,
    "blood-pressure": health.command_blood_pressure,
    "risk": health.command_risk,
    "glucose-import": health.command_glucose_import,
    "prevention": health.command_prevention,
}


def main(argv: Sequence[str] | None = None, environ: dict[str, str] | None = None) -> int:
    env = dict(os.environ if environ is None else environ)
    args = build_parser().parse_args(argv)
    args.data_dir = args.data_dir or default_data_dir(env)
    _ = translator(language_from_env(env))
    try:
        return COMMANDS[args.command or "run"](args, env, print) or 0
    except CarnetError as exc:
        warn(exc.render(_))  # one line: a newline in a file name is shown as \n
        return 2
    except OSError as exc:  # a data folder that cannot be created or written, a full disk...
        message = _("The file {path} cannot be written or read: {error}.")
        warn(message.format(path=exc.filename or args.data_dir, error=exc.strerror or exc))
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
