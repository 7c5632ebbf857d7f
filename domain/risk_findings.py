"""What Carnet says about a person's measurements and answers: a ``Finding``, with its words.

A finding never diagnoses. It says what was seen, what to do next and which exam to plan; the levels
are ``info`` (good to know, or to check again), ``consult`` ("parlez-en à votre médecin") and
``urgent`` (see a doctor today; "appelez le 15" only inside the messages of the warning signs that call
for it). Every text is an English gettext msgid with ``{placeholders}``; the UI translates, then fills
them with ``Finding.render``. The thresholds behind each code are data: assets/risk/thresholds.json.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from domain.errors import N_

TOPICS = ("blood_pressure", "diabetes", "kidney", "cholesterol", "weight", "copd", "heart_failure")
LEVELS = ("info", "consult", "urgent")

TALK = N_("Talk to your doctor about it.")
HABITS = N_("Regular physical activity and a balanced diet help; you can talk about it with your doctor.")
SEE_DOCTOR = N_("Consultation with your doctor")
FASTING_GLUCOSE = N_("Fasting blood glucose")
LIPIDS = N_("Lipid panel (cholesterol and triglycerides)")
KIDNEY = N_("Creatinine with eGFR and urine albumin/creatinine ratio")

# code -> (what was seen, what to do next, exam to plan or "")
MESSAGES: dict[str, tuple[str, str, str]] = {
    "bp_home_high": (
        N_(
            "Your home series averages {systolic}/{diastolic} mmHg over {days} days, at or above 135/85, "
            "the reference for readings taken at home."
        ),
        N_("Talk to your doctor about it and bring your readings."),
        SEE_DOCTOR,
    ),
    "bp_severe_recent": (
        N_("A reading of {systolic}/{diastolic} mmHg on {day} is very high (180/110 or more)."),
        N_(
            "Rest for 5 minutes and measure again. If it stays this high, see a doctor today. Call 15 "
            "straight away if you have chest pain, shortness of breath, trouble speaking or seeing, weakness "
            "of an arm or a leg, a severe headache or confusion."
        ),
        N_("Medical consultation today"),
    ),
    "bp_severe_past": (
        N_("A very high reading ({systolic}/{diastolic} mmHg) was recorded on {day}."),
        TALK,
        N_("Home blood pressure series (rule of 3)"),
    ),
    "fpg_confirmed": (
        N_("Your fasting blood glucose reached 1.26 g/L or more on two different days ({first} and {day})."),
        TALK,
        SEE_DOCTOR,
    ),
    "fpg_high_once": (
        N_("Your fasting blood glucose was {value} g/L on {day}, at or above 1.26 g/L once."),
        N_(
            "A single value is not enough: it should be checked on another day. Talk to your doctor about it."
        ),
        N_("Fasting blood glucose, to be checked again"),
    ),
    "fpg_impaired": (
        N_("Your fasting blood glucose was {value} g/L on {day}, between 1.10 and 1.25 g/L."),
        HABITS,
        N_("Fasting blood glucose once a year"),
    ),
    "glucose_very_high": (
        N_("A blood glucose of {value} g/L was recorded on {day} (2.00 g/L or more)."),
        N_(
            "If you are very thirsty, urinate often, lose weight or feel very tired, see your doctor within "
            "days. Otherwise, talk to your doctor about it."
        ),
        FASTING_GLUCOSE,
    ),
    "hba1c_high": (
        N_("Your HbA1c was {value} % ({day}), at or above 6.5 %."),
        N_("Talk to your doctor about it. In France, a fasting blood glucose test is used to confirm."),
        FASTING_GLUCOSE,
    ),
    "hba1c_above_target": (
        N_("Your HbA1c was {value} % ({day}), above 7 %, the usual target."),
        N_("Talk about it with your doctor, who sets your own target."),
        N_("HbA1c every 3 months"),
    ),
    "egfr_low_persistent": (
        N_("Your eGFR has stayed below 60 mL/min/1.73 m² for more than 3 months ({first} to {day})."),
        TALK,
        KIDNEY,
    ),
    "egfr_low_once": (
        N_("Your eGFR was {value} mL/min/1.73 m² on {day}, below 60."),
        N_("It should be checked again 3 months later, if possible in the same laboratory."),
        N_("Creatinine and eGFR again from {recheck}"),
    ),
    "uacr_very_high": (
        N_("Your urine albumin/creatinine ratio was {value} mg/mmol on {day}, above 30."),
        TALK,
        KIDNEY,
    ),
    "uacr_high_persistent": (
        N_(
            "Your urine albumin/creatinine ratio has stayed at 3 mg/mmol or more for more than 3 months "
            "({first} to {day})."
        ),
        TALK,
        KIDNEY,
    ),
    "uacr_high_once": (
        N_("Your urine albumin/creatinine ratio was {value} mg/mmol on {day}, at or above 3."),
        N_("It should be checked again 3 months later, on a morning urine sample."),
        N_("Urine albumin/creatinine ratio again from {recheck}"),
    ),
    "ldl_above_target": (
        N_(
            "Your LDL cholesterol was {value} g/L on {day}, at or above {target} g/L, the target for your "
            "cardiovascular risk level."
        ),
        TALK,
        LIPIDS,
    ),
    "ldl_very_high": (
        N_("Your LDL cholesterol was {value} g/L on {day}, above 1.90 g/L."),
        N_("Talk to your doctor about it: such a high value calls for a medical opinion."),
        LIPIDS,
    ),
    "ldl_high": (
        N_("Your LDL cholesterol was {value} g/L on {day}, above 1.60 g/L."),
        N_("A balanced diet and physical activity come first; talk to your doctor about a new lipid panel."),
        N_("Lipid panel again 3 months later"),
    ),
    "bmi_under": (N_("Your BMI is {value} kg/m² ({day}), below 18.5."), TALK, SEE_DOCTOR),
    "bmi_under_older": (
        N_("Your BMI is {value} kg/m² ({day}), below 22 after 70 years of age."),
        TALK,
        SEE_DOCTOR,
    ),
    "bmi_over": (N_("Your BMI is {value} kg/m² ({day}), in the overweight range (25 to 29.9)."), HABITS, ""),
    "bmi_obese": (
        N_("Your BMI is {value} kg/m² ({day}), in the obesity range (30 or more)."),
        TALK,
        SEE_DOCTOR,
    ),
    "waist_increased": (
        N_("Your waist measured {value} cm on {day}, above {limit} cm."),
        HABITS,
        "",
    ),
    "waist_much_increased": (
        N_("Your waist measured {value} cm on {day}, above {limit} cm."),
        TALK,
        N_("Fasting blood glucose and lipid panel"),
    ),
    "hf_weight_gain": (
        N_("Your weight went up by {gain} kg in {days} days ({first} to {day})."),
        N_(
            "With heart failure, a quick weight gain can be a warning sign: call your doctor or cardiologist "
            "without waiting."
        ),
        "",
    ),
    "copd_spirometry": (
        N_("You answered yes to {count} of the 5 questions of the COPD self-test."),
        N_("Measuring your breathing is important: talk to your doctor about a spirometry."),
        N_("Spirometry (breathing test)"),
    ),
    "copd_talk": (
        N_("You answered yes to {count} of the 5 questions of the COPD self-test."),
        N_("Talk to your doctor about your breathing."),
        SEE_DOCTOR,
    ),
    "copd_quit_smoking": (
        N_("Your answers show no sign of COPD, but smoking harms the lungs."),
        N_("Stopping smoking is the best protection; Tabac info service can help on 39 89."),
        "",
    ),
    "hf_breathless_lying": (
        N_("You are short of breath when lying down or at rest."),
        N_("This needs urgent care: call 15."),
        "",
    ),
    "hf_signs_several": (
        N_(
            "You report {count} warning signs of heart failure (breathlessness, weight gain, swelling, "
            "fatigue)."
        ),
        N_("See your doctor without waiting."),
        SEE_DOCTOR,
    ),
    "hf_sign_one": (
        N_("You report a warning sign of heart failure (breathlessness, weight gain, swelling or fatigue)."),
        N_("Make an appointment with your doctor."),
        SEE_DOCTOR,
    ),
    "findrisc_very_high": (
        N_("Your FINDRISC diabetes risk score is {score}: very high (more than 20)."),
        N_("Talk to your doctor about a blood glucose test."),
        FASTING_GLUCOSE,
    ),
    "findrisc_high": (
        N_("Your FINDRISC diabetes risk score is {score}: high (15 to 20)."),
        N_("Talk to your doctor about it; changing your habits lowers the risk."),
        FASTING_GLUCOSE,
    ),
    "findrisc_moderate": (
        N_("Your FINDRISC diabetes risk score is {score}: moderate (12 to 14)."),
        HABITS,
        "",
    ),
}


def _plain(value: Any, number: Callable[[float], str], day: Callable[[date], str]) -> Any:
    if isinstance(value, date):
        return day(value)
    if isinstance(value, float):
        return number(value)
    return value


@dataclass(frozen=True, slots=True)
class Finding:
    topic: str  # one of TOPICS
    level: str  # one of LEVELS
    code: str  # key of MESSAGES, stable for the UI and tests
    message: str  # msgid: what was seen
    source: str  # where the threshold comes from
    next_step: str = ""  # msgid: what to do next
    exam: str = ""  # msgid: the exam to plan, "" when none
    on: date | None = None  # date of the measurement or answers it rests on
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)  # a dict is not hashable

    def render(
        self,
        text: str,
        translate: Callable[[str], str] | None = None,
        number: Callable[[float], str] = lambda v: f"{v:g}",
        day: Callable[[date], str] = lambda d: d.strftime("%d/%m/%Y"),
    ) -> str:
        """``text`` (``message``, ``next_step`` or ``exam``) translated and filled with the parameters."""
        translated = translate(text) if translate and text else text
        return translated.format(**{k: _plain(v, number, day) for k, v in self.params.items()})


def finding(code: str, topic: str, level: str, source: str, on: date | None = None, **params: Any) -> Finding:
    message, next_step, exam = MESSAGES[code]
    return Finding(topic, level, code, message, source, next_step, exam, on, params)
