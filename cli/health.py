"""Commands of the follow-up screens: messages, blood pressure, risks, glucose, prevention."""

from __future__ import annotations

import argparse
import dataclasses
import json
from collections.abc import Callable
from datetime import date

from cli.common import opened
from domain.errors import ValidationError
from services import records
from services.files import printable
from services.i18n import language_from_env, translator


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
