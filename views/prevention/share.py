"""A prevention PDF handed to the user the way the platform can: kept in the export folder (desktop),
downloaded by the browser (web), or offered to the share sheet (phone)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from services import exports
from views.context import ViewContext
from views.files import MOBILE, WEB


def deliver(ctx: ViewContext, make: Callable[[], bytes], file_name: str, title: str) -> None:
    """Builds the PDF (a refusal is said, nothing written), then hands it over."""
    _, state = ctx._, ctx.state
    made: list[Path] = []
    if not ctx.act(lambda: made.append(exports.write_export(state.export_dir, file_name, make()))):
        return
    path = made[0]

    async def hand_over() -> None:
        files = ctx.host.files
        if files.platform == WEB:
            await files.save_as(title, path.name, data=path.read_bytes(), extension="pdf")
            ctx.host.toast(_("PDF handed to your browser ({name}).").format(name=path.name))
        elif files.platform == MOBILE:
            await files.share(path, title)
            ctx.host.toast(_("PDF saved: {path}").format(path=path))
        else:
            ctx.host.toast(_("PDF saved: {path}").format(path=path))

    ctx.host.run_task(hand_over)


def safe_name(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text) or "profil"
