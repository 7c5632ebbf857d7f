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
import dataclasses
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TextIO

from domain.errors import CarnetError, ValidationError
from services import demo, records
from services.fhir import bundle as fhir_bundle
from services.files import printable
from services.i18n import language_from_env, translator
from services.session import Session, default_data_dir, device_holder, open_session, passphrase_from_env

DEFAULT_PORT = 8550
INCOMPLETE = 3  # export: the bundle was written, but some unreadable records were left out


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="carnet", description="Carnet - carnet de santé familial chiffré")
    parser.add_argument("--data-dir", type=Path, help="dossier du coffre (défaut : ~/.local/share/carnet)")
    parser.add_argument("--web", action="store_true", help="servir l'interface web au lieu d'une fenêtre")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--host", default="127.0.0.1", help="adresse d'écoute du mode web (boucle locale)")
    commands = parser.add_subparsers(dest="command")
    for name, help_text in (("run", "lancer l'application"), ("demo", "créer la famille de démonstration")):
        commands.add_parser(name, help=help_text).add_argument(
            "--data-dir", type=Path, default=argparse.SUPPRESS
        )
    export = commands.add_parser("export", help="exporter un Bundle FHIR R4 sur la sortie standard")
    export.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS)
    export.add_argument("--format", choices=["fhir"], default="fhir")
    export.add_argument("--profile", help="identifiant d'un seul profil")
    cal = commands.add_parser("ical", help="exporter l'agenda (famille ou un profil) en iCalendar (.ics)")
    cal.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS)
    cal.add_argument("--profile", help="identifiant d'un seul profil")
    imp = commands.add_parser("import", help="importer un Bundle FHIR R4")
    imp.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS)
    imp.add_argument("file", type=Path)
    sync = commands.add_parser("sync", help="synchroniser une fois avec un serveur FHIR R4")
    sync.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS)
    sync.add_argument("--server", help="adresse de base FHIR (retenue pour les fois suivantes)")
    sync.add_argument(
        "--token",
        help="« - » : lire le jeton d'accès sur l'entrée standard (sinon CARNET_SYNC_TOKEN) ; "
        "gardé dans le trousseau ou scellé dans le coffre",
    )
    bak = commands.add_parser("backup", help="sauvegarder tout le carnet dans un fichier chiffré")
    bak.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS)
    bak.add_argument("--out", type=Path, required=True, help="fichier (ou dossier) de la sauvegarde")
    res = commands.add_parser("restore", help="restaurer une sauvegarde dans un nouveau dossier")
    res.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS)
    res.add_argument(
        "--recovery-key",
        action="store_true",
        help="clé de secours lue sur l'entrée standard ; CARNET_PASSPHRASE : la nouvelle phrase",
    )
    res.add_argument("file", type=Path)
    add_doc = commands.add_parser("add-document", help="ajouter un document (PDF, JPEG, PNG) à un profil")
    add_doc.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS)
    add_doc.add_argument("--profile", required=True)
    add_doc.add_argument("--type", required=True, dest="type_code", help="code LOINC du type (DMP)")
    add_doc.add_argument("--title", required=True)
    add_doc.add_argument("--date", dest="on", help="JJ/MM/AAAA ou AAAA-MM-JJ (défaut : aujourd'hui)")
    add_doc.add_argument("--author", default="")
    add_doc.add_argument("file", type=Path)
    find = commands.add_parser("search", help="chercher dans les documents d'un profil")
    find.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS)
    find.add_argument("--profile", required=True)
    find.add_argument("query", nargs="+")
    summ = commands.add_parser("summary", help="synthèse d'un profil (Patient Summary FHIR ou PDF)")
    summ.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS)
    summ.add_argument("--profile", required=True)
    summ.add_argument("--format", dest="summary_format", choices=["fhir", "pdf"], default="fhir")
    summ.add_argument("--out", type=Path, help="fichier à écrire (défaut : sortie standard)")
    msgs = commands.add_parser(
        "messages", help="afficher les messages d'un profil, du plus récent au plus ancien"
    )
    msgs.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS)
    msgs.add_argument("--profile", required=True)
    send = commands.add_parser(
        "send-message", help="écrire un message (envoyé à la prochaine synchronisation)"
    )
    send.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS)
    send.add_argument("--profile", required=True)
    send.add_argument("--to", required=True, help="Practitioner/…, PractitionerRole/… ou Organization/…")
    send.add_argument("--text", default="")
    send.add_argument("--attach", action="append", default=[], help="identifiant d'un document du profil")
    send.add_argument("--reply-to", default="", help="identifiant du message auquel il répond")
    _risk_commands(commands)
    _prevention_command(commands)
    return parser


