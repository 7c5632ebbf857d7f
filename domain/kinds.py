"""Every kind of record the vault keeps: the one table from a kind's name (stored, sealed, in each record's
associated data and in its keyed index tag) to its dataclass. A new record kind is its dataclass, with its
``check(today, birth_date)``, and one line here; it then travels to a FHIR server as a Basic resource until
services/fhir/records.py gives it a mapping of its own.
"""

from __future__ import annotations

from domain.bp_series import BloodPressure
from domain.glucose_day import GlucoseDay
from domain.medical import Allergy, BloodGroup, FamilyHistory, Hospitalisation, MedicalHistory, Treatment
from domain.messages import Correspondent, Message
from domain.models import (
    AgendaMark,
    Appointment,
    ChildExam,
    Document,
    Immunization,
    Measurement,
    Pregnancy,
    Profile,
    ReminderSetting,
)
from domain.prevention_records import AdviceDismissal, BilanRecord, HabitsRecord, IcopeRecord, SelfTestRecord
from domain.questionnaires_risk import QuestionnaireResult
from domain.sharing import Block, CaregiverGrant, Share
from domain.summary import EmergencyContact

KINDS: dict[str, type] = {  # the names are stored: never rename one
    "profile": Profile,
    "document": Document,
    "measurement": Measurement,
    "immunization": Immunization,
    "appointment": Appointment,
    "pregnancy": Pregnancy,
    "child_exam": ChildExam,
    "agenda_mark": AgendaMark,
    "reminder_setting": ReminderSetting,
    "allergy": Allergy,
    "treatment": Treatment,
    "medical_history": MedicalHistory,
    "hospitalisation": Hospitalisation,
    "family_history": FamilyHistory,
    "blood_group": BloodGroup,
    "habits": HabitsRecord,
    "selftest_result": SelfTestRecord,
    "bilan_draft": BilanRecord,
    "icope_result": IcopeRecord,
    "advice_dismissal": AdviceDismissal,
    # Partager (issue 16): who sees what, and whom to call (domain/sharing.py, domain/summary.py)
    "share": Share,
    "block": Block,
    "caregiver_grant": CaregiverGrant,
    "emergency_contact": EmergencyContact,
    "message": Message,
    "correspondent": Correspondent,
    "blood_pressure": BloodPressure,  # issue 15: a reading as one pair, home series included
    "glucose_day": GlucoseDay,  # issue 15: a day of meter and sensor readings (mg/dL)
    "risk_questionnaire": QuestionnaireResult,  # issue 15: COPD, FINDRISC, EPOF answers
}
