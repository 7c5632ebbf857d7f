"""The 20 mandatory child exams (status, date, professional, notes) and the three health certificates.

The exams and their windows come from the agenda engine (services.agenda.plan); marking one done
stores a ChildExam record, which the agenda reads back. The certificates of the 8th day, 9th month and
24th-25th month are documents of type 89601-9 (medical certificate, DMP type codes).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from domain.errors import N_, ValidationError
from domain.models import ChildExam, Document, Profile, completed_months
from domain.plan import AgendaItem
from services import agenda, documents, records
from services.pdf import simple_pdf
from services.session import Session

CERTIFICATE_TYPE = "89601-9"
# key -> (msgid, completed months of age when it is drawn up: [from, to))
CERTIFICATES: dict[str, tuple[str, tuple[int, int]]] = {
    "cert-8d": (N_("Health certificate of the 8th day"), (0, 1)),
    "cert-9m": (N_("Health certificate of the 9th month"), (8, 12)),
    "cert-24m": (N_("Health certificate of the 24th month"), (23, 27)),
}


@dataclass(frozen=True, slots=True)
class ExamRow:
    item: AgendaItem
    record: ChildExam | None


def exam_rows(session: Session, profile: Profile, today: date) -> list[ExamRow]:
    """Every mandatory exam of the child's calendar, in order, with what was recorded for it."""
    recorded = {exam.code: exam for exam in records.list_records(session, profile.id, "child_exam")}
    items = [item for item in agenda.plan(session, profile, today) if item.code.startswith("child-exam-")]
    return [ExamRow(item, recorded.get(item.code)) for item in items]


def mark_exam_done(
    session: Session,
    profile: Profile,
    today: date,
    code: str,
    on: date,
    professional: str = "",
    note: str = "",
) -> ChildExam:
    codes = {row.item.code for row in exam_rows(session, profile, today)}
    if code not in codes:
        raise ValidationError("Unknown child exam {code!r}.", code=code)
    exam = ChildExam(code, on, professional.strip(), note.strip())
    with session.uow() as uow:
        if any(existing.code == code for existing in uow.records.list(profile.id, "child_exam")):
            raise ValidationError("This exam is already marked as done.")
        records.add(uow, profile, exam, today)
        uow.commit()
    return exam


def certificate_key(profile: Profile, document: Document) -> str:
    """Which certificate a medical-certificate document is, from the child's age on its date."""
    if document.type_code != CERTIFICATE_TYPE:
        return ""
    months = completed_months(profile.birth_date, document.on)
    return next((key for key, (_m, (low, high)) in CERTIFICATES.items() if low <= months < high), "")


def certificates(session: Session, profile: Profile) -> dict[str, Document]:
    found: dict[str, Document] = {}
    for document in records.list_records(session, profile.id, "document"):
        key = certificate_key(profile, document)
        if key:
            found.setdefault(key, document)
    return found


def add_certificate(
    session: Session,
    profile: Profile,
    today: date,
    key: str,
    on: date,
    author: str,
    note: str,
    _: Callable[[str], str],
    data: bytes | None = None,
) -> Document:
    """Stores a certificate: the file given, or else a one-page PDF of what was typed from the paper one."""
    if key not in CERTIFICATES:
        raise ValidationError("Unknown health certificate {key!r}.", key=key)
    low, high = CERTIFICATES[key][1]  # its date in the future is refused by the documents' door
    if on < profile.birth_date or not low <= completed_months(profile.birth_date, on) < high:
        raise ValidationError("The certificate date {day} does not fit the child's age.", day=on)
    title = _(CERTIFICATES[key][0])
    if data is None:
        lines = [profile.display_name, on.strftime(_("%m/%d/%Y")), author, note]
        data = simple_pdf(title, [line for line in lines if line.strip()])
    return documents.add_document(
        session,
        profile.id,
        data,
        today=today,
        title=title,
        type_code=CERTIFICATE_TYPE,
        on=on,
        author=author.strip(),
        folder=key,
    )
