"""Text contrast >= 4.5:1 (WCAG 2.x, 1.4.3) in the light and the dark theme (issue 13).

The colours come from two tables measured in Chromium by scripts/measure_colours.py, since Python cannot
read them: the theme's roles, which Flutter derives from the seed of components/theme.py, and the
palette's constants (green900...). The checks: the role pairs the app draws text with (its own, and
Flutter's defaults: body text on the surface, a card, a dialog, the navigation bar...), the pairs of
the components that keep their own light background in both themes (status badges, the booklet's cells,
finding cards, the demo banner), and every colour written by name on a text in views/ and components/,
against the background it is drawn on (its container's, else the surfaces text sits on).
"""

import ast
from pathlib import Path

import flet as ft
import pytest

from components import demo_banner, finding_card, status_badge
from components.theme import SEED, theme

ROOT = Path(__file__).resolve().parents[2]
MINIMUM = 4.5
MEASURED_SEED = ft.Colors.TEAL
SCHEME = {  # Flutter's ColorScheme.fromSeed(teal), measured (scripts/measure_colours.py)
    "light": {
        "primary": "#006A60", "onprimary": "#FFFFFF", "primarycontainer": "#9EF2E4",
        "onprimarycontainer": "#005048", "secondary": "#4A635F", "secondarycontainer": "#CCE8E2",
        "onsecondarycontainer": "#334B47", "tertiary": "#456179", "error": "#BA1A1A", "onerror": "#FFFFFF",
        "errorcontainer": "#FFDAD6", "onerrorcontainer": "#93000A", "surface": "#F4FBF8",
        "onsurface": "#161D1C", "onsurfacevariant": "#3F4947", "surfacecontainerlow": "#EFF5F2",
        "surfacecontainer": "#E9EFED",
        "surfacecontainerhigh": "#E3EAE7", "surfacecontainerhighest": "#DDE4E1",
        "inversesurface": "#2B3230", "oninversesurface": "#ECF2EF",
    },
    "dark": {
        "primary": "#82D5C8", "onprimary": "#003731", "primarycontainer": "#005048",
        "onprimarycontainer": "#9EF2E4", "secondary": "#B1CCC6", "secondarycontainer": "#334B47",
        "onsecondarycontainer": "#CCE8E2", "tertiary": "#ADCAE6", "error": "#FFB4AB", "onerror": "#690005",
        "errorcontainer": "#93000A", "onerrorcontainer": "#FFDAD6", "surface": "#0E1513",
        "onsurface": "#DDE4E1", "onsurfacevariant": "#BEC9C6", "surfacecontainerlow": "#161D1C",
        "surfacecontainer": "#1A2120",
        "surfacecontainerhigh": "#252B2A", "surfacecontainerhighest": "#303635",
        "inversesurface": "#DDE4E1", "oninversesurface": "#2B3230",
    },
}  # fmt: skip
PALETTE = {  # Flutter's Colors constants, the same in both themes (measured likewise)
    "black": "#000000", "white": "#FFFFFF", "amber100": "#FFECB3", "blue50": "#E3F2FD", "blue800": "#1565C0",
    "blue900": "#0D47A1", "bluegrey50": "#ECEFF1", "bluegrey800": "#37474F", "deeporange900": "#BF360C",
    "green50": "#E8F5E9", "green900": "#1B5E20", "grey200": "#EEEEEE", "grey700": "#616161",
    "grey800": "#424242", "grey900": "#212121", "orange50": "#FFF3E0", "orange900": "#E65100",
    "red50": "#FFEBEE", "red700": "#D32F2F", "red800": "#C62828", "red900": "#B71C1C", "teal700": "#00796B",
}  # fmt: skip
MODES = ("light", "dark")
C = ft.Colors
# Where text lies when nothing else is said: the page, a card (M3: surface container low), a dialog or a
# menu (surface container high), the navigation bar (surface container).
SURFACES = (C.SURFACE, C.SURFACE_CONTAINER_LOW, C.SURFACE_CONTAINER, C.SURFACE_CONTAINER_HIGH)
THEME_PAIRS = [
    *((C.ON_SURFACE, s) for s in SURFACES),  # body text (Flet's default text colour)
    *((C.ON_SURFACE_VARIANT, s) for s in SURFACES),  # field labels, subtitles, tab labels (Flet's defaults)
    *((C.PRIMARY, s) for s in SURFACES),  # text and outlined buttons, links
    *((C.ERROR, s) for s in SURFACES),  # refusals under a field, failed backups
    (C.ON_PRIMARY, C.PRIMARY),  # filled buttons, the unread badge of Messages
    (C.ON_PRIMARY_CONTAINER, C.PRIMARY_CONTAINER),
    (C.ON_SURFACE, C.PRIMARY_CONTAINER),  # the text of one's own message bubble
    (C.ON_SURFACE, C.SURFACE_CONTAINER_HIGHEST),  # a received message
    (C.ERROR, C.SURFACE_CONTAINER_HIGHEST),  # "from a blocked professional" in a received message
    (C.ON_SECONDARY_CONTAINER, C.SECONDARY_CONTAINER),  # the selected tab, chip and segment
    (C.ON_ERROR_CONTAINER, C.ERROR_CONTAINER),
    (C.ON_INVERSE_SURFACE, C.INVERSE_SURFACE),  # snack bars, tooltips
]
# Components that draw their text on their own background, the same in both themes.
OWN_BACKGROUND = [
    *((f"status {s}", colour, back) for s, (_, colour, back) in status_badge.STYLES.items()),
    *((f"finding {level}", colour, back) for level, (_, colour, back) in finding_card.LOOKS.items()),
    *(
        (f"finding text {level}", finding_card.TEXT, back)
        for level, (_, _, back) in finding_card.LOOKS.items()
    ),
    *((f"finding source {lv}", finding_card.SOURCE, back) for lv, (_, _, back) in finding_card.LOOKS.items()),
    ("demo banner", demo_banner.FOREGROUND, demo_banner.BACKGROUND),
]
# Text colours written by name that do not reach 4.5:1: none is left, so a new one fails here.
LEFT: set[str] = set()


