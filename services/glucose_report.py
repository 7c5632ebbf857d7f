"""The one-page glucose report to share with the doctor (issue 15): the standard AGP figures of the
International Consensus on Time in Range 2019 (assets/risk/cgm.json): time in range 70-180 mg/dL, below
(< 70, of which < 54) and above (> 180, of which > 250), mean, variability (SD, CV), GMI, the share of time
with data; then every day's curve laid over one 24-hour day, on the target band. Made with fpdf2."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from domain.glucose import GlucoseReading, daily, hourly_profile, statistics_of
from domain.models import Profile
from services.pdf import latin1

Translate = Callable[[str], str]
CHART = (25.0, 170.0, 110.0)  # x, width, height (mm) of the daily overlay, drawn under the figures
TOP_MG_DL = 400.0


def _fr(value: float, translate: Translate) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if translate("decimal-separator") == "," else text


def report_pdf(
    profile: Profile,
    readings: list[GlucoseReading],
    today: date,
    translate: Translate = lambda text: text,
    days: int = 14,
) -> bytes:
    """The report of the last ``days`` days with readings (up to the latest reading)."""
    from fpdf import FPDF  # imported on use: it costs 0.4 s of start-up otherwise

    _ = translate
    end = max(r.at.date() for r in readings) if readings else today
    start = end - timedelta(days=days - 1)
    stats = statistics_of(readings, start, end)
    chosen = [r for r in readings if start <= r.at.date() <= end]
    pdf = FPDF(format="A4")
    pdf.set_title(latin1(_("Glucose report")))
    pdf.set_creator("Carnet")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 9, latin1(_("Glucose report")), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    period = _("{name}, born on {birth} - from {start} to {end} ({days} days, {count} readings)").format(
        name=profile.display_name,
        birth=profile.birth_date.strftime(_("%m/%d/%Y")),
        start=stats.first.strftime(_("%m/%d/%Y")),
        end=stats.last.strftime(_("%m/%d/%Y")),
        days=stats.days,
        count=stats.count,
    )
    pdf.multi_cell(0, 6, latin1(period), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    meets = stats.meets()
    lines = [
        (
            _("Time in range (70-180 mg/dL)"),
            f"{_fr(stats.in_range, _)} %",
            _("target > 70 %"),
            meets["in_range"],
        ),
        (_("Below range (< 70 mg/dL)"), f"{_fr(stats.below, _)} %", _("target < 4 %"), meets["below"]),
        (_("of which < 54 mg/dL"), f"{_fr(stats.very_low, _)} %", _("target < 1 %"), meets["very_low"]),
        (_("Above range (> 180 mg/dL)"), f"{_fr(stats.above, _)} %", _("target < 25 %"), meets["above"]),
        (_("of which > 250 mg/dL"), f"{_fr(stats.very_high, _)} %", _("target < 5 %"), meets["very_high"]),
        (_("Mean glucose"), f"{_fr(stats.mean, _)} mg/dL", "", None),
        (_("Standard deviation"), f"{_fr(stats.sd, _)} mg/dL", "", None),
        (_("Coefficient of variation"), f"{_fr(stats.cv, _)} %", _("target <= 36 %"), meets["cv"]),
        (_("Glucose management indicator (GMI)"), f"{_fr(stats.gmi, _)} %", "", None),
    ]
    if stats.active_percent is not None:
        lines.append((_("Time with data"), f"{_fr(stats.active_percent, _)} %", "", None))
    for label, value, target, met in lines:
        pdf.set_font("Helvetica", size=11)
        pdf.cell(85, 7, latin1(label))
        pdf.set_font("Helvetica", "B", 11)
        pdf.cell(35, 7, latin1(value))
        pdf.set_font("Helvetica", size=9)
        mark = "" if met is None else (_("met") if met else _("not met"))
        pdf.cell(0, 7, latin1(f"{target} {('- ' + mark) if mark else ''}"), new_x="LMARGIN", new_y="NEXT")
    top = pdf.get_y() + 14
    _overlay(pdf, chosen, top, _)
    pdf.set_xy(15, top + CHART[2] + 12)
    pdf.set_font("Helvetica", "I", 8)
    footer = _(
        "Made with Carnet from the readings recorded or imported; targets of the International Consensus on "
        "Time in Range (2019) for adults with type 1 or type 2 diabetes. To be read with your doctor."
    )
    pdf.multi_cell(0, 4, latin1(footer), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _overlay(pdf: object, readings: list[GlucoseReading], y0: float, _: Translate) -> None:
    """Every day's curve over 24 hours, the 70-180 band shaded, the hours and mg/dL marked."""
    from fpdf import FPDF

    assert isinstance(pdf, FPDF)
    x0, width, height = CHART

    def y_of(mg_dl: float) -> float:
        return y0 + height * (1 - min(mg_dl, TOP_MG_DL) / TOP_MG_DL)

    pdf.set_font("Helvetica", "B", 11)
    pdf.set_xy(x0, y0 - 8)
    pdf.cell(0, 6, latin1(_("Daily glucose curves, laid over one day")))
    pdf.set_xy(x0, y0 - 3)
    pdf.set_font("Helvetica", size=7)
    pdf.cell(0, 3, latin1(_("Thin blue lines: each day; black line: the median hour by hour.")))
    pdf.set_fill_color(220, 240, 225)
    pdf.rect(x0, y_of(180), width, y_of(70) - y_of(180), style="F")
    pdf.set_draw_color(120, 120, 120)
    pdf.rect(x0, y0, width, height)
    pdf.set_font("Helvetica", size=7)
    for level in (54, 70, 180, 250):
        pdf.line(x0 - 1, y_of(level), x0, y_of(level))
        pdf.set_xy(x0 - 9, y_of(level) - 2)
        pdf.cell(8, 4, str(level), align="R")
    for hour in range(0, 25, 3):
        x = x0 + width * hour / 24
        pdf.set_xy(x - 4, y0 + height + 1)
        pdf.cell(8, 4, f"{hour:02d}h", align="C")
    pdf.set_draw_color(40, 90, 160)
    pdf.set_line_width(0.15)
    for day_readings in daily(readings).values():
        points = [(x0 + width * (r.at.hour * 60 + r.at.minute) / 1440, y_of(r.mg_dl)) for r in day_readings]
        if len(points) >= 2:
            pdf.polyline(points)
    median = [
        (x0 + width * (hour + 0.5) / 24, y_of(p[2])) for hour, p in sorted(hourly_profile(readings).items())
    ]
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.7)
    if len(median) >= 2:
        pdf.polyline(median)
    pdf.set_line_width(0.2)
