"""English gettext msgids of the prevention-calendar items, keyed by rule id (see assets/rules/*.json).

Plain literals wrapped in ``N_`` so that babel extracts them (``pybabel extract -k N_``); the UI
translates them at display time.
"""

from __future__ import annotations

from domain.errors import N_

LABELS: dict[str, str] = {
    # Mandatory child exams, 2025 calendar
    "child-exam-01": N_("Mandatory child exam no. 1 (within 8 days of birth)"),
    "child-exam-02": N_("Mandatory child exam no. 2 (2nd week)"),
    "child-exam-03": N_("Mandatory child exam no. 3 (2nd month)"),
    "child-exam-04": N_("Mandatory child exam no. 4 (3rd month)"),
    "child-exam-05": N_("Mandatory child exam no. 5 (4th month)"),
    "child-exam-06": N_("Mandatory child exam no. 6 (5th month)"),
    "child-exam-07": N_("Mandatory child exam no. 7 (6th month)"),
    "child-exam-08": N_("Mandatory child exam no. 8 (9th month)"),
    "child-exam-09": N_("Mandatory child exam no. 9 (12th month)"),
    "child-exam-10": N_("Mandatory child exam no. 10 (13th month)"),
    "child-exam-11": N_("Mandatory child exam no. 11 (16 to 18 months)"),
    "child-exam-12": N_("Mandatory child exam no. 12 (24th or 25th month)"),
    "child-exam-13": N_("Mandatory child exam no. 13 (3rd year)"),
    "child-exam-14": N_("Mandatory child exam no. 14 (4th year)"),
    "child-exam-15": N_("Mandatory child exam no. 15 (5th year)"),
    "child-exam-16": N_("Mandatory child exam no. 16 (6th year)"),
    "child-exam-17": N_("Mandatory child exam no. 17 (7th year)"),
    "child-exam-18": N_("Mandatory child exam no. 18 (8 to 9 years)"),
    "child-exam-19": N_("Mandatory child exam no. 19 (11 to 13 years)"),
    "child-exam-20": N_("Mandatory child exam no. 20 (15 to 16 years)"),
    # Mandatory child exams, 2019 calendar: numbered like the same exam of the 2025 calendar, so that a
    # child followed under both calendars never has two exams of one number; the exam "before the end
    # of the 1st month", abolished on 2025-01-01, has no number.
    "child-exam-2019-01": N_("Mandatory child exam no. 1 (within 8 days of birth)"),
    "child-exam-2019-02": N_("Mandatory child exam no. 2 (2nd week)"),
    "child-exam-2019-03": N_(
        "Mandatory child exam before the end of the 1st month (2019 calendar, abolished in 2025)"
    ),
    "child-exam-2019-04": N_("Mandatory child exam no. 3 (2nd month)"),
    "child-exam-2019-05": N_("Mandatory child exam no. 4 (3rd month)"),
    "child-exam-2019-06": N_("Mandatory child exam no. 5 (4th month)"),
    "child-exam-2019-07": N_("Mandatory child exam no. 6 (5th month)"),
    "child-exam-2019-08": N_("Mandatory child exam no. 7 (6th month)"),
    "child-exam-2019-09": N_("Mandatory child exam no. 8 (9th month)"),
    "child-exam-2019-10": N_("Mandatory child exam no. 9 (12th month)"),
    "child-exam-2019-11": N_("Mandatory child exam no. 10 (13th month)"),
    "child-exam-2019-12": N_("Mandatory child exam no. 11 (16 to 18 months)"),
    "child-exam-2019-13": N_("Mandatory child exam no. 12 (24th or 25th month)"),
    "child-exam-2019-14": N_("Mandatory child exam no. 13 (3rd year)"),
    "child-exam-2019-15": N_("Mandatory child exam no. 14 (4th year)"),
    "child-exam-2019-16": N_("Mandatory child exam no. 15 (5th year)"),
    "child-exam-2019-17": N_("Mandatory child exam no. 16 (6th year)"),
    "child-exam-2019-18": N_("Mandatory child exam no. 18 (8 to 9 years)"),
    "child-exam-2019-19": N_("Mandatory child exam no. 19 (11 to 13 years)"),
    "child-exam-2019-20": N_("Mandatory child exam no. 20 (15 to 16 years)"),
    # Vaccination
    "vax-hexa-1": N_("Vaccine DTaP-IPV-Hib-HepB (hexavalent), dose 1 (2 months)"),
    "vax-hexa-2": N_("Vaccine DTaP-IPV-Hib-HepB (hexavalent), dose 2 (4 months)"),
    "vax-hexa-3": N_("Vaccine DTaP-IPV-Hib-HepB (hexavalent), booster (11 months)"),
    "vax-pcv-1": N_("Pneumococcal conjugate vaccine, dose 1 (2 months)"),
    "vax-pcv-2": N_("Pneumococcal conjugate vaccine, dose 2 (4 months)"),
    "vax-pcv-3": N_("Pneumococcal conjugate vaccine, booster (11 months)"),
    "vax-mmr-1": N_("Measles-mumps-rubella vaccine, dose 1 (12 months)"),
    "vax-mmr-2": N_("Measles-mumps-rubella vaccine, dose 2 (16 to 18 months)"),
    "vax-mmr-adult-1": N_("Measles-mumps-rubella vaccine, dose 1 (2 doses for everyone born since 1980)"),
    "vax-mmr-adult-2": N_("Measles-mumps-rubella vaccine, dose 2 (at least 1 month after dose 1)"),
    "vax-menc-1": N_("Meningococcal C vaccine, dose 1 (5 months)"),
    "vax-menc-2": N_("Meningococcal C vaccine, booster (12 months)"),
    "vax-menacwy-1": N_("Meningococcal ACWY vaccine, dose 1 (6 months)"),
    "vax-menacwy-2": N_("Meningococcal ACWY vaccine, booster (12 months)"),
    "vax-menacwy-catchup": N_("Meningococcal ACWY vaccine, catch-up dose (before 2 years)"),
    "vax-menacwy-1524": N_("Meningococcal ACWY vaccine, catch-up dose (15 to 24 years)"),
    "vax-menb-1524": N_("Meningococcal B vaccine, can be offered (15 to 24 years)"),
    "vax-menb-1": N_("Meningococcal B vaccine, dose 1 (3 months)"),
    "vax-menb-2": N_("Meningococcal B vaccine, dose 2 (5 months)"),
    "vax-menb-3": N_("Meningococcal B vaccine, booster (12 months)"),
    "vax-rota-1": N_("Rotavirus vaccine, dose 1 (2 months, by 4 months at the latest)"),
    "vax-rota-2": N_("Rotavirus vaccine, dose 2 (3 months, before 24 weeks)"),
    "vax-rota-2-rotateq": N_("Rotavirus vaccine RotaTeq, dose 2 (3 months, before 28 weeks)"),
    "vax-rota-3": N_("Rotavirus vaccine RotaTeq, dose 3 (4 months, before 32 weeks)"),
    "vax-dtcap-06": N_("DTaP-IPV booster (6 years)"),
    "vax-dtcap-11": N_("dTaP-IPV booster (11 to 13 years)"),
    "vax-hpv-1": N_("HPV vaccine, dose 1 (11 to 14 years)"),
    "vax-hpv-2": N_("HPV vaccine, dose 2 (5 to 13 months after dose 1)"),
    "vax-hpv-catchup-1": N_("HPV vaccine catch-up, dose 1 of 3 (from 15 years)"),
    "vax-hpv-catchup-2": N_("HPV vaccine catch-up, dose 2 of 3 (2 months after dose 1)"),
    "vax-hpv-catchup-3": N_("HPV vaccine catch-up, dose 3 of 3 (6 months after dose 1)"),
    "vax-menacwy-ado": N_("Meningococcal ACWY vaccine (11 to 14 years)"),
    "vax-dtcap-25": N_("dTaP-IPV booster with pertussis (25 years)"),
    "vax-dtp-45": N_("dT-IPV booster (45 years)"),
    "vax-dtp-65": N_("dT-IPV booster (65 years)"),
    "vax-dtp-every10": N_("dT-IPV booster (every 10 years after 65)"),
    "vax-flu": N_("Seasonal flu vaccine (65 years and over)"),
    "vax-flu-pregnancy": N_("Seasonal flu vaccine (pregnancy)"),
    "vax-covid": N_("COVID-19 vaccine, autumn campaign (65 years and over)"),
    "vax-covid-spring": N_("COVID-19 vaccine, spring campaign (80 years and over)"),
    "vax-covid-pregnancy": N_("COVID-19 vaccine, autumn campaign (pregnancy)"),
    "vax-nirsevimab": N_("RSV protection of the baby: nirsevimab (Beyfortus), first RSV season"),
    "vax-rsv-pregnancy": N_("RSV vaccine in pregnancy (Abrysvo, 32 to 36 weeks), or nirsevimab for the baby"),
    "vax-zoster-1": N_("Shingles vaccine, dose 1 (from 65 years)"),
    "vax-zoster-2": N_("Shingles vaccine, dose 2 (2 to 6 months after dose 1)"),
    "vax-pneumo-65": N_("Pneumococcal vaccine (from 65 years)"),
    "vax-rsv-75": N_("RSV vaccine (from 75 years)"),
    # Dental
    "dental-mtdents-3y": N_("Free dental check-up M'T dents"),
    "dental-mtdents-yearly": N_("Free dental check-up M'T dents"),
    # Screening
    "screen-breast": N_("Breast cancer screening (mammography)"),
    "screen-cervix-cytology-1": N_("Cervical cancer screening: cytology (1st test)"),
    "screen-cervix-cytology-2": N_("Cervical cancer screening: cytology (2nd test, 1 year later)"),
    "screen-cervix-cytology-3": N_("Cervical cancer screening: cytology (3 years later)"),
    "screen-cervix-hpv": N_("Cervical cancer screening: HPV test (every 5 years)"),
    "screen-colorectal": N_("Colorectal cancer screening (home test)"),
    # Prevention
    "prevention-bilan-18": N_("Mon bilan prévention (18 to 25 years)"),
    "prevention-bilan-45": N_("Mon bilan prévention (45 to 50 years)"),
    "prevention-bilan-60": N_("Mon bilan prévention (60 to 65 years)"),
    "prevention-bilan-70": N_("Mon bilan prévention (70 to 75 years)"),
}

# Why a dose can no longer be given (status "expired"), keyed by the rules' ``limit_note``.
LIMIT_NOTES: dict[str, str] = {
    "": N_("Not catchable: this dose can no longer be given at this age."),
    "rota": N_(
        "Not catchable (non rattrapable): the rotavirus vaccine is only given while the series can be "
        "completed before its age limit (24 weeks, or 32 weeks with RotaTeq), because of a risk of "
        "intussusception in older babies."
    ),
}
