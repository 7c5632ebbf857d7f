"""WHO growth z-scores and centiles: weight, length/height, head circumference and BMI for age.

Method (WHO anthro / AnthroPlus, see assets/who/README.md for the tables' origin):

* 0 to 1856 days: WHO Child Growth Standards, one LMS row per day. The age in days is rounded half-up
  (730.5 d -> 731 d), as WHO anthro does, then looked up directly: no interpolation is needed.
* From 1857 days: WHO 2007 Reference, one LMS row per month. Age in months = rounded days / 30.4375 and
  L, M, S are interpolated linearly between the two whole months around it, as AnthroPlus does (its
  ``zscore_indicator``); with whole days the result is the same as AnthroPlus given days / 30.4375.
  Weight-for-age stops at 120 months (day 3652), BMI and height at 228 months (day 6939), head
  circumference at the end of the standards (day 1856): beyond, ``ValidationError``.
* z = ((X/M)^L - 1) / (L*S), or ln(X/M)/S when L = 0. For weight and BMI, WHO's restricted rule beyond
  +-3 SD: z = 3 + (X - SD3)/(SD3 - SD2) (and its mirror below -3), with SDk = M*(1+L*S*k)^(1/L), because
  the LMS tails are not trusted there. Length/height and head circumference keep the plain formula.
* Length/height: the standards are recumbent length up to day 730 and standing height from day 731. A
  height measured standing before 731 d gets +0.7 cm, a length measured lying from 731 d gets -0.7 cm.
  BMI-for-age follows the same switch, but BMI arrives already computed: whoever computes it from a
  weight and a length/height should apply that 0.7 cm correction to the height first.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from domain.errors import ValidationError
from domain.reference import ASSETS

INDICATORS = ("wfa", "lhfa", "hcfa", "bfa")
SEXES = ("M", "F")
DAYS_PER_MONTH = 30.4375
LAST_LENGTH_DAY = 730  # recumbent length up to here, standing height from the next day
POSITION_CORRECTION_CM = 0.7
MAX_CURVE_Z = 5.0  # beyond, SD lines stop being meaningful (and can turn negative)

_INDICATORS = frozenset(INDICATORS)
_WEIGHT_BASED = frozenset({"wfa", "bfa"})
_SEX_CODE = {"M": "1", "F": "2"}  # the WHO files' coding

Lms = tuple[float, float, float]


@dataclass(frozen=True, slots=True)
class Reference:
    """The LMS rows of one indicator and sex: daily (WHO standards), then monthly (WHO 2007)."""

    daily: tuple[Lms, ...]  # index = age in days, from 0
    monthly: tuple[Lms, ...]  # index = age in months - first_month; empty if WHO 2007 has none
    first_month: int
    last_day: int

    def lms(self, day: int) -> Lms:
        """L, M, S at a whole age in days (already checked against ``last_day``)."""
        if day < len(self.daily):
            return self.daily[day]
        months = day / DAYS_PER_MONTH
        low = int(months)
        low_row = self.monthly[low - self.first_month]
        fraction = months - low
        if fraction == 0.0 or low - self.first_month + 1 >= len(self.monthly):
            return low_row
        high_row = self.monthly[low - self.first_month + 1]
        return (
            low_row[0] + fraction * (high_row[0] - low_row[0]),
            low_row[1] + fraction * (high_row[1] - low_row[1]),
            low_row[2] + fraction * (high_row[2] - low_row[2]),
        )


@cache
def _read_tsv(name: str) -> dict[str, tuple[int, tuple[Lms, ...]]]:
    """Per WHO sex code, the first age and consecutive (l, m, s) rows of ``assets/who/<name>``."""
    path = ASSETS / "who" / name
    if not path.exists():
        return {}
    by_sex: dict[str, list[list[str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if line:
            row = line.split("\t")
            by_sex.setdefault(row[0], []).append(row)
    return {
        code: (int(rows[0][1]), tuple((float(r[2]), float(r[3]), float(r[4])) for r in rows))
        for code, rows in by_sex.items()
    }


@cache
def reference(indicator: str, sex: str) -> Reference:
    """The tables of ``indicator`` for ``sex``, read on first use only (startup stays fast).

    Checking the arguments here costs nothing on later calls: a cache hit skips it, and a refused
    call raises, so it is never cached.
    """
    if indicator not in _INDICATORS:
        raise ValidationError(
            "Unknown growth indicator {indicator!r}: choose wfa, lhfa, hcfa or bfa.", indicator=indicator
        )
    if sex not in _SEX_CODE:
        raise ValidationError("Unknown sex {sex!r}: choose F or M.", sex=sex)
    _, daily = _read_tsv(f"{indicator}_day.tsv")[_SEX_CODE[sex]]
    first_month, monthly = _read_tsv(f"{indicator}_month.tsv").get(_SEX_CODE[sex], (0, ()))
    if monthly and len(daily) / DAYS_PER_MONTH < first_month:
        raise ValueError(f"assets/who: {indicator} has no LMS row between its daily and monthly tables")
    # With monthly rows, day d is usable while d / 30.4375 stays within the last tabulated month.
    last_month = first_month + len(monthly) - 1
    last_day = math.floor(last_month * DAYS_PER_MONTH) if monthly else len(daily) - 1
    return Reference(daily, monthly, first_month, last_day)


def _age_limit_error(indicator: str, last_day: int, age_days: float) -> ValidationError:
    if indicator == "wfa":
        return ValidationError(
            "WHO weight-for-age stops at 10 years (day {last_day}); age {age_days} days is beyond. "
            "Use BMI-for-age for older children.",
            last_day=last_day,
            age_days=age_days,
        )
    if indicator == "hcfa":
        return ValidationError(
            "WHO head circumference-for-age stops at 5 years (day {last_day}); "
            "age {age_days} days is beyond.",
            last_day=last_day,
            age_days=age_days,
        )
    return ValidationError(
        "WHO growth references stop at 19 years (day {last_day}); age {age_days} days is beyond.",
        last_day=last_day,
        age_days=age_days,
    )


def _whole_day(ref: Reference, indicator: str, age_days: float) -> int:
    """The age rounded half-up to whole days, WHO anthro's rule, within the reference's range."""
    if not age_days >= 0:  # also catches NaN
        raise ValidationError("The age must be zero days or more, not {age_days}.", age_days=age_days)
    if age_days > ref.last_day + 0.5:  # also catches infinity before floor() would fail
        raise _age_limit_error(indicator, ref.last_day, age_days)
    day = math.floor(age_days + 0.5)
    if day > ref.last_day:
        raise _age_limit_error(indicator, ref.last_day, age_days)
    return day


def _position_corrected(length_cm: float, day: int, measured_lying: bool | None) -> float:
    """The length/height in the position the table expects at ``day``."""
    if measured_lying is None:
        return length_cm
    if day <= LAST_LENGTH_DAY and not measured_lying:
        return length_cm + POSITION_CORRECTION_CM  # standing reads shorter than lying
    if day > LAST_LENGTH_DAY and measured_lying:
        return length_cm - POSITION_CORRECTION_CM
    return length_cm


def sd_value(lms: Lms, z: float) -> float:
    """The measurement at ``z`` on the plain LMS curve: M*(1+L*S*z)^(1/L), or M*exp(S*z) for L = 0."""
    power, median, spread = lms
    if abs(power) < 1e-12:
        return median * math.exp(spread * z)
    return median * (1.0 + power * spread * z) ** (1.0 / power)


def _lms_z(value: float, lms: Lms) -> float:
    power, median, spread = lms
    if abs(power) < 1e-12:
        return math.log(value / median) / spread
    return ((value / median) ** power - 1.0) / (power * spread)


def _restricted_z(value: float, z: float, lms: Lms) -> float:
    """WHO's rule beyond +-3 SD for weight-based indicators: distances measured in the 2-3 SD gap."""
    if z > 3.0:
        sd3, sd2 = sd_value(lms, 3.0), sd_value(lms, 2.0)
        return 3.0 + (value - sd3) / (sd3 - sd2)
    if z < -3.0:
        sd3, sd2 = sd_value(lms, -3.0), sd_value(lms, -2.0)
        return -3.0 + (value - sd3) / (sd2 - sd3)
    return z


