"""What an agenda item is for, whom to see, and how it is covered: English msgids by family of codes.

Facts from the project's reference (fr-health-rules.yaml): child exams 100% covered whoever does
them; M'T dents yearly 3-24, 100% with no advance; organised cancer screening 100% (CRCDC);
Mon bilan prévention 100% with a volunteer doctor, midwife, nurse or pharmacist; vaccines of the
calendar mostly 65% (shingles 65% since 12/2024). The source of each item is the rule's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.errors import N_
from domain.plan import AgendaItem


@dataclass(frozen=True, slots=True)
class Detail:
    why: str
    whom: str
    coverage: str


CHILD_EXAM = Detail(
    N_(
        "A mandatory check of the child's growth, development, sight and hearing; some exams fill a "
        "health certificate."
    ),
    N_("Your doctor, a paediatrician, or a PMI centre (before 6 years)."),
    N_("100% covered by the Assurance maladie, whoever does it."),
)
VACCINATION = Detail(
    N_("A dose of the official vaccination calendar; the next doses are placed from the date of this one."),
    N_("A doctor, a midwife, a pharmacist or a nurse, depending on the vaccine and age."),
    N_("Usually 65% by the Assurance maladie, the rest by a complementary insurance; free at a PMI centre."),
)
FLU = Detail(
    N_("The yearly flu vaccine, recommended from 65 years and during pregnancy."),
    N_("A pharmacist, a nurse, a midwife or a doctor."),
    N_("Free with the Assurance maladie's voucher for the people it invites."),
)
DENTAL = Detail(
    N_("M'T dents: a free yearly dental check-up from 3 to 24 years."),
    N_("A dentist of your choice, with the invitation of the Assurance maladie."),
    N_("100% covered, nothing to advance; care prescribed within 6 months is covered too."),
)
SCREENING = Detail(
    N_("Organised cancer screening: finding a cancer early, before any sign."),
    N_(
        "Breast: an approved radiologist; cervix: a doctor, gynaecologist or midwife; colon: the home test "
        "from your doctor or pharmacist."
    ),
    N_("100% covered within the organised programme, on invitation."),
)
# ameli.fr (2024): examen bucco-dentaire of the pregnancy, from the 4th month of pregnancy until 6 months
# after the birth, 100% covered with no advance of fees, on the form the CPAM sends at the 4th month.
PREGNANCY_DENTAL = Detail(
    N_(
        "A free dental check-up for the mother-to-be: pregnancy makes the gums more fragile. It can be "
        "done from the 4th month of pregnancy until 6 months after the birth."
    ),
    N_("A dentist of your choice, with the form the Assurance maladie sends in the 4th month."),
    N_("100% covered, nothing to advance."),
)
PREVENTION = Detail(
    N_("Mon bilan prévention: a talk about your health habits at key ages."),
    N_("A volunteer doctor, midwife, nurse or pharmacist."),
    N_("100% covered, nothing to advance."),
)
PREGNANCY = Detail(
    N_("A step of the pregnancy follow-up."),
    N_("Your midwife or doctor."),
    N_("Covered by the Assurance maladie; 100% from the 6th month of pregnancy until 12 days after birth."),
)
# Issue 14: the ICOPE screening (SFGG, ICOPE Monitor: every 6 months from 60, step 1 is a self-assessment)
# and the public-health campaigns (assets/prevention/campaigns.json), each opening the Prévention screen.
ICOPE = Detail(
    N_(
        "ICOPE step 1: six quick checks (memory, mobility, nutrition, vision, hearing, mood) to keep "
        "independence; a sign found leads to a fuller assessment with a professional."
    ),
    N_("Yourself or a caregiver, in Prévention; then your doctor or nurse if a sign is found."),
    N_("Free: the self-assessment costs nothing."),
)
CAMPAIGN = Detail(
    N_("A national public-health campaign that concerns you; its dates change every year."),
    N_("Your doctor, pharmacist, nurse or midwife."),
    N_(
        "Free for the people the campaign invites (flu and COVID-19 vaccines, organised screenings); the "
        "Mois sans tabac support kit is free."
    ),
)
# Issue 15: the type 2 diabetes follow-up (assets/risk/diabetes_followup.json); ALD 8 as the reference's
# fr-prevention.yaml names it (risk_detection glycaemia, ordotype.fr).
DIABETES = Detail(
    N_("A step of the follow-up of type 2 diabetes the HAS recommends, to prevent its complications."),
    N_(
        "Your doctor, who prescribes the tests; an ophthalmologist or an orthoptist for the eyes, a "
        "podiatrist for the feet when needed, a dentist, a cardiologist for the ECG if your doctor asks."
    ),
    N_(
        "Covered by the Assurance maladie, in full for the care of diabetes recognised as a long-term "
        "illness (ALD 8)."
    ),
)
BY_KIND = {
    "exam": CHILD_EXAM,
    "vaccination": VACCINATION,
    "dental": DENTAL,
    "screening": SCREENING,
    "prevention": PREVENTION,
    "pregnancy": PREGNANCY,
}


def detail(code: str, kind: str) -> Detail:
    """The detail of an item from its code and kind (a flu dose and the pregnancy dental exam have theirs)."""
    if code.startswith("vax-flu"):
        return FLU
    if code == "preg-dental":
        return PREGNANCY_DENTAL
    if code.startswith("icope"):
        return ICOPE
    if code.startswith("campaign-"):
        return CAMPAIGN
    if code.startswith("t2d-") and kind != "vaccination":
        return DIABETES
    return BY_KIND.get(kind, PREGNANCY)


# A provisional window (a campaign season the data does not date yet, domain/campaigns.py) is the usual
# dates: shown by day and month with its season, never as this year's official dates.
USUAL_WINDOW = N_(
    "Usually from {start} to {end} (season {season}); the exact dates are announced each autumn"
)


@dataclass(frozen=True, slots=True)
class UsualWindow:
    start: date  # the days of the item's window; only their day and month are shown
    end: date  # the last day
    season: str  # "2026-2027"


def usual_window(item: AgendaItem) -> UsualWindow | None:
    """For a provisional item, what the "When" line says instead of its dates (``USUAL_WINDOW``)."""
    if not item.provisional:
        return None
    year = item.window_start.year if item.window_start.month >= 7 else item.window_start.year - 1
    return UsualWindow(item.window_start, item.last_day, f"{year}-{year + 1}")
