"""The demo family: what a new user sees on first run, marked as demo and removable in one action.

Dates are relative to ``today`` so the family keeps its ages: an adult holder, a boy of about
14 months with his growth and vaccinations, a girl of about 7 years.

The family is consistent and calm, as a real careful family would be: the children's exams and dental
check-ups whose time has come are done (the 9th-month exam on the day of its certificate, the 6-year one
on the day of the school's health check), the vaccinations are recorded, and one thing is left to book:
the mother's cervical screening (HPV test). Nothing is late.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from domain.agenda import recommended
from domain.models import AgendaMark, ChildExam, Document, Immunization, Measurement, Profile, new_id
from services import backup, records
from services.documents import TEXT_SUFFIX
from services.documents.search import prepare
from services.pdf import simple_pdf
from services.session import Session
from storage.uow import UnitOfWork

DEMO_FOOTER = "Document de démonstration généré par Carnet - données fictives."

# Boy, lying length; values close to the WHO medians (WHO Child Growth Standards) with a little spread.
LEO_GROWTH = [  # (age in days, weight kg, length cm, head circumference cm)
    (2, 3.40, 50.0, 34.8),
    (30, 4.40, 54.4, 37.4),
    (61, 5.50, 58.1, 39.0),
    (122, 6.90, 63.6, 41.4),
    (183, 7.80, 67.4, 43.1),
    (274, 8.80, 71.8, 44.9),
    (366, 9.50, 75.4, 46.0),
    (420, 9.90, 77.6, 46.5),
]
LEO_DOSES = [  # (vaccine code, age in days, product)
    ("nirsevimab", 2, "Beyfortus"),  # at the maternity, before his first RSV season
    ("hexa", 61, "Vaxelis"),
    ("pcv", 61, "Vaxneuvance"),
    ("rota", 61, "Rotarix"),
    ("menb", 92, "Bexsero"),
    ("rota", 92, "Rotarix"),
    ("hexa", 122, "Vaxelis"),
    ("pcv", 122, "Vaxneuvance"),
    ("menb", 153, "Bexsero"),
    ("acwy", 183, "Nimenrix"),
    ("hexa", 335, "Vaxelis"),
    ("pcv", 335, "Vaxneuvance"),
    ("menb", 366, "Bexsero"),
    ("acwy", 366, "Nimenrix"),
    ("ror", 366, "M-M-RVaxPro"),
]


LEO_CERTIFICATE_DAY = 275  # the 9th-month exam, on its certificate
INES_SCHOOL_CHECK = 40  # days after her 6th birthday: the school's health check, the 6-year exam
RECENT_DAYS = 30  # an exam or check-up opened this recently is done on the 15th day of its window, or later


def is_empty(session: Session) -> bool:
    with session.uow() as uow:
        return uow.profiles.count() == 0


def create_demo_family(session: Session, today: date) -> list[Profile]:
    holder = Profile("Camille", "Durand", _years_ago(today, 36, 140), "F", role="holder", demo=True)
    leo = Profile("Léo", "Durand", today - timedelta(days=425), "M", role="child", demo=True)
    ines = Profile("Inès", "Durand", _years_ago(today, 7, 65), "F", role="child", demo=True)
    with session.uow() as uow:
        for profile in (holder, leo, ines):
            records.add_profile_in(uow, profile, today)
        _holder_records(uow, holder, today)
        _leo_records(uow, leo, today)
        _ines_records(uow, ines, today)
        _checked_up(uow, leo, today, {"child-exam-09": leo.birth_date + timedelta(days=LEO_CERTIFICATE_DAY)})
        school = _years_ago(ines.birth_date, -6, -INES_SCHOOL_CHECK)
        _checked_up(uow, ines, today, {"child-exam-17": school})
        _smears_done(uow, holder, today)
        uow.commit()
    return [holder, leo, ines]


def remove_demo_family(session: Session) -> int:
    """Deletes every demo profile (and destroys its key) in one transaction, after a safety copy;
    returns how many."""
    backup.safety_copy(session, "demo")
    with session.uow() as uow:
        demo = [p for p in uow.profiles.list() if p.demo]
        for profile in demo:
            records.delete_profile_in(uow, profile.id)
        uow.commit()
    return len(demo)


def _checked_up(uow: UnitOfWork, child: Profile, today: date, on_days: dict[str, date]) -> None:
    """Marks done each child exam and dental check-up of ``child`` whose window opened more than a month
    ago: on its day in ``on_days`` (a certificate says it), else two weeks into its window."""
    for item in recommended(child.birth_date, child.sex, today):
        if item.kind not in ("exam", "dental") or item.window_start > today - timedelta(days=RECENT_DAYS):
            continue
        day = on_days.get(item.code, min(item.window_start + timedelta(days=14), item.window_end))
        if item.code.startswith("child-exam-"):
            records.add(uow, child, ChildExam(item.code, day, "Dr Marc Bernard, pédiatre"), today)
        else:
            records.add(uow, child, AgendaMark(item.code, day), today)


def _smears_done(uow: UnitOfWork, holder: Profile, today: date) -> None:
    """Her cervical smears (cytology, from 25 to 29) were done; the HPV test that follows is to book.
    Each smear done moves the next one (3 years after): the plan is read again until none is missed."""
    done: list[tuple[str, date]] = []
    for _ in range(5):  # 25 to 29 years: at most two smears
        missed = [
            item
            for item in recommended(holder.birth_date, holder.sex, today, done=done)
            if item.code.startswith("screen-cervix-cytology") and item.status == "overdue"
        ]
        if not missed:
            break
        done.append((missed[0].code, missed[0].window_start + timedelta(days=60)))
    for code, day in done:
        records.add(uow, holder, AgendaMark(code, day), today)


def _years_ago(today: date, years: int, extra_days: int) -> date:
    try:
        anchor = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        anchor = today.replace(year=today.year - years, day=28)
    return anchor - timedelta(days=extra_days)


def _document(
    uow: UnitOfWork, profile: Profile, title: str, code: str, on: date, author: str, lines: list[str]
):
    written = [f"Patient(e) : {profile.display_name}", f"Date : {on:%d/%m/%Y}", *lines]
    data = simple_pdf(title, written, DEMO_FOOTER)
    doc = Document(
        title, code, on, author=author, added_by="professional", size=len(data), attachment_id=new_id()
    )
    uow.attachments.put(profile.id, doc.attachment_id, data)
    # Its words, as an added PDF keeps them (services/documents): searched without parsing the PDF.
    words = prepare(" ".join([title, *written, DEMO_FOOTER]))
    uow.attachments.put(profile.id, doc.attachment_id + TEXT_SUFFIX, words.encode("utf-8"))
    # As if the laboratory, the radiologist... had sent it that day: the home screen shows it as new.
    at = datetime.combine(on, time(12, 0), tzinfo=UTC)
    records.store(uow, profile.id, doc.check(on), "professional", at=at)


def _holder_records(uow: UnitOfWork, holder: Profile, today: date) -> None:
    lab = today - timedelta(days=40)
    _document(
        uow,
        holder,
        "Bilan sanguin annuel",
        "11502-2",
        lab,
        "Laboratoire BioSanté, Lyon",
        [
            "Hémoglobine : 13,4 g/dL (12,0 - 16,0)",
            "Ferritine : 48 µg/L (15 - 150)",
            "Glycémie à jeun : 0,92 g/L (0,70 - 1,10)",
            "Cholestérol total : 1,86 g/L",
        ],
    )
    _document(
        uow,
        holder,
        "Radiographie du genou droit",
        "18748-4",
        today - timedelta(days=190),
        "Centre d'imagerie Part-Dieu",
        ["Indication : douleur après une chute.", "Conclusion : pas de lésion osseuse visible."],
    )
    _document(
        uow,
        holder,
        "Ordonnance - Dr Hélène Lefèvre",
        "57833-6",
        today - timedelta(days=12),
        "Dr Hélène Lefèvre, médecin généraliste",
        ["Paracétamol 1 g : 1 comprimé si douleur, 3 par jour au plus.", "Durée : 5 jours."],
    )
    for days, weight in ((400, 64.0), (200, 63.1), (30, 62.4)):
        records.add(uow, holder, Measurement("weight", weight, today - timedelta(days=days)), today)
    records.add(uow, holder, Measurement("height", 166.0, today - timedelta(days=400)), today)
    records.add(uow, holder, Measurement("systolic", 118, today - timedelta(days=30)), today)
    records.add(uow, holder, Measurement("diastolic", 76, today - timedelta(days=30)), today)
    records.add(
        uow,
        holder,
        Immunization("dtp", _years_ago(holder.birth_date, -25, -30), "Revaxis", "R4521", "Dr Hélène Lefèvre"),
        today,
    )
    for months, lot in ((13, "M1290"), (20, "M1291")):  # her childhood MMR doses, from her paper carnet
        on = holder.birth_date + timedelta(days=months * 30 + 5)
        records.add(uow, holder, Immunization("ror", on, "ROR Vax", lot, "Dr Paul Morel"), today)
    records.add(
        uow,
        holder,
        Immunization("flu", today - timedelta(days=50), "Vaxigrip Tetra", "V8812", "Pharmacie des Brotteaux"),
        today,
    )


def _leo_records(uow: UnitOfWork, leo: Profile, today: date) -> None:
    born = leo.birth_date
    for age, weight, length, head in LEO_GROWTH:
        on = born + timedelta(days=age)
        records.add(uow, leo, Measurement("weight", weight, on), today)
        records.add(uow, leo, Measurement("height", length, on, measured_lying=True), today)
        records.add(uow, leo, Measurement("head_circumference", head, on), today)
    for number, (vaccine, age, product) in enumerate(LEO_DOSES, start=1):
        records.add(
            uow,
            leo,
            Immunization(
                vaccine, born + timedelta(days=age), product, f"L{3100 + number}", "Dr Marc Bernard, pédiatre"
            ),
            today,
        )
    _document(
        uow,
        leo,
        "Certificat de santé du 9e mois",
        "89601-9",
        born + timedelta(days=275),
        "Dr Marc Bernard, pédiatre",
        ["Examen du 9e mois : développement harmonieux.", "Vaccinations à jour."],
    )


def _ines_records(uow: UnitOfWork, ines: Profile, today: date) -> None:
    born = ines.birth_date
    for years, weight, height in ((3, 14.2, 95.5), (5, 18.4, 109.0), (6, 20.6, 115.5), (7, 22.9, 121.8)):
        on = _years_ago(born, -years, -20)
        records.add(uow, ines, Measurement("weight", weight, on), today)
        records.add(uow, ines, Measurement("height", height, on, measured_lying=False), today)
    for vaccine, age, product in (
        ("hexa", 61, "Infanrix Hexa"),
        ("pcv", 61, "Prevenar 13"),
        ("hexa", 122, "Infanrix Hexa"),
        ("pcv", 122, "Prevenar 13"),
        ("menc", 153, "Neisvac"),
        ("pcv", 335, "Prevenar 13"),
        ("menc", 366, "Neisvac"),
        ("hexa", 335, "Infanrix Hexa"),
        ("ror", 366, "Priorix"),
        ("ror", 500, "Priorix"),
        ("dtcap", 6 * 365 + 30, "Tetravac"),
    ):
        records.add(
            uow, ines, Immunization(vaccine, born + timedelta(days=age), product, "", "PMI Lyon 3e"), today
        )
    _document(
        uow,
        ines,
        "Bilan de santé en grande section",
        "68817-6",
        _years_ago(born, -6, -40),
        "Médecin de l'Éducation nationale",
        ["Vision et audition normales.", "Langage adapté à l'âge."],
    )