def zscore(
    indicator: str, sex: str, age_days: float, value: float, measured_lying: bool | None = None
) -> float:
    """The WHO z-score of ``value`` (kg, cm or kg/m2) for a child of ``sex`` aged ``age_days``.

    ``measured_lying`` only matters for ``lhfa``: None means "in the position the table expects".
    """
    ref = reference(indicator, sex)
    day = _whole_day(ref, indicator, age_days)
    if not 0.0 < value < math.inf:
        raise ValidationError("The measured value must be a positive number, not {value}.", value=value)
    if indicator == "lhfa":
        value = _position_corrected(value, day, measured_lying)
    lms = ref.lms(day)
    z = _lms_z(value, lms)
    if indicator in _WEIGHT_BASED and (z > 3.0 or z < -3.0):
        z = _restricted_z(value, z, lms)
    return z


def centile(
    indicator: str, sex: str, age_days: float, value: float, measured_lying: bool | None = None
) -> float:
    """The centile (0-100) of ``value``: 100 * Phi(z), Phi the standard normal distribution."""
    z = zscore(indicator, sex, age_days, value, measured_lying)
    return 50.0 * (1.0 + math.erf(z / math.sqrt(2.0)))


def _value_at(lms: Lms, z: float, weight_based: bool) -> float:
    """The inverse of ``zscore`` at one age, so that a point on a drawn line reads back as that z."""
    if weight_based and z > 3.0:
        sd3 = sd_value(lms, 3.0)
        return sd3 + (z - 3.0) * (sd3 - sd_value(lms, 2.0))
    if weight_based and z < -3.0:
        sd3 = sd_value(lms, -3.0)
        return sd3 + (z + 3.0) * (sd_value(lms, -2.0) - sd3)
    return sd_value(lms, z)