def hex_of(colour, mode: str) -> str:
    name = colour.value if isinstance(colour, ft.Colors) else str(colour)
    if name.startswith("#"):
        return name
    known = {**PALETTE, **SCHEME[mode]}
    assert name in known, f"{name}: measure it with scripts/measure_colours.py and add it here"
    return known[name]


def luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour "#RRGGBB"."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(text: str, background: str) -> float:
    high, low = sorted((luminance(text), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_formula_gives_wcag_s_own_figures():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)  # just below AA
    assert contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)  # the lightest grey that passes
    assert contrast("#123456", "#123456") == 1


def test_the_measured_roles_are_those_of_the_app_s_theme():
    """A new seed or a role set by hand changes the colours: measure them again (the docstring)."""
    assert SEED == theme().color_scheme_seed == MEASURED_SEED
    assert theme().color_scheme is None


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("text", "background"), THEME_PAIRS, ids=lambda c: c.value)
def test_each_text_role_reads_on_its_background(text, background, mode):
    assert contrast(hex_of(text, mode), hex_of(background, mode)) >= MINIMUM


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("name", "text", "background"), OWN_BACKGROUND, ids=lambda v: str(v))
def test_a_component_on_its_own_background_reads_in_both_themes(name, text, background, mode):
    assert contrast(hex_of(text, mode), hex_of(background, mode)) >= MINIMUM, name


def named_text_colours(path: Path):
    """(line, colour, background or None) of each text given a colour by name (``color=ft.Colors.X`` on
    a Text, a TextStyle or a ButtonStyle); the background is that of the Container it sits directly in,
    when that Container names one."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and _called(node) in ("Text", "TextStyle", "ButtonStyle")):
            continue
        for keyword in node.keywords:
            if keyword.arg == "color" and _colour_name(keyword.value):
                yield node.lineno, _colour_name(keyword.value), _container_background(node, parents)


def _called(node: ast.Call) -> str:
    return node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")


def _colour_name(node: ast.expr) -> str | None:
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Attribute)
        and node.value.attr == "Colors"
    ):
        return getattr(ft.Colors, node.attr).value
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("#"):
        return node.value
    return None


def _container_background(node: ast.AST, parents: dict) -> str | None:
    parent = parents.get(node)
    if isinstance(parent, ast.keyword):
        parent = parents.get(parent)
    if isinstance(parent, ast.Call) and _called(parent) == "Container":
        return next((_colour_name(k.value) for k in parent.keywords if k.arg == "bgcolor"), None)
    return None


def unreadable_named_colours() -> set[str]:
    """ "module colour (theme)" of each named text colour below 4.5:1 on a background it is drawn on."""
    found = set()
    for path in sorted([*(ROOT / "views").rglob("*.py"), *(ROOT / "components").rglob("*.py")]):
        for _line, colour, background in named_text_colours(path):
            for mode in MODES:
                backs = [background] if background else [surface.value for surface in SURFACES]
                if any(contrast(hex_of(colour, mode), hex_of(back, mode)) < MINIMUM for back in backs):
                    found.add(f"{path.relative_to(ROOT)} {colour} ({mode})")
    return found


def test_every_colour_named_on_a_text_reads_on_its_background_in_both_themes():
    assert unreadable_named_colours() == LEFT


def test_the_scan_sees_a_pale_text_its_container_and_a_colour_kept_in_a_name(tmp_path):
    sample = tmp_path / "screen.py"
    sample.write_text(
        "import flet as ft\n"
        "a = ft.Text('x', color=ft.Colors.GREY_700)\n"
        "b = ft.Container(ft.Text('y', color=ft.Colors.ON_PRIMARY), bgcolor=ft.Colors.PRIMARY)\n"
        "c = ft.Text('z', color=colour)\n",
        encoding="utf-8",
    )
    assert list(named_text_colours(sample)) == [(2, "grey700", None), (3, "onprimary", "primary")]
    grey = hex_of(C.GREY_700, "dark")
    assert all(contrast(grey, hex_of(s, "dark")) < MINIMUM for s in SURFACES)  # the dark theme's surfaces
