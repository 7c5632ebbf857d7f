"""The command line's options: one sub-command per verb (main.py holds the table that runs them)."""

from __future__ import annotations

import argparse
from pathlib import Path

DEFAULT_PORT = 8550


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
