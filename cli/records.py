"""Commands on the records: the demo family, FHIR export and import, documents, the agenda, the summary."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date

from cli.common import INCOMPLETE, opened, warn
from domain.errors import ValidationError
from services import demo, records
from services.fhir import bundle as fhir_bundle
from services.files import printable
from services.i18n import language_from_env, translator


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
        warn(
            _(
                "This bundle is larger than an import accepts ({mb} MB); export each profile with --profile."
            ).format(mb=fhir_bundle.MAX_BUNDLE_BYTES // (1024 * 1024))
        )
    if exported.skipped:
        warn(
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