def curve(
    indicator: str, sex: str, z: float, start_day: int, end_day: int, step_days: int
) -> list[tuple[int, float]]:
    """The (day, value) points of the line at ``z`` from ``start_day`` to ``end_day`` (both drawn).

    Days go by ``step_days``; ``end_day`` is added when the step does not land on it, so a chart line
    always reaches the last age. Length/height jumps by about 0.7 cm between day 730 (lying) and 731
    (standing): that step is real, the two tables measure different things. Beyond +-3 SD, weight and
    BMI lines follow the restricted rule, so reading a point back with ``zscore`` gives ``z`` again.
    """
    ref = reference(indicator, sex)
    if not -MAX_CURVE_Z <= z <= MAX_CURVE_Z:
        raise ValidationError("A growth line must lie between -5 and +5 SD, not {z}.", z=z)
    if step_days < 1:
        raise ValidationError("The step between ages must be at least one day, not {step}.", step=step_days)
    if start_day > end_day:
        raise ValidationError(
            "A growth line cannot end (day {end}) before it starts (day {start}).",
            start=start_day,
            end=end_day,
        )
    first = _whole_day(ref, indicator, start_day)
    last = _whole_day(ref, indicator, end_day)
    days = list(range(first, last + 1, step_days))
    if days[-1] != last:
        days.append(last)
    weight_based = indicator in _WEIGHT_BASED
    lms = ref.lms
    return [(day, _value_at(lms(day), z, weight_based)) for day in days]


# -- Reading a point: plausibility, corrected age, BMI categories ----------------------------------------

# WHO's flags for biologically implausible z-scores, most likely a measuring or typing error: WHO anthro
# R package (R/z-score.R: flen |z| > 6, fwei z < -6 or z > 5, fbmi |z| > 5, fhc |z| > 5) and anthroplus
# for 5-19 years (R/zscores.R: fhfa |z| > 6, fwfa z < -6 or z > 5, fbfa |z| > 5).
PLAUSIBLE_Z: dict[str, tuple[float, float]] = {
    "wfa": (-6.0, 5.0),
    "lhfa": (-6.0, 6.0),
    "hcfa": (-5.0, 5.0),
    "bfa": (-5.0, 5.0),
}
TERM_WEEKS = 40  # corrected age = age - (40 - weeks at birth) weeks
PRETERM_BEFORE_WEEKS = 37
CORRECTED_UNTIL_DAYS = 730  # the age is corrected until 24 months (2 years) of age
STANDARDS_LAST_DAY = 1856  # after 5 years the WHO 2007 reference applies
# WHO 2007 reference, BMI-for-age 5-19 years: overweight > +1 SD, obesity > +2 SD (de Onis et al.,
# Bull WHO 2007;85:660-7: +1 SD at 19 years = BMI 25, +2 SD = BMI 30, the adult cut-offs).
OVERWEIGHT_Z = 1.0
OBESITY_Z = 2.0


def implausible(indicator: str, z: float) -> bool:
    """True when WHO would flag the z-score as biologically implausible (check the entry)."""
    low, high = PLAUSIBLE_Z[indicator]
    return z < low or z > high


def growth_age_days(age_days: int, born_at_weeks: int | None) -> int:
    """The age to read the curves at: corrected for a baby born before 37 weeks until 2 years of age
    (may be negative before the expected term), else the age itself."""
    if born_at_weeks is None or born_at_weeks >= PRETERM_BEFORE_WEEKS or age_days >= CORRECTED_UNTIL_DAYS:
        return age_days
    return age_days - (TERM_WEEKS - born_at_weeks) * 7


def bmi_category(age_days: int, z: float) -> str | None:
    """ "obesity" or "overweight" for a BMI-for-age z-score after 5 years (WHO 2007), else None."""
    if age_days <= STANDARDS_LAST_DAY:
        return None
    if z > OBESITY_Z:
        return "obesity"
    return "overweight" if z > OVERWEIGHT_Z else None
