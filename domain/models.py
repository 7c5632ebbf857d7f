"""Carnet's records as frozen dataclasses, each checking its own rules on construction.

Messages are English gettext msgids; the UI and the command line translate them (French first).
Rules that need the date take ``today`` from the caller: every record type has ``check(today,
birth_date)`` (not in the future, not before the birth of its profile where that cannot be), which the
write doors of services/records.py call before anything is stored.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from domain.errors import N_, ValidationError

SEXES = ("F", "M")
ROLES = ("holder", "child", "helped")
ADDED_BY = ("me", "professional", "service")


def new_id() -> str:
    return uuid.uuid4().hex


def _require_text(value: str, msgid: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(msgid)
    return value.strip()


def completed_months(birth: date, today: date) -> int:
    """Whole months of age: born 31 January, one month old on the last day of February."""
    months = (today.year - birth.year) * 12 + today.month - birth.month
    if today.day < birth.day and not _is_month_end(today, birth.day):
        months -= 1
    return max(months, 0)


def _is_month_end(day: date, wanted_day: int) -> bool:
    next_day = date.fromordinal(day.toordinal() + 1)
    return next_day.month != day.month and day.day < wanted_day


NO_DAY = N_("Enter a date as DD/MM/YYYY.")
NO_DAY_MONTH_FIRST = N_("Enter a date as MM/DD/YYYY.")
BAD_DAY = N_("\u201c{text}\u201d is not a valid date: write it as DD/MM/YYYY.")
BAD_DAY_MONTH_FIRST = N_("\u201c{text}\u201d is not a valid date: write it as MM/DD/YYYY.")
NO_NUMBER = N_("Enter a number.")
BAD_NUMBER = N_("\u201c{text}\u201d is not a number.")


def parse_day(text: str, month_first: bool = False) -> date:
    """A date typed as 31/12/2025 (French), 12/31/2025 (English, ``month_first``) or 2025-12-31 (ISO)."""
    value = (text or "").strip()
    if not value:
        raise ValidationError(NO_DAY_MONTH_FIRST if month_first else NO_DAY)
    try:
        if "/" in value:
            first, second, year = (int(part) for part in value.split("/"))
            return date(year, first, second) if month_first else date(year, second, first)
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ValidationError(BAD_DAY_MONTH_FIRST if month_first else BAD_DAY, text=value) from exc


def parse_decimal(text: str) -> float:
    """A number typed with a decimal comma (French: 12,5) or point (12.5)."""
    value = (text or "").strip()
    if not value:
        raise ValidationError(NO_NUMBER)
    try:
        return float(value.replace(",", "."))
    except ValueError as exc:
        raise ValidationError(BAD_NUMBER, text=value) from exc


def check_not_in_future(day: date, today: date, msgid: str) -> None:
    if day > today:
        raise ValidationError(msgid, day=day)


def check_day(day: date, today: date, birth_date: date | None, future: str, before_birth: str = "") -> None:
    """``day`` is not after ``today``; with ``before_birth``, not before the birth of the profile either."""
    check_not_in_future(day, today, future)
    if before_birth and birth_date is not None and day < birth_date:
        raise ValidationError(before_birth, day=day)


def check_measured_on(on: date, today: date, birth_date: date | None) -> None:
    """A measurement's day (a value, a blood-pressure pair, a day of glucose readings): not in the future,
    not before the birth."""
    check_day(
        on,
        today,
        birth_date,
        N_("The measurement date {day} is in the future."),
        N_("The measurement date {day} is before the birth."),
    )


@dataclass(frozen=True, slots=True)
class Profile:
    """A person whose health record the vault keeps: the holder, a child, or a person helped."""

    first_name: str
    last_name: str
    birth_date: date
    sex: str
    role: str = "holder"
    national_id: str = ""
    demo: bool = False
    id: str = field(default_factory=new_id)
    # completed weeks of amenorrhea at birth (SA); growth charts use the corrected age below 37
    born_at_weeks: int | None = None

    def __post_init__(self) -> None:
        _require_text(self.first_name, "The first name cannot be empty.")
        if self.born_at_weeks is not None and not 22 <= self.born_at_weeks <= 45:
            raise ValidationError("The pregnancy length at birth must be between 22 and 45 weeks.")
        if self.sex not in SEXES:
            raise ValidationError("Unknown sex {sex!r}: choose F or M.", sex=self.sex)
        if self.role not in ROLES:
            raise ValidationError("Unknown profile type {role!r}.", role=self.role)
        if self.national_id and not (self.national_id.isdigit() and len(self.national_id) in (13, 15)):
            raise ValidationError("The social security number must have 13 or 15 digits.")
        if self.birth_date.year < 1900:
            raise ValidationError("The birth date {day} is not plausible.", day=self.birth_date)

    def check(self, today: date, birth_date: date | None = None) -> Profile:
        check_not_in_future(self.birth_date, today, "The birth date {day} is in the future.")
        return self

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def age_days(self, today: date) -> int:
        return (today - self.birth_date).days


# kind -> (LOINC, UCUM unit, plausible minimum, plausible maximum). Ranges exclude typing errors
# (a weight of -3 kg, a height of 1800 cm), not rare patients: newborns to adults.
# LOINC/UCUM: HL7 FHIR vital-signs value set and ANS "Mesures de santé" (fr-health-rules.yaml, codes).
MEASUREMENTS: dict[str, tuple[str, str, float, float]] = {
    "weight": ("29463-7", "kg", 0.3, 350.0),
    "height": ("8302-2", "cm", 20.0, 250.0),
    "head_circumference": ("9843-4", "cm", 20.0, 70.0),
    "bmi": ("39156-5", "kg/m2", 5.0, 100.0),
    "systolic": ("8480-6", "mm[Hg]", 40.0, 300.0),
    "diastolic": ("8462-4", "mm[Hg]", 20.0, 200.0),
    "heart_rate": ("8867-4", "/min", 20.0, 250.0),
    "glucose": ("2345-7", "g/L", 0.1, 10.0),
    "hba1c": ("4548-4", "%", 3.0, 20.0),
    "temperature": ("8310-5", "Cel", 30.0, 45.0),
    # Risk and chronic follow-up (fr-prevention.yaml risk_detection; UACR: HL7 Switzerland CH LAB-Report,
    # 32294-1 in mg/mmol as French reports print it; other forms convert with domain/units.py).
    "fasting_glucose": ("1558-6", "g/L", 0.1, 10.0),
    "waist": ("8280-0", "cm", 30.0, 250.0),
    "total_cholesterol": ("2093-3", "g/L", 0.3, 20.0),
    "hdl": ("2085-9", "g/L", 0.05, 5.0),
    "ldl": ("13457-7", "g/L", 0.05, 15.0),
    "triglycerides": ("2571-8", "g/L", 0.1, 100.0),
    "creatinine": ("2160-0", "mg/L", 1.0, 200.0),
    "egfr": ("62238-1", "mL/min/{1.73_m2}", 1.0, 200.0),
    "uacr": ("32294-1", "mg/mmol", 0.0, 500.0),
}


@dataclass(frozen=True, slots=True)
class Measurement:
    kind: str
    value: float
    on: date
    note: str = ""
    measured_lying: bool | None = None
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        if self.kind not in MEASUREMENTS:
            raise ValidationError("Unknown measurement {kind!r}.", kind=self.kind)
        _, unit, low, high = MEASUREMENTS[self.kind]
        if not low <= self.value <= high:
            raise ValidationError(
                "{value} {unit} is outside the plausible range ({low} to {high} {unit}).",
                value=self.value,
                unit=unit,
                low=low,
                high=high,
            )

    def check(self, today: date, birth_date: date | None = None) -> Measurement:
        check_measured_on(self.on, today, birth_date)
        return self

    @property
    def loinc(self) -> str:
        return MEASUREMENTS[self.kind][0]

    @property
    def unit(self) -> str:
        return MEASUREMENTS[self.kind][1]


# French DMP document types (LOINC), ANS JDV_J07-XdsTypeCode-CISIS; English msgids, French in the catalog.
DOCUMENT_TYPES: dict[str, str] = {
    "11502-2": N_("Laboratory report"),
    "18748-4": N_("Imaging report"),
    "57833-6": N_("Prescription for medicines"),
    "57832-8": N_("Prescription for care"),
    "11490-0": N_("Discharge letter"),
    "11488-4": N_("Consultation report"),
    "15507-7": N_("Emergency department report"),
    "34874-8": N_("Surgical report"),
    "11369-6": N_("Vaccination history"),
    "59283-2": N_("Child examination report"),
    "68817-6": N_("Child health and prevention check-up"),
    "89233-1": N_("Pregnancy report"),
    "15508-5": N_("Delivery report"),
    "28617-9": N_("Dental check-up"),
    "89601-9": N_("Medical certificate"),
    "60591-5": N_("Patient summary"),
}


@dataclass(frozen=True, slots=True)
class Document:
    """Metadata of a health document; its bytes live apart as an encrypted attachment."""

    title: str
    type_code: str  # LOINC code of the French DMP document types (JDV_J07)
    on: date
    author: str = ""
    added_by: str = "me"
    folder: str = ""
    masked: bool = False
    mime: str = "application/pdf"
    size: int = 0
    attachment_id: str = ""
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _require_text(self.title, "The document title cannot be empty.")
        _require_text(self.type_code, "Choose a document type.")
        if self.added_by not in ADDED_BY:
            raise ValidationError("Unknown origin {origin!r}.", origin=self.added_by)
        if self.size < 0:
            raise ValidationError("The document size cannot be negative.")

    def check(self, today: date, birth_date: date | None = None) -> Document:
        """Not in the future; a document of before the birth (a pregnancy's) may be filed for the child."""
        check_not_in_future(self.on, today, "The document date {day} is in the future.")
        return self


@dataclass(frozen=True, slots=True)
class Immunization:
    vaccine: str  # code of our vaccination calendar (e.g. "hexa", "ror"), or a free name
    on: date
    product: str = ""
    lot: str = ""
    professional: str = ""
    atc: str = ""
    id: str = field(default_factory=new_id)
    # GS1 DataMatrix of the box (typed or scanned): AI 01 GTIN, 17 expiry, 21 serial; AI 10 goes to ``lot``.
    gtin: str = ""
    expiry: date | None = None
    serial: str = ""

    def __post_init__(self) -> None:
        _require_text(self.vaccine, "Say which vaccine was given.")
        if self.on.year < 1900:
            raise ValidationError("The vaccination date {day} is not plausible.", day=self.on)

    def check(self, today: date, birth_date: date | None = None) -> Immunization:
        check_day(
            self.on,
            today,
            birth_date,
            N_("The vaccination date {day} is in the future."),
            N_("The vaccination date {day} is before the birth."),
        )
        return self


@dataclass(frozen=True, slots=True)
class Appointment:
    at: datetime
    professional: str = ""
    place: str = ""
    note: str = ""
    item_code: str = ""  # the agenda item it fulfils, if any
    id: str = field(default_factory=new_id)
    timed: bool = True  # False: no time was given (``at`` is then midnight; nothing shows an hour)

    def __post_init__(self) -> None:
        if not (self.professional.strip() or self.note.strip() or self.item_code):
            raise ValidationError("Say whom the appointment is with, or add a note.")

    def check(self, today: date, birth_date: date | None = None) -> Appointment:
        return self  # past and future appointments alike


MAX_CURRENT_WEEKS = 45  # past 45 SA a pregnancy without a recorded birth is a typing error
LMP_IN_FUTURE = N_("The date of the last period {day} is in the future.")
LMP_TOO_OLD = N_(
    "The date of the last period {day} is more than 45 weeks ago: check the date, or record the birth."
)
BIRTH_IN_FUTURE = N_("The birth date {day} is in the future.")
BIRTH_IMPLAUSIBLE = N_("The birth date {day} does not fit the date of the last period {lmp}.")


def check_pregnancy_dates(lmp: date, today: date, birth_date: date | None = None) -> None:
    """The LMP is not in the future; without a birth, at most 45 weeks ago; a birth is not in the future
    and comes after the LMP, within 45 weeks."""
    check_not_in_future(lmp, today, LMP_IN_FUTURE)
    longest = timedelta(weeks=MAX_CURRENT_WEEKS)
    if birth_date is None:
        if today - lmp > longest:
            raise ValidationError(LMP_TOO_OLD, day=lmp)
        return
    check_not_in_future(birth_date, today, BIRTH_IN_FUTURE)
    if not lmp < birth_date <= lmp + longest:
        raise ValidationError(BIRTH_IMPLAUSIBLE, day=birth_date, lmp=lmp)


@dataclass(frozen=True, slots=True)
class Pregnancy:
    lmp: date  # first day of the last menstrual period
    closed_on: date | None = None
    outcome: str = ""
    id: str = field(default_factory=new_id)
    # What the maternity leave and some follow-up items depend on (domain.pregnancy.Circumstances).
    babies: int = 1  # 2 twins, 3 triplets or more
    previous_children: int = 0  # children already born to the mother or in her care
    toxo_immune: bool | None = None  # None: not known yet
    rh_negative: bool | None = None

    def __post_init__(self) -> None:
        if self.closed_on is not None and self.closed_on < self.lmp:
            raise ValidationError("A pregnancy cannot end before it starts.")
        if not 1 <= self.babies <= 8:
            raise ValidationError("The number of babies expected must be 1 or more.")
        if not 0 <= self.previous_children <= 30:
            raise ValidationError("The number of children already in the family cannot be negative.")

    def check(self, today: date, birth_date: date | None = None) -> Pregnancy:
        """An open follow-up began at most 45 weeks ago; a birth fits its LMP; no date is in the future."""
        if self.closed_on is None or self.outcome == "birth":
            check_pregnancy_dates(self.lmp, today, self.closed_on)
        else:
            check_not_in_future(self.lmp, today, LMP_IN_FUTURE)
            check_not_in_future(self.closed_on, today, "The date {day} is in the future.")
        return self


@dataclass(frozen=True, slots=True)
class ChildExam:
    """One of the 20 mandatory child exams marked done (``code`` as in domain.agenda, e.g. child-exam-09)."""

    code: str
    on: date
    professional: str = ""
    note: str = ""
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        if not self.code.startswith("child-exam-"):
            raise ValidationError("Unknown child exam {code!r}.", code=self.code)
        if self.on.year < 1900:
            raise ValidationError("The exam date {day} is not plausible.", day=self.on)

    def check(self, today: date, birth_date: date | None = None) -> ChildExam:
        check_day(
            self.on,
            today,
            birth_date,
            N_("The exam date {day} is in the future."),
            N_("The exam date {day} is before the birth."),
        )
        return self


@dataclass(frozen=True, slots=True)
class AgendaMark:
    """An agenda item marked done that no other record says (a dental check-up, a screening, a bilan)."""

    item_code: str
    on: date
    note: str = ""
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _require_text(self.item_code, "Say which agenda item was done.")
        if self.on.year < 1900:
            raise ValidationError("The date {day} is not plausible.", day=self.on)

    def check(self, today: date, birth_date: date | None = None) -> AgendaMark:
        """Not in the future; a mother's vaccine may be marked on her child from before the birth."""
        check_not_in_future(self.on, today, "The date {day} is in the future.")
        return self


@dataclass(frozen=True, slots=True)
class ReminderSetting:
    """The reminders of one agenda item, overriding the global ones: days before; empty = no reminder."""

    item_code: str
    days_before: tuple[int, ...] = ()
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        _require_text(self.item_code, "Say which agenda item the reminder is for.")
        days = tuple(sorted({int(day) for day in self.days_before}, reverse=True))
        if any(not 0 <= day <= 365 for day in days):
            raise ValidationError("A reminder is set from 0 to 365 days before.")
        object.__setattr__(self, "days_before", days)  # stored as a list in JSON, kept as a tuple here

    def check(self, today: date, birth_date: date | None = None) -> ReminderSetting:
        return self