def _prevention_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Issue 14: the advice, the bilan and ICOPE due, the campaigns under way; the bilan's summary PDF."""
    prev = commands.add_parser("prevention", help="prévention d'un profil : conseils, bilans, campagnes")
    prev.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS)
    prev.add_argument("--profile", required=True, help="prénom ou identifiant du profil")
    prev.add_argument("--json", action="store_true", help="la même chose en JSON")
    prev.add_argument("--bilan-pdf", type=Path, help="écrire la synthèse Mon bilan prévention (PDF)")


def _risk_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Issue 15: a blood-pressure pair, the findings of the risk rules, a glucose import."""
    bp = commands.add_parser("blood-pressure", help="noter une tension (120/80) pour un profil")
    risk = commands.add_parser("risk", help="ce que les mesures d'un profil invitent à faire")
    glu = commands.add_parser(
        "glucose-import", help="importer des glycémies (CSV d'un lecteur, ou FHIR JSON)"
    )
    for sub in (bp, risk, glu):
        sub.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS)
        sub.add_argument("--profile", required=True)
    bp.add_argument("--date", dest="on", help="JJ/MM/AAAA ou AAAA-MM-JJ (défaut : aujourd'hui)")
    bp.add_argument("pair", help="systolique/diastolique en mmHg, par exemple 128/82")
    glu.add_argument("file", type=Path)


@contextmanager
def opened(args: argparse.Namespace, env: dict[str, str], *, create: bool = False) -> Iterator[Session]:
    """The carnet of ``--data-dir``, unlocked with CARNET_PASSPHRASE (or the device's key), locked after."""
    session = open_session(args.data_dir, passphrase_from_env(env), device_holder(), create=create)
    try:
        yield session
    finally:
        session.lock()


def command_demo(args: argparse.Namespace, env: dict[str, str], out: Callable[[str], None]) -> None:
    with opened(args, env, create=True) as session:
        if not demo.is_empty(session):
            raise ValidationError("The vault already holds profiles; the demo family was not added.")
        family = demo.create_demo_family(session, date.today())
        out(" ".join(p.id for p in family))


def command_export(args: argparse.Namespace, env: dict[str, str], out: Callable[[str], None]) -> int:
    """Writes what can be read; an unreadable record is left out, named on stderr, and the status is 3
    (not 0: a backup script must see that the bundle is incomplete; not 2: the bundle was written)."""
    with opened(args, env) as session:
        exported = fhir_bundle.export(session, args.profile)
    text = json.dumps(exported.bundle, ensure_ascii=False, indent=1)
    out(text)
    _ = translator(language_from_env(env))
    if len(text.encode("utf-8")) > fhir_bundle.MAX_BUNDLE_BYTES:
        _warn(
            _(
                "This bundle is larger than an import accepts ({mb} MB); export each profile with --profile."
            ).format(mb=fhir_bundle.MAX_BUNDLE_BYTES // (1024 * 1024))
        )
    if exported.skipped:
        _warn(
            _("Left out of the export because they cannot be read ({count}): {items}.").format(
                count=len(exported.skipped), items=", ".join(exported.skipped)
            )
        )
        return INCOMPLETE
    return 0


def command_import(args: argparse.Namespace, env: dict[str, str], out: Callable[[str], None]) -> None:
    bundle = fhir_bundle.read_bundle_file(args.file)
    # Every resource and document is checked before any vault is created or opened.
    incoming = fhir_bundle.check_bundle(bundle, date.today())
    with opened(args, env, create=True) as session:
        counts = fhir_bundle.store_bundle(session, incoming, date.today())
    out(json.dumps(counts))


def _warn(line: str) -> None:
    print(f"carnet: {printable(line)}", file=sys.stderr)


MAX_TOKEN = 8192


def sync_token(option: str | None, env: dict[str, str], stdin: TextIO) -> str | None:
    """The access token from CARNET_SYNC_TOKEN or, with ``--token -``, standard input. A token written on
    the command line is refused: other users of the machine see it in ``ps``."""
    if option is None:
        return env.get("CARNET_SYNC_TOKEN") or None
    if option != "-":
        raise ValidationError(
            "A token on the command line can be read by every user of this machine (ps); set "
            "CARNET_SYNC_TOKEN, or pass --token - and write it on standard input."
        )
    token = stdin.readline(MAX_TOKEN + 1).strip()
    if not token or len(token) > MAX_TOKEN:
        raise ValidationError(
            "No access token was read from standard input (one line, at most {n} characters).", n=MAX_TOKEN
        )
    return token


def command_sync(args: argparse.Namespace, env: dict[str, str], out: Callable[[str], None]) -> None:
    """One round; into an empty folder, a new device: a vault is created (CARNET_PASSPHRASE) and filled
    from the server, or nothing is left behind if that first round brings nothing."""
    from services.sync import round as sync
    from services.sync.client import check_server_url

    token = sync_token(args.token, env, sys.stdin)  # refused before the vault is even opened
    new_device = not Session(args.data_dir).exists()
    if new_device:
        if not args.server:
            raise ValidationError(
                "No vault in {dir}: give --server to start this device from your server.",
                dir=str(args.data_dir),
            )
        check_server_url(args.server)
        if args.data_dir.exists() and any(args.data_dir.iterdir()):
            raise ValidationError(
                "The folder {dir} is not empty; choose a new folder.", dir=str(args.data_dir)
            )
    with opened(args, env, create=new_device) as session:
        report = sync.sync_now(session, args.server, token)
        empty = new_device and not records.list_profiles(session)
    if empty and report.error is not None:
        shutil.rmtree(args.data_dir, ignore_errors=True)  # made by this command a moment ago, nothing in it
    out(report.line())
    if report.error is not None:
        raise report.error


def command_backup(args: argparse.Namespace, env: dict[str, str], out: Callable[[str], None]) -> None:
    from datetime import datetime

    from services import backup

    with opened(args, env) as session:
        path = backup.backup_now(session, args.out, datetime.now().astimezone())
    out(printable(str(path)))


def command_restore(args: argparse.Namespace, env: dict[str, str], out: Callable[[str], None]) -> None:
    """With --recovery-key: the key on standard input, and CARNET_PASSPHRASE the new passphrase."""
    from services import backup

    passphrase = passphrase_from_env(env) or ""
    if not args.recovery_key:
        backup.restore(args.file, args.data_dir, passphrase)
    else:
        code = sys.stdin.readline(200).strip()
        backup.restore_with_recovery(args.file, args.data_dir, code, passphrase).lock()
    out(printable(str(args.data_dir)))


def command_add_document(args: argparse.Namespace, env: dict[str, str], out: Callable[[str], None]) -> None:
    from domain.models import parse_day
    from services import documents

    today = date.today()
    on = parse_day(args.on) if args.on else today
    fields = {"title": args.title, "type_code": args.type_code, "on": on, "author": args.author}
    data = documents.read_file(args.file)
    with opened(args, env) as session:
        doc = documents.add_document(session, args.profile, data, today=today, **fields)
    out(doc.id)


def command_search(args: argparse.Namespace, env: dict[str, str], out: Callable[[str], None]) -> None:
    from services import documents

    with opened(args, env) as session:
        found = documents.search_documents(session, args.profile, " ".join(args.query))
    for doc in found:  # a title holding a tab or a newline must not forge a column or a line
        fields = (doc.on.isoformat(), doc.type_code, doc.title, doc.author, doc.id)
        out("\t".join(printable(field) for field in fields))


def command_messages(args: argparse.Namespace, env: dict[str, str], out: Callable[[str], None]) -> None:
    from services.i18n import catalog
    from services.messaging import headless, store

    lang = language_from_env(env)
    with opened(args, env) as session:
        records.get_profile(session, args.profile)  # an unknown profile: one line, status 2
        box = store.inbox(session, args.profile, date.today(), translator(lang))
    book = [
        dataclasses.replace(c, blocked=c.blocked or c.reference in box.blocked) for c in box.correspondents
    ]
    for line in headless.message_lines(box.messages, book, translator(lang), catalog(lang).ngettext, lang):
        out(line)


def command_send_message(args: argparse.Namespace, env: dict[str, str], out: Callable[[str], None]) -> None:
    from datetime import UTC, datetime

    from services.messaging import store

    with opened(args, env) as session:
        message = store.send_message(
            session, args.profile, args.to, args.text, datetime.now(UTC), args.attach, args.reply_to
        )
    out(message.id)


def command_ical(args: argparse.Namespace, env: dict[str, str], out: Callable[[str], None]) -> None:
    from datetime import datetime

    from services import ical, records

    with opened(args, env) as session:
        one = args.profile
        profiles = [records.get_profile(session, one)] if one else records.list_profiles(session)
        _ = translator(language_from_env(env))
        data = ical.export_calendar(session, profiles, date.today(), datetime.now().astimezone(), _)
    out(data.decode("utf-8").rstrip("\r\n"))


def command_summary(args: argparse.Namespace, env: dict[str, str], out: Callable[[str], None]) -> None:
    """The IPS Bundle (JSON) or the PDF; a PDF goes to --out, or to standard output when it is not a
    terminal. Nothing is written when the profile is unknown."""
    from datetime import datetime

    from services.sharing import data as summary
    from views.labels import MEASUREMENT_NAMES, vaccine_text

    if args.summary_format == "pdf" and args.out is None and sys.stdout.isatty():
        raise ValidationError("A PDF is not shown in a terminal: give --out FILE.")
    language = language_from_env(env)
    _ = translator(language)
    texts = summary.texts_for(
        _, language, lambda code: vaccine_text(code, _), lambda kind: _(MEASUREMENT_NAMES.get(kind, kind))
    )
    with opened(args, env) as session:
        records.get_profile(session, args.profile)  # an unknown profile: refused, nothing logged
        now = datetime.now().astimezone().replace(microsecond=0)
        data = summary.export_summary(session, args.profile, args.summary_format, date.today(), now, texts)
    if args.out is not None:
        args.out.touch(mode=0o600)  # health data: readable by its owner only, as every export
        args.out.chmod(0o600)
        args.out.write_bytes(data)
        out(printable(str(args.out)))
    elif args.summary_format == "pdf":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        out(data.decode("utf-8"))


def command_blood_pressure(args: argparse.Namespace, env: dict[str, str], out: Callable[[str], None]) -> None:
    from domain.bp_series import parse_pair
    from domain.models import parse_day
    from services import risk

    today = date.today()
    high, low = parse_pair(args.pair)
    on = parse_day(args.on) if args.on else today
    with opened(args, env) as session:
        reading = risk.add_blood_pressure(session, args.profile, today, systolic=high, diastolic=low, on=on)
    out(reading.id)


def command_risk(args: argparse.Namespace, env: dict[str, str], out: Callable[[str], None]) -> None:
    """One finding a line: level, what was seen, what to do next, the exam to plan (translated)."""
    from services import risk

    _ = translator(language_from_env(env))
    with opened(args, env) as session:
        found = risk.findings(session, records.get_profile(session, args.profile), date.today())
    for f in found:
        out(
            "\t".join([f.level, *(printable(f.render(text, _)) for text in (f.message, f.next_step, f.exam))])
        )


def command_glucose_import(args: argparse.Namespace, env: dict[str, str], out: Callable[[str], None]) -> None:
    """A FHIR JSON file of glucose Observations, or a meter's CSV export read with its known or saved
    columns; prints how many readings were added and how many were already there."""
    from services import documents, glucose

    data = documents.read_file(args.file)
    with opened(args, env) as session:
        if args.file.suffix.lower() == ".json":
            counts = glucose.import_fhir(session, args.profile, data, date.today())
            out(f"{counts['added']}\t{counts['duplicates']}")
            return
        shown = glucose.import_csv(session, args.profile, glucose.decode(data), date.today())
    out(f"{len(shown.readings)}\t{shown.duplicates}")


def command_prevention(args: argparse.Namespace, env: dict[str, str], out: Callable[[str], None]) -> None:
    """The profile's prevention overview (text or --json), or its bilan summary PDF (--bilan-pdf)."""
    from services import prevention, prevention_pdf, prevention_report

    language = language_from_env(env)
    _ = translator(language)
    today = date.today()
    with opened(args, env) as session:
        profile = prevention_report.find_profile(session, args.profile)
        if args.bilan_pdf is None:
            found = prevention_report.overview(session, profile, today)
        else:
            bracket = prevention.current_bracket(profile, today)
            if bracket is None:
                raise ValidationError(
                    "{name} is in no Mon bilan prévention age bracket today.", name=profile.first_name
                )
            data = prevention_pdf.bilan_summary_pdf(session, profile, bracket, today, _, language)
    if args.bilan_pdf is not None:
        args.bilan_pdf.touch(mode=0o600)  # health data: readable by its owner only, as every export
        args.bilan_pdf.chmod(0o600)
        args.bilan_pdf.write_bytes(data)
        out(printable(str(args.bilan_pdf)))
    elif args.json:
        out(json.dumps(prevention_report.as_json(found, _), ensure_ascii=False, indent=1))
    else:
        out("\n".join(printable(line) for line in prevention_report.lines(found, _)))


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
    "demo": command_demo,
    "export": command_export,
    "import": command_import,
    "ical": command_ical,
    "sync": command_sync,
    "add-document": command_add_document,
    "search": command_search,
    "backup": command_backup,
    "restore": command_restore,
    "summary": command_summary,
    "messages": command_messages,
    "send-message": command_send_message,
    "blood-pressure": command_blood_pressure,
    "risk": command_risk,
    "glucose-import": command_glucose_import,
    "prevention": command_prevention,
}


def main(argv: Sequence[str] | None = None, environ: dict[str, str] | None = None) -> int:
    env = dict(os.environ if environ is None else environ)
    args = build_parser().parse_args(argv)
    args.data_dir = args.data_dir or default_data_dir(env)
    _ = translator(language_from_env(env))
    try:
        return COMMANDS[args.command or "run"](args, env, print) or 0
    except CarnetError as exc:
        _warn(exc.render(_))  # one line: a newline in a file name is shown as \n
        return 2
    except OSError as exc:  # a data folder that cannot be created or written, a full disk...
        message = _("The file {path} cannot be written or read: {error}.")
        _warn(message.format(path=exc.filename or args.data_dir, error=exc.strerror or exc))
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
